/**
 * `npm run data:ingest`: raw FTC daily files → canonical rows → DuckDB files, downloads,
 * quarantine and manifest.json. Everything is written into a temporary folder beside the output
 * and moved into place at the end, so a failed run leaves the previous build untouched.
 *
 * With `cache` (`--incremental`), files seen before are not read again and years whose files did
 * not change are not rebuilt (cache.ts); the outputs are the same as a full ingest's.
 */
import { createHash } from 'node:crypto';
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { MANIFEST_SCHEMA_VERSION, type Manifest, type SourceEntry } from '../../src/lib/manifest';
import { FTC_COLUMNS } from '../../src/lib/ftc-format';
import { openDb, sqlString, type Db } from '../lib/duckdb';
import { listFiles, replaceDir } from '../lib/files';
import { createProgress, formatRate, type Progress } from '../lib/progress';
import { checkReferenceDir, REFERENCE_DIR } from '../lib/reference';
import { codeVersion, IngestCache, type SourceSummary } from './cache';
import { describeDownloads, describeTables } from './describe-outputs';
import { loadReference } from './normalize';
import { writeExploreCube } from './explore-cube';
import { writeCube } from './outputs';
import { sha256 } from './prepare-file';
import { writeQuarantine } from './quarantine';
import { countLines, readSources } from './read-sources';
import { findGaps, MONDAY_FILE_HOLDS_WEEKEND, reconcileByCreatedDates } from './reconcile';
import { scanCsv } from './scan-csv';
import { sourceEntry } from './source-entries';
import { assignRoles, type SourceRole } from './sources';
import { rowsOf, writeYears, type CountedSource } from './years';

/** Bump when a change to the pipeline changes its outputs for the same inputs. */
export const PIPELINE_VERSION = 1;

export interface IngestOptions {
  raw: string;
  out: string;
  referenceDir?: string;
  progress?: Progress;
  /** Skip the Parquet and CSV downloads (tests that do not look at them). */
  skipDownloads?: boolean;
  /** The ingest cache's folder (see cache.ts and `defaultCacheDir`): incremental ingest. */
  cache?: string;
}

export interface IngestResult {
  manifest: Manifest;
  /** Files that are not FTC CSVs: the run should exit non-zero. */
  problems: string[];
  seconds: number;
  /** Seconds spent in each stage, in order (the years' as `years: <step>`, summed over the years). */
  stages: Record<string, number>;
  /** Years whose files were written in this run (with a cache, the others were restored). */
  yearsRebuilt: number[];
  /** Of those, years grown from their cached rows plus the files added to them (years.ts). */
  yearsGrown: number[];
  /** Of those, years whose closed segment came from the cache: only their open month written (segments.ts). */
  yearsClosedReused: number[];
}

/** Where `--incremental` keeps its cache: beside the build, never inside what gets published. */
export function defaultCacheDir(out: string): string {
  return `${resolve(out)}.cache`;
}

export async function ingest(options: IngestOptions): Promise<IngestResult> {
  const started = performance.now();
  const raw = resolve(options.raw);
  const out = resolve(options.out);
  const referenceDir = options.referenceDir ?? REFERENCE_DIR;
  const progress = options.progress ?? createProgress();
  const downloads = !options.skipDownloads;
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
    // Added to: the years' steps (years.ts) come back to the same names once a year.
    stages[name] = (stages[name] ?? 0) + (now - stageStart) / 1000;
    stageStart = now;
  };
  try {
    const files = (await listFiles(raw, '.csv')).filter(
      (f) => !f.split('/').includes('quarantine'),
    );
    progress.log(`ingest: ${files.length} CSV files under ${raw}`);
    checkReferenceDir(referenceDir);
    db = await openDb();
    await loadReference(db, referenceDir);
    const [{ version }] = (await db.all<{ version: string }>(`SELECT version() AS version`)) as [
      { version: string },
    ];
    const cache = options.cache
      ? await IngestCache.open(resolve(options.cache), await codeVersion(version, referenceDir))
      : null;

    // 1–2. Every file hashed and judged; those not seen before read and normalised.
    const { summaries, fresh, keys } = await readSources(
      db,
      raw,
      files,
      work,
      cache,
      progress,
      endStage,
    );
    const problems = summaries.filter((s) => s.problem).map((s) => `${s.file}: ${s.problem}`);
    for (const problem of problems) progress.log(`ingest: ${problem}`);

    // 3. Which files count, and which of their complaints: duplicates and older versions out, API
    // backfills only for created dates no published file has.
    const roles = assignRoles(
      summaries.filter((s) => !s.problem).map((s) => ({ file: s.file, sha256: s.sha256 })),
    );
    const loadable = summaries.filter((s) => !s.problem && roles.get(s.file)?.role === 'load');
    const reconciled = reconcileByCreatedDates(
      loadable.map((s) => ({ file: s.file, dates: s.stats?.dates ?? {} })),
    );
    for (const [file, by] of reconciled.superseded) roles.set(file, { role: 'superseded', by });
    const counted: CountedSource[] = loadable
      .filter((s) => !reconciled.superseded.has(s.file))
      .map((s) => ({ summary: s, excludedDates: reconciled.partial.get(s.file)?.dates ?? [] }));
    const from = { fresh, keys, cache };
    const leftOut = new Map<string, number>();
    for (const c of counted.filter((c) => c.excludedDates.length > 0)) {
      leftOut.set(
        c.summary.file,
        await quarantineCoveredRows(db, raw, c, from, reconciled.partial.get(c.summary.file)!.by),
      );
    }
    const asCounted = new Map(counted.map((c) => [c.summary.file, c.summary]));
    const reported = summaries.map((s) => asCounted.get(s.file) ?? s);

    // 4. Outputs: the years (rebuilt or restored), then what spans them.
    const written = await writeYears(
      db,
      staging,
      work,
      counted,
      from,
      downloads,
      progress,
      endStage,
    );
    progress.log('write: cube.duckdb');
    await writeCube(db, staging, referenceDir, written.restoredParts);
    endStage('cube');
    const quarantineFiles = await writeQuarantine(staging, reported);
    // The reference tables travel with the data: the SQL the explorer shows reads them beside the Parquet files.
    await mkdir(join(staging, 'reference'), { recursive: true });
    for (const name of await listFiles(referenceDir, '.csv'))
      await copyFile(join(referenceDir, name), join(staging, 'reference', name));
    const sources = reported.map((s) =>
      sourceEntry(s, roles.get(s.file), quarantineFiles.get(s.file), leftOut.get(s.file)),
    );
    await rm(work, { recursive: true, force: true });

    const tables = await describeTables(db, staging, written.years, written.checksums);
    const downloadEntries = downloads
      ? await describeDownloads(staging, written.rowsByYear, written.checksums)
      : [];
    endStage('describe');
    const manifest: Manifest = {
      schema_version: MANIFEST_SCHEMA_VERSION,
      data_version: await dataVersion(summaries, roles, referenceDir),
      generated_at: new Date().toISOString(),
      synthetic: await isSynthetic(raw),
      totals: {
        files: sources.length,
        rows_read: sum(sources, 'rows_read'),
        rows_loaded: sum(sources, 'rows_loaded'),
        rows_rejected: sum(sources, 'rows_rejected'),
      },
      gaps: findGaps(counted.flatMap((c) => Object.keys(c.summary.stats?.dates ?? {}))),
      gaps_assume_monday_file_holds_weekend: MONDAY_FILE_HOLDS_WEEKEND,
      sources,
      tables,
      downloads: downloadEntries,
    };
    await writeFile(join(staging, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    await writeExploreCube(db, staging, manifest.data_version);
    endStage('manifest');
    db.close();
    db = null;
    await replaceDir(staging, out);
    await cache?.finish();
    endStage('publish');
    const seconds = (performance.now() - started) / 1000;
    progress.log(
      `ingest: ${manifest.totals.rows_read.toLocaleString('en-US')} rows read, ${manifest.totals.rows_loaded.toLocaleString('en-US')} loaded, ` +
        `${manifest.totals.rows_rejected.toLocaleString('en-US')} quarantined, in ${seconds.toFixed(1)} s (${formatRate(manifest.totals.rows_read, seconds * 1000)}) → ${out}` +
        (cache
          ? ` (incremental: ${written.rebuilt.length} of ${written.years.length} years rebuilt)`
          : ''),
    );
    progress.log(
      `ingest: stages ${Object.entries(stages)
        .map(([k, v]) => `${k} ${v.toFixed(1)} s`)
        .join(', ')}`,
    );
    return {
      manifest,
      problems,
      seconds,
      stages,
      yearsRebuilt: written.rebuilt,
      yearsGrown: written.grown,
      yearsClosedReused: written.closedReused,
    };
  } catch (error) {
    db?.close();
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}

/**
 * An API backfill loaded in part: its complaints of dates a published file has go to quarantine
 * with their raw text, so they are accounted for and visibly not counted twice. Returns how many.
 */
async function quarantineCoveredRows(
  db: Db,
  raw: string,
  source: CountedSource,
  from: Parameters<typeof rowsOf>[1],
  by: string,
): Promise<number> {
  const whole = { ...source, excludedDates: [] };
  const lines = await db.all<{ source_line: number }>(
    `SELECT source_line FROM (${rowsOf([whole], from)}) WHERE strftime(created_date, '%Y-%m-%d') IN (${source.excludedDates.map(sqlString).join(', ')}) ORDER BY source_line`,
  );
  const buf = await readFile(join(raw, source.summary.file));
  const { good } = scanCsv(buf, FTC_COLUMNS.length);
  const at = new Map<number, number>();
  for (let k = 0; k < good.count; k++) at.set(good.lines[k]!, k);
  // A copy: the summary may be the cache's, and the cache keeps what the file holds, not this run's decision.
  source.summary = { ...source.summary, quarantined: [...source.summary.quarantined] };
  for (const { source_line } of lines) {
    const k = at.get(source_line)!;
    const raw_text = buf.toString('utf8', good.starts[k]!, good.ends[k]!);
    source.summary.quarantined.push({
      source_line,
      last_line: source_line + countLines(raw_text),
      reason: 'created on a date a published file covers',
      detail: `counted from ${by}`,
      raw_text,
    });
  }
  source.summary.quarantined.sort((a, b) => a.source_line - b.source_line);
  return lines.length;
}

async function dataVersion(
  prepared: SourceSummary[],
  roles: Map<string, SourceRole>,
  referenceDir: string,
): Promise<string> {
  const hash = createHash('sha256');
  hash.update(`pipeline ${PIPELINE_VERSION} schema ${MANIFEST_SCHEMA_VERSION}\n`);
  for (const p of [...prepared].sort((a, b) => (a.sha256 < b.sha256 ? -1 : 1))) {
    if (!p.problem && roles.get(p.file)?.role === 'load') hash.update(`${p.file} ${p.sha256}\n`);
  }
  for (const name of await listFiles(referenceDir, '.csv'))
    hash.update(`${name} ${sha256(await readFile(join(referenceDir, name)))}\n`);
  return hash.digest('hex').slice(0, 12);
}

/** data:sample leaves a `synthetic.json` marker at the root of what it writes. */
async function isSynthetic(raw: string): Promise<boolean> {
  try {
    const marker = JSON.parse(await readFile(join(raw, 'synthetic.json'), 'utf8')) as {
      synthetic?: unknown;
    };
    return marker.synthetic === true;
  } catch {
    return false;
  }
}

function sum(sources: SourceEntry[], key: 'rows_read' | 'rows_loaded' | 'rows_rejected'): number {
  return sources.reduce((total, s) => total + s[key], 0);
}
