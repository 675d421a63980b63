/**
 * Stage 3 of ingest: the rows that count, one year at a time. A year's rows come from the sources
 * read in this run (table `normalized`) and from the cache (sources seen before); each year gets
 * its row-level files, its caller index and its parts of the cube. With a cache, a year whose sources are all
 * unchanged is not rebuilt: its files and parts are restored as they were written. The latest
 * year is written in two segments, its closed months then its open month (segments.ts), and with
 * a cache a new day in the open month reuses the closed segment's files.
 */
import { join } from 'node:path';
import { sqlString, type Db } from '../lib/duckdb';
import { stat } from 'node:fs/promises';
import { fileSize, sha256File } from '../lib/files';
import type { Progress } from '../lib/progress';
import type { IngestCache, SourceSummary, YearFiles } from './cache';
import { writeYearCallerIndex } from './caller-index';
import { CANONICAL_SELECT, createSourceOrder, inRowOrder } from './normalize';
import {
  addCubeParts,
  createCubeParts,
  CUBE_PARTS,
  noRestoredParts,
  partRelation,
  writeYearOutputs,
  yearFiles,
  type RestoredParts,
} from './outputs';
import { CLOSED_FILES, writeSegmentedYear, type ClosedSegment } from './segments';

export interface CountedSource {
  summary: SourceSummary;
  /** Created dates whose complaints are left out (a published file has them; reconcile.ts). */
  excludedDates: string[];
}

export interface YearsWritten {
  years: number[];
  rowsByYear: Map<number, number>;
  /** Checksums of the year files, known without reading them again. */
  checksums: Map<string, string>;
  rebuilt: number[];
  /** Of those, the years grown from their cached rows (only the sources added to them read). */
  grown: number[];
  /** Of those, the years whose closed segment came from the cache (only the open month written). */
  closedReused: number[];
  /** The cube parts read in place from the cache, beside the part tables: pass to writeCube. */
  restoredParts: RestoredParts;
}

/**
 * The first day of the open month (the month of the latest counted created date), when the
 * latest year has months before it; null when it has none (its January) or nothing counts.
 */
export function openMonthOf(counted: CountedSource[]): string | null {
  let latest = '';
  for (const s of counted)
    for (const d of Object.keys(s.summary.stats?.dates ?? {}))
      if (d > latest && !s.excludedDates.includes(d)) latest = d;
  if (latest === '' || latest.slice(5, 7) === '01') return null;
  return `${latest.slice(0, 7)}-01`;
}

export interface RowSources {
  fresh: Set<string>;
  keys: Map<string, string>;
  cache: IngestCache | null;
}

/**
 * A query over the canonical rows of `sources`: read in this run from `normalized`, seen before
 * from the cache, minus the excluded dates.
 */
export function rowsOf(sources: CountedSource[], from: RowSources): string {
  const fresh = sources.filter((s) => from.fresh.has(s.summary.file));
  const cached = sources.filter(
    (s) => !from.fresh.has(s.summary.file) && (s.summary.stats?.rows_loaded ?? 0) > 0,
  );
  const parts = [`SELECT ${CANONICAL_SELECT} FROM normalized WHERE false`];
  if (fresh.length > 0) {
    parts.push(
      `SELECT ${CANONICAL_SELECT} FROM normalized WHERE created_at IS NOT NULL AND source_file IN (${fresh.map((s) => sqlString(s.summary.file)).join(', ')})`,
    );
  }
  if (cached.length > 0) {
    const globs = cached.map((s) =>
      sqlString(from.cache!.rowsGlob(from.keys.get(s.summary.file)!)),
    );
    parts.push(`SELECT ${CANONICAL_SELECT} FROM read_parquet([${globs.join(', ')}])`);
  }
  const excluded = sources.flatMap((s) =>
    s.excludedDates.map((d) => `(${sqlString(s.summary.file)}, DATE '${d}')`),
  );
  const union = parts.join('\nUNION ALL ');
  if (excluded.length === 0) return union;
  return `SELECT * FROM (${union}) WHERE (source_file, created_date) NOT IN (VALUES ${excluded.join(', ')})`;
}

export async function writeYears(
  db: Db,
  staging: string,
  work: string,
  counted: CountedSource[],
  from: RowSources,
  downloads: boolean,
  progress: Progress,
  endStage: (name: string) => void,
): Promise<YearsWritten> {
  const yearsOf = (s: CountedSource) =>
    new Set(
      Object.keys(s.summary.stats?.dates ?? {})
        .filter((d) => !s.excludedDates.includes(d))
        .map((d) => Number(d.slice(0, 4))),
    );
  const years = [...new Set(counted.flatMap((s) => [...yearsOf(s)]))].sort((a, b) => a - b);
  const openMonth = openMonthOf(counted);
  const datesOf = (s: CountedSource) =>
    Object.keys(s.summary.stats?.dates ?? {}).filter((d) => !s.excludedDates.includes(d));
  // Typed empty: the cube's part tables take their columns from it.
  await db.run(
    `CREATE OR REPLACE TEMP TABLE year_rows AS SELECT ${CANONICAL_SELECT} FROM normalized WHERE false`,
  );
  await createCubeParts(db);
  await createSourceOrder(
    db,
    counted.map((s) => s.summary.file),
  );
  const restoredParts = noRestoredParts();
  /**
   * A rebuilt year's own cube parts, kept in its cache entry for the runs that restore it: the
   * tables `parts` (`year_<part>`), as `<part>.parquet`, or for a year in two segments the
   * closed segment's files linked as `<part>.parquet` and the open month's as `<part>.open.parquet`.
   */
  const storeParts = async (
    parts: string[],
    key: string | null,
    closedParts: Record<string, string> | null = null,
  ) => {
    if (!from.cache || !key) return;
    const dir = await from.cache.startYear(key);
    for (const table of parts) {
      const name = table.replace(/^year_/, '');
      const closedFile = closedParts?.[name];
      if (closedFile) await from.cache.linkInto(closedFile, join(dir, `${name}.parquet`));
      await db.run(
        `COPY ${table} TO ${sqlString(join(dir, `${name}${closedFile ? '.open' : ''}.parquet`))} (FORMAT parquet)`,
      );
    }
  };

  const checksums = new Map<string, string>();
  const grown: number[] = [];
  const closedReused: number[] = [];
  const rebuilt: {
    year: number;
    key: string | null;
    compressed: Promise<void>;
    options: string;
    sourceIds: string[];
    /** A closed segment written in this run, to be completed in the cache once its files are. */
    closed?: { key: string; csvMemberBytes: () => number };
  }[] = [];
  for (const year of years) {
    const sources = counted.filter((s) => yearsOf(s).has(year));
    // A source as the year's key sees it: its own key and the dates left out of it.
    const sourceIds = sources.map(
      (s) => `${from.keys.get(s.summary.file)} ${s.excludedDates.join(',')}`,
    );
    const options = downloads ? 'downloads' : 'no downloads';
    // The latest year's layout is part of what its files are: the same sources give other files
    // once the open month moves on or the year is no longer the latest.
    const segmented = openMonth && Number(openMonth.slice(0, 4)) === year ? openMonth : null;
    const layout = segmented ? `open month ${segmented}` : 'one segment';
    const key = from.cache?.yearKey(year, sourceIds, `${options}, ${layout}`) ?? null;
    if (from.cache && key) {
      const restored = await from.cache.restoreYear(
        key,
        staging,
        Object.keys(CUBE_PARTS).map((name) => `${name}.parquet`),
      );
      if (restored) {
        for (const name of Object.keys(CUBE_PARTS)) {
          const dir = from.cache.yearDir(key);
          const open = join(dir, `${name}.open.parquet`);
          restoredParts[name]!.push(
            join(dir, `${name}.parquet`),
            ...((await exists(open)) ? [open] : []),
          );
        }
        for (const [file, { sha256 }] of Object.entries(restored)) checksums.set(file, sha256);
        endStage('years: restore');
        continue;
      }
    }
    const inYear = (column: string) =>
      `${column} >= DATE '${year}-01-01' AND ${column} < DATE '${year + 1}-01-01'`;
    // The closed segment as cached, when the sources with rows before the open month are the same.
    let closedKey: string | null = null;
    let cachedClosed: ClosedSegment | null = null;
    if (segmented && from.cache) {
      const before = (s: CountedSource) =>
        datesOf(s).some((d) => d < segmented && d >= `${year}-01-01`);
      closedKey = from.cache.closedKey(
        year,
        segmented,
        sourceIds.filter((_, i) => before(sources[i]!)),
        options,
      );
      cachedClosed = await from.cache.readClosed<{ csvMemberBytes: number }>(closedKey);
    }
    if (segmented && cachedClosed) {
      const open = sources.filter((s) => datesOf(s).some((d) => d >= segmented));
      progress.log(
        `write: ${year}, its months before ${segmented.slice(0, 7)} from the cache and ${segmented.slice(0, 7)} from ${open.length} source file(s)`,
      );
      closedReused.push(year);
      await db.run(
        `CREATE OR REPLACE TEMP TABLE year_rows AS ${inRowOrder(`
        SELECT * FROM (${rowsOf(open, from)})
        WHERE created_date >= DATE '${segmented}' AND ${inYear('created_date')}`)}`,
      );
      endStage('years: rows');
      const written = await writeSegmentedYear(
        db,
        staging,
        work,
        year,
        segmented,
        downloads,
        { cached: cachedClosed, restoredParts },
        endStage,
      );
      await storeParts(written.openParts, key, written.closedParts);
      rebuilt.push({ year, key, compressed: written.compressed, options, sourceIds });
      endStage('years: cube parts');
      continue;
    }
    // The year as cached before sources were added to it (yesterday's, when a day arrived): its
    // Parquet download is its rows, so only the added sources are read, not every source's rows.
    const earlier =
      from.cache && downloads
        ? await from.cache.earlierYear(
            year,
            options,
            sourceIds,
            `downloads/complaints-${year}.parquet`,
          )
        : null;
    let rows = rowsOf(sources, from);
    if (earlier) {
      const added = sources.filter((_, i) => !earlier.sources.has(sourceIds[i]!));
      progress.log(`write: ${year} from its cached rows and ${added.length} added source file(s)`);
      grown.push(year);
      rows = `SELECT ${CANONICAL_SELECT} FROM read_parquet(${sqlString(earlier.path)})
        UNION ALL SELECT * FROM (${rowsOf(added, from)})`;
    } else progress.log(`write: ${year} from ${sources.length} source file(s)`);
    if (segmented) {
      await db.run(
        `CREATE OR REPLACE TEMP TABLE closed_rows AS ${inRowOrder(`
        SELECT * FROM (${rows})
        WHERE ${inYear('created_date')} AND created_date < DATE '${segmented}'`)}`,
      );
      await db.run(
        `CREATE OR REPLACE TEMP TABLE year_rows AS ${inRowOrder(`
        SELECT * FROM (${rows})
        WHERE ${inYear('created_date')} AND created_date >= DATE '${segmented}'`)}`,
      );
      endStage('years: rows');
      const store = from.cache && closedKey ? await from.cache.startYear(closedKey) : null;
      const written = await writeSegmentedYear(
        db,
        staging,
        work,
        year,
        segmented,
        downloads,
        { store },
        endStage,
      );
      await storeParts(written.openParts, key, written.closedParts);
      rebuilt.push({
        year,
        key,
        compressed: written.compressed,
        options,
        sourceIds,
        ...(closedKey
          ? { closed: { key: closedKey, csvMemberBytes: written.csvMemberBytes } }
          : {}),
      });
      endStage('years: cube parts');
      continue;
    }
    await db.run(
      `CREATE OR REPLACE TEMP TABLE year_rows AS ${inRowOrder(`
      SELECT * FROM (${rows})
      WHERE ${inYear('created_date')}`)}`,
    );
    endStage('years: rows');
    const { compressed } = await writeYearOutputs(db, staging, year, downloads, endStage);
    endStage('years: row files');
    await writeYearCallerIndex(db, staging, year);
    endStage('years: caller index');
    await storeParts(await addCubeParts(db), key);
    rebuilt.push({ year, key, compressed, options, sourceIds });
    endStage('years: cube parts');
  }
  await db.run('DROP TABLE year_rows; DROP TABLE source_order');
  for (const { year, key, compressed, options, sourceIds, closed } of rebuilt) {
    await compressed;
    if (from.cache && closed) {
      const links: Record<string, string> = downloads
        ? {
            [CLOSED_FILES.parquet]: join(staging, `downloads/complaints-${year}.parquet`),
            [CLOSED_FILES.csv]: join(staging, `downloads/complaints-${year}.csv.gz`),
          }
        : {};
      await from.cache.storeClosed(closed.key, links, { csvMemberBytes: closed.csvMemberBytes() });
    }
    const files: YearFiles = {};
    for (const file of yearFiles(year, downloads)) {
      files[file] = {
        bytes: await fileSize(join(staging, file)),
        sha256: await sha256File(join(staging, file)),
      };
      checksums.set(file, files[file]!.sha256);
    }
    if (from.cache && key)
      await from.cache.storeYear(key, staging, files, year, options, sourceIds);
  }
  endStage('years: checksums');
  const rowsByYear = new Map(
    (
      await db.all<{ y: number; n: number }>(
        `SELECT year(day) AS y, sum(complaints)::BIGINT AS n FROM ${partRelation('part_daily', restoredParts)} GROUP BY ALL`,
      )
    ).map((r) => [r.y, r.n]),
  );
  return {
    years,
    rowsByYear,
    checksums,
    rebuilt: rebuilt.map((r) => r.year),
    grown,
    closedReused,
    restoredParts,
  };
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}
