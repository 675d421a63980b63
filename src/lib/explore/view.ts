/**
 * The explorer's view state and its URL grammar (DESIGN.md §5), shared by /explore/ and /embed/.
 *
 * `/explore/?chart=trend&interval=month&from=2024-01&to=2024-12&state=OH,PA&subject=imposters
 *   &robocall=yes&area=614&measure=count&v=<data_version>`
 *
 * Parsing never throws and never lets an unknown value through: every key or value it does not
 * accept is dropped and reported, so the page can name it.
 */

export const CHARTS = ['trend', 'map', 'subjects', 'area-codes', 'callers', 'providers', 'table'] as const;
export const INTERVALS = ['day', 'week', 'month', 'year'] as const;
export const ROBOCALL_VALUES = ['yes', 'no', 'unknown'] as const;
export const MEASURES = ['count', 'per100k', 'robocall_share'] as const;

export type Chart = (typeof CHARTS)[number];
export type Interval = (typeof INTERVALS)[number];
export type RobocallValue = (typeof ROBOCALL_VALUES)[number];
export type Measure = (typeof MEASURES)[number];

export interface ExploreState {
  /** Default: trend. */
  chart: Chart;
  /** Default: month. */
  interval: Interval;
  /** Inclusive start as written in the URL (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`), or null for the beginning. */
  from: string | null;
  /** Inclusive end as written in the URL, or null for the end of the data. */
  to: string | null;
  /** USPS codes, upper case, sorted. Empty: all. */
  states: string[];
  /** Subject slugs, sorted. Empty: all. */
  subjects: string[];
  /** Empty: all. */
  robocall: RobocallValue[];
  /** Three-digit area codes, sorted. Empty: all. */
  areas: string[];
  /** Default: count. */
  measure: Measure;
  /** The data version the view was made with; null when not pinned. */
  v: string | null;
  /** Page of the `table` chart, 1-based. Default: 1. */
  page: number;
}

export const DEFAULT_STATE: ExploreState = {
  chart: 'trend',
  interval: 'month',
  from: null,
  to: null,
  states: [],
  subjects: [],
  robocall: [],
  areas: [],
  measure: 'count',
  v: null,
  page: 1,
};

/** What the URL may name: the states and subjects that exist in this build. */
export interface Vocabulary {
  states: ReadonlySet<string>;
  subjects: ReadonlySet<string>;
}

export interface Ignored {
  key: string;
  value: string;
  reason: string;
}

const KEYS = ['chart', 'interval', 'from', 'to', 'state', 'subject', 'robocall', 'area', 'measure', 'v', 'page'] as const;
const DATE_PATTERN = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;
/** Longest value we even look at; anything longer is not a filter someone typed. */
const MAX_VALUE_LENGTH = 2000;

export function parseExploreState(params: URLSearchParams, vocabulary: Vocabulary): { state: ExploreState; ignored: Ignored[] } {
  const state: ExploreState = { ...DEFAULT_STATE, states: [], subjects: [], robocall: [], areas: [] };
  const ignored: Ignored[] = [];
  const seen = new Set<string>();
  for (const [key, rawValue] of params) {
    const value = rawValue.length > MAX_VALUE_LENGTH ? rawValue.slice(0, MAX_VALUE_LENGTH) : rawValue;
    if (!(KEYS as readonly string[]).includes(key)) {
      ignored.push({ key, value, reason: 'not a key this page knows' });
      continue;
    }
    if (seen.has(key)) {
      ignored.push({ key, value, reason: 'given more than once; the first is used' });
      continue;
    }
    seen.add(key);
    const reject = (reason: string, v = value) => ignored.push({ key, value: v, reason });
    switch (key) {
      case 'chart':
        if (isOneOf(CHARTS, value)) state.chart = value;
        else reject(`not a chart (${CHARTS.join(', ')})`);
        break;
      case 'interval':
        if (isOneOf(INTERVALS, value)) state.interval = value;
        else reject(`not an interval (${INTERVALS.join(', ')})`);
        break;
      case 'measure':
        if (isOneOf(MEASURES, value)) state.measure = value;
        else reject(`not a measure (${MEASURES.join(', ')})`);
        break;
      case 'from':
      case 'to':
        if (value === '') break;
        if (isValidDate(value)) state[key] = value;
        else reject('not a date (YYYY, YYYY-MM or YYYY-MM-DD)');
        break;
      case 'state':
        state.states = parseList(value, (v) => v.toUpperCase(), (v) => vocabulary.states.has(v), 'not a state in the data', reject);
        break;
      case 'subject':
        state.subjects = parseList(value, (v) => v.toLowerCase(), (v) => vocabulary.subjects.has(v), 'not a subject', reject);
        break;
      case 'robocall':
        state.robocall = parseList(value, (v) => v.toLowerCase(), (v) => isOneOf(ROBOCALL_VALUES, v), 'not yes, no or unknown', reject) as RobocallValue[];
        break;
      case 'area':
        state.areas = parseList(value, (v) => v, (v) => /^\d{3}$/.test(v), 'not a three-digit area code', reject);
        break;
      case 'v':
        if (/^[0-9a-f]{6,64}$/.test(value)) state.v = value;
        else reject('not a data version');
        break;
      case 'page': {
        const page = Number(value);
        if (Number.isInteger(page) && page >= 1 && page <= 1_000_000) state.page = page;
        else reject('not a page number');
        break;
      }
    }
  }
  if (state.from && state.to && dateBounds(state.from).start > dateBounds(state.to).end) {
    ignored.push({ key: 'to', value: state.to, reason: `before from=${state.from}` });
    state.to = null;
  }
  return { state, ignored };
}

/** The canonical query string: fixed key order, defaults left out, so one view has one URL. */
export function serializeExploreState(state: ExploreState): string {
  const params = new URLSearchParams();
  if (state.chart !== DEFAULT_STATE.chart) params.set('chart', state.chart);
  if (state.interval !== DEFAULT_STATE.interval) params.set('interval', state.interval);
  if (state.from) params.set('from', state.from);
  if (state.to) params.set('to', state.to);
  if (state.states.length) params.set('state', state.states.join(','));
  if (state.subjects.length) params.set('subject', state.subjects.join(','));
  if (state.robocall.length) params.set('robocall', state.robocall.join(','));
  if (state.areas.length) params.set('area', state.areas.join(','));
  if (state.measure !== DEFAULT_STATE.measure) params.set('measure', state.measure);
  if (state.page !== 1 && state.chart === 'table') params.set('page', String(state.page));
  if (state.v) params.set('v', state.v);
  // Commas are part of the grammar; keep them readable.
  return params.toString().replace(/%2C/gi, ',');
}

/** First and last day (inclusive, `YYYY-MM-DD`) that a `from`/`to` value covers. */
export function dateBounds(value: string): { start: string; end: string } {
  const [, y, m, d] = DATE_PATTERN.exec(value)!;
  if (d) return { start: value, end: value };
  if (m) return { start: `${y}-${m}-01`, end: `${y}-${m}-${String(daysInMonth(Number(y), Number(m))).padStart(2, '0')}` };
  return { start: `${y}-01-01`, end: `${y}-12-31` };
}

function isValidDate(value: string): boolean {
  const match = DATE_PATTERN.exec(value);
  if (!match) return false;
  const [, y, m, d] = match;
  const year = Number(y);
  if (year < 1990 || year > 2100) return false;
  if (m === undefined) return true;
  const month = Number(m);
  if (month < 1 || month > 12) return false;
  if (d === undefined) return true;
  const day = Number(d);
  return day >= 1 && day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function isOneOf<T extends string>(values: readonly T[], value: string): value is T {
  return (values as readonly string[]).includes(value);
}

function parseList(
  value: string,
  normalise: (v: string) => string,
  accept: (v: string) => boolean,
  reason: string,
  reject: (reason: string, value: string) => void,
): string[] {
  const kept = new Set<string>();
  for (const part of value.split(',')) {
    const v = normalise(part.trim());
    if (v === '') continue;
    if (accept(v)) kept.add(v);
    else reject(reason, part.trim());
  }
  return [...kept].sort();
}
