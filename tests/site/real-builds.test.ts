/**
 * Real data looks real (issue 9.6): sites built from real-format files only (the real FTC file of
 * 2021-07-08 itself; a month and a year of its records moved to other days, scripts/sample/
 * real-format.ts, the month with one file missing) show no synthetic notice, state their coverage
 * (first day, last day, weekdays missing) on every page with numbers, and every page type still
 * shows well-formed figures. Needs ROBOCALL_REAL_DATA; each build is cached like the sample's.
 */
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeRealFormat } from '../../scripts/sample/real-format';
import { formatDay } from '../../src/lib/format';
import type { Manifest } from '../../src/lib/manifest';
import { launchBrowser } from '../helpers/browser';
import { REAL_DATA_DIR, realDataFile } from '../helpers/real-data';
import { serveSite, type ServedSite, type SiteDataset } from '../helpers/site-build';
import { PAGE_TYPES } from './page-types';

const REAL_FILE = 'dnc_complaint_numbers_2021-07-08.csv';

const realFormat = (name: string, options: Parameters<typeof writeRealFormat>[2]): SiteDataset => ({
  name,
  inputs: JSON.stringify({ name, options }),
  writeRaw: (raw) => void writeRealFormat(readFileSync(realDataFile(REAL_FILE)), raw, options),
});

const DATASETS: { label: string; dataset: SiteDataset; gaps: number }[] = [
  {
    label: 'one day (the real file)',
    gaps: 0,
    dataset: {
      name: 'real-day',
      inputs: REAL_FILE,
      writeRaw(raw) {
        // Into the test's build cache (.tmp/, never committed), as the ingest tests copy it to a temp folder.
        mkdirSync(join(raw, 'dnc', '2021'), { recursive: true });
        copyFileSync(realDataFile(REAL_FILE), join(raw, 'dnc', '2021', REAL_FILE));
      },
    },
  },
  {
    label: 'one month, one file missing',
    gaps: 1,
    dataset: realFormat('real-month', {
      first: '2026-05-01',
      last: '2026-05-31',
      perDay: 400,
      seed: 'month',
      skipFiles: ['2026-05-13'],
    }),
  },
  {
    label: 'one year',
    gaps: 0,
    dataset: realFormat('real-year', {
      first: '2025-11-01',
      last: '2026-10-31',
      perDay: 60,
      seed: 'year',
    }),
  },
];

describe.skipIf(!REAL_DATA_DIR).each(DATASETS)(
  'a real-format build of $label',
  ({ dataset, gaps }) => {
    let site: ServedSite;
    let browser: Browser;
    let context: BrowserContext;
    let manifest: Manifest;
    /** The place pages /states/ links: a place with no complaint in the data has none. */
    let placePages: Set<string>;

    beforeAll(async () => {
      site = await serveSite(dataset);
      manifest = JSON.parse(readFileSync(join(site.data, 'manifest.json'), 'utf8')) as Manifest;
      browser = await launchBrowser();
      context = await browser.newContext({
        javaScriptEnabled: false,
        viewport: { width: 390, height: 844 },
      });
      const index = await context.newPage();
      await index.goto(`${site.base}/states/`);
      placePages = new Set(
        await index
          .locator('main a[href^="/states/"]')
          .evaluateAll((as) => as.map((a) => a.getAttribute('href')!)),
      );
      await index.close();
    }, 1_800_000);
    afterAll(async () => {
      await context?.close();
      await browser?.close();
      await site?.close();
    });

    it('is built as real data, with the gaps a missing file leaves', () => {
      expect(manifest.synthetic).toBe(false);
      expect(manifest.totals.rows_loaded).toBeGreaterThan(0);
      expect(manifest.gaps ?? []).toHaveLength(gaps);
    });

    it.each(PAGE_TYPES)(
      '$name ($path): no synthetic notice, its coverage, well-formed figures',
      async ({ path }) => {
        const page = await context.newPage();
        const response = await page.goto(site.base + path);
        // One real day has no complaint from Guam: its page is then absent, and /states/ does not link it.
        const absentPlace = /^\/states\/[a-z]{2}\/$/.test(path) && !placePages.has(path);
        expect(response?.status()).toBe(path === '/no-such-page/' || absentPlace ? 404 : 200);
        if (absentPlace) {
          await page.close();
          return;
        }
        expect(await page.locator('h1').count()).toBe(1);
        expect(await page.locator('[data-role="synthetic-notice"]').count()).toBe(0);
        expect(await page.locator('body').textContent()).not.toMatch(/synthetic/i);
        if (path !== '/no-such-page/') {
          const daily = manifest.tables.find((t) => t.name === 'daily')!;
          const coverage = (await page.locator('[data-role="coverage"]').textContent()) ?? '';
          expect(coverage).toContain(formatDay(daily.date_min!));
          expect(coverage).toContain(formatDay(daily.date_max!));
          expect(coverage).toMatch(
            gaps === 0 ? /no weekday missing/ : new RegExp(`\\b${gaps} weekdays? missing`),
          );
        }
        for (const figure of await page.locator('figure.chart').all()) {
          const id = (await figure.getAttribute('id')) ?? '';
          expect(
            (await figure.locator('figcaption :is(h2, h3)').textContent())?.trim(),
            id,
          ).not.toBe('');
          expect(
            (await figure.locator('figcaption .summary').textContent())?.trim().length,
            id,
          ).toBeGreaterThan(20);
          expect(await figure.locator('.source').last().textContent(), id).toContain(
            manifest.data_version,
          );
          expect(
            await figure.locator('table tbody tr').count(),
            `${id}: table rows`,
          ).toBeGreaterThan(0);
        }
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        expect(overflow).toBeLessThanOrEqual(0);
        await page.close();
      },
    );
  },
);
