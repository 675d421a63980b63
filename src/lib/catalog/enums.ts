/**
 * The small vocabularies of the explorer's view, each value once with its words: charts, intervals,
 * measures and the robocall flag (URL value ↔ SQL ↔ the words pages, captions and READMEs use).
 */

export const CHARTS = [
  'trend',
  'map',
  'subjects',
  'area-codes',
  'callers',
  'providers',
  'table',
] as const;
export const INTERVALS = ['day', 'week', 'month', 'year'] as const;
export const ROBOCALL_VALUES = ['yes', 'no', 'unknown'] as const;
export const MEASURES = ['count', 'per100k', 'robocall_share'] as const;

export type Chart = (typeof CHARTS)[number];
export type Interval = (typeof INTERVALS)[number];
export type RobocallValue = (typeof ROBOCALL_VALUES)[number];
export type Measure = (typeof MEASURES)[number];

/** A chart's title (captions, downloads, citations) and its name in the explorer's chart menu. */
export const CHART_TITLES: Record<Chart, string> = {
  trend: 'Complaints over time',
  map: 'Complaints by state',
  subjects: 'Complaints by subject',
  'area-codes': 'Busiest area codes',
  callers: 'Most-reported caller numbers',
  providers:
    'Complaints reporting numbers named in Project Point of No Entry letters, by the provider each letter went to',
  table: 'The complaints',
};
export const CHART_MENU_NAMES: Record<Chart, string> = {
  trend: 'Over time',
  map: 'Map of states',
  subjects: 'By subject',
  'area-codes': 'Area codes',
  callers: 'Caller numbers',
  providers: 'PoNE providers',
  table: 'The complaints (table)',
};

export const MEASURE_LABELS: Record<Measure, string> = {
  count: 'complaints',
  per100k: 'complaints per 100,000 residents',
  robocall_share: 'share that were robocalls',
};

/**
 * The robocall flag: what the consumer said about the call. `sql` is the stored BOOLEAN (NULL: not
 * said), `series` the name of its line on charts, `label` its name on its own ("Live caller"),
 * `adjective` its word before "complaints" in a caption ("live-caller complaints").
 */
export const ROBOCALL: Record<
  RobocallValue,
  {
    sql: 'TRUE' | 'FALSE' | 'NULL';
    series: 'robocall' | 'live' | 'unknown';
    label: string;
    adjective: string;
  }
> = {
  yes: { sql: 'TRUE', series: 'robocall', label: 'Robocall', adjective: 'robocall' },
  no: { sql: 'FALSE', series: 'live', label: 'Live caller', adjective: 'live-caller' },
  unknown: { sql: 'NULL', series: 'unknown', label: 'Not said', adjective: 'unstated-type' },
};

export function isOneOf<T extends string>(values: readonly T[], value: string): value is T {
  return (values as readonly string[]).includes(value);
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
