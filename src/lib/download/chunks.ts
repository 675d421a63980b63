/**
 * Large row downloads in pieces of about 50,000 rows, so the browser never holds more than a piece
 * and the memory a download needs does not grow with its size. Pure: the SQL comes from
 * `rowsQuery`, whose filters stay bound as parameters.
 *
 * The matching complaints are ordered by (created_at, source_file, source_line), and created_at
 * decides the day, so the download is cut by day: one query counts the matching rows per day,
 * consecutive days are grouped into ranges of at most CHUNK_ROWS rows (`planChunks`), and each range
 * is the same `rowsQuery` with its dates narrowed to the range. In order, the ranges give exactly
 * the rows of the whole query, in its order. Each piece is a plain filtered scan and a sort of its
 * own rows: measured in duckdb-wasm on 1.7M rows, ~0.1 s a piece, against ~0.8 s for a keyset
 * top-N and ~1 s for LIMIT/OFFSET deep into the result. A single day with more rows than a piece
 * is read by keyset paging within that day (`chunkQuery`): each piece starts after the last row of
 * the one before, on the unique sort key.
 */
import type { BuiltQuery } from '../explore/queries';
import type { SqlValue } from '../explore/sql';

/** Rows per query. */
export const CHUNK_ROWS = 50_000;

/** The hidden column each chunk adds: the row's created_at in microseconds, exact for keyset paging. */
export const KEY_COLUMN = '__key_us';

/** Where a chunk starts: just after this row. */
export interface RowKey {
  /** created_at as microseconds since the epoch. */
  createdUs: number;
  sourceFile: string;
  sourceLine: number;
}

/** The next chunk of `rows` (a `rowsQuery` without a page) after `after`, at most `limit` rows. */
export function chunkQuery(rows: BuiltQuery, after: RowKey | null, limit = CHUNK_ROWS): BuiltQuery {
  if (/\bLIMIT\b/i.test(rows.sql.split('\n').at(-1) ?? ''))
    throw new Error('chunkQuery wants the rows query without a page');
  if (!Number.isInteger(limit) || limit < 1) throw new Error(`not a chunk size: ${limit}`);
  const params: SqlValue[] = [...rows.params];
  let where = '';
  if (after) {
    if (!Number.isSafeInteger(after.createdUs) || !Number.isSafeInteger(after.sourceLine))
      throw new Error('not a row key');
    // The `>=` conjunct alone is simple enough for DuckDB to push towards the scan.
    where = `\nWHERE created_at >= make_timestamp(CAST(? AS BIGINT))
  AND (created_at > make_timestamp(CAST(? AS BIGINT))
    OR (created_at = make_timestamp(CAST(? AS BIGINT)) AND (source_file > ? OR (source_file = ? AND source_line > ?))))`;
    params.push(
      after.createdUs,
      after.createdUs,
      after.createdUs,
      after.sourceFile,
      after.sourceFile,
      after.sourceLine,
    );
  }
  params.push(limit);
  const sql = `SELECT *, epoch_us(created_at) AS ${KEY_COLUMN}
FROM (
${rows.sql}
) AS matching${where}
ORDER BY created_at, source_file, source_line
LIMIT ?`;
  return { sql, params, source: rows.source };
}

/** The key of a chunk's last row, from its values. */
export function keyOf(row: {
  createdUs: unknown;
  sourceFile: unknown;
  sourceLine: unknown;
}): RowKey {
  const createdUs = Number(row.createdUs);
  const sourceLine = Number(row.sourceLine);
  if (
    !Number.isSafeInteger(createdUs) ||
    !Number.isSafeInteger(sourceLine) ||
    typeof row.sourceFile !== 'string'
  )
    throw new Error('a downloaded row has no usable key');
  return { createdUs, sourceFile: row.sourceFile, sourceLine };
}

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

/** Matching rows per created day, in day order: the plan of a download. */
export function dayCountsQuery(rows: BuiltQuery): BuiltQuery {
  // The rows' own ORDER BY is not needed to count them; leave it out when it is the known one.
  const unordered = rows.sql.replace(ORDER, '');
  const sql = `SELECT strftime(created_date, '%Y-%m-%d') AS day, count(*)::BIGINT AS rows
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

/** How many chunks `total` rows take. */
export function chunkCount(total: number, size = CHUNK_ROWS): number {
  return Math.max(1, Math.ceil(total / size));
}
