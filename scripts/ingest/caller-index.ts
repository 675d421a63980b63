/**
 * The caller index: every complaint whose caller number is all digits once more, one file per year
 * of created_date (`callers-<year>.duckdb`), each sorted by the number (the latest year within each
 * of its two segments, segments.ts), so that "has anyone
 * reported this number?" over all years reads a few small blocks of each year by HTTP Range
 * instead of every yearly row file (those are sorted by state and time, where a number is
 * everywhere).
 *
 * Why by year: a file per year stays under the hosts' per-file limit however many years the
 * archive holds (at ~14 bytes a complaint, ~36 MB for a year of 2.6 million complaints, under
 * GitHub Pages' 100 MiB; see scripts/deploy/hosts.ts), and an incremental ingest rewrites only
 * the years that changed. A lookup reads one or two row groups in each year's file (in each
 * segment of the latest year's).
 *
 * Why slim: a lookup reads the number, the day, the state, the subject and the flag, and the
 * static caller pages rank by caller_valid; everything else is in the yearly row files. The
 * number itself is stored only where its digits differ from `caller_key`'s (leading zeros), so
 * readers take it as CALLER_NUMBER_SQL (src/lib/caller/lookup.ts). Numbers with anything but
 * digits cannot be looked up (the form accepts digits only) and are left out.
 *
 * Small row groups and small blocks are what make it cheap: DuckDB keeps each row group's min and
 * max per column, so a lookup skips to the one or two row groups holding the number and fetches
 * only their blocks. `caller_key` is the number as a BIGINT because DuckDB's string statistics keep
 * only an 8-byte prefix, which cannot tell 2145550100 from 2145550199; an integer's are exact.
 */
import { callerIndexFile, CALLER_INDEX_TABLE } from '../../src/lib/caller/lookup';
import { selectColumns } from '../../src/lib/catalog/sql';
import { CALLER_COMPLAINTS_TABLE } from '../../src/lib/catalog/tables';
import { sqlString, type Db } from '../lib/duckdb';
import { CALLER_INDEX_BLOCK_SIZE } from '../../src/lib/engine/worker-config';
import { browserDatabaseOptions } from './outputs';

export { callerIndexFile, CALLER_INDEX_TABLE };
/** Rows per row group: a number's complaints usually sit in one group, and a group's blocks are small. */
export const CALLER_ROW_GROUP_SIZE = 8192;

/** The numbers the index keeps: all digits, at most 18 (so the number fits a BIGINT key). */
const INDEXED_NUMBER = `regexp_full_match(caller_number, '[0-9]{1,18}')`;

/**
 * Writes `callers-<year>.duckdb` from `year_rows` (that year's counted complaints, years.ts), while
 * the year is in memory for its other files: the index costs no second read of every complaint,
 * and a year the cache restores keeps its index as it was written.
 *
 * With `append`, the rows of `from` go after those already in the file, sorted among themselves:
 * the latest year's open month after its closed months (segments.ts), so the file is sorted by
 * the key within each segment and a lookup reads one more stretch, not the whole year.
 */
export async function writeYearCallerIndex(
  db: Db,
  outDir: string,
  year: number,
  { from = 'year_rows', append = false }: { from?: string; append?: boolean } = {},
): Promise<void> {
  const rows = `
      WITH keyed AS (
        -- Only indexed numbers get here, so the key is the cast alone: one regular expression a row.
        SELECT *, caller_number::BIGINT AS caller_key
        FROM ${from}
        WHERE ${INDEXED_NUMBER}
      )
      SELECT ${selectColumns(CALLER_COMPLAINTS_TABLE, {
        caller_number: 'CASE WHEN caller_number <> caller_key::VARCHAR THEN caller_number END',
      })}
      FROM keyed
      -- Total (source file and line are unique): a parallel sort must not order ties differently from run to run.
      ORDER BY caller_key, caller_number NULLS FIRST, created_date, created_at, source_file, source_line`;
  // ROW_GROUP_SIZE is an option of the attachment, not of the file: an append needs it again.
  await db.run(`
    ATTACH ${sqlString(`${outDir}/${callerIndexFile(year)}`)} AS callers (${browserDatabaseOptions(CALLER_INDEX_BLOCK_SIZE)}, ROW_GROUP_SIZE ${CALLER_ROW_GROUP_SIZE});
    ${append ? `INSERT INTO callers.${CALLER_INDEX_TABLE}` : `CREATE TABLE callers.${CALLER_INDEX_TABLE} AS`} ${rows};
    DETACH callers;
  `);
}
