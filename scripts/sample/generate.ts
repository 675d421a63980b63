/**
 * The whole sample: FTC-format daily files in the FTC's cadence (weekdays; Monday's holds the
 * weekend, see calendar.ts `dailyFilePlan`), written into a staging folder (by
 * worker threads when there are cores to spare), swapped in for `<out>/dnc` whole, then the
 * synthetic marker beside it.
 */
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { dailyFileName } from '../../src/lib/ftc-format';
import { dailyFilePlan, type DailyFilePlan } from './calendar';
import { generateDay } from './complaint';
import { DailyFileBuilder, writeFileAtomic } from './csv-writer';
import { formatDay, parseDay, yearOf } from './dates';
import { buildModel, type ModelOptions, type SampleModel } from './model';

export interface SampleOptions extends ModelOptions {
  out: string;
  /** Worker threads; 1 (the default) generates in this thread. Output does not depend on it. */
  workers?: number;
}

export interface SampleSummary {
  rows: number;
  files: number;
  bytes: number;
  first: string;
  last: string;
}

/** The marker the ingest reads to flag a build as synthetic. */
export interface SyntheticMarker {
  synthetic: true;
  generator: 'robocall-atlas data:sample';
  seed: string | number;
  days: number;
  end: string;
  start: string;
  volume: number;
  rows: number;
  files: number;
}

export const GENERATOR = 'robocall-atlas data:sample';

/** Work for one thread: which daily files to write, and where. */
export interface DaysJob {
  options: ModelOptions;
  files: DailyFilePlan[];
  staging: string;
}

export interface DaysResult {
  rows: number;
  files: number;
  bytes: number;
}

/** A thread's share of the files; each day's content depends only on the model and the day. */
export function writeDays(
  model: SampleModel,
  files: readonly DailyFilePlan[],
  staging: string,
): DaysResult {
  const result: DaysResult = { rows: 0, files: 0, bytes: 0 };
  const builder = new DailyFileBuilder(32 << 20);
  const emit = builder.row.bind(builder);
  for (const file of files) {
    builder.reset();
    for (const day of file.created) result.rows += generateDay(model, day, emit);
    // The staging folder is the temporary: the whole tree is renamed into place afterwards.
    writeFileSync(
      join(staging, String(yearOf(file.published)), dailyFileName(formatDay(file.published))),
      builder.bytes(),
    );
    result.files += 1;
    result.bytes += builder.size;
  }
  return result;
}

function startWorker(job: DaysJob): { worker: Worker; done: Promise<DaysResult> } {
  // Worker threads inherit execArgv, so under tsx the worker loads TypeScript the same way.
  const worker = new Worker(new URL('./worker.ts', import.meta.url), { workerData: job });
  const done = new Promise<DaysResult>((resolve, reject) => {
    let result: DaysResult | undefined;
    worker.once('message', (message: DaysResult) => (result = message));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code === 0 && result !== undefined) resolve(result);
      else reject(new Error(`sample worker exited with code ${code}`));
    });
  });
  return { worker, done };
}

/** Runs the jobs on worker threads; the first failure stops the others. */
async function runWorkers(jobs: readonly DaysJob[]): Promise<DaysResult[]> {
  const running = jobs.map(startWorker);
  try {
    return await Promise.all(running.map((r) => r.done));
  } catch (error) {
    await Promise.allSettled(running.map((r) => r.worker.terminate()));
    throw error;
  }
}

/**
 * A thread pays ~0.5 s to start (it loads the TypeScript modules again), about what it takes to
 * write half a million rows: small samples stay in one thread, big ones use the cores, at most 4
 * (beyond that the disk is the limit).
 */
export function defaultWorkers(
  days: number,
  volume: number,
  cores = availableParallelism(),
): number {
  // A day averages ~0.87 weekdays' volume (weekends, holidays: see DEFAULT_WEEKDAY_VOLUME).
  const rows = days * volume * 0.87;
  return Math.max(1, Math.min(4, cores, Math.floor(rows / 1_000_000)));
}

/** A numeric seed is written as a number in the marker, anything else as the string given. */
function markerSeed(seed: string): string | number {
  return /^(0|[1-9]\d{0,14})$/.test(seed) ? Number(seed) : seed;
}

function validate(options: SampleOptions): void {
  if (!Number.isInteger(options.days) || options.days < 1)
    throw new Error(`--days must be a positive integer, not ${options.days}`);
  if (!(options.volume > 0)) throw new Error(`--volume must be positive, not ${options.volume}`);
  parseDay(options.end);
}

/**
 * Generates the sample into `<out>/dnc/<year>/DNC_Complaint_Numbers_<published>.csv` (a file each
 * weekday holding the days since the last one, year of publication), replacing any previous sample whole: the new tree is
 * built beside the old one and swapped in by rename, so an interrupted run leaves the old sample,
 * never a mix. Same options, same bytes, whatever the number of workers.
 */
export async function generateSample(options: SampleOptions): Promise<SampleSummary> {
  validate(options);
  const last = parseDay(options.end);
  const first = last - options.days + 1;
  const plan = dailyFilePlan(first, last);
  const workers = Math.max(1, Math.min(options.workers ?? 1, plan.length));
  const modelOptions: ModelOptions = {
    days: options.days,
    end: options.end,
    seed: options.seed,
    volume: options.volume,
  };
  if (options.referenceDir !== undefined) modelOptions.referenceDir = options.referenceDir;

  mkdirSync(options.out, { recursive: true });
  const target = join(options.out, 'dnc');
  const staging = join(options.out, '.dnc-staging');
  const retired = join(options.out, '.dnc-retired');
  // Left over from an interrupted run: never let an ingest of <out> pick them up.
  rmSync(staging, { recursive: true, force: true });
  rmSync(retired, { recursive: true, force: true });

  let totals: DaysResult = { rows: 0, files: 0, bytes: 0 };
  try {
    for (const year of new Set(plan.map((file) => yearOf(file.published))))
      mkdirSync(join(staging, String(year)), { recursive: true });
    if (workers === 1) totals = writeDays(buildModel(modelOptions), plan, staging);
    else {
      // Interleaved so that every thread gets the same mix of Mondays, other weekdays and seasons.
      const jobs = Array.from({ length: workers }, (_, k) => ({
        options: modelOptions,
        files: plan.filter((_, i) => i % workers === k),
        staging,
      }));
      for (const part of await runWorkers(jobs)) {
        totals = {
          rows: totals.rows + part.rows,
          files: totals.files + part.files,
          bytes: totals.bytes + part.bytes,
        };
      }
    }
    if (existsSync(target)) renameSync(target, retired);
    renameSync(staging, target);
    rmSync(retired, { recursive: true, force: true });
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }

  const summary: SampleSummary = { ...totals, first: formatDay(first), last: formatDay(last) };
  const marker: SyntheticMarker = {
    synthetic: true,
    generator: GENERATOR,
    seed: markerSeed(options.seed),
    days: options.days,
    end: options.end,
    start: summary.first,
    volume: options.volume,
    rows: summary.rows,
    files: summary.files,
  };
  writeFileAtomic(join(options.out, 'synthetic.json'), `${JSON.stringify(marker, null, 2)}\n`);
  return summary;
}
