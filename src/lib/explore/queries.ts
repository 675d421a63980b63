/**
 * An explorer view → SQL. Pure: the same function gives the SQL the browser runs (values bound
 * as parameters, cube where it can answer) and the SQL a reader can run in the DuckDB CLI against
 * the downloadable Parquet files (values as literals, always from the rows). Both give the same
 * numbers; a test holds them to it.
 */
import { chooseSource, rowSource, type Column, type DataLayout, type Source } from './sources';
import { SqlWriter, type SqlValue } from './sql';
import { FILTERS } from './filters';
import type { ExploreView } from './view';
import { CALLER_VALID_PATTERN } from '../numbers/rankings';
import { NATIONAL_SQL } from '../numbers/national';
import { RATE_DECIMALS, RATE_PER, seriesByState } from '../numbers/measures';
import { robocallCaseSql } from '../catalog/enums';
import { ROW_VIEW_COLUMNS } from '../catalog/tables';

export interface BuiltQuery {
  sql: string;
  params: SqlValue[];
  source: Source['kind'];
}

export type Mode = 'bound' | 'literal';

/** Rows per page of the `table` chart. */
export const PAGE_SIZE = 50;
/** How many bars the ranked charts show. */
export const TOP_N = 25;

/** Columns of the `table` chart and of row downloads, in order: the catalog's. */
export const ROW_COLUMNS = ROW_VIEW_COLUMNS;

const SERIES_BY_FLAG = robocallCaseSql('robocall', 'series');

/** The number of complaints that match the filters. */
export function countQuery(view: ExploreView, mode: Mode, layout: DataLayout): BuiltQuery {
  const w = new SqlWriter(mode);
  const src = chooseSource(view, [], mode, layout);
  const sql = `SELECT coalesce(${src.count}, 0)::BIGINT AS complaints\nFROM ${src.from}\n${where(view, src, w)}`;
  return done(sql, w, src);
}

/** What the chart shows; every chart's rows have a `value` column (and `complaints` where it differs). */
export function chartQuery(view: ExploreView, mode: Mode, layout: DataLayout): BuiltQuery {
  switch (view.chart) {
    case 'trend':
      return trendQuery(view, mode, layout);
    case 'map':
      return groupedQuery(view, mode, layout, 'state', 'usps');
    case 'subjects':
      return groupedQuery(view, mode, layout, 'subject', 'subject');
    case 'area-codes':
      return rankedQuery(view, mode, layout, 'area_code');
    case 'callers':
      return rankedQuery(view, mode, layout, 'caller_number');
    case 'providers':
      return providersQuery(view, mode, layout);
    case 'table':
      return rowsQuery(view, mode, layout, {
        limit: PAGE_SIZE,
        offset: (view.page - 1) * PAGE_SIZE,
      });
  }
}

/** The order rows are shown and downloaded in. */
const PAGE_ORDER = 'created_at, source_file, source_line';

/**
 * True when a scan of `src` meets the view's rows in PAGE_ORDER, so a page needs no sort. Each
 * year's row file is sorted by state, then PAGE_ORDER (ROW_ORDER, scripts/ingest/normalize.ts;
 * docs/DESIGN.md §3), and DuckDB returns a query without ORDER BY in the order it scans
 * (`preserve_insertion_order`, on by default): within one state of one file that is PAGE_ORDER.
 * Not across states (the file runs state by state), nor across years (a union of files promises no
 * order), nor in literal mode (the reader's Parquet files promise nothing).
 */
export function inFileOrder(view: ExploreView, src: Source): boolean {
  return src.kind === 'rows' && src.singleFile === true && view.states.length === 1;
}

/** The matching complaints themselves, in file order of time; without a limit for downloads. */
export function rowsQuery(
  view: ExploreView,
  mode: Mode,
  layout: DataLayout,
  page?: { limit: number; offset: number },
): BuiltQuery {
  const w = new SqlWriter(mode);
  const src = rowSource(view, mode, layout);
  const columns = ROW_COLUMNS.join(', ');
  let sql = `SELECT ${columns}\nFROM ${src.from}\n${where(view, src, w)}`;
  // A page of one state's rows in one year file is already in file order (see inFileOrder): the
  // engine stops at the page's last row instead of sorting every row of the state.
  if (!(page && inFileOrder(view, src))) sql += `\nORDER BY ${PAGE_ORDER}`;
  if (page) sql += `\nLIMIT ${w.value(page.limit)} OFFSET ${w.value(page.offset)}`;
  return done(sql, w, src);
}

/**
 * The `table` chart in one round trip: the page of rows and, on its first, the number of
 * complaints that match (`countQuery`, from the cube when it can answer) as `matching`. When the
 * page is empty the result is one row with only `matching` set; `tablePage` reads either shape back.
 *
 * A POSITIONAL JOIN pairs the page's rows with the count's one row by position, in the page's own
 * order, so nothing is sorted again; a LEFT JOIN … ON true took an outer ORDER BY to keep that
 * order and cost duckdb-wasm 7.1 ms a view against 4.9 ms (docs/STACK-NOTES.md, "Row views").
 */
export function tableQuery(view: ExploreView, mode: Mode, layout: DataLayout): BuiltQuery {
  const count = countQuery(view, mode, layout);
  const page = rowsQuery(view, mode, layout, {
    limit: PAGE_SIZE,
    offset: (view.page - 1) * PAGE_SIZE,
  });
  const sql = `SELECT page.*, counted.complaints AS matching
FROM (
${page.sql}
) AS page
POSITIONAL JOIN (
${count.sql}
) AS counted`;
  return { sql, params: [...page.params, ...count.params], source: page.source };
}

/** A `tableQuery` result → the page's rows (without `matching`) and the matching count. */
export function tablePage<T extends Record<string, unknown>>(
  rows: readonly T[],
): { matching: number; rows: Omit<T, 'matching'>[] } {
  const matching = Number(rows[0]?.matching ?? 0);
  const page = rows
    .filter((row) => row.source_file !== null && row.source_file !== undefined)
    .map(({ matching: _, ...rest }) => rest);
  return { matching, rows: page };
}

function trendQuery(view: ExploreView, mode: Mode, layout: DataLayout): BuiltQuery {
  const w = new SqlWriter(mode);
  const byState = seriesByState(view);
  const needs: Column[] = byState
    ? ['state']
    : view.measure === 'count' || view.measure === 'robocall_share'
      ? ['robocall']
      : ['state'];
  const src = chooseSource(view, needs, mode, layout);
  const bucket = view.interval === 'day' ? src.date : `date_trunc('${view.interval}', ${src.date})`;
  const series = byState ? 'state' : view.measure === 'count' ? SERIES_BY_FLAG : `'all'`;
  const { pop, value, popFilter } = measure(view, src, w, mode, layout, byState);
  const conditions = popFilter ? [popFilter] : [];
  const sql = `${pop}SELECT strftime(${bucket}::DATE, '%Y-%m-%d') AS date, ${series} AS series, ${value} AS value, ${src.count}::BIGINT AS complaints
FROM ${src.from}
${where(view, src, w, conditions)}
GROUP BY ALL
ORDER BY date, series`;
  return done(sql, w, src);
}

function groupedQuery(
  view: ExploreView,
  mode: Mode,
  layout: DataLayout,
  column: 'state' | 'subject',
  as: string,
): BuiltQuery {
  const w = new SqlWriter(mode);
  const src = chooseSource(view, [column, 'robocall'], mode, layout);
  // Per 100,000 residents of the group's own population on the map; of the filtered states' otherwise.
  const { pop, value, popFilter } = measure(view, src, w, mode, layout, column === 'state');
  const conditions = popFilter ? [popFilter] : [];
  if (column === 'state') conditions.push('state IS NOT NULL');
  const sql = `${pop}SELECT ${column} AS ${as}, ${value} AS value, ${src.count}::BIGINT AS complaints
FROM ${src.from}
${where(view, src, w, conditions)}
GROUP BY ALL
ORDER BY value DESC NULLS LAST, ${as}`;
  return done(sql, w, src);
}

function rankedQuery(
  view: ExploreView,
  mode: Mode,
  layout: DataLayout,
  column: 'area_code' | 'caller_number',
): BuiltQuery {
  const w = new SqlWriter(mode);
  const src = chooseSource(view, [column], mode, layout);
  const pone =
    mode === 'bound'
      ? 'cube.pone_caller_numbers'
      : `read_csv(${quote(layout.referenceFile('pone_caller_numbers'))}, all_varchar = true)`;
  const callers = column === 'caller_number';
  // Placeholder and invalid numbers are not ranked (src/lib/numbers/rankings.ts); they are counted.
  const valid = callers
    ? [`regexp_full_match(caller_number, '${CALLER_VALID_PATTERN}')`]
    : [`${column} IS NOT NULL`];
  const grouped = `WITH grouped AS (
SELECT ${column}, ${src.count}::BIGINT AS value
FROM ${src.from}
${where(view, src, w, valid)}
GROUP BY ALL),
ranked AS (SELECT *, row_number() OVER (ORDER BY value DESC, ${column}) AS place FROM grouped)\n`;
  // Parameters bind in the order the text names them: the cut in the tie count comes first.
  const top = w.value(TOP_N);
  let invalid = '';
  if (callers) {
    const bad =
      src.kind === 'callers_monthly' ? { ...src, from: 'cube.callers_invalid_monthly' } : src;
    const condition = src.kind === 'callers_monthly' ? [] : ['NOT coalesce(caller_valid, false)'];
    invalid = `, (SELECT coalesce(${bad.count}, 0)::BIGINT FROM ${bad.from} ${where(view, bad, w, condition).replace(/\n/g, ' ')}) AS no_valid_number`;
  }
  const provider = callers
    ? `, (SELECT any_value(provider) FROM ${pone} p WHERE p.caller_number = ranked.caller_number AND p.likely_ftc_staff_number::VARCHAR NOT IN ('true', 'yes')) AS pone_provider`
    : '';
  // How many more share the last value shown, when the cut falls inside a tie.
  const sql = `${grouped}SELECT ${column}, value, (SELECT count(*) FROM ranked r WHERE r.value = ranked.value AND r.place > ${top})::BIGINT AS tied_beyond${invalid}${provider}
FROM ranked
WHERE place <= ${w.value(TOP_N)}
ORDER BY value DESC, ${column}`;
  return done(sql, w, src);
}

function providersQuery(view: ExploreView, mode: Mode, layout: DataLayout): BuiltQuery {
  const w = new SqlWriter(mode);
  const src = chooseSource(view, ['provider'], mode, layout);
  if (src.kind === 'pone_complaints_monthly') {
    const sql = `SELECT provider, sum(complaints)::BIGINT AS value, count(DISTINCT caller_number) AS numbers
FROM ${src.from}
${where(view, src, w)}
GROUP BY ALL
ORDER BY value DESC, provider`;
    return done(sql, w, src);
  }
  // From the rows: join the letters' numbers (FTC staff numbers from letterheads excluded).
  const pone =
    mode === 'bound'
      ? 'cube.pone_caller_numbers'
      : `read_csv(${quote(layout.referenceFile('pone_caller_numbers'))}, all_varchar = true)`;
  const sql = `SELECT p.provider, count(*)::BIGINT AS value, count(DISTINCT c.caller_number) AS numbers
FROM ${src.from} c
JOIN ${pone} p ON p.caller_number = c.caller_number AND p.likely_ftc_staff_number::VARCHAR NOT IN ('true', 'yes')
${where(view, src, w, [], 'c.')}
GROUP BY ALL
ORDER BY value DESC, p.provider`;
  return done(sql, w, src);
}

/** The measure's value expression, and the population CTE it needs. */
function measure(
  view: ExploreView,
  src: Source,
  w: SqlWriter,
  mode: Mode,
  layout: DataLayout,
  perGroup = false,
): { pop: string; value: string; popFilter: string | null } {
  if (view.measure === 'robocall_share') {
    const sumOf = (cond: string) =>
      src.count === 'count(*)'
        ? `count(*) FILTER (WHERE ${cond})`
        : `sum(complaints) FILTER (WHERE ${cond})`;
    return {
      pop: '',
      value: `coalesce(${sumOf('robocall')}, 0) / nullif(${sumOf('robocall IS NOT NULL')}, 0)`,
      popFilter: null,
    };
  }
  if (view.measure === 'per100k') {
    const states =
      mode === 'bound' ? 'cube.states' : `read_csv(${quote(layout.referenceFile('states'))})`;
    // A national or subject series divides by the nation (50 states and DC, numbers/national.ts) unless states are chosen; the map divides each place by its own.
    const selected = view.states.length
      ? ` AND usps IN (${w.list(view.states)})`
      : perGroup
        ? ''
        : ` AND ${NATIONAL_SQL}`;
    const pop = `WITH pop AS (SELECT usps, population_2020 AS population FROM ${states} WHERE population_2020 IS NOT NULL${selected})\n`;
    const value = perGroup
      ? `round(${src.count} * ${RATE_PER}.0 / any_value((SELECT population FROM pop WHERE pop.usps = state)), ${RATE_DECIMALS})`
      : `round(${src.count} * ${RATE_PER}.0 / (SELECT sum(population) FROM pop), ${RATE_DECIMALS})`;
    return { pop, value, popFilter: 'state IN (SELECT usps FROM pop)' };
  }
  return { pop: '', value: `${src.count}::BIGINT`, popFilter: null };
}

function where(
  view: ExploreView,
  src: Source,
  w: SqlWriter,
  extra: string[] = [],
  prefix = '',
): string {
  const sql = {
    w,
    col: (name: string) => `${prefix}${name}`,
    date: `${prefix}${src.date}`,
    callerIndex: src.kind === 'caller_index',
  };
  const conditions = FILTERS.filter((k) => k.filter.active(view)).map((k) =>
    k.filter.where(view, sql),
  );
  conditions.push(...extra);
  return conditions.length ? `WHERE ${conditions.join('\n  AND ')}` : '';
}

function quote(path: string): string {
  return `'${path.replace(/'/g, "''")}'`;
}

function done(sql: string, w: SqlWriter, src: Source): BuiltQuery {
  return { sql, params: w.params, source: src.kind };
}
