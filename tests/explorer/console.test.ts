/**
 * The SQL console in real Chromium: dates read as dates, numbers right-aligned, the CSV download
 * equals the rows counted straight from the raw sample files (papaparse), the URL reproduces the
 * query, a query that would run for minutes is stopped within seconds while the explorer keeps
 * answering, and refused functions are named.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../scripts/lib/duckdb';
import { countQuery } from '../../src/lib/explore/queries';
import type { DataLayout } from '../../src/lib/explore/sources';
import { DEFAULT_VIEW } from '../../src/lib/explore/view';
import type { Manifest } from '../../src/lib/manifest';
import { launchBrowser } from '../helpers/browser';
import { serveSite, type ServedSite } from '../helpers/site-build';
import { openNativeData } from '../helpers/native-data';

let site: ServedSite;
let browser: Browser;
let db: Db;
let layout: DataLayout;
let lastYear: number;

beforeAll(async () => {
  site = await serveSite();
  browser = await launchBrowser();
  const manifest = JSON.parse(readFileSync(join(site.data, 'manifest.json'), 'utf8')) as Manifest;
  ({ db, layout } = await openNativeData(site.data, manifest));
  lastYear = layout.years.at(-1)!;
}, 900_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
  db?.close();
});

async function openConsole(query = ''): Promise<Page> {
  const page = await browser.newPage({
    viewport: { width: 1280, height: 1000 },
    acceptDownloads: true,
  });
  await page.goto(`${site.base}/explore/${query}`);
  await page.waitForFunction(
    () => /\d/.test(document.querySelector('[data-role=match-count]')?.textContent ?? ''),
    null,
    { timeout: 60_000 },
  );
  if (!(await page.locator('details.console').evaluate((d) => (d as HTMLDetailsElement).open)))
    await page.locator('details.console summary').click();
  return page;
}

/** Runs a query and waits for its table or its error. */
async function run(page: Page, sql: string): Promise<string> {
  await page.locator('[data-role=console-sql]').fill(sql);
  await page.locator('[data-role=console-run]').click();
  return finished(page);
}

async function finished(page: Page): Promise<string> {
  await page.waitForFunction(
    () => {
      const error = document.querySelector<HTMLElement>('[data-role=console-error]')!;
      return (
        !error.hidden ||
        (document.querySelector('[data-role=console-result] table') &&
          document.querySelector('[data-role=console]')!.getAttribute('data-state') === 'idle')
      );
    },
    null,
    { timeout: 120_000 },
  );
  const error = page.locator('[data-role=console-error]');
  return (await error.isVisible())
    ? `error: ${await error.textContent()}`
    : (await page.locator('[data-role=console-result] caption').textContent())!;
}

const cells = (page: Page) =>
  page
    .locator('[data-role=console-result] tbody tr')
    .evaluateAll((rows) =>
      rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent ?? '')),
    );

/** Complaints per day of the last year, straight from the raw sample files. */
function rawDailyCounts(year: number): Map<string, number> {
  const counts = new Map<string, number>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.csv')) {
        for (const row of Papa.parse<Record<string, string>>(readFileSync(path, 'utf8'), {
          header: true,
          skipEmptyLines: true,
        }).data) {
          const day = (row.Created_Date ?? '').slice(0, 10);
          if (day.startsWith(`${year}-`)) counts.set(day, (counts.get(day) ?? 0) + 1);
        }
      }
    }
  };
  walk(join(site.data, '..', 'sample'));
  return counts;
}

describe('the SQL console', () => {
  it('shows dates as dates and numbers right-aligned with separators', async () => {
    const page = await openConsole();
    expect(
      await run(
        page,
        `SELECT DATE '2024-11-01' AS d, TIMESTAMP '2024-11-01 13:05:09' AS t, 1234567 AS n, 'x' AS s`,
      ),
    ).toBe('1 row');
    expect(await cells(page)).toEqual([['2024-11-01', '2024-11-01 13:05:09', '1,234,567', 'x']]);
    const align = await page
      .locator('[data-role=console-result] td')
      .evaluateAll((tds) => tds.map((td) => getComputedStyle(td).textAlign));
    expect(align[2]).toBe('right');
    expect(align[3]).not.toBe('right');
    // From the data: the busiest day, as native DuckDB says it.
    expect(
      await run(
        page,
        'SELECT day, sum(complaints) AS complaints FROM cube.daily GROUP BY day ORDER BY complaints DESC, day LIMIT 1',
      ),
    ).toBe('1 row');
    const [expected] = await db.all<{ day: string; complaints: number }>(
      `SELECT strftime(day, '%Y-%m-%d') AS day, sum(complaints)::BIGINT AS complaints FROM cube.daily GROUP BY day ORDER BY complaints DESC, day LIMIT 1`,
    );
    expect(await cells(page)).toEqual([
      [expected!.day, expected!.complaints.toLocaleString('en-US')],
    ]);
    await page.close();
  });

  it('downloads the result as a CSV equal to the rows counted from the raw files', async () => {
    const page = await openConsole();
    const sql = `SELECT created_date AS day, count(*) AS complaints FROM c${lastYear}.complaints GROUP BY ALL ORDER BY day`;
    expect(await run(page, sql)).toMatch(/^\d+ rows$/);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('[data-role=console-download]').click(),
    ]);
    const text = readFileSync((await download.path())!, 'utf8');
    const parsed = Papa.parse<{ day: string; complaints: string }>(text, {
      header: true,
      skipEmptyLines: true,
    }).data;
    const raw = [...rawDailyCounts(lastYear).entries()].sort(([a], [b]) => (a < b ? -1 : 1));
    expect(parsed.map((r) => [r.day, Number(r.complaints)])).toEqual(raw);

    await page.close();
  });

  it('keeps the query in the URL, so the URL alone reproduces the query and its result', async () => {
    const page = await openConsole('?state=OH');
    const sql = `SELECT subject, count(*) AS complaints\nFROM c${lastYear}.complaints\nWHERE state = 'OH' AND subject <> '#&?'\nGROUP BY ALL\nORDER BY complaints DESC, subject`;
    const caption = await run(page, sql);
    expect(caption).toMatch(/^\d+ rows?$/);
    const shown = await cells(page);
    const url = new URL(page.url());
    expect(url.searchParams.get('sql')).toBe(sql);
    expect(url.searchParams.get('state')).toBe('OH'); // the view's keys stay beside it
    // A filter change keeps the query in the URL.
    await page.locator('details.choices summary', { hasText: 'States' }).click();
    await page.locator('input[name=state][value=PA]').check();
    await page.waitForFunction(() => new URL(location.href).searchParams.get('state') === 'OH,PA');
    expect(new URL(page.url()).searchParams.get('sql')).toBe(sql);

    // Someone else opens the link: the console opens with the query, runs it and shows the same rows.
    const other = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    await other.goto(page.url());
    expect(await finished(other)).toBe(caption);
    expect(
      await other.locator('details.console').evaluate((d) => (d as HTMLDetailsElement).open),
    ).toBe(true);
    expect(await other.locator('[data-role=console-sql]').inputValue()).toBe(sql);
    expect(await cells(other)).toEqual(shown);
    expect(await other.locator('[data-role=ignored]').isHidden()).toBe(true); // `sql` is a key it knows
    // Running the linked query keeps the link's view: its filters stay in the URL and the form.
    expect(new URL(other.url()).searchParams.get('state')).toBe('OH,PA');
    expect(await other.locator('input[name=state][value=PA]').isChecked()).toBe(true);
    // The rows are native DuckDB's for the same query.
    const native = await db.all<{ subject: string; complaints: number }>(sql);
    expect(shown).toEqual(native.map((r) => [r.subject, r.complaints.toLocaleString('en-US')]));

    // Back returns to the query run before, and runs it again.
    const before = await run(page, 'SELECT 41 + 1 AS answer');
    expect(before).toBe('1 row');
    expect(new URL(page.url()).searchParams.get('sql')).toBe('SELECT 41 + 1 AS answer');
    await page.goBack();
    await page.waitForFunction((q) => new URL(location.href).searchParams.get('sql') === q, sql);
    expect(await finished(page)).toBe(caption);
    expect(await cells(page)).toEqual(shown);
    await other.close();
    await page.close();
  }, 240_000);

  it('stops a query that would run for minutes within seconds, and the explorer answers meanwhile and after', async () => {
    const page = await openConsole();
    await page
      .locator('[data-role=console-sql]')
      .fill('SELECT sum((i*7919) % 13) FROM range(10000000000) t(i)');
    await page.locator('[data-role=console-run]').click();
    await page.waitForFunction(
      () => document.querySelector('[data-role=console]')!.getAttribute('data-state') === 'running',
    );
    expect(await page.locator('[data-role=console-run]').isDisabled()).toBe(true);
    expect(await page.locator('[data-role=console-status]').textContent()).toMatch(/Running/);
    // The explorer's own queries are not queued behind it.
    await page.locator('details.choices summary', { hasText: 'States' }).click();
    await page.locator('input[name=state][value=OH]').check();
    const q = countQuery({ ...DEFAULT_VIEW, states: ['OH'] }, 'bound', layout);
    const [{ complaints: ohio }] = (await db.all<{ complaints: number }>(q.sql, q.params)) as [
      { complaints: number },
    ];
    await page.waitForFunction(
      (n) =>
        Number(
          document.querySelector('[data-role=match-count]')!.textContent!.replace(/\D/g, ''),
        ) === n,
      ohio,
      { timeout: 20_000 },
    );
    expect(await page.locator('[data-role=console]').getAttribute('data-state')).toBe('running');

    const stopped = Date.now();
    await page.locator('[data-role=console-stop]').click();
    await page.waitForFunction(
      () => document.querySelector('[data-role=console]')!.getAttribute('data-state') === 'idle',
      null,
      { timeout: 5_000 },
    );
    expect(Date.now() - stopped).toBeLessThan(5_000);
    expect(await page.locator('[data-role=console-status]').textContent()).toMatch(
      /Stopped after .* you stopped it/,
    );
    expect(await page.locator('[data-role=console-run]').isDisabled()).toBe(false);
    // The console works again, and so does the explorer.
    expect(await run(page, 'SELECT count(*) AS n FROM cube.monthly')).toBe('1 row');
    await page.locator('input[name=state][value=OH]').uncheck();
    await page.waitForFunction(
      (n) =>
        Number(document.querySelector('[data-role=match-count]')!.textContent!.replace(/\D/g, '')) >
        n,
      ohio,
      { timeout: 20_000 },
    );
    await page.close();
  });

  it('names the functions it refuses and runs with its configuration locked', async () => {
    const page = await openConsole();
    expect(await run(page, `SELECT * FROM read_blob('cube.duckdb')`)).toMatch(
      /^error: .*read_blob\(\) \(it reads a whole file\)/,
    );
    expect(await run(page, `SELECT * FROM read_text('complaints-${lastYear}.duckdb')`)).toMatch(
      /read_text\(\)/,
    );
    expect(await run(page, 'SELECT * FROM checkpoint()')).toMatch(
      /checkpoint\(\) \(it writes to the database/,
    );
    expect(await run(page, 'SELECT * FROM force_checkpoint()')).toMatch(/force_checkpoint\(\)/);
    expect(
      await run(
        page,
        `SELECT current_setting('lock_configuration') AS locked, current_setting('enable_external_access') AS external`,
      ),
    ).toBe('1 row');
    expect(await cells(page)).toEqual([['true', 'false']]);
    await page.close();
  });
});
