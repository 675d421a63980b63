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
 * The robocall flag: what the consumer said about the call, the one place its words live. `sql` is
 * the stored BOOLEAN (NULL: not said), `series` the name of its line on charts and its key in the
 * charts' palette, `label` its name on its own ("Live caller"), `adjective` its word before
 * "complaints" in a caption ("live-caller complaints"), `noun` what one such complaint is in a count
 * ("3 live calls").
 */
export const ROBOCALL: Record<
  RobocallValue,
  {
    sql: 'TRUE' | 'FALSE' | 'NULL';
    series: CallKind;
    label: string;
    adjective: string;
    noun: string;
  }
> = {
  yes: {
    sql: 'TRUE',
    series: 'robocall',
    label: 'Robocall',
    adjective: 'robocall',
    noun: 'robocall',
  },
  no: {
    sql: 'FALSE',
    series: 'live',
    label: 'Live caller',
    adjective: 'live-caller',
    noun: 'live call',
  },
  unknown: {
    sql: 'NULL',
    series: 'unknown',
    label: 'Not said',
    adjective: 'unstated-type',
    noun: 'not said',
  },
};

/** The robocall flag's chart series, in the order charts and tables show them. */
export type CallKind = 'robocall' | 'live' | 'unknown';
export const CALL_KINDS: readonly CallKind[] = ROBOCALL_VALUES.map((v) => ROBOCALL[v].series);
/** A series code → its label ("live" → "Live caller"). */
export const CALL_KIND_LABELS = Object.fromEntries(
  ROBOCALL_VALUES.map((v) => [ROBOCALL[v].series, ROBOCALL[v].label]),
) as Record<CallKind, string>;

/** The stored flag (TRUE, FALSE, NULL) → its URL value. */
export function robocallValueOf(flag: boolean | null | undefined): RobocallValue {
  return flag === true ? 'yes' : flag === false ? 'no' : 'unknown';
}

/** The same rule in SQL, for a query that groups by the flag: `series` codes, or URL values. */
export function robocallCaseSql(column: string, as: 'series' | 'value'): string {
  const word = (v: RobocallValue) => `'${as === 'series' ? ROBOCALL[v].series : v}'`;
  return `CASE WHEN ${column} THEN ${word('yes')} WHEN NOT ${column} THEN ${word('no')} ELSE ${word('unknown')} END`;
}

/**
 * Subjects: their long labels are the reference table's (`subjects.label`, the FTC's own in
 * `ftc_label`); these are the short ones a chart on a phone has room for, with the two slugs the
 * ingest gives that the FTC's list has not (`none` is the FTC's "No Subject Provided").
 */
export const SUBJECT_SHORT_LABELS: Record<string, string> = {
  imposters: 'Imposters',
  warranties: 'Warranties',
  debt: 'Debt reduction',
  medical: 'Medical',
  energy: 'Energy & utilities',
  'tech-support': 'Tech support',
  vacation: 'Vacations',
  prizes: 'Prizes & lotteries',
  'home-improvement': 'Home improvement',
  'home-security': 'Home security',
  'work-from-home': 'Work from home',
  charities: 'Charities',
  'dropped-call': 'Dropped call',
  other: 'Other',
  none: 'No subject given',
  unrecognized: 'Unrecognized',
};
/** Slugs the ingest writes that are not in the reference table: a label it did not know. */
export const UNRECOGNIZED_SUBJECT = { slug: 'unrecognized', label: 'Unrecognized subject' };

export function isOneOf<T extends string>(values: readonly T[], value: string): value is T {
  return (values as readonly string[]).includes(value);
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
