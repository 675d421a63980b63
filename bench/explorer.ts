/**
 * npm run bench -- explorer [--large-volume V] [--only default|10m]: the explorer in headless
 * Chromium against the default sample and a 10-million-row sample. Cold: navigation to the first
 * result of /explore/ and to the chart of an /embed/, on localhost and under Chrome DevTools' "Fast
 * 4G" profile, time and bytes; each from the explore cube and, as its baseline in the same run,
 * from the engine alone (`window.robocallAtlasEngineOnly`). Warm: a filter change to the redrawn
 * view, on the cube (baseline: the same change through the engine) and on one state-year of rows
 * (p50, p95). The same queries in native DuckDB in the same run, for the wasm/native ratio.
 */
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { openDb } from '../scripts/lib/duckdb';
import { createStaticServer } from '../scripts/serve/static-server';
import { chartQuery, countQuery, tableQuery } from '../src/lib/explore/queries';
import type { DataLayout } from '../src/lib/explore/sources';
import { DEFAULT_VIEW, type ExploreView } from '../src/lib/explore/view';
import type { Manifest } from '../src/lib/manifest';
import { readFileSync } from 'node:fs';
import type { BenchDataset } from './lib/dataset';
import { result, type BenchResult } from './results';
import { explorerDatasets, runBrowserSuite } from './lib/browser-suite';

const STATES = ['OH', 'PA', 'TX', 'CA', 'NY', 'FL', 'GA', 'IL', 'MI', 'NC'];
const WARM_RUNS = 20;
const COLD_RUNS = 3;

/**
 * Chrome DevTools' "Fast 4G" preset (Fast4GConditions in devtools-frontend
 * front_end/core/sdk/NetworkManager.ts): 9 Mbit/s down and 1.5 up, each × 0.9, 60 ms RTT × 2.75.
 */
const FAST_4G = {
  offline: false,
  latency: 60 * 2.75,
  downloadThroughput: ((9 * 1000 * 1000) / 8) * 0.9,
  uploadThroughput: ((1.5 * 1000 * 1000) / 8) * 0.9,
};

/** A first view the cube answers, as an article would embed it, and as a link to /explore/ opens. */
const EMBED_VIEW = '/embed/?chart=map&measure=per100k&from=2025-01&to=2025-12';
const EXPLORE_VIEW = '/explore/?state=OH';

export async function benchExplorer(args: Map<string, string>): Promise<void> {
  await runBrowserSuite('explorer', explorerDatasets(args), benchOne);
}

async function benchOne(browser: Browser, dataset: BenchDataset): Promise<BenchResult[]> {
  const manifest = JSON.parse(
    readFileSync(join(dataset.build, 'manifest.json'), 'utf8'),
  ) as Manifest;
  const rows = manifest.totals.rows_loaded;
  const years = manifest.tables.filter((t) => t.name === 'complaints').map((t) => t.year!);
  const lastYear = years.at(-1)!;
  const server = createStaticServer(dataset.site);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const tag = `${dataset.label} (${(rows / 1e6).toFixed(1)}M rows)`;
  try {
    // Cold: a fresh context each time, no cache; the cube's path and the engine's (its baseline).
    const coldResults: BenchResult[] = [];
    for (const [name, path] of [
      ['/embed/ map per 100k, one year: navigation to chart', EMBED_VIEW],
      ['/explore/ state=OH: navigation to first result', EXPLORE_VIEW],
    ] as const) {
      for (const network of ['localhost', 'Fast 4G'] as const) {
        const throttle = network === 'Fast 4G' ? FAST_4G : null;
        const cube = await coldLoads(browser, `${origin}${path}`, { throttle, engineOnly: false });
        const engine = await coldLoads(browser, `${origin}${path}`, { throttle, engineOnly: true });
        const goal = network === 'localhost' ? 1000 : 2500;
        coldResults.push(
          result(
            `${tag}: cold ${name}, ${network} (median of ${COLD_RUNS})`,
            cube.ms,
            'ms',
            engine.ms,
            `computed by ${cube.computedBy}; baseline: the same through the engine alone; goal ≤ ${goal} ms`,
          ),
          result(
            `${tag}: cold ${name}, ${network}, bytes until shown`,
            cube.bytes / 1e6,
            'MB',
            engine.bytes / 1e6,
            `baseline: the engine alone${network === 'localhost' ? '; goal ≤ 1 MB' : ''}`,
          ),
        );
      }
    }

    const context = await browser.newContext();
    const page = await context.newPage();
    const bytes = await countBytes(page);
    await page.goto(`${origin}/explore/?chart=trend&state=OH`);
    await waitForResult(page);
    const cubeRuns: { total: number; query: number }[] = [];
    for (let i = 0; i < WARM_RUNS; i++)
      cubeRuns.push(await changeAndWait(page, STATES[i % STATES.length]!));
    // The same filter changes through the engine, in a page that never uses the cube.
    const engineContext = await browser.newContext();
    await engineContext.addInitScript(() => {
      window.robocallAtlasEngineOnly = true;
    });
    const enginePage = await engineContext.newPage();
    await enginePage.goto(`${origin}/explore/?chart=trend&state=OH`);
    await waitForResult(enginePage);
    const engineRuns: { total: number; query: number }[] = [];
    for (let i = 0; i < WARM_RUNS; i++)
      engineRuns.push(await changeAndWait(enginePage, STATES[i % STATES.length]!));
    await engineContext.close();
    const beforeRows = bytes();
    await page.goto(`${origin}/explore/?chart=table&state=OH&from=${lastYear}&to=${lastYear}`);
    await waitForResult(page);
    const rowRuns: { total: number; query: number }[] = [];
    // A state's first view reads its blocks over HTTP; a second view finds them in the engine's
    // memory. Both are in the p50 above; they are also reported apart.
    const seen = new Set(['OH']);
    const firstVisits: number[] = [];
    const revisits: number[] = [];
    for (let i = 0; i < WARM_RUNS; i++) {
      const state = STATES[(i + 1) % STATES.length]!;
      const run = await changeAndWait(page, state);
      rowRuns.push(run);
      (seen.has(state) ? revisits : firstVisits).push(run.total);
      seen.add(state);
    }
    const rowBytes = bytes() - beforeRows;
    await context.close();

    // Native DuckDB, same files, same bound queries.
    const db = await openDb();
    await db.run(`ATTACH '${join(dataset.build, 'cube.duckdb')}' AS cube (READ_ONLY)`);
    for (const y of years)
      await db.run(
        `ATTACH '${join(dataset.build, `complaints-${y}.duckdb`)}' AS c${y} (READ_ONLY)`,
      );
    const layout: DataLayout = {
      years,
      attachedYear: (y) => `c${y}`,
      parquetFile: (y) => `complaints-${y}.parquet`,
      referenceFile: (n) => `${n}.csv`,
    };
    const native = async (view: Partial<ExploreView>) => {
      const times: number[] = [];
      for (let i = 0; i < WARM_RUNS; i++) {
        const state = { ...DEFAULT_VIEW, ...view, states: [STATES[i % STATES.length]!] };
        // What the explorer asks (src/client/view-data.ts engineData): the table in one query, else count and chart.
        const queries =
          state.chart === 'table'
            ? [tableQuery(state, 'bound', layout)]
            : [countQuery(state, 'bound', layout), chartQuery(state, 'bound', layout)];
        const t0 = performance.now();
        await Promise.all(queries.map((q) => db.all(q.sql, q.params)));
        times.push(performance.now() - t0);
      }
      return times;
    };
    const nativeCube = await native({ chart: 'trend' });
    const nativeRows = await native({
      chart: 'table',
      from: String(lastYear),
      to: String(lastYear),
    });
    db.close();

    const p50 = (xs: number[]) => quantile(xs, 0.5);
    const cubeTimes = cubeRuns.map((r) => r.total);
    const rowTimes = rowRuns.map((r) => r.total);
    const engineTimes = engineRuns.map((r) => r.total);
    return [
      ...coldResults,
      result(
        `${tag}: warm filter change, cube, p50`,
        p50(cubeTimes),
        'ms',
        p50(engineTimes),
        'baseline: the same change through duckdb-wasm; goal ≤ 50 ms',
      ),
      result(
        `${tag}: warm filter change, cube view through duckdb-wasm, p50`,
        p50(engineTimes),
        'ms',
        p50(nativeCube),
        'baseline: native DuckDB query',
      ),
      result(
        `${tag}: warm filter change, cube, p95`,
        quantile(cubeTimes, 0.95),
        'ms',
        quantile(nativeCube, 0.95),
      ),
      result(
        `${tag}: warm filter change, one state-year of rows, p50`,
        p50(rowTimes),
        'ms',
        p50(nativeRows),
        'baseline: native DuckDB query; goal ≤ 300 ms, ratio ≤ 3 at 10M rows',
      ),
      result(
        `${tag}: warm filter change, one state-year of rows, p95`,
        quantile(rowTimes, 0.95),
        'ms',
        quantile(nativeRows, 0.95),
      ),
      result(
        `${tag}: one state-year of rows, a state's first view (blocks over HTTP), p50`,
        p50(firstVisits),
        'ms',
        p50(nativeRows),
        `${firstVisits.length} views; baseline: native DuckDB query`,
      ),
      result(
        `${tag}: one state-year of rows, a state viewed again (blocks in memory), p50`,
        p50(revisits),
        'ms',
        p50(nativeRows),
        `${revisits.length} views; baseline: native DuckDB query`,
      ),
      result(
        `${tag}: warm cube view computed alone, p50`,
        p50(cubeRuns.map((r) => r.query)),
        'ms',
        p50(engineRuns.map((r) => r.query)),
        'explore cube in the page, without drawing; baseline: count + chart query in duckdb-wasm',
      ),
      result(
        `${tag}: warm cube queries alone in duckdb-wasm, p50`,
        p50(engineRuns.map((r) => r.query)),
        'ms',
        p50(nativeCube),
        'count + chart query, without drawing; baseline: native DuckDB',
      ),
      result(
        `${tag}: warm state-year row queries alone in duckdb-wasm, p50`,
        p50(rowRuns.map((r) => r.query)),
        'ms',
        p50(nativeRows),
        'the page and its count in one query (tableQuery), without drawing; goal: ratio ≤ 3 at 10M rows',
      ),
      result(
        `${tag}: bytes moved by ${WARM_RUNS} state-year row views`,
        rowBytes / 1e6,
        'MB',
        manifest.tables.filter((t) => t.name === 'complaints').reduce((n, t) => n + t.bytes, 0) /
          1e6,
        'baseline: all row-level files',
      ),
    ];
  } finally {
    server.close();
  }
}

/**
 * Cold loads of `url` in fresh contexts (no cache), optionally throttled through the DevTools
 * protocol: median time from navigation to the view drawn (`data-shown` names it), and the bytes
 * moved until then.
 */
async function coldLoads(
  browser: Browser,
  url: string,
  options: { throttle: typeof FAST_4G | null; engineOnly: boolean },
): Promise<{ ms: number; bytes: number; computedBy: string }> {
  const times: number[] = [];
  const sizes: number[] = [];
  let computedBy = '';
  for (let i = 0; i < COLD_RUNS; i++) {
    const context: BrowserContext = await browser.newContext();
    if (options.engineOnly)
      await context.addInitScript(() => {
        window.robocallAtlasEngineOnly = true;
      });
    const page = await context.newPage();
    if (options.throttle) {
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', options.throttle);
    }
    const bytes = await countBytes(page);
    const t0 = Date.now();
    await page.goto(url, { waitUntil: 'commit' });
    // No named inner functions here: tsx would wrap them in a helper the page does not have.
    await page.waitForFunction(
      () => {
        const el = document.querySelector<HTMLElement>('[data-role=embed], .explorer-results');
        return !!el && el.dataset.shown === location.search && !el.hasAttribute('aria-busy');
      },
      null,
      { polling: 'raf', timeout: 180_000 },
    );
    times.push(Date.now() - t0);
    computedBy = await page.evaluate(
      () =>
        document.querySelector<HTMLElement>('[data-role=embed], .explorer-results')?.dataset
          .computedBy ?? '',
    );
    // Responses still arriving at that moment (the engine, loading in idle time) are not counted.
    sizes.push(bytes());
    await context.close();
  }
  return { ms: quantile(times, 0.5), bytes: quantile(sizes, 0.5), computedBy };
}

/** Picks one state in the filter form and waits until the view has been redrawn: total time, and the engine's share. */
async function changeAndWait(page: Page, usps: string): Promise<{ total: number; query: number }> {
  return page.evaluate(async (state) => {
    const results = document.querySelector('.explorer-results')!;
    const boxes = [...document.querySelectorAll<HTMLInputElement>('input[name=state]')];
    for (const box of boxes) box.checked = box.value === state;
    const done = new Promise<void>((resolve) => {
      const observer = new MutationObserver(() => {
        if (!results.hasAttribute('aria-busy')) {
          observer.disconnect();
          resolve();
        }
      });
      observer.observe(results, { attributes: true, attributeFilter: ['aria-busy'] });
    });
    const t0 = performance.now();
    boxes[0]!.form!.dispatchEvent(new Event('change', { bubbles: true }));
    await done;
    const total = performance.now() - t0;
    const query =
      performance.getEntriesByName('robocall-atlas:query').at(-1)?.duration ?? Number.NaN;
    return { total, query };
  }, usps);
}

async function waitForResult(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      /\d/.test(document.querySelector('[data-role=match-count]')?.textContent ?? '') &&
      !document.querySelector('.explorer-results')?.hasAttribute('aria-busy'),
    null,
    { timeout: 120_000 },
  );
}

/**
 * Bytes on the wire for a page, its worker included (the engine's wasm and the Range reads of the
 * database files are fetched by the worker, which the page's own DevTools session does not see).
 */
async function countBytes(page: Page): Promise<() => number> {
  let total = 0;
  page.on('requestfinished', (request) => {
    // A request still finishing when its context closes (the engine, loading in idle time) is not counted.
    request
      .sizes()
      .then((sizes) => {
        total += sizes.responseBodySize + sizes.responseHeadersSize;
      })
      .catch(() => {});
  });
  return () => total;
}

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}
