/**
 * npm run bench -- downloads [--days N] [--volume V] [--sizes 100000,1000000] [--runs R]
 * [--chunk-rows N] [--neutralise false]:
 * downloading the matching complaints from the explorer in headless Chromium — time from the click
 * to the finished zip, peak JS heap of the tab (CDP Performance.getMetrics JSHeapUsedSize, sampled
 * every 100 ms during the download), peak memory (PSS) of the tab's renderer processes (which
 * hold DuckDB's wasm memory too, from /proc) and the longest the page's main thread was blocked — for about
 * 100,000 and 1,000,000 rows, against native DuckDB writing the same rows as CSV (`COPY (<the
 * README's SQL>) TO …` over the Parquet downloads) in the same run. The download job's own timers
 * (plan, the engine's COPY of each piece, copying it out, deflate, waiting) say where the time went;
 * `--chunk-rows` and `--neutralise false` change the page's piece size and switch neutralising off,
 * to separate the engine's work from ours.
 *
 * The data: a sample of `--days` (default 240) days at `--volume` complaints per weekday (default:
 * the FTC's), ingested and built into a site under bench/.cache/downloads/ (rebuilt when src/ or
 * public/ changed since). The row counts are matched by a date range found from the cube.
 */
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { chromium, type Browser } from 'playwright-core';
import { openDb } from '../scripts/lib/duckdb';
import { createStaticServer } from '../scripts/serve/static-server';
import { rowsQuery } from '../src/lib/explore/queries';
import type { DataLayout } from '../src/lib/explore/sources';
import { DEFAULT_VIEW, serializeExploreView, type ExploreView } from '../src/lib/explore/view';
import type { Manifest } from '../src/lib/manifest';
import { benchDataset } from './lib/dataset';
import { report, result, type BenchResult } from './results';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A date range from the first complete day whose complaints add up to at least `target`. */
async function rangeFor(
  cube: string,
  target: number,
): Promise<{ from: string; to: string; rows: number }> {
  const db = await openDb();
  try {
    await db.run(`ATTACH '${cube}' AS cube (READ_ONLY)`);
    const days = await db.all<{ day: string; n: number }>(
      `SELECT strftime(day, '%Y-%m-%d') AS day, sum(complaints)::BIGINT AS n FROM cube.daily GROUP BY day ORDER BY day`,
    );
    // Skip the first day (it may be partial); walk forward until the target is reached.
    const start = days[1] ?? days[0];
    if (!start) throw new Error('no days in the cube');
    let rows = 0;
    for (let i = days.indexOf(start); i < days.length; i++) {
      rows += days[i]!.n;
      if (rows >= target) return { from: start.day, to: days[i]!.day, rows };
    }
    throw new Error(`the sample has only ${rows} complaints; ask for more --days or --volume`);
  } finally {
    db.close();
  }
}

async function nativeCopy(
  build: string,
  state: ExploreView,
  layout: DataLayout,
  out: string,
): Promise<{ seconds: number; rows: number; bytes: number }> {
  const db = await openDb();
  try {
    await db.run(
      `SET file_search_path = '${join(build, 'downloads')},${join(build, 'reference')}'`,
    );
    const sql = rowsQuery(state, 'literal', layout).sql;
    const t0 = performance.now();
    await db.run(`COPY (${sql}) TO '${out}' (HEADER)`);
    const seconds = (performance.now() - t0) / 1000;
    const [{ n }] = (await db.all<{ n: number }>(
      `SELECT count(*)::BIGINT AS n FROM read_csv('${out}')`,
    )) as [{ n: number }];
    return { seconds, rows: n, bytes: statSync(out).size };
  } finally {
    db.close();
  }
}

/**
 * Memory (bytes) of the renderer processes descended from `root`: their proportional set size
 * (PSS, /proc/<pid>/smaps_rollup), so pages they share are counted once in the sum.
 */
function rendererRss(root: number): number {
  const parents = new Map<number, number>();
  const renderers: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      parents.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
      if (readFileSync(`/proc/${name}/cmdline`, 'utf8').includes('--type=renderer'))
        renderers.push(Number(name));
    } catch {
      // The process ended while we looked.
    }
  }
  const descends = (pid: number) => {
    for (
      let p = parents.get(pid), hops = 0;
      p !== undefined && hops < 6;
      p = parents.get(p), hops++
    )
      if (p === root) return true;
    return false;
  };
  let total = 0;
  for (const pid of renderers.filter(descends)) {
    try {
      const kb = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1];
      total += Number(kb ?? 0) * 1024;
    } catch {
      // Gone.
    }
  }
  return total;
}

interface BrowserRun {
  seconds: number;
  rows: number;
  zipBytes: number;
  csvBytes: number;
  heapBefore: number;
  heapPeak: number;
  rssBefore: number;
  rssPeak: number;
  longestBlockMs: number;
  /** The download job's own timers (download-job.ts `timed`): name → total ms and how many. */
  stages: Map<string, { ms: number; count: number }>;
}

/** `plan 120 ms, copy 20× 3,400 ms, …`: where a download's time went. */
function formatStages(stages: BrowserRun['stages']): string {
  return [...stages]
    .map(
      ([name, { ms, count }]) =>
        `${name} ${count > 1 ? `${count}× ` : ''}${Math.round(ms).toLocaleString('en-US')} ms`,
    )
    .join(', ');
}

async function browserDownload(
  browser: Browser,
  browserPid: number,
  origin: string,
  query: string,
  options: { chunkRows?: number; neutralise: boolean },
): Promise<BrowserRun> {
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  // A tab that crashes (out of memory) would otherwise leave the waits below hanging for 30 minutes.
  const crashed = new Promise<never>((_, reject) =>
    page.on('crash', () => reject(new Error('the tab crashed during the download'))),
  );
  crashed.catch(() => undefined);
  try {
    await page.goto(`${origin}/explore/?${query}`);
    await page.waitForSelector('[data-role="download-rows"]:not([disabled])', { timeout: 180_000 });
    await cdp.send('Performance.enable');
    const heap = async () => {
      const { metrics } = await cdp.send('Performance.getMetrics');
      return metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
    };
    await cdp.send('HeapProfiler.collectGarbage');
    const heapBefore = await heap();
    let heapPeak = heapBefore;
    const rssBefore = rendererRss(browserPid);
    let rssPeak = rssBefore;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        heapPeak = Math.max(heapPeak, await heap().catch(() => 0));
        rssPeak = Math.max(rssPeak, rendererRss(browserPid));
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    // How long the main thread went without running a 20 ms timer: the longest freeze a reader would feel.
    await page.evaluate(() => {
      const w = window as unknown as { __longest: number; __probe: number };
      w.__longest = 0;
      let last = performance.now();
      w.__probe = window.setInterval(() => {
        const now = performance.now();
        w.__longest = Math.max(w.__longest, now - last - 20);
        last = now;
      }, 20);
    });
    await page.evaluate(
      ({ chunkRows, neutralise }) => {
        performance.clearMeasures();
        const panel = document.querySelector<HTMLElement>('[data-role="download-panel"]')!;
        if (chunkRows) panel.dataset.chunkRows = String(chunkRows);
        const box = document.querySelector<HTMLInputElement>('[data-role="download-neutralise"]')!;
        box.checked = neutralise;
      },
      { chunkRows: options.chunkRows ?? 0, neutralise: options.neutralise },
    );
    const t0 = performance.now();
    const downloaded = page.waitForEvent('download', { timeout: 1_800_000 });
    await page.click('[data-role="download-rows"]');
    // Done when the page says so: downloaded, or failed (then the benchmark stops with its message).
    const status = await Promise.race([
      page.waitForFunction(
        () => {
          const text = document.querySelector('[data-role="download-status"]')?.textContent ?? '';
          return /^Downloaded |failed/.test(text) ? text : false;
        },
        null,
        { timeout: 1_800_000, polling: 50 },
      ),
      crashed,
    ]);
    const said = String(await status.jsonValue());
    if (!said.startsWith('Downloaded ')) throw new Error(said);
    const seconds = (performance.now() - t0) / 1000;
    const download = await downloaded;
    const path = resolve(`bench/.cache/downloads/browser-download.zip`);
    await download.saveAs(path);
    sampling = false;
    await sampler;
    const longestBlockMs = await page.evaluate(() => {
      const w = window as unknown as { __longest: number; __probe: number };
      clearInterval(w.__probe);
      return w.__longest;
    });
    const stages = new Map<string, { ms: number; count: number }>();
    for (const { name, duration } of await page.evaluate(() =>
      performance
        .getEntriesByType('measure')
        .filter((m) => m.name.startsWith('download:'))
        .map((m) => ({ name: m.name.slice('download:'.length), duration: m.duration })),
    )) {
      const stage = stages.get(name) ?? { ms: 0, count: 0 };
      stage.ms += duration;
      stage.count++;
      stages.set(name, stage);
    }
    const zip = new Uint8Array(readFileSync(path));
    const files = unzipSync(zip, { filter: (f) => f.name === 'metadata.json' });
    const meta = JSON.parse(strFromU8(files['metadata.json']!)) as {
      rows: number;
      csv: { bytes: number };
    };
    await download.delete();
    rmSync(path, { force: true });
    return {
      seconds,
      rows: meta.rows,
      zipBytes: zip.length,
      csvBytes: meta.csv.bytes,
      heapBefore,
      heapPeak,
      rssBefore,
      rssPeak,
      longestBlockMs,
      stages,
    };
  } finally {
    await cdp.detach().catch(() => undefined);
    await context.close();
  }
}

export async function benchDownloads(args: Map<string, string>): Promise<void> {
  const days = Number(args.get('days') ?? 240);
  const volume = args.get('volume') ? Number(args.get('volume')) : undefined;
  const sizes = (args.get('sizes') ?? '100000,1000000').split(',').map(Number);
  const runs = Number(args.get('runs') ?? 1);
  // For finding where the time goes: rows per piece (default the page's), and neutralising off.
  const chunkRows = args.get('chunk-rows') ? Number(args.get('chunk-rows')) : undefined;
  const neutralise = args.get('neutralise') !== 'false';
  const dataset = benchDataset('downloads', { days, ...(volume ? { volume } : {}) });
  const manifest = JSON.parse(
    readFileSync(join(dataset.build, 'manifest.json'), 'utf8'),
  ) as Manifest;
  const years = manifest.tables
    .filter((t) => t.name === 'complaints')
    .map((t) => t.year!)
    .sort();
  const layout: DataLayout = {
    years,
    attachedYear: (y) => `c${y}`,
    parquetFile: (y) => `complaints-${y}.parquet`,
    referenceFile: (n) => `${n}.csv`,
  };

  const server = createStaticServer(dataset.site);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // A browser server, so the benchmark knows its process and can read its renderers' memory.
  const browserServer = await chromium.launchServer({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  const browserPid = browserServer.process().pid ?? 0;
  const browser = await chromium.connect(browserServer.wsEndpoint());
  const results: BenchResult[] = [result('sample rows', manifest.totals.rows_loaded, 'rows')];
  try {
    for (const size of sizes) {
      const range = await rangeFor(join(dataset.build, 'cube.duckdb'), size);
      const state: ExploreView = { ...DEFAULT_VIEW, from: range.from, to: range.to };
      const label = `${(size / 1000).toLocaleString('en-US')}k`;
      const natives: number[] = [];
      let native = { seconds: 0, rows: 0, bytes: 0 };
      for (let i = 0; i < Math.max(2, runs); i++) {
        const out = resolve(`bench/.cache/downloads/native-${size}.csv`);
        native = await nativeCopy(dataset.build, state, layout, out);
        natives.push(native.seconds);
        rmSync(out, { force: true });
      }
      const nativeBest = Math.min(...natives);
      const browserRuns: BrowserRun[] = [];
      for (let i = 0; i < runs; i++) {
        const run = await browserDownload(
          browser,
          browserPid,
          origin,
          serializeExploreView(state),
          {
            ...(chunkRows ? { chunkRows } : {}),
            neutralise,
          },
        );
        if (run.rows !== native.rows)
          throw new Error(`the browser wrote ${run.rows} rows, DuckDB ${native.rows}`);
        browserRuns.push(run);
        console.error(
          `${label}: ${run.rows} rows in ${run.seconds.toFixed(1)} s (native ${nativeBest.toFixed(2)} s), heap ${(run.heapBefore / 1e6).toFixed(0)} → peak ${(run.heapPeak / 1e6).toFixed(0)} MB, renderer memory ${(run.rssBefore / 1e6).toFixed(0)} → peak ${(run.rssPeak / 1e6).toFixed(0)} MB, longest block ${run.longestBlockMs.toFixed(0)} ms\n  stages: ${formatStages(run.stages)}`,
        );
      }
      const best = browserRuns.reduce((a, b) => (b.seconds < a.seconds ? b : a));
      const peak = Math.max(...browserRuns.map((r) => r.heapPeak));
      const note = `${range.from} to ${range.to}`;
      results.push(
        result(`${label}: rows downloaded`, best.rows, 'rows', undefined, note),
        result(
          `${label}: browser download time`,
          best.seconds,
          's',
          nativeBest,
          'baseline: native DuckDB COPY … TO csv from the Parquet files',
        ),
        result(
          `${label}: browser throughput`,
          best.rows / best.seconds,
          'rows/s',
          native.rows / nativeBest,
        ),
        result(`${label}: tab JS heap before`, best.heapBefore / 1e6, 'MB'),
        result(
          `${label}: tab JS heap peak during download`,
          peak / 1e6,
          'MB',
          undefined,
          'CDP Performance.getMetrics JSHeapUsedSize, every 100 ms (the page; the DuckDB worker is not counted)',
        ),
        ...(browserPid
          ? [
              result(`${label}: tab renderer memory before`, best.rssBefore / 1e6, 'MB'),
              result(
                `${label}: tab renderer memory peak during download`,
                Math.max(...browserRuns.map((r) => r.rssPeak)) / 1e6,
                'MB',
                undefined,
                'proportional set size of the renderer processes (page and DuckDB worker, wasm included), /proc every 100 ms',
              ),
            ]
          : []),
        // Where the best run's time went (download-job.ts `timed`): the engine's share and ours.
        ...(
          [
            ['plan', 'the plan: rows (and cells to neutralise) per day, one query'],
            ['copy', 'the engine writing the pieces (COPY … TO its memory), summed'],
            ['copy-out', 'the pieces copied out of the engine, summed'],
            ['deflate', 'the zip compressing on the page, summed'],
            ['wait-for-piece', 'the page waiting for the engine, summed'],
          ] as const
        ).map(([stage, note]) =>
          result(
            `${label}: stage ${stage}`,
            (best.stages.get(stage)?.ms ?? 0) / 1000,
            's',
            undefined,
            note,
          ),
        ),
        result(
          `${label}: longest main-thread block`,
          Math.max(...browserRuns.map((r) => r.longestBlockMs)),
          'ms',
        ),
        result(
          `${label}: CSV size`,
          best.csvBytes / 1e6,
          'MB',
          native.bytes / 1e6,
          'baseline: the native CSV',
        ),
        result(`${label}: zip size`, best.zipBytes / 1e6, 'MB'),
      );
    }
  } finally {
    await browser.close();
    await browserServer.close();
    await new Promise<void>((done) => {
      server.close(() => done());
      server.closeAllConnections();
    });
  }
  report('downloads', results);
}
