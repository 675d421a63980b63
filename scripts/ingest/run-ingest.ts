/**
 * `npm run data:ingest`: raw FTC daily files → canonical rows → DuckDB files, downloads,
 * quarantine and manifest.json. Everything is written into a temporary folder beside the output
 * and moved into place at the end, so a failed run leaves the previous build untouched.
 */
import { createHash } from 'node:crypto';
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { MANIFEST_SCHEMA_VERSION, type Manifest, type SourceEntry } from '../../src/lib/manifest';
import { openDb, type Db } from '../lib/duckdb';
import { listFiles, replaceDir } from '../lib/files';
import { createProgress, formatRate, type Progress } from '../lib/progress';
import { REFERENCE_DIR } from '../lib/reference';
import { describeTables, describeDownloads } from './describe-outputs';
import { loadReference, loadStage, normalize, stageCounts } from './normalize';
import { writeCallerIndex } from './caller-index';
import { writeComplaintFiles, writeCube, writeDownloads } from './outputs';
import { prepareFile, sha256, type PreparedFile, type QuarantinedRow } from './prepare-file';
import { writeQuarantine } from './quarantine';
import { assignRoles, type SourceRole } from './sources';

/** Bump when a change to the pipeline changes its outputs for the same inputs. */
export const PIPELINE_VERSION = 1;

export interface IngestOptions {
  raw: string;
  out: string;
  referenceDir?: string;
  progress?: Progress;
  /** Skip the Parquet and CSV downloads (tests that do not look at them). */
  skipDownloads?: boolean;
}

export interface IngestResult {
  manifest: Manifest;
  /** Files that are not FTC CSVs: the run should exit non-zero. */
  problems: string[];
  seconds: number;
  /** Seconds spent in each stage, in order. */
  stages: Record<string, number>;
}

export async function ingest(options: IngestOptions): Promise<IngestResult> {
  const started = performance.now();
  const raw = resolve(options.raw);
  const out = resolve(options.out);
  const referenceDir = options.referenceDir ?? REFERENCE_DIR;
  const progress = options.progress ?? createProgress();
  const staging = `${out}.tmp-${process.pid}`;
  const work = join(staging, '.work');
  await rm(staging, { recursive: true, force: true });
  await mkdir(join(staging, 'downloads'), { recursive: true });
  await mkdir(join(staging, 'quarantine'), { recursive: true });
  await mkdir(work, { recursive: true });

  let db: Db | null = null;
  const stages: Record<string, number> = {};
  let stageStart = performance.now();
  const endStage = (name: string) => {
    const now = performance.now();
    stages[name] = (now - stageStart) / 1000;
    stageStart = now;
  };
  try {
    const files = (await listFiles(raw, '.csv')).filter((f) => !f.split('/').includes('quarantine'));
    progress.log(`ingest: ${files.length} CSV files under ${raw}`);

    // 1. Read, hash and judge every record of every file.
    const prepared: PreparedFile[] = [];
    let rowsSeen = 0;
    for (const [i, file] of files.entries()) {
      const path = join(raw, file);
      const buf = await readFile(path);
      const p = prepareFile(file, path, buf, join(work, `${i}.csv`));
      prepared.push(p);
      rowsSeen += p.rowsRead;
      progress.update(`scan ${i + 1}/${files.length} files, ${rowsSeen.toLocaleString('en-US')} rows, ${formatRate(rowsSeen, performance.now() - started)}`);
    }
    endStage('scan');
    const roles = assignRoles(prepared.filter((p) => !p.problem).map((p) => ({ file: p.file, sha256: p.sha256 })));
    const toLoad = prepared.filter((p) => !p.problem && roles.get(p.file)?.role === 'load' && p.loadPath);
    const problems = prepared.filter((p) => p.problem).map((p) => `${p.file}: ${p.problem}`);
    for (const problem of problems) progress.log(`ingest: ${problem}`);

    // 2. Load and normalise in DuckDB.
    db = await openDb();
    await loadReference(db, referenceDir);
    progress.log(`load: ${toLoad.length} files into DuckDB`);
    await loadStage(db, toLoad);
    await checkDuckDbAgreesWithScan(db, toLoad);
    endStage('load');
    await normalize(db);
    const undated = await db.all<{ source_file: string; source_line: number; created_raw: string | null }>(
      `SELECT source_file, source_line, created_raw FROM normalized WHERE created_at IS NULL ORDER BY source_file, source_line`,
    );
    await quoteUndatedRows(raw, toLoad, undated);
    const loadedRows = (await db.all<{ n: number }>(`SELECT count(*) AS n FROM loaded`))[0]!.n;
    progress.log(`load: ${loadedRows.toLocaleString('en-US')} rows, ${formatRate(loadedRows, performance.now() - started)} so far`);
    endStage('normalize');

    // 3. Outputs.
    const years = (await db.all<{ y: number }>(`SELECT DISTINCT year(created_date) AS y FROM loaded ORDER BY y`)).map((r) => r.y);
    let compressing: Promise<void> = Promise.resolve();
    if (!options.skipDownloads) {
      progress.log('write: downloads (Parquet, CSV.gz)');
      compressing = (await writeDownloads(db, staging, years)).compressed;
      endStage('downloads');
    }
    progress.log(`write: complaints-<year>.duckdb for ${years.join(', ') || 'no year'}`);
    await writeComplaintFiles(db, staging, years);
    endStage('complaint files');
    progress.log('write: cube.duckdb');
    await writeCube(db, staging, referenceDir);
    endStage('cube');
    await writeCallerIndex(db, staging);
    endStage('caller index');
    await compressing;
    endStage('gzip (overlapped)');
    const quarantineFiles = await writeQuarantine(staging, prepared);
    // The reference tables travel with the data: the SQL the explorer shows reads them beside the Parquet files.
    await mkdir(join(staging, 'reference'), { recursive: true });
    for (const name of await listFiles(referenceDir, '.csv')) await copyFile(join(referenceDir, name), join(staging, 'reference', name));
    const sources = await sourceEntries(db, prepared, roles, quarantineFiles);
    await rm(work, { recursive: true, force: true });

    const tables = await describeTables(db, staging, years);
    const downloads = options.skipDownloads ? [] : await describeDownloads(staging, years, db);
    const manifest: Manifest = {
      schema_version: MANIFEST_SCHEMA_VERSION,
      data_version: await dataVersion(prepared, roles, referenceDir),
      generated_at: new Date().toISOString(),
      synthetic: await isSynthetic(raw),
      totals: {
        files: sources.length,
        rows_read: sum(sources, 'rows_read'),
        rows_loaded: sum(sources, 'rows_loaded'),
        rows_rejected: sum(sources, 'rows_rejected'),
      },
      sources,
      tables,
      downloads,
    };
    await writeFile(join(staging, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    db.close();
    db = null;
    await replaceDir(staging, out);
    endStage('manifest');
    const seconds = (performance.now() - started) / 1000;
    progress.log(
      `ingest: ${manifest.totals.rows_read.toLocaleString('en-US')} rows read, ${manifest.totals.rows_loaded.toLocaleString('en-US')} loaded, ` +
        `${manifest.totals.rows_rejected.toLocaleString('en-US')} quarantined, in ${seconds.toFixed(1)} s (${formatRate(manifest.totals.rows_read, seconds * 1000)}) → ${out}`,
    );
    progress.log(`ingest: stages ${Object.entries(stages).map(([k, v]) => `${k} ${v.toFixed(1)} s`).join(', ')}`);
    return { manifest, problems, seconds, stages };
  } catch (error) {
    db?.close();
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}

/** The scan accepted these records; DuckDB must have read exactly them, or line numbers would drift. */
async function checkDuckDbAgreesWithScan(db: Db, files: PreparedFile[]): Promise<void> {
  const { perPath, rejected } = await stageCounts(db);
  const disagreements = files.filter((f) => (perPath.get(f.loadPath!) ?? 0) !== f.rowsAccepted);
  if (disagreements.length > 0 || rejected > 0) {
    const detail = disagreements.map((f) => `${f.file}: scan accepted ${f.rowsAccepted}, DuckDB read ${perPath.get(f.loadPath!) ?? 0}`);
    throw new Error(`ingest: DuckDB and the record scan disagree (${rejected} DuckDB rejects); no output written.\n${detail.join('\n')}`);
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
      detail: value === '' ? 'Created_Date is empty' : `Created_Date ${JSON.stringify(value)} is not a date and time`,
      raw_text,
    };
    file.quarantined.push(entry);
  }
  for (const file of files) file.quarantined.sort((a, b) => a.source_line - b.source_line);
}

function countLines(text: string): number {
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

async function sourceEntries(
  db: Db,
  prepared: PreparedFile[],
  roles: Map<string, SourceRole>,
  quarantineFiles: Map<string, string>,
): Promise<SourceEntry[]> {
  const stats = new Map(
    (
      await db.all<Record<string, number | string | null> & { source_file: string }>(`
        SELECT source_file, count(*) AS rows_loaded,
          strftime(min(created_at), '%Y-%m-%d %H:%M:%S') AS created_min,
          strftime(max(created_at), '%Y-%m-%d %H:%M:%S') AS created_max,
          count(*) FILTER (state_from = 'area_code') AS state_from_area_code,
          count(*) FILTER (state_from = 'none') AS state_unknown,
          count(*) FILTER (state_reported IS NOT NULL) AS unknown_state_name,
          count(*) FILTER (subject = 'unrecognized') AS unrecognized_subject,
          count(*) FILTER (NOT caller_valid) AS caller_not_10_digit_nanp,
          count(*) FILTER (flag_bad_violation_date) AS bad_violation_date,
          count(*) FILTER (flag_unknown_robocall_flag) AS unknown_robocall_flag,
          count(*) FILTER (flag_bad_area_code) AS bad_area_code
        FROM loaded GROUP BY source_file`)
    ).map((r) => [r.source_file, r]),
  );
  const FLAGS = [
    'state_from_area_code', 'state_unknown', 'unknown_state_name', 'unrecognized_subject',
    'caller_not_10_digit_nanp', 'bad_violation_date', 'unknown_robocall_flag', 'bad_area_code',
  ];
  return prepared.map((p): SourceEntry => {
    const role = roles.get(p.file);
    const entry: SourceEntry = {
      file: p.file,
      sha256: p.sha256,
      bytes: p.bytes,
      rows_read: 0,
      rows_loaded: 0,
      rows_rejected: 0,
      blank_lines: 0,
      lines: p.physicalLines,
      lines_rejected: 0,
      rejected_by_reason: {},
      flagged: {},
      created_min: null,
      created_max: null,
      status: 'loaded',
    };
    if (p.problem) return { ...entry, status: 'not_ftc_csv', problem: p.problem };
    if (role?.role === 'duplicate') return { ...entry, status: 'duplicate', duplicate_of: role.of, problem: `same content as ${role.of}: counted once` };
    if (role?.role === 'superseded') return { ...entry, status: 'superseded', superseded_by: role.by, problem: `a later version of the same publication (${role.by}) replaces it` };
    const s = stats.get(p.file);
    const rejected_by_reason: Record<string, number> = {};
    for (const q of p.quarantined) rejected_by_reason[q.reason] = (rejected_by_reason[q.reason] ?? 0) + 1;
    const flagged: Record<string, number> = {};
    for (const flag of FLAGS) if (s && Number(s[flag]) > 0) flagged[flag] = Number(s[flag]);
    if (p.rowsRepaired > 0) flagged.repaired_encoding_or_quoting = p.rowsRepaired;
    const quarantine = quarantineFiles.get(p.file);
    return {
      ...entry,
      rows_read: p.rowsRead,
      rows_loaded: s ? Number(s.rows_loaded) : 0,
      rows_rejected: p.quarantined.length,
      blank_lines: p.blankLines,
      lines_rejected: p.quarantined.reduce((n, q) => n + q.last_line - q.source_line + 1, 0),
      rejected_by_reason,
      flagged,
      created_min: (s?.created_min as string | null) ?? null,
      created_max: (s?.created_max as string | null) ?? null,
      ...(p.bytes === 0 ? { problem: 'empty file (0 bytes)' } : {}),
      ...(quarantine ? { quarantine } : {}),
    };
  });
}

async function dataVersion(prepared: PreparedFile[], roles: Map<string, SourceRole>, referenceDir: string): Promise<string> {
  const hash = createHash('sha256');
  hash.update(`pipeline ${PIPELINE_VERSION} schema ${MANIFEST_SCHEMA_VERSION}\n`);
  for (const p of [...prepared].sort((a, b) => (a.sha256 < b.sha256 ? -1 : 1))) {
    if (!p.problem && roles.get(p.file)?.role === 'load') hash.update(`${p.file} ${p.sha256}\n`);
  }
  for (const name of await listFiles(referenceDir, '.csv')) hash.update(`${name} ${sha256(await readFile(join(referenceDir, name)))}\n`);
  return hash.digest('hex').slice(0, 12);
}

/** data:sample leaves a `synthetic.json` marker at the root of what it writes. */
async function isSynthetic(raw: string): Promise<boolean> {
  try {
    const marker = JSON.parse(await readFile(join(raw, 'synthetic.json'), 'utf8')) as { synthetic?: unknown };
    return marker.synthetic === true;
  } catch {
    return false;
  }
}

function sum(sources: SourceEntry[], key: 'rows_read' | 'rows_loaded' | 'rows_rejected'): number {
  return sources.reduce((total, s) => total + s[key], 0);
}

