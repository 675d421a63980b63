/**
 * "Cite this chart": a sentence and a BibTeX entry for a chart or a download, with a permalink
 * pinned to the data version (`v=`), so a reader can get the same numbers (docs/PEERS.md §1: OWID's
 * in-line and full citation; §12.4–5: cite the data version). Pure.
 */
import { formatDay } from './format';

export const PUBLISHER = 'Robocall Atlas';
export const FTC_SOURCE = 'Federal Trade Commission, Do Not Call reported calls data';
export const FTC_SOURCE_URL =
  'https://www.ftc.gov/policy-notices/open-government/data-sets/do-not-call-data';

export interface CiteInput {
  /** The chart's title (`Complaints over time`). */
  title: string;
  /** The view's filters in words (`All complaints in Ohio over the whole period`). */
  description: string;
  /** Absolute URL of the view, with `v=<data version>`. */
  permalink: string;
  dataVersion: string;
  /** When the reader saw it: `YYYY-MM-DD`. */
  accessed: string;
  /** The data's first and last complaint dates (`YYYY-MM-DD`), when known. */
  dataFrom?: string | null;
  dataTo?: string | null;
  synthetic?: boolean;
  /** `chart` (default) or `dataset` (a download). */
  kind?: 'chart' | 'dataset';
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function checkDay(value: string, what: string): void {
  if (!DAY.test(value)) throw new Error(`${what} must be YYYY-MM-DD, got ${JSON.stringify(value)}`);
}

/** `Complaints over time: All complaints in Ohio over the whole period`. */
export function citedTitle(input: Pick<CiteInput, 'title' | 'description'>): string {
  const title = input.title.trim();
  const description = input.description.trim();
  return description ? `${title}: ${description}` : title;
}

function coverage(input: CiteInput): string {
  if (input.dataFrom && input.dataTo)
    return ` (FTC Do Not Call complaints created ${formatDay(input.dataFrom)} to ${formatDay(input.dataTo)})`;
  return '';
}

/**
 * The sentence: `Robocall Atlas. “Complaints over time: All complaints in Ohio over the whole
 * period.” Chart, data version 3d823eea31c2 (FTC Do Not Call complaints created …). Source: Federal
 * Trade Commission, Do Not Call reported calls data. https://…&v=3d823eea31c2. Accessed November
 * 29, 2026.`
 */
export function citationText(input: CiteInput): string {
  checkDay(input.accessed, 'accessed');
  const what = input.kind === 'dataset' ? 'Dataset' : 'Chart';
  const title = citedTitle(input).replace(/[.\s]+$/, '');
  const synthetic = input.synthetic ? ' Synthetic sample data, not real complaints.' : '';
  return `${PUBLISHER}. “${title}.” ${what}, data version ${input.dataVersion}${coverage(input)}. Source: ${FTC_SOURCE}.${synthetic} ${input.permalink}. Accessed ${formatDay(input.accessed)}.`;
}

/** BibTeX's special characters escaped for a field value (braces kept balanced by escaping them). */
const BIBTEX_SPECIAL: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '{': '\\{',
  '}': '\\}',
  '&': '\\&',
  '%': '\\%',
  $: '\\$',
  '#': '\\#',
  _: '\\_',
  '^': '\\^{}',
  '~': '\\~{}',
};

export function escapeBibtex(text: string): string {
  // One pass, so an escape is never escaped again.
  return text
    .replace(/[\\{}&%$#_^~]/g, (c) => BIBTEX_SPECIAL[c]!)
    .replace(/[“”]/g, '"')
    .replace(/[‘’]/g, "'");
}

/** A URL for a BibTeX `url` field: the url package reads it verbatim; only braces and spaces would break it. */
export function bibtexUrl(url: string): string {
  return url.replace(/[{}\s\\]/g, (c) => encodeURIComponent(c));
}

/** `robocallatlas-2026-3d823eea31c2-a1b2c3`: year, data version and a hash of the permalink, so two views get two keys. */
export function bibtexKey(
  input: Pick<CiteInput, 'permalink' | 'dataVersion' | 'accessed'>,
): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < input.permalink.length; i++) {
    h ^= input.permalink.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  const version = input.dataVersion.replace(/[^0-9a-zA-Z]/g, '').slice(0, 12) || 'unversioned';
  return `robocallatlas-${input.accessed.slice(0, 4)}-${version}-${(h >>> 0).toString(36)}`;
}

/** A `@misc` entry with title, publisher, year, url, the access date and the data version. */
export function citationBibtex(input: CiteInput): string {
  checkDay(input.accessed, 'accessed');
  const what = input.kind === 'dataset' ? 'Dataset' : 'Chart';
  const notes = [
    `${what}, data version ${input.dataVersion}${coverage(input)}`,
    `Source: ${FTC_SOURCE}`,
    ...(input.synthetic ? ['Synthetic sample data, not real complaints'] : []),
    `Accessed ${formatDay(input.accessed)}`,
  ];
  const fields: [string, string][] = [
    // Double braces keep BibTeX from changing the case of the title and the corporate author.
    ['title', `{${escapeBibtex(citedTitle(input))}}`],
    ['author', `{${PUBLISHER}}`],
    ['publisher', `{${PUBLISHER}}`],
    ['year', input.accessed.slice(0, 4)],
    ['url', bibtexUrl(input.permalink)],
    ['urldate', input.accessed],
    ['version', escapeBibtex(input.dataVersion)],
    ['note', escapeBibtex(`${notes.join('. ')}.`)],
  ];
  const width = Math.max(...fields.map(([k]) => k.length));
  return `@misc{${bibtexKey(input)},\n${fields.map(([k, v]) => `  ${k.padEnd(width)} = {${v}}`).join(',\n')}\n}`;
}
