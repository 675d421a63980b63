/**
 * Every page type in real Chromium with JavaScript off, on a phone and on a desktop: its charts
 * are SVG inside figures with a title, a summary, a table and a source line; its tables are
 * there; and the synthetic-data notice shows when the data are synthetic.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDay } from '../../src/lib/format';
import type { Manifest } from '../../src/lib/manifest';
import { launchBrowser } from '../helpers/browser';
import { serveSite, type ServedSite } from '../helpers/site-build';
import { PAGE_TYPES } from './page-types';
import { REFERENCE_TABLES, TABLES } from '../../src/lib/catalog/tables';

let site: ServedSite;
let browser: Browser;
let manifest: Manifest;

beforeAll(async () => {
  site = await serveSite();
  manifest = JSON.parse(readFileSync(join(site.data, 'manifest.json'), 'utf8')) as Manifest;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

describe.each([
  { viewport: 'phone', width: 390, height: 844 },
  { viewport: 'desktop', width: 1280, height: 900 },
])('without JavaScript on a $viewport', ({ width, height }) => {
  let context: BrowserContext;
  beforeAll(async () => {
    context = await browser.newContext({ javaScriptEnabled: false, viewport: { width, height } });
  });
  afterAll(async () => context?.close());

  it.each(PAGE_TYPES)(
    '$name ($path) shows its figures, tables and notice',
    async ({ path, figures, tables }) => {
      const page = await context.newPage();
      const response = await page.goto(site.base + path);
      expect(response?.status()).toBe(path === '/no-such-page/' ? 404 : 200);
      expect(await page.locator('h1').count()).toBe(1);

      const notice = page.locator('[data-role="synthetic-notice"]');
      if (manifest.synthetic) {
        await expect.poll(() => notice.isVisible()).toBe(true);
        expect(await notice.textContent()).toMatch(/synthetic/i);
      } else expect(await notice.count()).toBe(0);

      // Every page states the days its numbers cover: first, last, and how many weekdays are missing.
      if (path !== '/no-such-page/') {
        const coverage = (await page.locator('[data-role="coverage"]').textContent()) ?? '';
        const daily = manifest.tables.find((t) => t.name === 'daily')!;
        expect(coverage).toContain(formatDay(daily.date_min!));
        expect(coverage).toContain(formatDay(daily.date_max!));
        const gaps = manifest.gaps ?? [];
        expect(coverage).toMatch(
          gaps.length === 0
            ? /no weekday missing/
            : new RegExp(`\\b${gaps.length} weekdays? missing`),
        );
      }

      const charts = page.locator('figure.chart');
      expect(await charts.count()).toBeGreaterThanOrEqual(figures);
      for (const figure of await charts.all()) {
        const id = await figure.getAttribute('id');
        // Title and one-sentence summary in the figcaption, a source line with the data version.
        expect(
          (await figure.locator('figcaption :is(h2, h3)').textContent())?.trim(),
          id ?? '',
        ).not.toBe('');
        expect(
          (await figure.locator('figcaption .summary').textContent())?.trim().length,
          id ?? '',
        ).toBeGreaterThan(20);
        expect(await figure.locator('.source').last().textContent(), id ?? '').toContain(
          manifest.data_version,
        );
        // Exactly one drawing of the chart is visible at this width, with a size.
        const visible = [];
        for (const svg of await figure.locator('.chart-svg > div > svg').all())
          if (await svg.isVisible()) visible.push(svg);
        expect(visible.length, `${id}: visible SVGs`).toBe(1);
        const box = await visible[0]!.boundingBox();
        expect(box!.width, id ?? '').toBeGreaterThan(width < 600 ? 300 : 400);
        expect(box!.width, `${id} fits the screen`).toBeLessThanOrEqual(width);
        expect(await visible[0]!.getAttribute('role'), id ?? '').toMatch(/^(img|group)$/);
        // The numbers, as a table.
        expect(await figure.locator('table tbody tr').count(), `${id}: table rows`).toBeGreaterThan(
          0,
        );
      }

      const allTables = page.locator('table');
      expect(await allTables.count()).toBeGreaterThanOrEqual(tables);
      // Nothing wider than the screen (WCAG 1.4.10 reflow): tables scroll inside their own box.
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);
      await page.close();
    },
  );
});

describe('page content', () => {
  let context: BrowserContext;
  beforeAll(async () => {
    context = await browser.newContext({ javaScriptEnabled: false });
  });
  afterAll(async () => context?.close());

  it('/states/ lists every state in the data with a link to its page', async () => {
    const page = await context.newPage();
    await page.goto(`${site.base}/states/`);
    const rows = page.locator('main table tbody tr');
    const links = await rows
      .locator('th a')
      .evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(links.length).toBeGreaterThanOrEqual(51);
    for (const href of links) expect(href).toMatch(/^\/states\/[a-z]{2}\/$/);
    await page.close();
  });

  it('a state page says whether complaints are rising, against a year earlier', async () => {
    const page = await context.newPage();
    await page.goto(`${site.base}/states/oh/`);
    const lede = await page.locator('.lede').textContent();
    expect(lede).toMatch(
      /In Ohio, consumers filed [\d,]+ Do Not Call complaints in \w+ \d{4}, (up|down) \d+% from|about the same as/,
    );
    expect(await page.locator('.stats').textContent()).toMatch(/per 100,000 residents/);
    await page.close();
  });

  it('/data/ links every download with its size and checksum', async () => {
    const page = await context.newPage();
    await page.goto(`${site.base}/data/`);
    for (const d of manifest.downloads) {
      const row = page.locator('tr', { has: page.locator(`a[href="/data/${d.file}"]`) });
      expect(await row.count(), d.file).toBe(1);
      expect(await row.textContent()).toContain(d.sha256);
    }
    // Every gap of the manifest is listed under "Days missing", with the file that would hold it.
    expect(await page.locator('#gaps').count()).toBe(1);
    const gapRows = page.locator('table', {
      has: page.locator('caption', { hasText: 'Weekdays missing' }),
    });
    const gaps = manifest.gaps ?? [];
    if (gaps.length === 0) {
      expect(await gapRows.count()).toBe(0);
      expect(await page.locator('[data-role="gaps-summary"]').textContent()).toMatch(
        /no weekday missing/,
      );
    } else
      for (const g of gaps) {
        const row = gapRows.locator('tbody tr', { hasText: g.created_date });
        expect(await row.count(), g.created_date).toBe(1);
        expect(await row.textContent()).toContain(g.expected_file_date);
      }
    // The data dictionary lists every catalogued column.
    const text = await page.locator('#dictionary').locator('..').textContent();
    expect(text).toContain('caller_valid');
    expect(text).toContain('pone_complaints_monthly');
    await page.close();
  });

  it('/data/ dictionary: every table the catalog has, column for column, with the catalog’s type and words', async () => {
    const page = await context.newPage();
    await page.goto(`${site.base}/data/`);
    const shown = await page.locator('dl.dictionary[data-table]').evaluateAll((lists) =>
      lists.map((dl) => ({
        table: dl.getAttribute('data-table'),
        columns: [...dl.querySelectorAll('[data-column]')].map((div) => ({
          name: div.getAttribute('data-column'),
          dt: div.querySelector('dt')?.textContent?.replace(/\s+/g, ' ').trim(),
          dd: div.querySelector('dd')?.textContent?.replace(/\s+/g, ' ').trim(),
        })),
      })),
    );
    const catalog = [...TABLES, ...REFERENCE_TABLES];
    expect(shown.map((t) => t.table)).toEqual(catalog.map((t) => t.name));
    for (const [i, table] of catalog.entries()) {
      expect(
        shown[i]!.columns.map((c) => c.name),
        table.name,
      ).toEqual(table.columns.map((c) => c.name));
      for (const [j, c] of table.columns.entries()) {
        expect(shown[i]!.columns[j]!.dt, `${table.name}.${c.name}`).toBe(`${c.name} ${c.type}`);
        expect(shown[i]!.columns[j]!.dd, `${table.name}.${c.name}`).toContain(
          `${c.label}: ${c.description}`,
        );
        for (const v of c.values ?? [])
          expect(shown[i]!.columns[j]!.dd, `${table.name}.${c.name}`).toContain(
            `${v.stored}: ${v.label}`,
          );
      }
    }
    await page.close();
  });

  it('/providers/ lists every letter and action with its date, agency and source', async () => {
    const page = await context.newPage();
    await page.goto(`${site.base}/providers/`);
    const table = page.locator('table', {
      has: page.locator('caption', { hasText: 'Every PoNE letter' }),
    });
    expect(await table.locator('tbody tr').count()).toBeGreaterThanOrEqual(60);
    expect(await page.locator('#before-after').locator('..').textContent()).toMatch(
      /not evidence|no before\/after|before/,
    );
    await page.close();
  });
});
