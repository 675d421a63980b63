/**
 * npm run bench -- ingest [--days N]: ingest throughput on N days of sample (default 300, about
 * 2 million rows), against plain DuckDB reading the same files into Parquet in the same run. Each
 * run prints where the ingest's time went, stage by stage.
 *
 * Beside wall time, the CPU time of each side (every thread of this process: DuckDB's, Node's
 * thread pool, the main thread): on a shared machine the wall-time ratio moves with whoever else
 * is running (the same run has seen the baseline take 9 s and 18 s), the work done much less.
 */
import { rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { openDb, sqlString } from '../scripts/lib/duckdb';
import { listFiles } from '../scripts/lib/files';
import { createProgress } from '../scripts/lib/progress';
import { ingest } from '../scripts/ingest/run-ingest';
import { formatStages, sampleArchive } from './lib/sample-archive';
import { report, result } from './results';

export async function benchIngest(args: Map<string, string>): Promise<void> {
  const days = Number(args.get('days') ?? 300);
  const { dir: cache, rows } = sampleArchive(days);
  const files = (await listFiles(cache, '.csv')).map((f) => join(cache, f));
  const out = resolve('bench/.cache/build');
  const quiet = createProgress(process.stderr, true);

  // Baseline: plain DuckDB, read_csv of the same files into one Parquet file.
  const baselineRuns: number[] = [];
  const oursRuns: number[] = [];
  const coreRuns: number[] = [];
  const cpu = { baseline: [] as number[], ours: [] as number[], core: [] as number[] };
  for (let run = 0; run < 2; run++) {
    const db = await openDb();
    const parquet = resolve('bench/.cache/baseline.parquet');
    const t0 = performance.now();
    const baselineCpu = cpuSeconds(async () => {
      await db.run(
        `COPY (SELECT * FROM read_csv([${files.map(sqlString).join(', ')}], header = true)) TO ${sqlString(parquet)} (FORMAT parquet)`,
      );
    });
    cpu.baseline.push(await baselineCpu);
    baselineRuns.push((performance.now() - t0) / 1000);
    db.close();
    rmSync(parquet, { force: true });

    let full!: Awaited<ReturnType<typeof ingest>>;
    cpu.ours.push(
      await cpuSeconds(async () => {
        full = await ingest({ raw: cache, out, progress: quiet });
      }),
    );
    oursRuns.push(full.seconds);
    let core!: Awaited<ReturnType<typeof ingest>>;
    cpu.core.push(
      await cpuSeconds(async () => {
        core = await ingest({ raw: cache, out, progress: quiet, skipDownloads: true });
      }),
    );
    coreRuns.push(core.seconds);
    console.error(
      `run ${run + 1}: baseline ${baselineRuns.at(-1)!.toFixed(2)} s (CPU ${cpu.baseline.at(-1)!.toFixed(2)} s), ingest ${full.seconds.toFixed(2)} s (CPU ${cpu.ours.at(-1)!.toFixed(2)} s), ingest without downloads ${core.seconds.toFixed(2)} s (CPU ${cpu.core.at(-1)!.toFixed(2)} s), load average ${loadavg()[0]!.toFixed(2)}\n` +
        `  stages (all outputs): ${formatStages(full.stages)}\n  stages (no downloads): ${formatStages(core.stages)}`,
    );
  }
  const best = (xs: number[]) => Math.min(...xs);
  report('ingest', [
    result('rows', rows, 'rows'),
    result('files', files.length, 'files'),
    result(
      'ingest time (all outputs)',
      best(oursRuns),
      's',
      best(baselineRuns),
      'baseline: DuckDB read_csv → Parquet',
    ),
    result(
      'ingest throughput (all outputs)',
      rows / best(oursRuns),
      'rows/s',
      rows / best(baselineRuns),
    ),
    result(
      'ingest CPU time (all outputs)',
      best(cpu.ours),
      's',
      best(cpu.baseline),
      'all threads; baseline: the same read_csv → Parquet',
    ),
    result('ingest time (no downloads)', best(coreRuns), 's', best(baselineRuns)),
    result('ingest CPU time (no downloads)', best(cpu.core), 's', best(cpu.baseline)),
    result(
      'ingest throughput (no downloads)',
      rows / best(coreRuns),
      'rows/s',
      rows / best(baselineRuns),
    ),
  ]);
}

/** CPU seconds (user and system, all threads of this process) that `work` took. */
async function cpuSeconds(work: () => Promise<void>): Promise<number> {
  const before = process.cpuUsage();
  await work();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1e6;
}
