/**
 * Everything ingest publishes: the yearly row-level DuckDB files and download files (one year at a
 * time, from `year_rows`), and the cube of aggregates (from the years' parts). DuckDB files use storage version v1.4.0 because
 * that is what the browser's duckdb-wasm can attach (docs/STACK-NOTES.md).
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { sqlString, type Db } from '../lib/duckdb';
import { callerIndexFile } from '../../src/lib/caller/lookup';
import { COMPLAINTS_BLOCK_SIZE, CUBE_BLOCK_SIZE } from '../../src/lib/engine/worker-config';
import { COMPLAINT_COLUMNS, REFERENCE_TABLES } from '../../src/lib/catalog/tables';
import { referenceSelect, selectColumns } from '../../src/lib/catalog/sql';
import { kindOfDuckDbType, neutraliseSql } from '../../src/lib/download/csv';

export const BROWSER_STORAGE_VERSION = 'v1.4.0';
/**
 * How a database file for the browser is attached for writing: the storage version the browser
 * can read, and the block size the engine's worker fetches it in (src/lib/engine/worker-config.ts,
 * so the two cannot drift apart).
 */
export function browserDatabaseOptions(blockSize: number): string {
  return `STORAGE_VERSION '${BROWSER_STORAGE_VERSION}', BLOCK_SIZE ${blockSize}`;
}
export const COMPLAINTS_DATABASE_OPTIONS = browserDatabaseOptions(COMPLAINTS_BLOCK_SIZE);

/** How many of the most-reported caller numbers the cube keeps, nationally and per state. */
export const TOP_CALLERS_NATIONAL = 500;
export const TOP_CALLERS_PER_STATE = 25;

/**
 * The CSV download's columns: text neutralised for spreadsheets exactly as the explorer's downloads
 * do it (one rule, src/lib/download/csv.ts); Parquet stays the exact copy.
 */
export const SPREADSHEET_SAFE_SELECT = COMPLAINT_COLUMNS.map((c) =>
  kindOfDuckDbType(c.type) === 'text' ? `${neutraliseSql(c.name)} AS ${c.name}` : c.name,
).join(', ');

/** The files one year's rows go to, relative to the build. */
export function yearFiles(year: number, downloads: boolean): string[] {
  return [
    `complaints-${year}.duckdb`,
    callerIndexFile(year),
    ...(downloads
      ? [`downloads/complaints-${year}.csv.gz`, `downloads/complaints-${year}.parquet`]
      : []),
  ];
}

/**
 * One year's row-level outputs from the table `year_rows` (sorted: state, then time), for a year
 * of one segment (the latest year's two are segments.ts's): the DuckDB
 * file and, unless skipped, the gzipped CSV and the Parquet download. The CSV comes first and is
 * gzipped in Node's thread pool, overlapping the DuckDB work that follows: await `compressed`
 * before reading it.
 */
export async function writeYearOutputs(
  db: Db,
  outDir: string,
  year: number,
  downloads: boolean,
  endStage: (name: string) => void = () => undefined,
): Promise<{ compressed: Promise<void> }> {
  let compressed: Promise<void> = Promise.resolve();
  if (downloads) {
    const csv = `${outDir}/downloads/complaints-${year}.csv`;
    await db.run(
      `COPY (SELECT ${SPREADSHEET_SAFE_SELECT} FROM year_rows) TO ${sqlString(csv)} (FORMAT csv, HEADER)`,
    );
    compressed = gzipFile(csv, `${csv}.gz`).then(() => rm(csv));
    compressed.catch(() => undefined); // reported where it is awaited, not as an unhandled rejection
    await db.run(
      `COPY year_rows TO ${sqlString(`${outDir}/downloads/complaints-${year}.parquet`)} (FORMAT parquet, COMPRESSION zstd)`,
    );
    endStage('years: parquet download');
  }
  await db.run(`
    ATTACH ${sqlString(`${outDir}/complaints-${year}.duckdb`)} AS y (${COMPLAINTS_DATABASE_OPTIONS});
    CREATE TABLE y.complaints AS SELECT * FROM year_rows;
    DETACH y;
  `);
  // Wrapped in an object: an async function returning a bare promise would make the caller wait for it.
  return { compressed };
}

/** Level 4: within 7% of level 6’s size in about half the time (measured on a sample year). */
export async function gzipFile(from: string, to: string): Promise<void> {
  await pipeline(
    createReadStream(from, { highWaterMark: 1 << 20 }),
    createGzip({ level: 4, chunkSize: 1 << 20 }),
    createWriteStream(to),
  );
}

const COUNT = 'count(*)::BIGINT';
const CHUNK = '(SELECT min(created_date) FROM year_rows)';
/** The numbers the cube ranks: valid ones (issue 8.4). */
const RANKED = 'caller_number IS NOT NULL AND caller_valid';
const MONTH_OF = (column: string) => `date_trunc('month', ${column})::DATE`;

/**
 * The cube's aggregates, one year at a time: each year's complaints fall into that year's days and
 * months only, so the cube is the union of the years' parts (and a year that did not change keeps
 * its parts). `part_callers` counts every caller number; the cube keeps the most reported.
 */
export const CUBE_PARTS: Record<string, string> = {
  part_daily: `SELECT ${selectColumns('daily', { day: 'created_date', complaints: COUNT })} FROM year_rows GROUP BY ALL`,
  part_area_codes: `SELECT ${selectColumns('area_codes_monthly', { month: MONTH_OF('created_date'), complaints: COUNT })} FROM year_rows GROUP BY ALL`,
  // FTC staff numbers from the letterheads are not robocallers and are left out.
  part_pone: `SELECT ${selectColumns('pone_complaints_monthly', { month: MONTH_OF('l.created_date'), provider: 'p.provider', caller_number: 'l.caller_number', state: 'l.state', robocall: 'l.robocall', complaints: COUNT })}
    FROM year_rows l JOIN ref_pone_caller_numbers p ON p.caller_number = l.caller_number WHERE NOT p.likely_ftc_staff_number GROUP BY ALL`,
  // Not a published table: callers_monthly's columns with caller_valid, for ranking only valid numbers.
  part_callers: `SELECT date_trunc('month', created_date)::DATE AS month, caller_number, state, robocall, caller_valid, count(*)::BIGINT AS complaints FROM year_rows WHERE caller_number IS NOT NULL GROUP BY ALL`,
  part_callers_invalid: `SELECT ${selectColumns('callers_invalid_monthly', { month: MONTH_OF('created_date'), complaints: COUNT })} FROM year_rows WHERE NOT coalesce(caller_valid, false) GROUP BY ALL`,
  // Not published either: each chunk's counts of the numbers writeCube ranks, per state (NULL
  // included) and nationally, so that the ranking sums only the numbers that can reach it
  // (rankingSql). A chunk is what one call of addCubeParts sees (a year, or a segment of the
  // latest year), named by its first day; chunks never share a day. The national counts are the
  // state counts summed, read from the chunk's own table just made: one pass over the rows. A
  // valid number is ten digits starting 2-9 (caller_valid, normalize.ts), so it is kept as the
  // BIGINT it spells (caller_key, exact both ways): summing integers is twice as fast as strings.
  part_caller_state: `SELECT ${CHUNK} AS chunk, caller_number::BIGINT AS caller_key, state, ${COUNT} AS complaints FROM year_rows WHERE ${RANKED} GROUP BY caller_number, state`,
  part_caller_national: `SELECT chunk, caller_key, sum(complaints)::BIGINT AS complaints FROM year_part_caller_state GROUP BY chunk, caller_key`,
};

/**
 * Cube parts read in place from the cache's Parquet files (years restored, a closed segment
 * reused), by part name: a restored year's parts are scanned once by writeCube instead of being
 * copied into memory first.
 */
export type RestoredParts = Record<string, string[]>;

/** Every part, with no file read in place yet. */
export function noRestoredParts(): RestoredParts {
  return Object.fromEntries(Object.keys(CUBE_PARTS).map((name) => [name, []]));
}

/** A part as one relation: the rows of the chunks built in this run, then those read in place. */
export function partRelation(name: string, restored: RestoredParts): string {
  const files = restored[name] ?? [];
  if (files.length === 0) return name;
  return `(SELECT * FROM ${name} UNION ALL SELECT * FROM read_parquet([${files.map(sqlString).join(', ')}]))`;
}

/**
 * Empty part tables, typed by running their queries over `year_rows` while it is still empty (a
 * part may read an earlier part's `year_<part>`, so those are made too).
 */
export async function createCubeParts(db: Db): Promise<void> {
  for (const [name, sql] of Object.entries(CUBE_PARTS))
    await db.run(
      `CREATE OR REPLACE TEMP TABLE year_${name} AS ${sql}; CREATE OR REPLACE TEMP TABLE ${name} AS SELECT * FROM year_${name};`,
    );
}

/**
 * The parts of the chunk in `year_rows`, added to the cube's; returns the chunk's own part tables
 * (`year_<part>`), made in CUBE_PARTS's order.
 */
export async function addCubeParts(db: Db): Promise<string[]> {
  const tables: string[] = [];
  for (const [name, sql] of Object.entries(CUBE_PARTS)) {
    await db.run(
      `CREATE OR REPLACE TEMP TABLE year_${name} AS ${sql}; INSERT INTO ${name} SELECT * FROM year_${name};`,
    );
    tables.push(`year_${name}`);
  }
  return tables;
}

/**
 * The statements that leave the temp table `top_callers`: the most-reported valid numbers
 * nationally (TOP_CALLERS_NATIONAL) and in each state (TOP_CALLERS_PER_STATE), every number tied
 * with the last one kept too, so a ranking cut inside a tie can say how many more share it.
 *
 * Summing every number over every chunk was most of an update's time (about 8 M numbers at 10 M
 * complaints), and almost none of them can rank. So each cut first takes a floor it cannot be
 * under: the largest over chunks of the chunk's own N-th largest count (that chunk alone has N
 * numbers at least so high, so the N-th largest total is at least as high), or 0 if no chunk has
 * N numbers. A number whose total reaches the floor has, in one of the K chunks at least, a
 * count of at least floor / K (pigeonhole). Only the numbers with such a count are summed over all
 * chunks, and the cut is taken among them: the same numbers as ranking every one, ties included.
 */
export function rankingSql(part: (name: string) => string): string {
  const national = part('part_caller_national');
  const inState = part('part_caller_state');
  const nth = (n: number) =>
    `CASE WHEN count(*) >= ${n} THEN list_min(max(complaints, ${n})) ELSE 0 END`;
  return `
    CREATE OR REPLACE TEMP TABLE ranked_chunks AS SELECT count(DISTINCT chunk) AS k FROM ${national};
    CREATE OR REPLACE TEMP TABLE national_floor AS
      SELECT coalesce(max(nth), 0) AS floor FROM (SELECT ${nth(TOP_CALLERS_NATIONAL)} AS nth FROM ${national} GROUP BY chunk);
    CREATE OR REPLACE TEMP TABLE national_totals AS
      SELECT caller_key, sum(complaints) AS complaints FROM ${national}
      WHERE caller_key IN (
        SELECT caller_key FROM ${national}
        WHERE complaints * (SELECT k FROM ranked_chunks) >= (SELECT floor FROM national_floor))
      GROUP BY ALL;
    CREATE OR REPLACE TEMP TABLE state_floors AS
      SELECT state, max(nth) AS floor FROM (
        SELECT state, ${nth(TOP_CALLERS_PER_STATE)} AS nth FROM ${inState} WHERE state IS NOT NULL GROUP BY chunk, state)
      GROUP BY state;
    CREATE OR REPLACE TEMP TABLE state_candidates AS
      SELECT DISTINCT c.caller_key, c.state FROM ${inState} c JOIN state_floors f ON f.state = c.state
      WHERE c.complaints * (SELECT k FROM ranked_chunks) >= f.floor;
    CREATE OR REPLACE TEMP TABLE state_totals AS
      SELECT caller_key, state, sum(p.complaints) AS complaints
      FROM ${inState} p JOIN state_candidates USING (caller_key, state)
      GROUP BY ALL;
    -- rank() <= N holds exactly for the values at least the N-th largest (ties included), so each
    -- cut is a threshold from a top-N aggregate instead of a window sorting every number.
    CREATE OR REPLACE TEMP TABLE top_callers AS
      SELECT caller_key::VARCHAR AS caller_number FROM national_totals
        WHERE complaints >= (SELECT list_min(max(complaints, ${TOP_CALLERS_NATIONAL})) FROM national_totals)
      UNION
      SELECT caller_key::VARCHAR FROM state_totals t
        JOIN (SELECT state, list_min(max(complaints, ${TOP_CALLERS_PER_STATE})) AS least FROM state_totals GROUP BY state) s
        ON s.state = t.state AND t.complaints >= s.least;
  `;
}

export async function writeCube(
  db: Db,
  outDir: string,
  referenceDir: string,
  restored: RestoredParts = {},
): Promise<void> {
  const part = (name: string) => partRelation(name, restored);
  const csv = (name: string) =>
    `read_csv(${sqlString(`${referenceDir}/${name}`)}, header = true, all_varchar = true)`;
  await db.run(`
    ATTACH ${sqlString(`${outDir}/cube.duckdb`)} AS cube (${browserDatabaseOptions(CUBE_BLOCK_SIZE)});

    CREATE TABLE cube.daily AS SELECT * FROM ${part('part_daily')} ORDER BY ALL;
    CREATE TABLE cube.monthly AS
      SELECT ${selectColumns('monthly', { month: MONTH_OF('day'), complaints: 'sum(complaints)::BIGINT' })}
      FROM cube.daily GROUP BY ALL ORDER BY ALL;
    CREATE TABLE cube.area_codes_monthly AS SELECT * FROM ${part('part_area_codes')} ORDER BY ALL;

    -- Reference tables, typed as the catalog says, so the site and the explorer need only this file.
${REFERENCE_TABLES.map((t) => `CREATE TABLE cube.${t.name} AS SELECT ${referenceSelect(t)} FROM ${csv(`${t.name}.csv`)};`).join('\n    ')}

    -- Complaints linked to PoNE providers through the caller numbers their letters name.
    CREATE TABLE cube.pone_complaints_monthly AS SELECT * FROM ${part('part_pone')} ORDER BY ALL;

    -- The ranked numbers, plus every PoNE number reported. Placeholder and invalid numbers are
    -- never ranked (issue 8.4): their complaints are counted apart in callers_invalid_monthly.
    ${rankingSql(part)}
    INSERT INTO top_callers SELECT DISTINCT caller_number FROM cube.pone_complaints_monthly;
    CREATE TABLE cube.callers_monthly AS
      SELECT ${selectColumns('callers_monthly')} FROM ${part('part_callers')}
      WHERE caller_number IN (SELECT caller_number FROM top_callers) ORDER BY ALL;
    CREATE TABLE cube.callers_invalid_monthly AS SELECT * FROM ${part('part_callers_invalid')} ORDER BY ALL;
    DETACH cube;
  `);
}
