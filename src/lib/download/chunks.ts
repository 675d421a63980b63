/**
 * Large row downloads in pieces of about 50,000 rows, so neither the page nor the engine ever holds
 * more than a piece and the memory a download needs does not grow with its size. Pure: the SQL
 * comes from `rowsQuery`, whose filters stay bound as parameters.
 *
 * The matching complaints are ordered by (created_at, source_file, source_line), and created_at
 * decides the day, so the download is cut by day: one query counts the matching rows per day
 * (and, when asked, the text cells the spreadsheet rule will prefix), consecutive days are grouped
 * into ranges of at most CHUNK_ROWS rows (`planChunks`), and each range is the same `rowsQuery` with
 * its dates narrowed to the range (`downloadPieces`). In order, the pieces give exactly the rows of
 * the whole query, in its order. Each piece is a plain filtered scan and a sort of its own rows:
 * measured in duckdb-wasm on 1.7M rows, ~0.1 s a piece, against ~1 s for LIMIT/OFFSET deep into the
 * whole result. A single day with more rows than a piece is read in LIMIT/OFFSET pages within that
 * day: the sort key is unique, so the pages neither overlap nor miss a row, and a day is small
 * enough that an offset into it costs little.
 */
import type { ExploreView } from '../explore/view';
import type { DataLayout } from '../explore/sources';
import { rowsQuery, type BuiltQuery } from '../explore/queries';
import { FORMULA_PATTERN } from './csv';

/** Rows per query. */
export const CHUNK_ROWS = 50_000;

export interface DayCount {
  /** `YYYY-MM-DD`. */
  day: string;
  rows: number;
}

/** A range of days to read in one piece (or, when one day is too big, by keyset within it). */
export interface ChunkRange {
  from: string;
  to: string;
  rows: number;
}

const ORDER = /\nORDER BY created_at, source_file, source_line$/;

/**
 * Matching rows per created day, in day order: the plan of a download. With `formulaColumns`, also
 * how many of those text cells the spreadsheet rule prefixes (`formulas`): the same regular
 * expression `neutraliseSql` runs, so the README can say how many cells it changed.
 */
export function dayCountsQuery(
  rows: BuiltQuery,
  formulaColumns: readonly string[] = [],
): BuiltQuery {
  // The rows' own ORDER BY is not needed to count them; leave it out when it is the known one.
  const unordered = rows.sql.replace(ORDER, '');
  const pattern = FORMULA_PATTERN.replace(/'/g, "''");
  const formulas = formulaColumns.length
    ? `, (${formulaColumns.map((c) => `count(*) FILTER (WHERE regexp_matches(${c}, '${pattern}'))`).join(' + ')})::BIGINT AS formulas`
    : '';
  const sql = `SELECT strftime(created_date, '%Y-%m-%d') AS day, count(*)::BIGINT AS rows${formulas}
FROM (
${unordered}
) AS matching
GROUP BY created_date
ORDER BY created_date`;
  return { sql, params: [...rows.params], source: rows.source };
}

/** Groups consecutive days into ranges of at most `limit` rows; a bigger day is a range of its own. */
export function planChunks(days: readonly DayCount[], limit = CHUNK_ROWS): ChunkRange[] {
  const ranges: ChunkRange[] = [];
  let current: ChunkRange | null = null;
  let previous = '';
  for (const { day, rows } of days) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || day <= previous)
      throw new Error(`days must be YYYY-MM-DD, ascending: ${day} after ${previous}`);
    previous = day;
    if (rows <= 0) continue;
    if (current && current.rows + rows <= limit) {
      current.to = day;
      current.rows += rows;
      continue;
    }
    current = { from: day, to: day, rows };
    ranges.push(current);
  }
  return ranges;
}

/** One query of a download and the rows it gives (known from the plan). */
export interface DownloadPiece {
  query: BuiltQuery;
  rows: number;
}

/**
 * The queries that give a view's matching complaints piece by piece, in order: one per range of
 * days, and a day bigger than `size` in LIMIT/OFFSET pages of its own.
 */
export function downloadPieces(
  view: ExploreView,
  layout: DataLayout,
  days: readonly DayCount[],
  size = CHUNK_ROWS,
): DownloadPiece[] {
  if (!Number.isInteger(size) || size < 1) throw new Error(`not a piece size: ${size}`);
  const pieces: DownloadPiece[] = [];
  for (const range of planChunks(days, size)) {
    // The same filters, dates narrowed to the range (inside the view's own dates: the days come from its rows).
    const narrowed: ExploreView = { ...view, from: range.from, to: range.to, page: 1 };
    if (range.rows <= size) {
      pieces.push({ query: rowsQuery(narrowed, 'bound', layout), rows: range.rows });
      continue;
    }
    for (let offset = 0; offset < range.rows; offset += size)
      pieces.push({
        query: rowsQuery(narrowed, 'bound', layout, { limit: size, offset }),
        rows: Math.min(size, range.rows - offset),
      });
  }
  return pieces;
}
