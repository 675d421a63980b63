/**
 * Stages 1 and 2 of ingest: every raw file hashed and judged, and the files not seen before read
 * and normalised in one pass of DuckDB's CSV reader (table `normalized`). A file the cache has
 * seen with the same bytes is not read at all: its summary and rows come from the cache.
 */
import { readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { sqlString, type Db } from '../lib/duckdb';
import { formatRate, type Progress } from '../lib/progress';
import { IngestCache, type SourceStats, type SourceSummary } from './cache';
import { CANONICAL_SELECT, loadStage, normalize, stageCounts } from './normalize';
import { prepareFile, type PreparedFile, type QuarantinedRow } from './prepare-file';

export interface ReadSources {
  /** One per raw file, in the order of `files`. */
  summaries: SourceSummary[];
  /** Files read in this run: their rows are in `normalized`, the others' in the cache. */
  fresh: Set<string>;
  /** Cache key per file (only with a cache). */
  keys: Map<string, string>;
}

export async function readSources(
  db: Db,
  raw: string,
  files: string[],
  work: string,
  cache: IngestCache | null,
  progress: Progress,
  endStage: (name: string) => void,
): Promise<ReadSources> {
  const started = performance.now();
  const summaries: (SourceSummary | PreparedFile)[] = [];
  const prepared: PreparedFile[] = [];
  const keys = new Map<string, string>();
  let rowsSeen = 0;
  for (const [i, file] of files.entries()) {
    const path = join(raw, file);
    let buf: Buffer | undefined;
    if (cache) {
      const { sha256: hash, buf: read } = await cache.sha256(file, path);
      buf = read;
      const key = cache.sourceKey(file, hash);
      keys.set(file, key);
      const known = await cache.readSource(key);
      if (known) {
        summaries.push(known);
        continue;
      }
    }
    const p = prepareFile(file, path, buf ?? (await readFile(path)), join(work, `${i}.csv`));
    prepared.push(p);
    summaries.push(p);
    rowsSeen += p.rowsRead;
    progress.update(
      `scan ${i + 1}/${files.length} files, ${rowsSeen.toLocaleString('en-US')} rows, ${formatRate(rowsSeen, performance.now() - started)}`,
    );
  }
  if (cache)
    progress.log(
      `ingest: ${files.length - prepared.length} of ${files.length} files known to the cache, ${prepared.length} to read`,
    );
  endStage('scan');

  const toLoad = prepared.filter((p) => !p.problem && p.loadPath);
  await loadStage(db, toLoad);
  await checkDuckDbAgreesWithScan(db, toLoad);
  endStage('load');
  await normalize(db);
  const undated = await db.all<{
    source_file: string;
    source_line: number;
    created_raw: string | null;
  }>(
    `SELECT source_file, source_line, created_raw FROM normalized WHERE created_at IS NULL ORDER BY source_file, source_line`,
  );
  await quoteUndatedRows(raw, toLoad, undated);
  const stats = await sourceStats(db);
  const fresh = new Map(prepared.map((p) => [p.file, summarise(p, stats.get(p.file) ?? null)]));
  if (cache) await keepInCache(db, cache, [...fresh.values()], keys, work);
  endStage('normalize');
  return {
    summaries: summaries.map((s) => fresh.get(s.file) ?? (s as SourceSummary)),
    fresh: new Set(fresh.keys()),
    keys,
  };
}

function summarise(p: PreparedFile, stats: SourceStats | null): SourceSummary {
  return {
    file: p.file,
    sha256: p.sha256,
    bytes: p.bytes,
    problem: p.problem,
    rowsRead: p.rowsRead,
    blankLines: p.blankLines,
    physicalLines: p.physicalLines,
    rowsRepaired: p.rowsRepaired,
    quarantined: p.quarantined,
    stats: p.problem
      ? null
      : (stats ?? { rows_loaded: 0, created_min: null, created_max: null, flags: {}, dates: {} }),
  };
}

/** Each fresh source's loaded rows into one Parquet folder of the cache, then its summary. */
async function keepInCache(
  db: Db,
  cache: IngestCache,
  summaries: SourceSummary[],
  keys: Map<string, string>,
  work: string,
): Promise<void> {
  const withRows = summaries.filter((s) => (s.stats?.rows_loaded ?? 0) > 0);
  if (withRows.length > 0) {
    const parts = join(work, 'rows');
    await db.run(
      `CREATE OR REPLACE TEMP TABLE cache_keys (source_file VARCHAR, source_key VARCHAR)`,
    );
    await db.run(
      `INSERT INTO cache_keys VALUES ${withRows.map((s) => `(${sqlString(s.file)}, ${sqlString(keys.get(s.file)!)})`).join(', ')}`,
    );
    await db.run(`COPY (SELECT k.source_key, ${CANONICAL_SELECT.replace(/(\w+)/g, 'n.$1')} FROM normalized n JOIN cache_keys k USING (source_file) WHERE n.created_at IS NOT NULL)
      TO ${sqlString(parts)} (FORMAT parquet, COMPRESSION zstd, PARTITION_BY (source_key))`);
    for (const s of withRows) {
      const key = keys.get(s.file)!;
      await rm(cache.rowsPath(key), { recursive: true, force: true });
      await rename(join(parts, `source_key=${key}`), cache.rowsPath(key));
    }
  }
  for (const s of summaries) await cache.writeSource(keys.get(s.file)!, s);
}

/** The manifest's per-source figures, from the rows as loaded. */
async function sourceStats(db: Db): Promise<Map<string, SourceStats>> {
  const FLAGS = {
    state_from_area_code: `state_from = 'area_code'`,
    state_unknown: `state_from = 'none'`,
    unknown_state_name: 'state_reported IS NOT NULL',
    unrecognized_subject: `subject = 'unrecognized'`,
    caller_not_10_digit_nanp: 'NOT caller_valid',
    bad_violation_date: 'flag_bad_violation_date',
    unknown_robocall_flag: 'flag_unknown_robocall_flag',
    bad_area_code: 'flag_bad_area_code',
  };
  // One pass, by file and created date; each file's figures are the sums over its dates.
  const rows = await db.all<
    Record<string, number | string | null> & { source_file: string; d: string }
  >(`
    SELECT source_file, strftime(created_date, '%Y-%m-%d') AS d, count(*) AS rows_loaded,
      strftime(min(created_at), '%Y-%m-%d %H:%M:%S') AS created_min,
      strftime(max(created_at), '%Y-%m-%d %H:%M:%S') AS created_max,
      ${Object.entries(FLAGS)
        .map(([name, condition]) => `count(*) FILTER (${condition}) AS ${name}`)
        .join(',\n      ')}
    FROM normalized WHERE created_at IS NOT NULL GROUP BY ALL ORDER BY ALL`);
  const stats = new Map<string, SourceStats>();
  for (const r of rows) {
    let s = stats.get(r.source_file);
    if (!s) {
      s = { rows_loaded: 0, created_min: null, created_max: null, flags: {}, dates: {} };
      stats.set(r.source_file, s);
    }
    s.rows_loaded += Number(r.rows_loaded);
    s.dates[r.d] = Number(r.rows_loaded);
    const min = r.created_min as string;
    const max = r.created_max as string;
    if (s.created_min === null || min < s.created_min) s.created_min = min;
    if (s.created_max === null || max > s.created_max) s.created_max = max;
    for (const name of Object.keys(FLAGS))
      if (Number(r[name]) > 0) s.flags[name] = (s.flags[name] ?? 0) + Number(r[name]);
  }
  // The flags in FLAGS order, whichever date first had each.
  for (const s of stats.values())
    s.flags = Object.fromEntries(
      Object.keys(FLAGS)
        .filter((name) => name in s.flags)
        .map((name) => [name, s.flags[name]!]),
    );
  return stats;
}

/** The scan accepted these records; DuckDB must have read exactly them, or line numbers would drift. */
async function checkDuckDbAgreesWithScan(db: Db, files: PreparedFile[]): Promise<void> {
  const { perPath, rejected } = await stageCounts(db);
  const disagreements = files.filter((f) => (perPath.get(f.loadPath!) ?? 0) !== f.rowsAccepted);
  if (disagreements.length > 0 || rejected > 0) {
    const detail = disagreements.map(
      (f) =>
        `${f.file}: scan accepted ${f.rowsAccepted}, DuckDB read ${perPath.get(f.loadPath!) ?? 0}`,
    );
    throw new Error(
      `ingest: DuckDB and the record scan disagree (${rejected} DuckDB rejects); no output written.\n${detail.join('\n')}`,
    );
  }
}

async function quoteUndatedRows(
  raw: string,
  files: PreparedFile[],
  rows: { source_file: string; source_line: number; created_raw: string | null }[],
): Promise<void> {
  const byFile = new Map(files.map((f) => [f.file, f]));
  let current = '';
  let buf = Buffer.alloc(0);
  for (const row of rows) {
    const file = byFile.get(row.source_file)!;
    if (current !== file.file) {
      buf = await readFile(join(raw, file.file));
      current = file.file;
    }
    const k = indexOfLine(file.lines, row.source_line);
    const raw_text = buf.toString('utf8', file.starts[k]!, file.ends[k]!);
    const value = row.created_raw?.trim() ?? '';
    const entry: QuarantinedRow = {
      source_line: row.source_line,
      last_line: row.source_line + countLines(raw_text),
      reason: 'no parseable Created_Date',
      detail:
        value === ''
          ? 'Created_Date is empty'
          : `Created_Date ${JSON.stringify(value)} is not a date and time`,
      raw_text,
    };
    file.quarantined.push(entry);
  }
  for (const file of files) file.quarantined.sort((a, b) => a.source_line - b.source_line);
}

export function countLines(text: string): number {
  let n = 0;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) n++;
  return n;
}

/** Binary search: the accepted record that starts on `line`. */
function indexOfLine(lines: Uint32Array, line: number): number {
  let lo = 0;
  let hi = lines.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (lines[mid]! === line) return mid;
    if (lines[mid]! < line) lo = mid + 1;
    else hi = mid - 1;
  }
  throw new Error(`no accepted record starts on line ${line}`);
}
