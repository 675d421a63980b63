/**
 * Project Point of No Entry letters and related enforcement actions, grouped by provider. The
 * reference tables spell one company several ways ("One Eye LLC", "One Eye, LLC"; "VoIP
 * Terminator d/b/a BL Marketing"), so providers are matched on a normalised key. Pure functions.
 */
import { monthKey, type Month } from '../dates';
import {
  GATEWAY_CATEGORIES,
  PROVIDER_CATEGORIES,
  parseCategory,
  parseSourceKind,
  type Category,
  type SourceKind,
} from './action-categories';
import {
  ENFORCEMENT_ACTIONS_TABLE,
  type EnforcementActionRow,
  type PoneCallerNumberRow,
  type PoneLetterRow,
} from '../catalog/tables';

/** The columns of the reference tables the provider pages read; their types are the catalog's. */
export const LETTER_COLUMNS = [
  'pdf_file',
  'provider',
  'letter_type',
  'recordings',
  'caller_ids',
  'ftc_url',
  'letter_date',
  'source_url',
  'notes',
] as const;
export const ACTION_COLUMNS = ENFORCEMENT_ACTIONS_TABLE.columns.map((c) => c.name);
export const NUMBER_COLUMNS = [
  'caller_number',
  'provider',
  'letter_pdf',
  'campaign',
  'likely_ftc_staff_number',
] as const;

/** A PoNE letter (`ftc_url`: the FTC's PoNE letters page; no per-letter URL is known). */
export type LetterRow = Pick<PoneLetterRow, (typeof LETTER_COLUMNS)[number]>;
/** An enforcement action; `provider` is empty for a batch row (its notes start with `batch`). */
export type ActionRow = EnforcementActionRow;
/** A caller number a letter names (`letter_pdf`: the letter's PDF, by base name). */
export type NumberRow = Omit<
  Pick<PoneCallerNumberRow, (typeof NUMBER_COLUMNS)[number]>,
  'letter_pdf'
> &
  Partial<Pick<PoneCallerNumberRow, 'letter_pdf'>>;

export interface PoneComplaintRow {
  month: Month;
  provider: string;
  caller_number: string;
  complaints: number;
}

/** The FTC's page of published PoNE letters. */
export const PONE_LETTERS_URL =
  'https://www.ftc.gov/legal-library/browse/project-point-no-entry-letters';

const CORPORATE = new Set([
  'inc',
  'llc',
  'l',
  'c',
  'ltd',
  'corp',
  'corporation',
  'co',
  'company',
  'lp',
  'sa',
  'kft',
  'et',
  'al',
]);

/** A company's words without punctuation, asides in brackets, d/b/a names or corporate suffixes. */
function baseWords(name: string): string[] {
  const first = name
    .toLowerCase()
    .replace(/\([^)]*\)/g, ' ') // asides: "(d/b/a Call48)", "(America)", "(and Netlatitude, Inc.)"
    .split(/\s+(?:d\/b\/a|a\/k\/a)\s+|;|\s\/\s/)[0]!; // the first of several names
  const words = first
    .replace(/&/g, ' and ')
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  while (words.length > 1 && CORPORATE.has(words[words.length - 1]!)) words.pop();
  return words;
}

/** The key two spellings of one provider share; '' for entries that name no single provider. */
export function providerKey(name: string): string {
  if (name.trim().startsWith('(')) return '';
  // Singular forms, so "Telcast Networks" and "Telcast Network" meet.
  return baseWords(name)
    .map((w) => (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w))
    .join(' ');
}

/** The URL slug for a provider's page: `one-eye`, `hfa-services`. */
export function providerSlug(name: string): string {
  return baseWords(name).join('-').slice(0, 60).replace(/-+$/, '');
}

export interface EventDate {
  /** As given: `YYYY-MM-DD`, `YYYY-MM` or null. */
  text: string | null;
  precision: 'day' | 'month' | 'none';
  month: Month | null;
  /** For sorting and charting: the day, or the first of the month. */
  day: string | null;
}

export function parseEventDate(text: string | null | undefined): EventDate {
  const t = (text ?? '').trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(t))
    return { text: t, precision: 'day', month: monthKey(t), day: t };
  if (/^\d{4}-\d{2}$/.test(t)) return { text: t, precision: 'month', month: t, day: `${t}-01` };
  return { text: null, precision: 'none', month: null, day: null };
}

/** The agency in a few words, for colour keys: `FTC`, `FCC`, `FTC and FCC`, `State AGs`, or as given. */
export function agencyGroup(agency: string | null): string {
  const a = (agency ?? '').trim();
  const ftc = /\bFTC\b/.test(a);
  const fcc = /\bFCC\b/.test(a);
  if (ftc && fcc) return 'FTC and FCC';
  if (/^state/i.test(a)) return 'State AGs';
  if (ftc && /\+/.test(a)) return 'FTC and partners';
  if (ftc) return 'FTC';
  if (fcc) return 'FCC';
  return a || 'Not stated';
}

export interface TimelineEvent {
  id: string;
  date: EventDate;
  /** As the source names it; '' for a batch. */
  provider: string;
  /** Slug of the provider's page; null for batches and for robocall operations (not providers). */
  slug: string | null;
  kind: string;
  agency: string;
  agencyGroup: string;
  /** What the action targets (see action-categories.ts). */
  category: Category;
  /** Whether `source_url` is the agency's or court's own document, or reporting on it. */
  sourceKind: SourceKind;
  /** For a batch row, who it covers in a few words ("19 VoIP service providers"); null for one named party. */
  batch: string | null;
  /** `letter` for a PoNE letter from the letters table, `action` for a row of the actions table. */
  origin: 'letter' | 'action';
  source_url: string | null;
  /** Other reports of the same action, from the notes ("Also reported by …"). */
  alsoReported: { host: string; url: string }[];
  /** Another spelling the sources think is probably the same firm ("TeleCall Telecommunications"). */
  sameFirmAs: string | null;
  notes: string | null;
  /** For PoNE letters: the PDF, and how many caller numbers it names (filled in by buildProviders). */
  letter?: { pdf: string; callerIds: number | null; type: string | null };
}

export interface Provider {
  slug: string;
  key: string;
  name: string;
  /** Every spelling the sources use. */
  names: string[];
  events: TimelineEvent[];
  letters: TimelineEvent[];
  numbers: { caller_number: string; campaign: string | null; staff: boolean; complaints: number }[];
  /** Complaints reporting one of the provider's numbers, by month. */
  monthly: Map<Month, number>;
  complaints: number;
  /** Another provider's name the sources think is probably this firm, with its slug when it has a page. */
  probablySame: { name: string; slug: string | null } | null;
}

function letterKind(type: string | null): string {
  return type === 'warning' ? 'PoNE warning letter' : type ? `PoNE ${type} letter` : 'PoNE letter';
}

/** Who a batch row covers, from its notes: `batch: 19 VoIP service providers; the FTC …` → `19 VoIP service providers`. */
export function batchWho(notes: string | null): string {
  const rest = (notes ?? '').replace(/^batch\s*(\([^)]*\))?\s*:\s*/i, '');
  const cut = rest
    .split(/\s\(|;\s|\.\s|\sthat\s|\ssent\s/)[0]!
    .replace(/["“”]/g, '')
    .trim();
  return cut || 'several providers';
}

/** `Also reported by commsrisk.com (https://…)` in the notes, as links. */
export function alsoReportedIn(notes: string | null): { host: string; url: string }[] {
  const out: { host: string; url: string }[] = [];
  for (const m of (notes ?? '').matchAll(
    /[Aa]lso reported by ([a-z0-9.-]+\.[a-z]{2,})\s*\((https?:\/\/[^)\s]+)\)/g,
  ))
    out.push({ host: m[1]!, url: m[2]! });
  return out;
}

/** The other spelling the notes flag: `probably the same firm as "TeleCall Telecommunications"`. */
export function probablySameFirm(notes: string | null): string | null {
  const m = /probably the same firm as\s+["“]([^"”]+)["”]/i.exec(notes ?? '');
  return m ? m[1]!.trim() : null;
}

/** Whether an action row describes the same PoNE letter as a row of the letters table. */
function sameLetter(action: TimelineEvent, letter: LetterRow): boolean {
  if (action.category !== 'pone_letter' || action.batch !== null || action.origin !== 'action')
    return false;
  const a = action.date;
  const l = parseEventDate(letter.letter_date);
  return a.month === null || l.month === null || a.month === l.month;
}

function actionEvent(a: ActionRow, i: number): TimelineEvent {
  const where = `enforcement_actions.csv row ${i + 2}`;
  const provider = (a.provider ?? '').trim();
  const isBatch = /^batch\b/i.test((a.notes ?? '').trim());
  if (!provider && !isBatch)
    throw new Error(`${where}: no provider, and the notes do not start with "batch"`);
  if (provider.startsWith('('))
    throw new Error(`${where}: provider ${JSON.stringify(provider)} is a placeholder, not a name`);
  return {
    id: `action-${i + 1}`,
    date: parseEventDate(a.date),
    provider: isBatch ? '' : provider,
    slug: null,
    kind: a.action_type ?? 'action',
    agency: a.agency ?? 'Not stated',
    agencyGroup: agencyGroup(a.agency),
    category: parseCategory(a.category, where),
    sourceKind: parseSourceKind(a.source_kind, where),
    batch: isBatch
      ? /^batch\s*\(program announcement\)/i.test((a.notes ?? '').trim())
        ? 'the program as a whole'
        : batchWho(a.notes)
      : null,
    origin: 'action',
    source_url: a.source_url,
    alsoReported: alsoReportedIn(a.notes),
    sameFirmAs: probablySameFirm(a.notes),
    notes: a.notes,
  };
}

/** Every letter and action as one dated list (undated last), with letters merged into the action rows that describe them. */
export function buildEvents(
  letters: readonly LetterRow[],
  actions: readonly ActionRow[],
): TimelineEvent[] {
  const events: TimelineEvent[] = actions.map(actionEvent);
  letters.forEach((l, i) => {
    const key = providerKey(l.provider);
    const info = {
      pdf: l.pdf_file.replace(/^.*\//, ''),
      callerIds: l.caller_ids ? Number(l.caller_ids) : null,
      type: l.letter_type,
    };
    const match = events.find(
      (e) => !e.letter && e.batch === null && providerKey(e.provider) === key && sameLetter(e, l),
    );
    if (match) {
      match.letter = info;
      if (match.date.precision === 'none') match.date = parseEventDate(l.letter_date);
      match.source_url ??= l.ftc_url ?? PONE_LETTERS_URL;
      match.sameFirmAs ??= probablySameFirm(l.notes);
      return;
    }
    events.push({
      id: `letter-${i + 1}`,
      date: parseEventDate(l.letter_date),
      provider: l.provider,
      slug: null,
      kind: letterKind(l.letter_type),
      agency: 'FTC',
      agencyGroup: 'FTC',
      category: 'pone_letter',
      // The FTC's own letters page publishes every letter.
      sourceKind: 'primary',
      batch: null,
      origin: 'letter',
      source_url: l.ftc_url ?? PONE_LETTERS_URL,
      alsoReported: [],
      sameFirmAs: probablySameFirm(l.notes),
      notes: l.notes,
      letter: info,
    });
  });
  return events.sort(compareEvents);
}

function compareEvents(a: TimelineEvent, b: TimelineEvent): number {
  if (a.date.day !== b.date.day)
    return a.date.day === null ? 1 : b.date.day === null ? -1 : a.date.day < b.date.day ? -1 : 1;
  return (a.provider || a.batch || '').localeCompare(b.provider || b.batch || '');
}

/** Whether the event belongs under "letters and actions against gateway providers". */
export function isGatewayEvent(e: TimelineEvent): boolean {
  return GATEWAY_CATEGORIES.has(e.category);
}

/**
 * One record per provider named in a letter or an action, with its events, numbers and complaints.
 * A name whose only actions are against robocall operations or sweeps (Sumco Panama) is not a
 * provider and gets no record; a provider's record holds every action naming it, whatever its category.
 */
export function buildProviders(
  events: readonly TimelineEvent[],
  numbers: readonly NumberRow[],
  complaints: readonly PoneComplaintRow[],
): Provider[] {
  const named = events.filter((e) => e.batch === null && providerKey(e.provider) !== '');
  const providerKeys = new Set(
    named.filter((e) => PROVIDER_CATEGORIES.has(e.category)).map((e) => providerKey(e.provider)),
  );
  const byKey = new Map<string, Provider>();
  const ensure = (name: string): Provider | null => {
    const key = providerKey(name);
    if (!key || !providerKeys.has(key)) return null;
    let p = byKey.get(key);
    if (!p) {
      p = {
        slug: providerSlug(name),
        key,
        name,
        names: [],
        events: [],
        letters: [],
        numbers: [],
        monthly: new Map(),
        complaints: 0,
        probablySame: null,
      };
      byKey.set(key, p);
    }
    if (!p.names.includes(name)) p.names.push(name);
    return p;
  };
  // Letters first, so a provider is called what its PoNE letter calls it.
  for (const e of [...named].sort((a, b) => Number(!a.letter) - Number(!b.letter))) {
    const p = ensure(e.provider);
    if (!p) continue;
    if (e.letter && p.letters.length === 0) {
      p.name = e.provider;
      p.slug = providerSlug(e.provider);
    }
    p.events.push(e);
    if (e.letter) p.letters.push(e);
  }
  const perNumber = new Map<string, number>();
  for (const c of complaints) {
    const p = ensure(c.provider);
    if (!p) continue;
    perNumber.set(
      `${p.key}|${c.caller_number}`,
      (perNumber.get(`${p.key}|${c.caller_number}`) ?? 0) + c.complaints,
    );
    p.monthly.set(c.month, (p.monthly.get(c.month) ?? 0) + c.complaints);
    p.complaints += c.complaints;
  }
  const perLetter = new Map<string, Set<string>>();
  for (const n of numbers) {
    const p = ensure(n.provider);
    if (!p) continue;
    if (p.numbers.some((m) => m.caller_number === n.caller_number)) continue;
    p.numbers.push({
      caller_number: n.caller_number,
      campaign: n.campaign,
      staff: n.likely_ftc_staff_number,
      complaints: perNumber.get(`${p.key}|${n.caller_number}`) ?? 0,
    });
    if (n.letter_pdf && !n.likely_ftc_staff_number)
      perLetter.set(n.letter_pdf, (perLetter.get(n.letter_pdf) ?? new Set()).add(n.caller_number));
  }
  const out = [...byKey.values()];
  for (const p of out) {
    p.events.sort(compareEvents);
    p.letters.sort(compareEvents);
    p.numbers.sort(
      (a, b) => b.complaints - a.complaints || a.caller_number.localeCompare(b.caller_number),
    );
    // A letter names the numbers the numbers table lists for it: the count the page's lede adds up.
    if (numbers.length)
      for (const l of p.letters) l.letter!.callerIds = perLetter.get(l.letter!.pdf)?.size ?? 0;
  }
  dedupeSlugs(out);
  // Re-point events at the final slugs (a letter may have renamed its provider).
  const slugByKey = new Map(out.map((p) => [p.key, p.slug]));
  for (const e of events)
    e.slug = e.batch === null ? (slugByKey.get(providerKey(e.provider)) ?? null) : null;
  for (const p of out) {
    const other = p.events
      .map((e) => e.sameFirmAs)
      .find((n): n is string => n !== null && providerKey(n) !== p.key);
    if (other) p.probablySame = { name: other, slug: slugByKey.get(providerKey(other)) ?? null };
  }
  return out.sort((a, b) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }));
}

/** Two different keys can give one slug; the later ones get -2, -3. */
function dedupeSlugs(providers: Provider[]): void {
  const seen = new Map<string, number>();
  for (const p of providers) {
    const n = (seen.get(p.slug) ?? 0) + 1;
    seen.set(p.slug, n);
    if (n > 1) p.slug = `${p.slug}-${n}`;
  }
}

/**
 * Names whose only actions target a robocall operation (Sumco Panama): not providers, so no page
 * and no place in the providers list; their actions stay in the timeline as what they are.
 */
export function operationNames(events: readonly TimelineEvent[]): string[] {
  const seen = new Map<string, string>();
  for (const e of events)
    if (
      e.category === 'robocaller_action' &&
      e.slug === null &&
      e.batch === null &&
      !seen.has(providerKey(e.provider))
    )
      seen.set(providerKey(e.provider), e.provider.split(/ \/ | et al\.?| \(/)[0]!.trim());
  return [...seen.values()];
}
