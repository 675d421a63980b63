/**
 * Where a view's numbers come from. The cube answers most views from a few megabytes; questions the
 * cube cannot answer (an area code with a subject, a single day with an area code, the rows
 * themselves) go to the yearly row-level files, which the browser reads by HTTP Range.
 */
import { dateBounds } from '../dates';
import { FILTERS, type Column } from './filters';
import { CALLER_NUMBER_SQL, callerIndexUnion } from '../caller/lookup';
import type { ExploreView } from './view';

export type { Column };

export interface Source {
  kind:
    | 'monthly'
    | 'daily'
    | 'area_codes_monthly'
    | 'callers_monthly'
    | 'pone_complaints_monthly'
    | 'rows'
    | 'caller_index';
  /** The relation, already rendered for the mode (attached tables, or Parquet files). */
  from: string;
  /** Its date column. */
  date: string;
  /** How rows of it add up to complaints. */
  count: string;
  columns: ReadonlySet<Column>;
  /** Month-grained sources cannot answer day or week questions, nor day-precise bounds. */
  monthly: boolean;
  /** Row sources: true when the relation is one attached year file, scanned in its stored order. */
  singleFile?: boolean;
}

export interface DataLayout {
  /** Years that have a row-level file, ascending. */
  years: number[];
  /** How the row-level files are named in bound mode: alias of the attached database for a year. */
  attachedYear(year: number): string;
  /** In literal mode: the Parquet file of a year, as the reader will have it. */
  parquetFile(year: number): string;
  /** In literal mode: where the reference tables are (`states.csv`, `pone_caller_numbers.csv`). */
  referenceFile(name: 'states' | 'pone_caller_numbers'): string;
  /** In bound mode: the years whose caller index (`callers-<year>.duckdb`) is attached, when the build has one. */
  callerYears?: number[];
}

const CUBE_SOURCES: Omit<Source, 'from'>[] = [
  // The daily table summed by month, about a thirtieth of its rows: what a month-aligned view
  // scans instead of the days (in duckdb-wasm, one thread, scanning a year of days was most of a
  // row view's count).
  {
    kind: 'monthly',
    date: 'month',
    count: 'sum(complaints)',
    columns: new Set(['state', 'subject', 'robocall']),
    monthly: true,
  },
  {
    kind: 'daily',
    date: 'day',
    count: 'sum(complaints)',
    columns: new Set(['state', 'subject', 'robocall']),
    monthly: false,
  },
  {
    kind: 'area_codes_monthly',
    date: 'month',
    count: 'sum(complaints)',
    columns: new Set(['state', 'robocall', 'area_code']),
    monthly: true,
  },
  {
    kind: 'callers_monthly',
    date: 'month',
    count: 'sum(complaints)',
    columns: new Set(['state', 'robocall', 'caller_number']),
    monthly: true,
  },
  {
    kind: 'pone_complaints_monthly',
    date: 'month',
    count: 'sum(complaints)',
    columns: new Set(['state', 'robocall', 'caller_number', 'provider']),
    monthly: true,
  },
];

/** Filters a view applies, as the columns they need (the date is every source's). */
export function filterColumns(view: ExploreView): Column[] {
  return FILTERS.flatMap((k) =>
    k.filter.column !== 'date' && k.filter.active(view) ? [k.filter.column] : [],
  );
}

/** True when the date bounds fall on month boundaries, so a monthly table answers them exactly. */
export function monthAligned(view: ExploreView): boolean {
  const startOk = !view.from || dateBounds(view.from).start.endsWith('-01');
  const endOk = !view.to || view.to.length <= 7;
  return startOk && endOk;
}

/** The smallest source that answers exactly, for the given extra columns the chart groups by. */
export function chooseSource(
  view: ExploreView,
  needs: Column[],
  mode: 'bound' | 'literal',
  layout: DataLayout,
): Source {
  if (mode === 'bound') {
    const wanted = [...filterColumns(view), ...needs];
    const fineInterval = view.interval === 'day' || view.interval === 'week';
    for (const source of CUBE_SOURCES) {
      if (!wanted.every((c) => source.columns.has(c))) continue;
      if (source.monthly && (fineInterval || !monthAligned(view))) continue;
      // The callers table keeps only the numbers most reported over the whole period, nationally and
      // per state: it ranks exactly only for the whole period, one state or all, any flag.
      if (
        source.kind === 'callers_monthly' &&
        (!needs.includes('caller_number') ||
          view.caller ||
          view.from ||
          view.to ||
          view.robocall.length ||
          view.states.length > 1)
      )
        continue;
      if (source.kind === 'pone_complaints_monthly' && !needs.includes('provider')) continue;
      return { ...source, from: `cube.${source.kind}` };
    }
  }
  const index = callerIndexSource(view, mode, layout);
  if (index && [...filterColumns(view), ...needs].every((c) => index.columns.has(c))) return index;
  return rowSource(view, mode, layout);
}

/**
 * One number's complaints over all years: the caller index holds them together, sorted by the
 * number (scripts/ingest/caller-index.ts), where the yearly files, sorted by state and time, would
 * all be read whole. It is slim: it answers what needs only the day, state, subject and flag.
 */
function callerIndexSource(
  view: ExploreView,
  mode: 'bound' | 'literal',
  layout: DataLayout,
): Source | null {
  if (mode !== 'bound' || !view.caller || !layout.callerYears?.length) return null;
  const years = yearsOf(view, layout.callerYears);
  const columns = `caller_key, ${CALLER_NUMBER_SQL} AS caller_number, caller_valid, created_date, state, subject, robocall`;
  return {
    kind: 'caller_index',
    from: `(${callerIndexUnion(years, columns)})`,
    date: 'created_date',
    count: 'count(*)',
    columns: new Set(['state', 'subject', 'robocall', 'caller_number']),
    monthly: false,
  };
}

/** The years of `available` the view's dates reach; the first one when none (a relation to say 0). */
function yearsOf(view: ExploreView, available: readonly number[]): number[] {
  const first = view.from ? Number(dateBounds(view.from).start.slice(0, 4)) : -Infinity;
  const last = view.to ? Number(dateBounds(view.to).end.slice(0, 4)) : Infinity;
  const years = available.filter((y) => y >= first && y <= last);
  return years.length ? years : available.slice(0, 1);
}

export function rowSource(
  view: ExploreView,
  mode: 'bound' | 'literal',
  layout: DataLayout,
): Source {
  // One number's complaints over all years: the caller index holds them together, sorted by the
  // number, where the yearly files (sorted by state and time) would all be read whole.

  const first = view.from ? Number(dateBounds(view.from).start.slice(0, 4)) : -Infinity;
  const last = view.to ? Number(dateBounds(view.to).end.slice(0, 4)) : Infinity;
  let years = layout.years.filter((y) => y >= first && y <= last);
  if (years.length === 0) years = layout.years.slice(0, 1); // an empty range still needs a relation to say 0
  const from =
    mode === 'bound'
      ? years.length === 1
        ? `${layout.attachedYear(years[0]!)}.complaints`
        : `(${years.map((y) => `SELECT * FROM ${layout.attachedYear(y)}.complaints`).join(' UNION ALL ')})`
      : `read_parquet([${years.map((y) => `'${layout.parquetFile(y).replace(/'/g, "''")}'`).join(', ')}])`;
  return {
    kind: 'rows',
    from,
    date: 'created_date',
    count: 'count(*)',
    columns: ROW_LEVEL_COLUMNS,
    monthly: false,
    singleFile: mode === 'bound' && years.length === 1,
  };
}

const ROW_LEVEL_COLUMNS: ReadonlySet<Column> = new Set([
  'state',
  'subject',
  'robocall',
  'area_code',
  'caller_number',
]);
