/**
 * The caller index: every complaint once more, in one file sorted by the caller's number, so that
 * "has anyone reported this number?" over all years reads a few small blocks by HTTP Range instead
 * of every yearly file (those are sorted by state and time, where a number is everywhere).
 *
 * Small row groups and small blocks are what make it cheap: DuckDB keeps each row group's min and
 * max per column, so a lookup skips to the one or two row groups holding the number and fetches
 * only their blocks. `caller_key` is the number as a BIGINT because DuckDB's string statistics keep
 * only an 8-byte prefix, which cannot tell 2145550100 from 2145550199; an integer's are exact.
 */
import { sqlString, type Db } from '../lib/duckdb';
import { BROWSER_STORAGE_VERSION } from './outputs';
import { selectColumns } from '../../src/lib/catalog/sql';
import { CALLER_COMPLAINTS_TABLE as CALLER_INDEX_DEF } from '../../src/lib/catalog/tables';

export const CALLER_INDEX_FILE = 'callers.duckdb';
export const CALLER_INDEX_TABLE = CALLER_INDEX_DEF.name;
/** Rows per row group: a number's complaints usually sit in one group, and a group's blocks are small. */
export const CALLER_ROW_GROUP_SIZE = 8192;
/** Bytes per storage block (DuckDB's default is 256 KiB): the unit a Range read fetches. */
export const CALLER_BLOCK_SIZE = 16384;

/** The integer key of a reported number: its digits when it is all digits (at most 18), else NULL. */
export const CALLER_KEY_SQL = `CASE WHEN regexp_full_match(caller_number, '[0-9]{1,18}') THEN caller_number::BIGINT END`;

export async function writeCallerIndex(db: Db, outDir: string): Promise<void> {
  await db.run(`
    ATTACH ${sqlString(`${outDir}/${CALLER_INDEX_FILE}`)} AS callers (STORAGE_VERSION '${BROWSER_STORAGE_VERSION}', BLOCK_SIZE ${CALLER_BLOCK_SIZE}, ROW_GROUP_SIZE ${CALLER_ROW_GROUP_SIZE});
    CREATE TABLE callers.${CALLER_INDEX_TABLE} AS
      SELECT ${selectColumns(CALLER_INDEX_DEF, { caller_key: CALLER_KEY_SQL })}
      FROM loaded
      WHERE caller_number IS NOT NULL
      ORDER BY caller_key NULLS LAST, caller_number, created_at, source_file, source_line;
    DETACH callers;
  `);
}
