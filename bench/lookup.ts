/**
 * npm run bench -- lookup [--large-volume V]: "has anyone reported this number?" over all years, in
 * headless Chromium, on the default sample and a 10-million-row sample. Cold: a fresh browser
 * (nothing cached) from navigation to /callers/?caller=… to the answer, engine start included; a
 * cold number: the first lookup of a number in a started page (its blocks not yet read). Warm: the
 * same numbers again. Bytes: what the page moved. Baseline, same run, same browser: the same lookup
 * without the caller index, over the yearly files (the SQL console on /explore/).
 */
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { openDb } from '../scripts/lib/duckdb';
import { createStaticServer } from '../scripts/serve/static-server';
import {
  CALLER_INDEX_TABLE,
  CALLER_NUMBER_SQL,
  callerIndexAlias,
  callerIndexUnion,
} from '../src/lib/caller/lookup';
import type { Manifest } from '../src/lib/manifest';
import type { BenchDataset } from './lib/dataset';
import { result, type BenchResult } from './results';
import { explorerDatasets, runBrowserSuite } from './lib/browser-suite';

const NUMBERS = 10;

export async function benchLookup(args: Map<string, string>): Promise<void> {
  await runBrowserSuite('lookup', explorerDatasets(args), benchOne);
}

async function benchOne(browser: Browser, dataset: BenchDataset): Promise<BenchResult[]> {
  const manifest = JSON.parse(
    readFileSync(join(dataset.build, 'manifest.json'), 'utf8'),
  ) as Manifest;
  const years = manifest.tables.filter((t) => t.name === 'complaints').map((t) => t.year!);
  const yearBytes = manifest.tables
    .filter((t) => t.name === 'complaints')
    .reduce((n, t) => n + t.bytes, 0);
  const index = manifest.tables.filter(
    (t) => t.name === CALLER_INDEX_TABLE && t.year !== undefined,
  );
  const indexBytes = index.length ? index.reduce((n, t) => n + t.bytes, 0) : Number.NaN;
  const tag = `${dataset.label} (${(manifest.totals.rows_loaded / 1e6).toFixed(1)}M rows, ${years.length} years)`;

  // The numbers: the most-reported, and others spread over the ranking (deterministic).
  const db = await openDb();
  for (const t of index)
    await db.run(
      `ATTACH '${join(dataset.build, t.file)}' AS ${callerIndexAlias(t.year!)} (READ_ONLY)`,
    );
  const ranked = await db.all<{ caller_number: string; n: number }>(
    `SELECT caller_number, count(*)::INTEGER AS n FROM (${callerIndexUnion(
      index.map((t) => t.year!),
      `${CALLER_NUMBER_SQL} AS caller_number, caller_valid`,
    )}) WHERE caller_valid GROUP BY ALL ORDER BY n DESC, caller_number`,
  );
  db.close();
  const numbers = Array.from(
    { length: NUMBERS },
    (_, i) => ranked[Math.floor((ranked.length - 1) * (i / (NUMBERS - 1)) ** 3)]!.caller_number,
  );
  const [topNumber] = numbers as [string];

  const server = createStaticServer(dataset.site);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    // Cold: a fresh context, nothing cached, engine start included.
    const colds: number[] = [];
    let coldBytes = { all: 0, index: 0 };
    for (let i = 0; i < 3; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const bytes = countBytes(page);
      const t0 = Date.now();
      await page.goto(`${origin}/callers/?caller=${numbers[i]}`);
      await answered(page, 1);
      colds.push(Date.now() - t0);
      coldBytes = bytes();
      await context.close();
    }

    // In one started page: each number once (cold for its blocks), then again (warm).
    const context = await browser.newContext();
    const page = await context.newPage();
    const bytes = countBytes(page);
    await page.goto(`${origin}/callers/?caller=${topNumber}`);
    await answered(page, 1);
    const before = bytes();
    const coldNumbers: { total: number; query: number }[] = [];
    for (const [i, n] of numbers.slice(1).entries()) coldNumbers.push(await lookUp(page, n, i + 2));
    const coldNumberBytes = (bytes().index - before.index) / (numbers.length - 1);
    const beforeWarm = bytes();
    const warm: { total: number; query: number }[] = [];
    for (const [i, n] of [...numbers, ...numbers].entries())
      warm.push(await lookUp(page, n, numbers.length + i + 1));
    const warmBytes = (bytes().index - beforeWarm.index) / (numbers.length * 2);
    await context.close();

    // Baseline: the same question without the index, over every yearly file, in the console's engine.
    const baseline = await withoutIndex(browser, origin, years, numbers.slice(1, 4));

    const p50 = (xs: number[]) => quantile(xs, 0.5);
    return [
      result(
        `${tag}: caller index size`,
        indexBytes / 1e6,
        'MB',
        yearBytes / 1e6,
        'baseline: the yearly row-level files',
      ),
      result(
        `${tag}: cold page, navigation to answer, engine start included (median of 3)`,
        p50(colds),
        'ms',
        undefined,
        'goal ≤ 2000 ms (engine start alone is 2–3 s here)',
      ),
      result(
        `${tag}: cold page, bytes moved (all / caller index)`,
        coldBytes.all / 1e6,
        'MB',
        undefined,
        `${(coldBytes.index / 1e3).toFixed(0)} kB of it from the caller index (${index.length} yearly files)`,
      ),
      result(
        `${tag}: cold number in a started page, submit to answer, p50`,
        p50(coldNumbers.map((r) => r.total)),
        'ms',
        p50(baseline.cold),
        'baseline: same lookup over the yearly files, first run; goal ≤ 2000 ms',
      ),
      result(
        `${tag}: cold number, lookup query alone, p50`,
        p50(coldNumbers.map((r) => r.query)),
        'ms',
      ),
      result(
        `${tag}: cold number, bytes read from the index`,
        coldNumberBytes / 1e3,
        'kB',
        baseline.coldBytes / 1e3,
        'baseline: bytes the yearly-file lookup moved',
      ),
      result(
        `${tag}: warm number, submit to answer, p50`,
        p50(warm.map((r) => r.total)),
        'ms',
        p50(baseline.warm),
        'baseline: same lookup over the yearly files, again; goal ≤ 1000 ms',
      ),
      result(
        `${tag}: warm number, submit to answer, p95`,
        quantile(
          warm.map((r) => r.total),
          0.95,
        ),
        'ms',
      ),
      result(`${tag}: warm number, lookup query alone, p50`, p50(warm.map((r) => r.query)), 'ms'),
      result(`${tag}: warm number, bytes read`, warmBytes / 1e3, 'kB'),
    ];
  } finally {
    server.close();
  }
}

/** Waits until the page has made `count` lookups and shows the last answer. */
async function answered(page: Page, count: number): Promise<void> {
  await page.waitForFunction(
    (n) =>
      performance.getEntriesByName('robocall-atlas:lookup').length >= n &&
      ['answered', 'none'].includes(
        document
          .querySelector('.caller-lookup [data-role=caller-answer]')
          ?.getAttribute('data-state') ?? '',
      ),
    count,
    { timeout: 180_000 },
  );
}

async function lookUp(
  page: Page,
  digits: string,
  count: number,
): Promise<{ total: number; query: number }> {
  const t0 = Date.now();
  await page.fill('form[data-role=caller-lookup] input[name=caller]', digits);
  await page.click('form[data-role=caller-lookup] button[type=submit]');
  await answered(page, count);
  const total = Date.now() - t0;
  const query = await page.evaluate(
    () => performance.getEntriesByName('robocall-atlas:lookup').at(-1)!.duration,
  );
  return { total, query };
}

/** The lookup's count without the index: every yearly file scanned for the number, in the console. */
async function withoutIndex(
  browser: Browser,
  origin: string,
  years: number[],
  numbers: string[],
): Promise<{ cold: number[]; warm: number[]; coldBytes: number }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const bytes = countBytes(page);
  await page.goto(`${origin}/explore/`);
  await page.locator('details.console summary').click();
  const run = async (sql: string) => {
    await page.locator('[data-role=console-sql]').fill(sql);
    const t0 = Date.now();
    await page.locator('[data-role=console-run]').click();
    await page.waitForFunction(
      () =>
        document.querySelector('[data-role=console]')?.getAttribute('data-state') === 'idle' &&
        (document.querySelector('[data-role=console-result] table') ||
          !document.querySelector<HTMLElement>('[data-role=console-error]')!.hidden),
      null,
      { timeout: 300_000 },
    );
    return Date.now() - t0;
  };
  await run('SELECT 1'); // the console's engine started, so only the lookup is timed
  const sql = (n: string) =>
    `SELECT count(*) AS complaints, min(created_date) AS first, max(created_date) AS last FROM (${years.map((y) => `SELECT created_date FROM c${y}.complaints WHERE caller_number = '${n}'`).join(' UNION ALL ')})`;
  const cold: number[] = [];
  const start = bytes();
  for (const n of numbers) cold.push(await run(sql(n)));
  const coldBytes = (bytes().years - start.years) / numbers.length;
  const warm: number[] = [];
  for (const n of numbers) warm.push(await run(sql(n)));
  await context.close();
  return { cold, warm, coldBytes };
}

/** Bytes on the wire for a page and its workers: all, from the caller index, from the yearly files. */
function countBytes(page: Page): () => { all: number; index: number; years: number } {
  const totals = { all: 0, index: 0, years: 0 };
  page.on('requestfinished', (request) => {
    void request.sizes().then((sizes) => {
      const n = sizes.responseBodySize + sizes.responseHeadersSize;
      totals.all += n;
      if (/\/callers-\d{4}\.duckdb$/.test(request.url())) totals.index += n;
      if (/complaints-\d{4}\.duckdb$/.test(request.url())) totals.years += n;
    });
  });
  return () => ({ ...totals });
}

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}
