/**
 * /explore/ in real Chromium against the shared synthetic build: the URL is the state, the numbers
 * on screen are native DuckDB's numbers, nothing leaves the origin, the database files are read by
 * Range, hostile URLs do nothing, and a failed engine start is said plainly.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../scripts/lib/duckdb';
import { chartQuery, countQuery } from '../../src/lib/explore/queries';
import type { DataLayout } from '../../src/lib/explore/sources';
import { DEFAULT_VIEW, parseExploreView, type ExploreView } from '../../src/lib/explore/view';
import type { Manifest } from '../../src/lib/manifest';
import { parseByteRange } from '../../src/lib/engine/block-xhr';
import { COMPLAINTS_BLOCK_SIZE, CUBE_BLOCK_SIZE } from '../../src/lib/engine/worker-config';
import { launchBrowser } from '../helpers/browser';
import { serveSite, type ServedSite } from '../helpers/site-build';
import { openNativeData } from '../helpers/native-data';

let site: ServedSite;
let browser: Browser;
let db: Db;
let layout: DataLayout;
let manifest: Manifest;

beforeAll(async () => {
  site = await serveSite();
  browser = await launchBrowser();
  manifest = JSON.parse(readFileSync(join(site.data, 'manifest.json'), 'utf8')) as Manifest;
  ({ db, layout } = await openNativeData(site.data, manifest));
}, 900_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
  db?.close();
});

async function openExplorer(query: string, page?: Page): Promise<Page> {
  const p = page ?? (await browser.newPage({ viewport: { width: 1280, height: 1000 } }));
  await p.goto(`${site.base}/explore/${query}`);
  await settled(p);
  return p;
}

async function settled(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      /\d/.test(document.querySelector('[data-role=match-count]')?.textContent ?? '') &&
      !document.querySelector('.explorer-results')?.hasAttribute('aria-busy'),
    null,
    { timeout: 60_000 },
  );
}

const countOnScreen = async (page: Page) =>
  Number((await page.locator('[data-role=match-count]').textContent())!.replace(/[^\d]/g, ''));

async function nativeCount(state: ExploreView): Promise<number> {
  const q = countQuery(state, 'bound', layout);
  const [row] = await db.all<{ complaints: number }>(q.sql, q.params);
  return row!.complaints;
}

describe('the explorer', () => {
  it('updates the count, chart, table and URL when a filter changes, and back restores the view', async () => {
    const page = await openExplorer('?chart=trend');
    const all = await countOnScreen(page);
    expect(all).toBe(manifest.totals.rows_loaded);
    await page.locator('details.choices summary', { hasText: 'States' }).click();
    await page.locator('input[name=state][value=OH]').check();
    await settled(page);
    await page.waitForFunction(
      (n) =>
        Number(
          document.querySelector('[data-role=match-count]')!.textContent!.replace(/\D/g, ''),
        ) !== n,
      all,
    );
    const ohio = await countOnScreen(page);
    expect(ohio).toBeLessThan(all);
    expect(new URL(page.url()).searchParams.get('state')).toBe('OH');
    expect(await page.locator('[data-role=chart] svg').count()).toBe(1);
    expect(await page.locator('[data-role=table-wrap] tbody tr').count()).toBeGreaterThan(1);
    expect(await page.locator('[data-role=sql]').textContent()).toContain("state IN ('OH')");

    await page.selectOption('select[name=chart]', 'map');
    await settled(page);
    expect(new URL(page.url()).searchParams.get('chart')).toBe('map');
    await page.goBack();
    await settled(page);
    expect(new URL(page.url()).searchParams.get('chart')).toBeNull();
    expect(await page.locator('select[name=chart]').inputValue()).toBe('trend');
    expect(await countOnScreen(page)).toBe(ohio);
    await page.goBack();
    await settled(page);
    expect(await countOnScreen(page)).toBe(all);
    expect(await page.locator('input[name=state][value=OH]').isChecked()).toBe(false);

    // The URL reproduces the view for anyone.
    const shared = await openExplorer('?state=OH');
    expect(await countOnScreen(shared)).toBe(ohio);
    await page.close();
    await shared.close();
  });

  it.each([
    '?state=OH',
    '?state=CA,TX&subject=imposters&from=2025-06&to=2025-12',
    '?robocall=no,unknown&area=614,216,212',
    '?area=614&subject=other&from=2025-09-15&interval=day',
    '?chart=map&measure=per100k',
    '?chart=area-codes&state=NY',
    '?chart=callers',
    '?chart=providers&robocall=yes',
  ])('shows native DuckDB’s numbers for %s', async (query) => {
    const state = parseExploreView(new URLSearchParams(query), {
      states: new Set(['OH', 'CA', 'TX', 'NY']),
      subjects: new Set(['imposters', 'other']),
    }).view;
    const page = await openExplorer(query);
    expect(await countOnScreen(page)).toBe(await nativeCount(state));
    const q = chartQuery(state, 'bound', layout);
    const expected = await db.all(q.sql, q.params);
    // The value cell by its hook: the numbers table now speaks like the chart (labels, no duplicated column; issue 8.7).
    const cells = await page
      .locator('[data-role=table-wrap] tbody tr')
      .evaluateAll((rows) =>
        rows.map((r) =>
          [...r.querySelectorAll('td[data-column=value]')].map((td) => td.textContent ?? ''),
        ),
      );
    expect(cells).toHaveLength(expected.length === 0 ? 1 : expected.length);
    for (const [i, row] of expected.entries()) {
      const shown = Number(cells[i]![0]!.replace(/[,%]/g, ''));
      expect(shown).toBeCloseTo(Number(row.value), 2);
    }
    await page.close();
  });

  it('keeps every request on its origin, reads the DuckDB files by Range, and moves less than all rows for one state', async () => {
    const page = await browser.newPage();
    const requests: { url: string; status: number; range: string | undefined; bytes: number }[] =
      [];
    page.on('requestfinished', async (request) => {
      const response = await request.response();
      const sizes = await request.sizes().catch(() => ({ responseBodySize: 0 }));
      requests.push({
        url: request.url(),
        status: response?.status() ?? 0,
        range: (await request.allHeaders()).range,
        bytes: sizes.responseBodySize,
      });
    });
    page.on('requestfailed', (request) =>
      requests.push({ url: request.url(), status: -1, range: undefined, bytes: 0 }),
    );
    await openExplorer(`?chart=table&state=OH&from=${layout.years.at(-1)}`, page);
    await page.waitForTimeout(200);
    // The row table speaks the catalog's words, and keeps each download column's name as a tooltip.
    const headers = page.locator('[data-role=rows-table] thead th');
    expect((await headers.allTextContents()).slice(0, 4)).toEqual([
      'Created',
      'Created on',
      'Call came',
      'State',
    ]);
    expect(await headers.first().getAttribute('title')).toBe('created_at');
    for (const r of requests) expect(new URL(r.url).origin, r.url).toBe(site.base);
    const dataReads = requests.filter((r) => r.url.endsWith('.duckdb') && r.range);
    expect(dataReads.length).toBeGreaterThan(0);
    for (const r of dataReads) expect(r.status, `${r.url} ${r.range}`).toBe(206);
    // The engine's worker fetches whole blocks, each once (src/lib/engine/block-cache.ts): without
    // it, duckdb-wasm reads a block as 16 KiB, 64 KiB and 256 KiB at unaligned offsets.
    // (The HEAD requests that open a file ask for `bytes=0-` and are not reads.)
    const blockReads = dataReads.filter(
      (r) => /\/(cube|complaints-\d{4})\.duckdb$/.test(r.url) && parseByteRange(r.range!),
    );
    expect(blockReads.length).toBeGreaterThan(0);
    const seen = new Map<string, { start: number; end: number }[]>();
    for (const r of blockReads) {
      const range = parseByteRange(r.range!)!;
      const blockSize = r.url.endsWith('/cube.duckdb') ? CUBE_BLOCK_SIZE : COMPLAINTS_BLOCK_SIZE;
      expect(range.start % blockSize, `${r.url} ${r.range}`).toBe(0);
      const earlier = seen.get(r.url) ?? [];
      for (const other of earlier)
        expect(
          range.end < other.start || range.start > other.end,
          `${r.url} ${r.range} read twice`,
        ).toBe(true);
      seen.set(r.url, [...earlier, range]);
    }
    const rowBytes = requests
      .filter((r) => /complaints-\d{4}\.duckdb$/.test(r.url))
      .reduce((n, r) => n + r.bytes, 0);
    const allRowBytes = manifest.tables
      .filter((t) => t.name === 'complaints')
      .reduce((n, t) => n + t.bytes, 0);
    expect(rowBytes).toBeGreaterThan(0);
    expect(rowBytes).toBeLessThan(allRowBytes);
    await page.close();
  });

  it('serves HEAD and a one-byte Range with 206, as DuckDB needs', async () => {
    const head = await fetch(`${site.base}/data/cube.duckdb`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    const oneByte = await fetch(`${site.base}/data/cube.duckdb`, {
      headers: { range: 'bytes=0-0' },
    });
    expect(oneByte.status).toBe(206);
    expect((await oneByte.arrayBuffer()).byteLength).toBe(1);
  });

  it('ignores and names invalid and hostile URL values, and runs nothing', async () => {
    const page = await browser.newPage();
    let dialogs = 0;
    page.on('dialog', async (dialog) => {
      dialogs++;
      await dialog.dismiss();
    });
    const payload = encodeURIComponent('<img src=x onerror="window.__pwned=1">');
    const query = `?chart=${payload}&state=OH,${encodeURIComponent("'; DROP TABLE complaints; --")}&subject=${encodeURIComponent('"><script>window.__pwned=1</script>')}&from=2025-13&area=61x&measure=javascript:alert(1)&v=${payload}&evil=${payload}`;
    await openExplorer(query, page);
    expect(
      await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned),
    ).toBeUndefined();
    expect(dialogs).toBe(0);
    expect(await page.locator('img[src=x]').count()).toBe(0);
    const ignored = await page.locator('[data-role=ignored] li').allTextContents();
    expect(ignored.length).toBeGreaterThanOrEqual(8);
    expect(ignored.join('\n')).toContain('<img src=x onerror="window.__pwned=1">'); // shown as text
    expect(await countOnScreen(page)).toBe(await nativeCount({ ...DEFAULT_VIEW, states: ['OH'] }));
    await page.close();
  });

  it('keeps the SQL console read-only and off the network', async () => {
    const page = await openExplorer('');
    await page.locator('details.console summary').click();
    const run = async (sql: string) => {
      await page.locator('[data-role=console-sql]').fill(sql);
      await page.locator('[data-role=console-run]').click();
      await page.waitForFunction(() => {
        const error = document.querySelector<HTMLElement>('[data-role=console-error]')!;
        return !error.hidden || document.querySelector('[data-role=console-result] table');
      });
      const error = page.locator('[data-role=console-error]');
      return (await error.isVisible())
        ? `error: ${await error.textContent()}`
        : await page.locator('[data-role=console-result] caption').textContent();
    };
    expect(await run('SELECT count(*) AS n FROM cube.monthly')).toBe('1 row');
    expect(await run('CREATE TABLE x AS SELECT 1')).toMatch(
      /^error: The console only runs queries that read/,
    );
    expect(await run('SELECT 1; DROP TABLE cube.monthly')).toMatch(/^error: One statement/);
    expect(await run(`SELECT * FROM read_csv('${site.base}/data/reference/states.csv')`)).toMatch(
      /^error:/,
    );
    expect(await run(`SELECT * FROM cube.states LIMIT 5`)).toBe('5 rows');
    await page.close();
  });

  it('says so when the engine cannot start, and points to the static pages', async () => {
    const page = await browser.newPage();
    await page.route(/\.wasm$/, (route) => route.abort());
    // A view the explore cube cannot answer, so it needs the engine.
    await page.goto(`${site.base}/explore/?chart=area-codes&state=OH`);
    const status = page.locator('[data-role=engine-status]');
    await page.waitForFunction(
      () =>
        document.querySelector('[data-role=engine-status]')?.getAttribute('data-state') ===
        'failed',
      null,
      { timeout: 60_000 },
    );
    expect(await status.textContent()).toMatch(/could not start/);
    expect(await status.locator('a[href="/states/"]').count()).toBe(1);
    expect(await page.locator('[data-role=match-count]').textContent()).toBe('—');
    // Once the engine can be reached again, the page recovers without a reload.
    await page.unroute(/\.wasm$/);
    await page.locator('[data-role=retry-engine]').click();
    await settled(page);
    expect(await countOnScreen(page)).toBe(await nativeCount({ ...DEFAULT_VIEW, states: ['OH'] }));
    await page.close();
  });
});
