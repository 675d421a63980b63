/**
 * `npm run update`: the scheduled job. Check the archive against its ledger, fetch what the FTC
 * published since, and only when the archive now holds something the build does not, ingest and
 * build the site. Ends with one screen of summary and an exit code a scheduler can act on
 * (UPDATE_EXIT below, also in `--help` and the README).
 */
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { ParseArgsOptionsConfig } from 'node:util';
import { dayRuns, manifestCoverage } from '../../src/lib/coverage';
import { parseManifest, type Manifest } from '../../src/lib/manifest';
import {
  EXIT_BAD_ARGUMENTS,
  parseCommandLine,
  refuseArguments,
  type CommandSpec,
} from '../lib/cli';
import { runFetch, type MainDeps } from '../fetch/main';
import { Progress, type Output } from '../lib/progress';
import type { RunSummary } from '../fetch/run-context';
import { defaultCacheDir, ingest } from '../ingest/run-ingest';
import { fileSize, listFiles } from '../lib/files';
import { archiveIsIntact, checkArchive, describeArchiveCheck } from './archive-check';

export const UPDATE_EXIT = {
  /** Updated, or already up to date; nothing failed. */
  ok: 0,
  /** Finished, but a file failed to download or could not be ingested: what arrived is built; read the warnings. */
  partial: 1,
  usage: EXIT_BAD_ARGUMENTS,
  /** The FTC could not be reached or refused us (landing page): nothing changed; try later or with --user-agent. */
  unreachable: 3,
  /** Ingest or build failed: the previous build is untouched; do not deploy. */
  buildFailed: 4,
  /** The archive does not match its ledger (a file missing or changed): nothing fetched; restore it first. */
  archiveDamaged: 5,
  interrupted: 130,
} as const;

export const UPDATE_USAGE = `usage: npm run update -- [options]

The scheduled job: verify the raw archive against its ledger, fetch the FTC's new daily files
(data:fetch), then ingest and build the site only when the archive holds something the build
does not. Ends with a one-screen summary.

  --url URL          the FTC landing page (default the FTC's; data:fetch --url)
  --raw DIR          the raw archive (default data/raw)
  --user-agent TEXT  the User-Agent for the FTC (data:fetch --user-agent)
  --file-host HOST   an extra host the files may come from (repeatable; data:fetch --file-host)
  --out DIR          the ingest's output (default data/build)
  --no-build         ingest but do not build the site (the build is astro build into dist/)
  --summary-json F   also write the summary as JSON to F (for a workflow to read)
  -h, --help         this text

Exit codes:
  0  updated, or already up to date; nothing failed ("changed: yes|no" says which)
  1  finished with problems: a file failed to download or could not be ingested; what arrived was
     ingested and built (deployable), the warnings say what to look at
  2  bad arguments
  3  the FTC's landing page could not be read (down, or refusing us: see the message); nothing changed
  4  ingest or build failed: the previous build is untouched, do not deploy
  5  the archive does not match its ledger (a file missing or changed): nothing fetched; restore it first
  130 interrupted`;

export const UPDATE_COMMAND = {
  name: 'update',
  usage: UPDATE_USAGE,
  options: {
    url: { type: 'string' },
    raw: { type: 'string', default: 'data/raw' },
    'user-agent': { type: 'string' },
    'file-host': { type: 'string', multiple: true },
    out: { type: 'string', default: 'data/build' },
    'no-build': { type: 'boolean', default: false },
    'summary-json': { type: 'string' },
  },
} as const satisfies CommandSpec<ParseArgsOptionsConfig>;

export interface UpdateDeps extends Pick<MainDeps, 'clock' | 'signal' | 'env' | 'policy'> {
  stderr?: Output;
  stdout?: Output;
  /** Builds the site from `dataDir` (default: `astro build` with ROBOCALL_DATA_DIR). */
  build?: (dataDir: string) => Promise<void>;
}

export interface UpdateSummary {
  exit_code: number;
  changed: boolean;
  files_new: string[];
  rows_new: number;
  rows_total: number | null;
  coverage: { first_day: string; last_day: string; days_missing: string[] } | null;
  warnings: string[];
  failures: string[];
  ingested: boolean;
  built: boolean;
}

export async function update(argv: readonly string[], deps: UpdateDeps = {}): Promise<number> {
  const stderr = deps.stderr ?? process.stderr;
  // One reporter for update's own lines and the ingest's, on the same stream.
  const progress = new Progress(stderr);
  const say = (line: string): void => progress.log(line);
  let line;
  try {
    line = parseCommandLine(UPDATE_COMMAND, argv);
  } catch (error) {
    return refuseArguments(UPDATE_COMMAND, error, stderr);
  }
  if (line.help) {
    (deps.stdout ?? process.stdout).write(`${UPDATE_USAGE}\n`);
    return UPDATE_EXIT.ok;
  }
  const { values } = line;
  const raw = resolve(values.raw);
  const out = resolve(values.out);
  const summary: UpdateSummary = {
    exit_code: UPDATE_EXIT.ok,
    changed: false,
    files_new: [],
    rows_new: 0,
    rows_total: null,
    coverage: null,
    warnings: [],
    failures: [],
    ingested: false,
    built: false,
  };
  const finish = async (code: number): Promise<number> => {
    summary.exit_code = code;
    for (const line of summaryScreen(summary)) say(line);
    if (values['summary-json'])
      await writeFile(values['summary-json'], `${JSON.stringify(summary, null, 2)}\n`);
    return code;
  };

  // 1. The archive is the only history: do not add to one that does not match its ledger.
  const check = await checkArchive(raw);
  for (const line of describeArchiveCheck(check)) say(`update: ${line}`);
  if (!archiveIsIntact(check)) {
    summary.failures.push(
      'the archive does not match its ledger: restore it (or move the damaged files aside and re-record them) before updating',
    );
    return finish(UPDATE_EXIT.archiveDamaged);
  }

  // 2. Fetch.
  const fetchArgs = ['--raw', raw];
  if (values.url !== undefined) fetchArgs.push('--url', values.url);
  if (values['user-agent'] !== undefined) fetchArgs.push('--user-agent', values['user-agent']);
  for (const host of values['file-host'] ?? []) fetchArgs.push('--file-host', host);
  say(`update: fetching (data:fetch ${fetchArgs.join(' ')})`);
  const fetched = await runFetch(fetchArgs, {
    stderr,
    ...(deps.clock ? { clock: deps.clock } : {}),
    ...(deps.signal ? { signal: deps.signal } : {}),
    ...(deps.env ? { env: deps.env } : {}),
    ...(deps.policy ? { policy: deps.policy } : {}),
  });
  if (fetched.code === 2) return finish(UPDATE_EXIT.usage);
  if (fetched.code === 130) return finish(UPDATE_EXIT.interrupted);
  const run: RunSummary | null = fetched.summary;
  if (run) {
    summary.files_new = run.added;
    summary.warnings.push(...run.warnings);
    summary.failures.push(...run.failures);
    if (run.fatal !== null) summary.failures.push(run.fatal);
  }

  // 3. Anything the build does not have? (New files, or files an earlier run fetched but never ingested.)
  // An unreachable FTC is its own exit code, whatever else happened: the scheduler retries later.
  const endCode = (): number =>
    run?.fatal
      ? UPDATE_EXIT.unreachable
      : summary.failures.length > 0
        ? UPDATE_EXIT.partial
        : UPDATE_EXIT.ok;
  const before = await readManifest(out, summary.warnings);
  const hasFiles = (await listFiles(raw, '.csv')).length > 0;
  if (!hasFiles || !(await buildIsStale(raw, before))) {
    summary.rows_total = before?.totals.rows_loaded ?? null;
    summary.coverage = coverageOf(before);
    return finish(endCode());
  }

  // 4. Ingest, then build.
  let after: Manifest;
  try {
    // Incremental: years whose sources did not change are restored from the cache beside the build.
    say(`update: ingesting ${raw} into ${out} (incremental, cache ${defaultCacheDir(out)})`);
    const result = await ingest({ raw, out, cache: defaultCacheDir(out), progress });
    say(
      `update: ingest took ${result.seconds.toFixed(1)} s; years rebuilt: ${result.yearsRebuilt.join(', ') || 'none'}`,
    );
    after = result.manifest;
    summary.ingested = true;
    summary.changed = true;
    for (const problem of result.problems) summary.failures.push(`not ingested: ${problem}`);
  } catch (error) {
    summary.failures.push(`ingest failed: ${(error as Error).message}`);
    return finish(UPDATE_EXIT.buildFailed);
  }
  const known = new Set((before?.sources ?? []).map((s) => `${s.file}\u0000${s.sha256}`));
  summary.rows_new = after.sources
    .filter((s) => s.status === 'loaded' && !known.has(`${s.file}\u0000${s.sha256}`))
    .reduce((sum, s) => sum + s.rows_loaded, 0);
  summary.rows_total = after.totals.rows_loaded;
  summary.coverage = coverageOf(after);

  if (!values['no-build']) {
    try {
      say('update: building the site');
      await (deps.build ?? astroBuild)(out);
      summary.built = true;
    } catch (error) {
      summary.failures.push(`build failed: ${(error as Error).message}`);
      return finish(UPDATE_EXIT.buildFailed);
    }
  }
  return finish(endCode());
}

function coverageOf(manifest: Manifest | null): UpdateSummary['coverage'] {
  const cov = manifest ? manifestCoverage(manifest) : null;
  if (!cov) return null;
  // The ingest's own list (weekdays no source covers) when it has one; else every uncovered day.
  const gaps = (manifest as { gaps?: { created_date: string }[] }).gaps;
  const missing = Array.isArray(gaps) ? gaps.map((g) => g.created_date).sort() : cov.missing;
  return { first_day: cov.firstDay, last_day: cov.lastDay, days_missing: missing };
}

/**
 * The previous build's manifest, or null when there is none or it fails the schema: the manifest
 * is derived data, so a broken one means a full ingest (which writes a good one), said in a warning.
 */
async function readManifest(out: string, warnings: string[]): Promise<Manifest | null> {
  const path = join(out, 'manifest.json');
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return null;
  }
  try {
    return parseManifest(text, path);
  } catch (error) {
    warnings.push(`${(error as Error).message}; rebuilding from the raw files`);
    return null;
  }
}

/** The build lacks something when its manifest does not list exactly the archive's CSV files, at their sizes. */
export async function buildIsStale(raw: string, manifest: Manifest | null): Promise<boolean> {
  if (manifest === null) return true;
  const files = (await listFiles(raw, '.csv')).filter((f) => !f.split('/').includes('quarantine'));
  if (files.length !== manifest.sources.length) return true;
  const bytes = new Map(manifest.sources.map((s) => [s.file, s.bytes]));
  for (const file of files) if (bytes.get(file) !== (await fileSize(join(raw, file)))) return true;
  return false;
}

function astroBuild(dataDir: string): Promise<void> {
  return new Promise((done, fail) => {
    const child = execFile(
      'npx',
      ['astro', 'build'],
      { env: { ...process.env, ROBOCALL_DATA_DIR: dataDir }, maxBuffer: 64 * 1024 * 1024 },
      (error) =>
        error ? fail(new Error(`astro build exited with ${error.code ?? error.message}`)) : done(),
    );
    child.stdout?.pipe(process.stderr);
    child.stderr?.pipe(process.stderr);
  });
}

/** The one screen: what changed, what is missing, what to look at. */
export function summaryScreen(s: UpdateSummary): string[] {
  const lines = ['', '── update summary ──'];
  lines.push(
    `changed: ${s.changed ? 'yes' : 'no'}${s.changed ? '' : ' (nothing new since the last build; nothing ingested or built)'}`,
  );
  lines.push(
    `files new: ${s.files_new.length}${
      s.files_new.length > 0
        ? ` (${s.files_new
            .slice(0, 6)
            .map((f) => f.slice(f.lastIndexOf('/') + 1))
            .join(', ')}${s.files_new.length > 6 ? ', …' : ''})`
        : ''
    }`,
  );
  lines.push(
    `rows new: ${s.rows_new.toLocaleString('en-US')}${s.rows_total === null ? '' : ` (${s.rows_total.toLocaleString('en-US')} in all)`}`,
  );
  if (s.coverage) {
    const runs = dayRuns(s.coverage.days_missing);
    lines.push(
      `coverage: ${s.coverage.first_day} to ${s.coverage.last_day}; ${s.coverage.days_missing.length === 0 ? 'no day missing' : `gaps: ${s.coverage.days_missing.length} day(s) missing (${runs.slice(0, 4).join(', ')}${runs.length > 4 ? ', …' : ''})`}`,
    );
  }
  lines.push(`ingested: ${s.ingested ? 'yes' : 'no'}, built: ${s.built ? 'yes' : 'no'}`);
  lines.push(`warnings: ${s.warnings.length}`);
  for (const warning of s.warnings.slice(0, 5)) lines.push(`  ! ${warning}`);
  if (s.failures.length > 0) {
    lines.push(`failures: ${s.failures.length}`);
    for (const failure of s.failures.slice(0, 5)) lines.push(`  ✗ ${failure}`);
    if (s.failures.length > 5) lines.push(`  … ${s.failures.length - 5} more in the ledger`);
  }
  lines.push(`exit: ${s.exit_code}`);
  return lines;
}
