/**
 * Finding the FTC's daily CSV files on its "Do Not Call data" landing page.
 *
 * Pure: HTML text in, links out. The page is Drupal-generated and its markup has changed over the
 * years, so we do not depend on its structure (tables, classes): we read every `href` on the page
 * and keep those whose file name is a daily file name as `ftc-format.ts` defines it. Anything else
 * (PDFs, the API docs, other data sets) falls out by name.
 */
import { parseDailyFileName } from '../../src/lib/ftc-format';

export interface DailyFileLink {
  /** Absolute URL to download, query string kept (some CDNs key on it), fragment dropped. */
  url: string;
  /** The file name exactly as published (last path segment, percent-decoded). */
  fileName: string;
  /** Publication date from the name, `YYYY-MM-DD`. */
  published: string;
  /** `0` for a `_0` republication, null otherwise. */
  suffix: string | null;
}

/**
 * Every daily CSV link on the page, resolved against the page URL (or its `<base href>`),
 * de-duplicated by file name (the archive is keyed by name, so two URLs for one name would
 * collide; the first on the page wins), ordered by publication date then name.
 */
export function extractDailyFileLinks(html: string, pageUrl: string): DailyFileLink[] {
  return partitionDailyFileLinks(html, pageUrl, () => null).links;
}

export interface RefusedLink extends DailyFileLink {
  reason: string;
}

/**
 * The daily CSV links, split by `refuse` (a reason, or null to accept) before de-duplication, so
 * that an off-host link cannot shadow the genuine link to the same file name. A name refused on
 * one link but accepted on another is listed as accepted only.
 */
export function partitionDailyFileLinks(
  html: string,
  pageUrl: string,
  refuse: (url: URL) => string | null,
): { links: DailyFileLink[]; refused: RefusedLink[] } {
  // Links inside comments are not links; old page versions sometimes leave them there.
  const text = html.replace(/<!--[\s\S]*?-->/g, '');
  const base = baseHref(text, pageUrl);
  const byName = new Map<string, DailyFileLink>();
  const refusedByName = new Map<string, RefusedLink>();
  for (const raw of hrefValues(text)) {
    const link = toDailyFileLink(decodeHtmlEntities(raw.trim()), base);
    if (!link) continue;
    const reason = refuse(new URL(link.url));
    if (reason !== null) {
      if (!refusedByName.has(link.fileName)) refusedByName.set(link.fileName, { ...link, reason });
    } else if (!byName.has(link.fileName)) byName.set(link.fileName, link);
  }
  const refused = [...refusedByName.values()].filter((link) => !byName.has(link.fileName));
  return { links: sortLinks([...byName.values()]), refused: sortLinks(refused) };
}

function sortLinks<T extends DailyFileLink>(links: T[]): T[] {
  // Code-point order, not localeCompare: the order must not depend on the machine's locale.
  return links.sort((a, b) => compare(a.published, b.published) || compare(a.fileName, b.fileName));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The raw (still entity-encoded) value of every `href` attribute, in page order. */
function hrefValues(html: string): string[] {
  // Preceded by whitespace so that `data-href=` and the like do not count.
  const pattern = /\shref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'<>`=]+))/gi;
  const values: string[] = [];
  for (const match of html.matchAll(pattern)) {
    values.push(match[1] ?? match[2] ?? match[3] ?? '');
  }
  return values;
}

/** A `<base href>` changes what relative links resolve against; honour it when present. */
function baseHref(html: string, pageUrl: string): string {
  const match = /<base\b[^>]*\shref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'<>`=]+))/i.exec(html);
  const value = match ? (match[1] ?? match[2] ?? match[3]) : undefined;
  if (value === undefined) return pageUrl;
  try {
    return new URL(decodeHtmlEntities(value.trim()), pageUrl).href;
  } catch {
    return pageUrl;
  }
}

function toDailyFileLink(href: string, base: string): DailyFileLink | null {
  let url: URL;
  try {
    url = new URL(href, base);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  url.hash = '';
  const lastSegment = url.pathname.slice(url.pathname.lastIndexOf('/') + 1);
  let fileName: string;
  try {
    fileName = decodeURIComponent(lastSegment);
  } catch {
    return null;
  }
  // The strict name pattern also guarantees the name is safe to use as a path segment.
  const parsed = parseDailyFileName(fileName);
  if (!parsed) return null;
  return { url: url.href, fileName, published: parsed.published, suffix: parsed.suffix };
}

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
};

/** Attribute values are HTML: `&amp;` in a query string is a plain `&` in the URL. */
export function decodeHtmlEntities(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (entity, body: string) => {
    if (body[0] === '#') {
      const code =
        body[1] === 'x' || body[1] === 'X'
          ? Number.parseInt(body.slice(2), 16)
          : Number.parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff
        ? String.fromCodePoint(code)
        : entity;
    }
    return NAMED_ENTITIES[body.toLowerCase()] ?? entity;
  });
}
