/**
 * The columns of a chart's numbers: the table under the chart (its headers) and the tidy aggregate
 * download (names, kinds, descriptions), the way tables.ts is for the stored tables. The shaping
 * itself (src/lib/numbers/chart-data.ts) decides which columns a chart has and fills them; their
 * words live here. Where a word depends on the view (the interval, the measure's unit), the entry
 * takes it.
 */
import { CALL_KIND_LABELS } from './enums';

export type ChartColumnKind = 'number' | 'text' | 'date';

export interface ChartColumnDef {
  name: string;
  kind: ChartColumnKind;
  description: string;
}

export type Interval = 'day' | 'week' | 'month' | 'year';

/** A period's name as a header ("Month") and inside a sentence ("month"). */
export const PERIOD_NAMES: Record<Interval, string> = {
  day: 'Day',
  week: 'Week',
  month: 'Month',
  year: 'Year',
};

/** The chart series' labels: the robocall flag's, and `all` for a line of every complaint. */
export const SERIES_NAMES: Record<string, string> = {
  ...CALL_KIND_LABELS,
  all: 'All complaints',
};

/** Headers of the table under a chart, by the key of the cell they head. */
export const CHART_TABLE_HEADERS = {
  series: 'Series',
  complaints: 'Complaints',
  days: 'Days held',
  state: 'State',
  subject: 'Subject',
  caller_number: 'Caller number',
  area_code: 'Area code',
  pone: 'Named in a PoNE letter',
  provider: 'Provider',
  providerComplaints: 'Complaints naming its numbers',
  providerNumbers: 'Caller numbers reported',
} as const;

const column = (name: string, kind: ChartColumnKind, description: string): ChartColumnDef => ({
  name,
  kind,
  description,
});

/** The download's columns, by name; a function where the words depend on the view. */
export const CHART_DOWNLOAD_COLUMNS = {
  period_start: column(
    'period_start',
    'date',
    'First day the row counts (the start of the period, or of the filter or the data when they start inside it)',
  ),
  period_end: column('period_end', 'date', 'Last day the row counts'),
  period: (interval: Interval) =>
    column(
      'period',
      'text',
      `The ${PERIOD_NAMES[interval].toLowerCase()} in words, naming only the days it holds`,
    ),
  days_held: column('days_held', 'number', 'Days of data the row counts'),
  days_in_period: (interval: Interval) =>
    column(
      'days_in_period',
      'number',
      `Days in the whole ${PERIOD_NAMES[interval].toLowerCase()}; fewer days held means a partial period`,
    ),
  series: column(
    'series',
    'text',
    'Code of the chart’s line: robocall, live or unknown (what the consumer said), a state’s USPS code, or all',
  ),
  series_label: column('series_label', 'text', 'The line’s name as the chart shows it'),
  /** The measure's own column (`complaints`, `complaints_per_100k`, …), named and described by its unit. */
  value: (name: string, description: string) => column(name, 'number', description),
  /** Beside a rate or a share: the count it is computed from. */
  complaints_behind: column(
    'complaints',
    'number',
    'Number of complaints the value is computed from',
  ),
  complaints: column('complaints', 'number', 'Number of complaints'),
  state: column('state', 'text', 'USPS code of the state'),
  state_label: column('state_label', 'text', 'Name of the state'),
  subject: column('subject', 'text', 'Subject slug (see subjects.csv on the data page)'),
  subject_label: column('subject_label', 'text', 'The subject as the chart names it'),
  caller_number: column(
    'caller_number',
    'text',
    'The caller number as displayed to the consumer, digits as reported (often spoofed); only valid ten-digit numbers are ranked',
  ),
  caller_number_display: column(
    'caller_number_display',
    'text',
    'The number as the chart writes it',
  ),
  area_code: column('area_code', 'text', 'The consumer’s three-digit area code'),
  pone_provider: column(
    'pone_provider',
    'text',
    'The gateway provider whose Project Point of No Entry letter names this number, if any',
  ),
  provider: column(
    'provider',
    'text',
    'Gateway provider named in a Project Point of No Entry letter',
  ),
  provider_complaints: column(
    'complaints',
    'number',
    'Complaints whose caller number is one the provider’s letters name',
  ),
  caller_numbers: column(
    'caller_numbers',
    'number',
    'Distinct caller numbers from the provider’s letters that appear in those complaints',
  ),
} as const;

/**
 * The columns of a chart query's own rows (the aggregate download when the chart's shaped numbers
 * are not at hand): what each means.
 */
export const CHART_QUERY_COLUMNS: Record<string, string> = {
  date: 'First day of the interval (day, week, month or year) the row counts',
  series:
    'Which line of the chart: robocall, live or unknown (what the consumer said), a state’s USPS code, or all',
  usps: 'USPS code of the state',
  subject: 'Subject slug (see subjects.csv on the data page)',
  area_code: 'The consumer’s three-digit area code',
  caller_number:
    'The caller number as displayed to the consumer, digits as reported (often spoofed)',
  pone_provider:
    'The gateway provider whose Project Point of No Entry letter names this number, if any',
  provider: 'Gateway provider named in a Project Point of No Entry letter',
  numbers: 'Distinct caller numbers from the provider’s letters that appear in the complaints',
  complaints: 'Number of complaints',
};
