/**
 * The explorer's view and its URL grammar (docs/DESIGN.md §5), shared by /explore/ and /embed/.
 *
 * `/explore/?chart=trend&interval=month&from=2024-01&to=2024-12&state=OH,PA&subject=imposters
 *   &robocall=yes&area=614&measure=count&v=<data_version>`
 *
 * Each key is one entry of the table in filters.ts; this module only loops over it. Parsing never
 * throws and never lets an unknown value through: every key or value it does not accept is dropped
 * and reported, so the page can name it.
 */
import type { Chart, Interval, Measure, RobocallValue } from '../catalog/enums';
import { URL_KEYS, type UrlKey } from './filters';

export interface ExploreView {
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
  /** The caller number the complaints reported, as its digits (`caller=` takes any common formatting). Null: any. */
  caller: string | null;
  /** Default: count. */
  measure: Measure;
  /** The data version the view was made with; null when not pinned. */
  v: string | null;
  /** Page of the `table` chart, 1-based. Default: 1. */
  page: number;
}

const KEYS = URL_KEYS as readonly UrlKey[];

export const DEFAULT_VIEW: ExploreView = Object.freeze(
  Object.fromEntries(KEYS.map((k) => [k.field, k.default])) as unknown as ExploreView,
);

/** What the URL may name: the states and subjects that exist in this build. */
export interface Vocabulary {
  states: ReadonlySet<string>;
  subjects: ReadonlySet<string>;
}

/** The build's names for the codes a view uses. */
export interface Names {
  state(usps: string): string;
  subject(slug: string): string;
}

export interface Ignored {
  key: string;
  value: string;
  reason: string;
}

/** Longest value we even look at; anything longer is not a filter someone typed. */
const MAX_VALUE_LENGTH = 2000;

export function parseExploreView(
  params: URLSearchParams,
  vocabulary: Vocabulary,
): { view: ExploreView; ignored: Ignored[] } {
  const view = Object.fromEntries(
    KEYS.map((k) => [k.field, Array.isArray(k.default) ? [] : k.default]),
  ) as Record<keyof ExploreView, unknown>;
  const ignored: Ignored[] = [];
  const seen = new Set<string>();
  for (const [key, rawValue] of params) {
    const value =
      rawValue.length > MAX_VALUE_LENGTH ? rawValue.slice(0, MAX_VALUE_LENGTH) : rawValue;
    const entry = KEYS.find((k) => k.key === key);
    if (!entry) {
      ignored.push({ key, value, reason: 'not a key this page knows' });
      continue;
    }
    if (seen.has(key)) {
      ignored.push({ key, value, reason: 'given more than once; the first is used' });
      continue;
    }
    seen.add(key);
    const parsed = entry.parse(value, {
      vocabulary,
      reject: (reason, v = value) => ignored.push({ key, value: v, reason }),
    });
    if (parsed !== undefined) view[entry.field] = parsed;
  }
  for (const entry of KEYS) {
    const reason = entry.check?.(view as unknown as ExploreView);
    if (!reason) continue;
    ignored.push({ key: entry.key, value: String(view[entry.field]), reason });
    view[entry.field] = entry.default;
  }
  return { view: view as unknown as ExploreView, ignored };
}

/** The canonical query string: fixed key order, defaults left out, so one view has one URL. */
export function serializeExploreView(view: ExploreView): string {
  const params = new URLSearchParams();
  for (const entry of KEYS) {
    const value = entry.serialise(view);
    if (value !== null) params.set(entry.key, value);
  }
  // Commas are part of the grammar; keep them readable.
  return params.toString().replace(/%2C/gi, ',');
}
