/**
 * npm run bench -- update [--days N] [--added newest|month-start]: what `npm run update` costs
 * when one day's file arrives in a built archive (issue 9.3). An archive of N days (default 1500,
 * about 10 million sample rows) is ingested with the cache (`--incremental --cache`, as the update
 * does), one day's file is added, and the incremental ingest that follows is timed against a full
 * ingest of the same files in the same run. Goal: at most 10 % of the full ingest. Both builds
 * must agree.
 *
 * The day added is the newest (`newest`, the usual case: a day within the open month), or the
 * first file holding complaints of the sample's last month (`month-start`, the files after it left
 * out): the day that opens a new month, when the latest year's closed segment is rebuilt
 * (scripts/ingest/segments.ts).
 */
import { link, mkdir, open, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Manifest } from '../src/lib/manifest';
import { listFiles } from '../scripts/lib/files';
import { createProgress } from '../scripts/lib/progress';
import { ingest, type IngestResult } from '../scripts/ingest/run-ingest';
import { formatStages, sampleArchive } from './lib/sample-archive';
import { UsageError } from '../scripts/lib/cli';
import { report, result } from './results';

export async function benchUpdate(args: Map<string, string>): Promise<void> {
  const days = Number(args.get('days') ?? 1500);
  const added = args.get('added') ?? 'newest';
  if (added !== 'newest' && added !== 'month-start')
    throw new UsageError(`--added: "newest" or "month-start", not "${added}"`);
  const sample = sampleArchive(days);
  const work = resolve(`bench/.cache/update-${days}d`);
  const raw = join(work, 'raw');
  const cache = join(work, 'build.cache');
  await rm(work, { recursive: true, force: true });

  // The archive as it was yesterday: every file but the one added (hard links, no bytes copied).
  const all = await listFiles(sample.dir, '.csv');
  // A file holds complaints created before its name's date: months are judged by what it holds.
  const months = await Promise.all(all.map((f) => createdMonth(join(sample.dir, f))));
  const files = added === 'newest' ? all : all.slice(0, months.indexOf(months.at(-1)!) + 1);
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

  report(added === 'newest' ? 'update' : 'update-month-start', [
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
    result(
      'of those, with their closed months from the cache',
      update.yearsClosedReused.length,
      'years',
    ),
    ...Object.entries(update.stages).map(([stage, seconds]) =>
      result(`update stage: ${stage}`, seconds, 's', full.stages[stage]),
    ),
  ]);
  await rm(work, { recursive: true, force: true });
}

/** The created month (`2026-10`) of a daily file's first complaint. */
async function createdMonth(path: string): Promise<string> {
  const handle = await open(path);
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(4096), 0, 4096, 0);
    const firstRow = buffer.toString('utf8', 0, bytesRead).split('\n')[1] ?? '';
    const match = /\b(\d{4}-\d{2})-\d{2}\b/.exec(firstRow);
    if (!match) throw new Error(`bench update: no created date in the first row of ${path}`);
    return match[1]!;
  } finally {
    await handle.close();
  }
}
