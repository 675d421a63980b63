/**
 * The latest year in two segments, so that a new day costs a month, not a year (issue 9.3).
 *
 * The open month is the month of the archive's latest counted created date. The latest year's
 * rows before it are the CLOSED segment, the open month's the OPEN segment; every other year has
 * one segment. Each of the latest year's outputs holds the closed segment, then the open one, each
 * sorted as a one-segment year is (complaints and downloads by ROW_ORDER, the caller index by its
 * key): state pruning and number pruning stay tight, with one more stretch to read.
 *
 * A day within the open month changes the open segment only, so the closed segment's artifacts
 * are kept in the cache (cache.ts, `closedKey`) and reused: the .duckdb files are copies of the
 * closed ones with the open rows appended, the CSV.gz is the closed segment's gzip member (with the
 * header) followed by the open one's (a multi-member gzip reads as one CSV in DuckDB, zlib, gzip),
 * and the cube parts are the closed ones plus the open month's (parts are month- or day-grained,
 * so disjoint by month). Only the Parquet download is written whole, from the cached closed rows
 * and the open ones. A full ingest writes the latest year by the same steps, so both give the same
 * rows in the same order and the same download bytes.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { copyFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { finished, pipeline } from 'node:stream/promises';
import { sqlString, type Db } from '../lib/duckdb';
import { writeYearCallerIndex, callerIndexFile } from './caller-index';
import {
  addCubeParts,
  COMPLAINTS_DATABASE_OPTIONS,
  CUBE_PARTS,
  gzipFile,
  SPREADSHEET_SAFE_SELECT,
  type RestoredParts,
} from './outputs';

/** The closed segment as the cache keeps it (files in `dir`, see `CLOSED_FILES`). */
export interface ClosedSegment {
  dir: string;
  /** Bytes of the closed segment's gzip member at the start of the cached CSV.gz. */
  csvMemberBytes: number;
}

/** The closed segment's files in its cache folder, besides the cube parts (`<part>.parquet`). */
export const CLOSED_FILES = {
  complaints: 'complaints.duckdb',
  callers: 'callers.duckdb',
  /** The whole year's downloads as written with it: the closed rows (and CSV member) come first. */
  parquet: 'download.parquet',
  csv: 'download.csv.gz',
} as const;

export interface SegmentedYear {
  /** Settles when the CSV.gz is complete: await it before reading that file. */
  compressed: Promise<void>;
  /** The open month's cube parts, tables named as addCubeParts names them. */
  openParts: string[];
  /** The closed months' cube parts as Parquet files (part name → path), when cached or stored. */
  closedParts: Record<string, string> | null;
  /** For a closed segment built in this run: its CSV member's size, known once `compressed` settles. */
  csvMemberBytes: () => number;
}

/**
 * Writes the latest year's outputs in segment order. The open segment's rows are in `year_rows`,
 * sorted by ROW_ORDER. The closed segment is either `cached` (reused, its cube parts
 * added to `restoredParts` to be read in place) or in the table
 * `closed_rows`, sorted by ROW_ORDER, and then its artifacts are also written to `store` (a cache
 * folder, or null without a cache).
 */
export async function writeSegmentedYear(
  db: Db,
  outDir: string,
  work: string,
  year: number,
  openMonth: string,
  downloads: boolean,
  closed: { cached: ClosedSegment; restoredParts: RestoredParts } | { store: string | null },
  endStage: (name: string) => void,
): Promise<SegmentedYear> {
  const complaintsFile = join(outDir, `complaints-${year}.duckdb`);
  const callersFile = join(outDir, callerIndexFile(year));
  const csvFile = join(outDir, `downloads/complaints-${year}.csv.gz`);
  const closedMember = join(work, `closed-${year}.csv.gz`);
  const openMember = join(work, `open-${year}.csv.gz`);
  let closedRows: string;
  let closedParts: Record<string, string> | null = null;
  let closedGzip: Promise<void> = Promise.resolve();
  let memberBytes = 0;

  if ('cached' in closed) {
    const { dir, csvMemberBytes } = closed.cached;
    closedParts = partFiles(dir);
    for (const [name, path] of Object.entries(closedParts)) closed.restoredParts[name]!.push(path);
    // Copies, never the cache's own files: the open rows are appended to them.
    await copyFile(join(dir, CLOSED_FILES.complaints), complaintsFile);
    await copyFile(join(dir, CLOSED_FILES.callers), callersFile);
    // The Parquet reader keeps the file's order, and the closed rows are its first stretch.
    closedRows = `SELECT * FROM read_parquet(${sqlString(join(dir, CLOSED_FILES.parquet))}) WHERE created_date < DATE '${openMonth}'`;
    memberBytes = csvMemberBytes;
    if (downloads)
      closedGzip = copyRange(join(dir, CLOSED_FILES.csv), closedMember, csvMemberBytes);
  } else {
    // The closed segment's parts: addCubeParts reads `year_rows`, so the closed rows take its name meanwhile.
    await db.run(
      'ALTER TABLE year_rows RENAME TO open_rows; ALTER TABLE closed_rows RENAME TO year_rows',
    );
    for (const table of await addCubeParts(db))
      await db.run(
        `DROP TABLE IF EXISTS ${table.replace(/^year_/, 'closed_')}; ALTER TABLE ${table} RENAME TO ${table.replace(/^year_/, 'closed_')}`,
      );
    await db.run(
      'ALTER TABLE year_rows RENAME TO closed_rows; ALTER TABLE open_rows RENAME TO year_rows',
    );
    endStage('years: cube parts');
    await db.run(`
      ATTACH ${sqlString(complaintsFile)} AS y (${COMPLAINTS_DATABASE_OPTIONS});
      CREATE TABLE y.complaints AS SELECT * FROM closed_rows;
      DETACH y;
    `);
    endStage('years: row files');
    await writeYearCallerIndex(db, outDir, year, { from: 'closed_rows' });
    endStage('years: caller index');
    if (closed.store) {
      await copyFile(complaintsFile, join(closed.store, CLOSED_FILES.complaints));
      await copyFile(callersFile, join(closed.store, CLOSED_FILES.callers));
      closedParts = partFiles(closed.store);
      for (const [name, path] of Object.entries(closedParts))
        await db.run(`COPY closed_${name} TO ${sqlString(path)} (FORMAT parquet)`);
    }
    for (const name of Object.keys(CUBE_PARTS)) await db.run(`DROP TABLE closed_${name}`);
    closedRows = 'SELECT * FROM closed_rows';
    endStage('years: cube parts');
    if (downloads) {
      const csv = join(work, `closed-${year}.csv`);
      await db.run(
        `COPY (SELECT ${SPREADSHEET_SAFE_SELECT} FROM closed_rows) TO ${sqlString(csv)} (FORMAT csv, HEADER)`,
      );
      closedGzip = gzipFile(csv, closedMember).then(async () => {
        memberBytes = (await stat(closedMember)).size;
        await rm(csv);
      });
    }
  }
  closedGzip.catch(() => undefined); // reported where it is awaited

  // The open segment, after the closed one in every file.
  let compressed: Promise<void> = closedGzip;
  if (downloads) {
    const csv = join(work, `open-${year}.csv`);
    await db.run(
      `COPY (SELECT ${SPREADSHEET_SAFE_SELECT} FROM year_rows) TO ${sqlString(csv)} (FORMAT csv, HEADER false)`,
    );
    const openGzip = gzipFile(csv, openMember).then(() => rm(csv));
    compressed = Promise.all([closedGzip, openGzip]).then(async () => {
      await concatenate([closedMember, openMember], csvFile);
      await rm(closedMember);
      await rm(openMember);
    });
    compressed.catch(() => undefined);
    // UNION ALL keeps its branches' order here (insertion order is preserved); the tests check it.
    await db.run(
      `COPY (${closedRows} UNION ALL SELECT * FROM year_rows) TO ${sqlString(join(outDir, `downloads/complaints-${year}.parquet`))} (FORMAT parquet, COMPRESSION zstd)`,
    );
    endStage('years: parquet download');
  }
  await db.run(`
    ATTACH ${sqlString(complaintsFile)} AS y;
    INSERT INTO y.complaints SELECT * FROM year_rows;
    DETACH y;
  `);
  endStage('years: row files');
  await writeYearCallerIndex(db, outDir, year, { append: true });
  endStage('years: caller index');
  const openParts = await addCubeParts(db);
  return { compressed, openParts, closedParts, csvMemberBytes: () => memberBytes };
}

/** Where a folder keeps the cube parts: `<part>.parquet`. */
function partFiles(dir: string): Record<string, string> {
  return Object.fromEntries(
    Object.keys(CUBE_PARTS).map((name) => [name, join(dir, `${name}.parquet`)]),
  );
}

async function copyRange(from: string, to: string, bytes: number): Promise<void> {
  if (bytes === 0) throw new Error(`segments: ${from} has no closed member recorded`);
  await pipeline(createReadStream(from, { start: 0, end: bytes - 1 }), createWriteStream(to));
}

async function concatenate(files: string[], to: string): Promise<void> {
  const out = createWriteStream(to);
  for (const file of files)
    await pipeline(createReadStream(file, { highWaterMark: 1 << 20 }), out, { end: false });
  out.end();
  await finished(out);
}
