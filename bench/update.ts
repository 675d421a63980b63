/**
 * npm run bench -- update [--days N]: what `npm run update` costs when one day's file arrives in a
 * built archive (issue 9.3). An archive of N days (default 1500, about 10 million sample rows) is
 * ingested with the cache (`--incremental --cache`, as the update does), the newest day's file is
 * added, and the incremental ingest that follows is timed against a full ingest of the same files
 * in the same run. Goal: at most 10 % of the full ingest. Both builds must agree.
 */
import { link, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Manifest } from '../src/lib/manifest';
import { listFiles } from '../scripts/lib/files';
import { createProgress } from '../scripts/lib/progress';
import { ingest, type IngestResult } from '../scripts/ingest/run-ingest';
import { formatStages, sampleArchive } from './lib/sample-archive';
import { report, result } from './results';

export async function benchUpdate(args: Map<string, string>): Promise<void> {
  const days = Number(args.get('days') ?? 1500);
  const sample = sampleArchive(days);
  const work = resolve(`bench/.cache/update-${days}d`);
  const raw = join(work, 'raw');
  const cache = join(work, 'build.cache');
  await rm(work, { recursive: true, force: true });

  // The archive as it was yesterday: every file but the newest (hard links, no bytes copied).
  const files = await listFiles(sample.dir, '.csv');
  const newest = files.at(-1)!;
  const place = async (file: string) => {
    await mkdir(dirname(join(raw, file)), { recursive: true });
    await link(join(sample.dir, file), join(raw, file));
  };
  for (const file of files.slice(0, -1)) await place(file);
  await writeFile(join(raw, 'synthetic.json'), await readFile(join(sample.dir, 'synthetic.json')));
  const quiet = createProgress(process.stderr, true);
  const run = (out: string, withCache: boolean) =>
    ingest({ raw, out: join(work, out), progress: quiet, ...(withCache ? { cache } : {}) });
  const say = (what: string, r: IngestResult) =>
    console.error(`${what}: ${r.seconds.toFixed(2)} s (${formatStages(r.stages)})`);

  say(`built archive, ${files.length - 1} files, with the cache`, await run('build', true));
  await place(newest);
  const update = await run('build', true);
  say(`update: ${newest} added, incremental`, update);
  const full = await run('build-full', false);
  say(`full ingest of the same ${files.length} files`, full);

  const built = async (out: string) =>
    JSON.parse(await readFile(join(work, out, 'manifest.json'), 'utf8')) as Manifest;
  const [a, b] = [await built('build'), await built('build-full')];
  // DuckDB files are not byte-reproducible (their headers, and at 10 M rows their block counts,
  // differ run to run): compare the tables' rows, columns and dates, the downloads byte for byte.
  const tables = (m: Manifest) =>
    JSON.stringify(m.tables.map(({ sha256: _, bytes: __, ...t }) => t));
  const same =
    a.data_version === b.data_version &&
    JSON.stringify(a.totals) === JSON.stringify(b.totals) &&
    tables(a) === tables(b) &&
    JSON.stringify(a.downloads) === JSON.stringify(b.downloads);
  if (!same) throw new Error('bench update: the incremental and the full build differ');

  report('update', [
    result('rows', b.totals.rows_loaded, 'rows'),
    result('files', files.length, 'files'),
    result(
      'add one day (incremental ingest)',
      update.seconds,
      's',
      full.seconds,
      'baseline: full ingest of the same archive; goal ratio ≤ 0.1',
    ),
    result('years rebuilt by the update', update.yearsRebuilt.length, 'years'),
    result('of those, grown from their cached rows', update.yearsGrown.length, 'years'),
    ...Object.entries(update.stages).map(([stage, seconds]) =>
      result(`update stage: ${stage}`, seconds, 's', full.stages[stage]),
    ),
  ]);
  await rm(work, { recursive: true, force: true });
}
