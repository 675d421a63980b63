/**
 * What real Chromium shows on /explore/ and /embed/, against the independent oracle: 40 seeded
 * random views × every chart × every measure that applies, read from the page's numbers table
 * (`[data-role=numbers-table]`: each row's keys as data attributes, each cell as displayed), its
 * notes (`[data-role=chart-notes]`) and the match count; a sample of them as embeds; and the
 * aggregate download of a few. One browser page for the explorer (views change through history,
 * as a reader's back button does), one shared site build.
 */
import { join } from 'node:path';
import Papa from 'papaparse';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { download, showView } from '../downloads/browser-helpers';
import { launchBrowser } from '../helpers/browser';
import { serveSite, type ServedSite } from '../helpers/site-build';
import {
  CHART_NAMES,
  compareChart,
  cubeCases,
  measuresFor,
  queryOf,
  randomCases,
  type Case,
  type ChartName,
  type Shown,
} from './compare';
import { Oracle, type Measure } from './oracle';

let site: ServedSite;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let oracle: Oracle;

beforeAll(async () => {
  site = await serveSite();
  oracle = new Oracle(join(site.data, '..', 'sample'));
  browser = await launchBrowser();
  context = await browser.newContext({
    acceptDownloads: true,
    viewport: { width: 1280, height: 900 },
  });
  page = await context.newPage();
  await page.goto(`${site.base}/explore/`);
  await shownView(page);
}, 900_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

/** Waits until the page has drawn the view its URL names, then reads its numbers. */
async function shownView(p: Page, root = '.explorer-results'): Promise<Shown> {
  await p.waitForFunction(
    (selector) => {
      const results = document.querySelector<HTMLElement>(selector);
      return (
        !!results &&
        results.dataset.shown === location.search &&
        !results.hasAttribute('aria-busy') &&
        /\d/.test(document.querySelector('[data-role=match-count]')?.textContent ?? '')
      );
    },
    root,
    { timeout: 90_000 },
  );
  return p.evaluate(() => {
    const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
    const rows = [
      ...document.querySelectorAll<HTMLTableRowElement>('[data-role=numbers-table] tbody tr'),
    ]
      .filter((tr) => Object.keys(tr.dataset).length > 0)
      .map((tr) => ({
        keys: Object.fromEntries(Object.entries(tr.dataset).map(([k, v]) => [snake(k), v ?? ''])),
        cells: Object.fromEntries(
          [...tr.querySelectorAll<HTMLElement>('td[data-column]')].map((td) => [
            td.dataset.column!,
            td.textContent ?? '',
          ]),
        ),
      }));
    const notes = [...document.querySelectorAll('[data-role=chart-notes] li')].map(
      (li) => li.textContent ?? '',
    );
    const count = Number(
      (document.querySelector('[data-role=match-count]')?.textContent ?? '').replace(/\D/g, ''),
    );
    return { rows, notes, count };
  });
}

async function explorerShows(query: string): Promise<Shown> {
  await showView(page, query);
  return shownView(page);
}

describe('/explore/ agrees with the oracle', () => {
  it('on 40 seeded random views × every chart × every measure that applies', async () => {
    const problems: string[] = [];
    let checked = 0;
    for (const c of randomCases(oracle, 40, 8_0_2026)) {
      for (const chart of CHART_NAMES) {
        for (const measure of measuresFor(chart, c.view)) {
          problems.push(
            ...compareChart(
              oracle,
              c,
              chart,
              measure,
              await explorerShows(queryOf(c.view, chart, measure, c.interval)),
            ),
          );
          checked++;
        }
      }
      expect(problems.slice(0, 10)).toEqual([]);
    }
    expect(checked).toBeGreaterThan(300);
  }, 900_000);

  it('multi-state per 100k: Texas reads the same alone and beside Ohio and Pennsylvania', async () => {
    const month = oracle.lastDay.slice(0, 7);
    const alone = await explorerShows(`from=${month}&state=TX&measure=per100k`);
    const together = await explorerShows(`from=${month}&state=OH,PA,TX&measure=per100k`);
    expect(together.rows.find((r) => r.keys.series === 'TX')!.cells.value).toBe(
      alone.rows[0]!.cells.value,
    );
    const c: Case = {
      name: 'multi-state',
      view: { from: month, states: ['OH', 'PA', 'TX'] },
      interval: 'month',
    };
    expect(compareChart(oracle, c, 'trend', 'per100k', together)).toEqual([]);
  });

  it('a measure that cannot apply is disabled, with the reason beside it, and the chart says what it shows', async () => {
    await showView(page, 'robocall=yes&measure=robocall_share');
    await shownView(page);
    expect(new URL(page.url()).searchParams.get('measure')).toBeNull();
    expect(
      await page.locator('select[name=measure] option[value=robocall_share]').isDisabled(),
    ).toBe(true);
    expect(await page.locator('[data-role=measure-reason]').textContent()).toMatch(/flat 100%/);
    expect(await page.locator('[data-role=numbers-table] thead').textContent()).toMatch(
      /Complaints a month/,
    );
    await showView(page, 'chart=callers&measure=per100k');
    await shownView(page);
    expect(await page.locator('[data-role=measure-reason]').textContent()).toMatch(/no population/);
    expect(await page.locator('select[name=interval]').isDisabled()).toBe(true);
    expect(await page.locator('[data-role=interval-reason]').textContent()).toMatch(/trend only/);
  });
});

/** Which path drew the view on screen: the explore cube or the engine (`data-computed-by`). */
const computedBy = (p: Page, root = '.explorer-results') =>
  p.evaluate((selector) => document.querySelector<HTMLElement>(selector)?.dataset.computedBy, root);

describe('cube views agree with the oracle both ways: from the explore cube and from the engine', () => {
  it('on 6 seeded cube views × trend, map and subjects × every measure, on /explore/ and /embed/', async () => {
    const engineContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    // The switch tests and benchmarks use to send every view to the engine.
    await engineContext.addInitScript(() => {
      window.robocallAtlasEngineOnly = true;
    });
    const enginePage = await engineContext.newPage();
    const embed = await context.newPage();
    const engineEmbed = await engineContext.newPage();
    const problems: string[] = [];
    let checked = 0;
    try {
      await enginePage.goto(`${site.base}/explore/`);
      await shownView(enginePage);
      for (const c of cubeCases(oracle, 6, 13_2026)) {
        for (const chart of ['trend', 'map', 'subjects'] as ChartName[]) {
          for (const measure of measuresFor(chart, c.view)) {
            const query = queryOf(c.view, chart, measure, c.interval);
            const fromCube = await explorerShows(query);
            expect(await computedBy(page), query).toBe('cube');
            await showView(enginePage, query);
            const fromEngine = await shownView(enginePage);
            expect(await computedBy(enginePage), query).toBe('engine');
            // The same table, cell for cell, and both what the oracle says.
            expect(fromCube, query).toEqual(fromEngine);
            problems.push(
              ...compareChart(oracle, { ...c, name: `cube ${c.name}` }, chart, measure, fromCube),
            );
            checked++;
          }
          // One embed per chart, both ways.
          const measure = measuresFor(chart, c.view).at(-1)!;
          const query = queryOf(c.view, chart, measure, c.interval);
          await embed.goto(`${site.base}/embed/?${query}`);
          const embedCube = await shownView(embed, '[data-role=embed]');
          expect(await computedBy(embed, '[data-role=embed]'), query).toBe('cube');
          await engineEmbed.goto(`${site.base}/embed/?${query}`);
          const embedEngine = await shownView(engineEmbed, '[data-role=embed]');
          expect(await computedBy(engineEmbed, '[data-role=embed]'), query).toBe('engine');
          expect(embedCube, query).toEqual(embedEngine);
          problems.push(
            ...compareChart(
              oracle,
              { ...c, name: `embed cube ${c.name}` },
              chart,
              measure,
              embedCube,
            ),
          );
        }
      }
    } finally {
      await engineContext.close();
      await embed.close();
    }
    expect(checked).toBeGreaterThan(40);
    expect(problems.slice(0, 10)).toEqual([]);
  }, 900_000);

  it('an embed the cube answers never loads the engine; one that needs rows does', async () => {
    const embed = await context.newPage();
    const engineFiles: string[] = [];
    embed.on('request', (r) => {
      if (/duckdb|\.wasm|complaints-\d{4}\.duckdb/.test(r.url())) engineFiles.push(r.url());
    });
    try {
      await embed.goto(`${site.base}/embed/?chart=map&measure=per100k`);
      await shownView(embed, '[data-role=embed]');
      await embed.waitForTimeout(1500); // nothing starts in idle time in an embed
      expect(engineFiles).toEqual([]);
      await embed.goto(`${site.base}/embed/?chart=area-codes`);
      await shownView(embed, '[data-role=embed]');
      expect(await computedBy(embed, '[data-role=embed]')).toBe('engine');
      expect(engineFiles.length).toBeGreaterThan(0);
    } finally {
      await embed.close();
    }
  }, 300_000);
});

describe('/embed/ agrees with the oracle', () => {
  it('on 5 seeded random views × trend, map and subjects', async () => {
    const embed = await context.newPage();
    const problems: string[] = [];
    try {
      for (const c of randomCases(oracle, 5, 5_5_5)) {
        for (const chart of ['trend', 'map', 'subjects'] as ChartName[]) {
          const measure: Measure = measuresFor(chart, c.view).at(-1)!;
          await embed.goto(`${site.base}/embed/?${queryOf(c.view, chart, measure, c.interval)}`);
          problems.push(
            ...compareChart(
              oracle,
              { ...c, name: `embed ${c.name}` },
              chart,
              measure,
              await shownView(embed, '[data-role=embed]'),
            ),
          );
        }
      }
    } finally {
      await embed.close();
    }
    expect(problems.slice(0, 10)).toEqual([]);
  }, 600_000);
});

describe('the aggregate download says what the chart says', () => {
  it('a weekly per-100k trend of three states cut inside a week: tidy rows, codes and labels, unit in the column name, days held', async () => {
    const from =
      oracle.firstDay.slice(0, 7) === oracle.lastDay.slice(0, 7)
        ? oracle.firstDay
        : `${oracle.lastDay.slice(0, 7)}-03`;
    const query = `interval=week&from=${from}&state=OH,PA,TX&measure=per100k`;
    await explorerShows(query);
    const file = await download(page, '[data-role="download-aggregate"]');
    const csv = Papa.parse<Record<string, string>>(
      file.text('chart-trend.csv').replace(/^\uFEFF/, ''),
      { header: true, skipEmptyLines: true },
    );
    expect(csv.meta.fields).toEqual([
      'period_start',
      'period_end',
      'period',
      'days_held',
      'days_in_period',
      'series',
      'series_label',
      'complaints_per_100k_residents_a_week',
      'complaints',
    ]);
    const expected = oracle.trend({ from, states: ['OH', 'PA', 'TX'] }, 'week', 'per100k');
    expect(csv.data.length).toBe(expected.length);
    for (const e of expected) {
      const row = csv.data.find((r) => r.series === e.series && r.period_start === e.start)!;
      expect(row, `${e.series} ${e.start}`).toBeDefined();
      expect(Math.abs(Number(row.complaints_per_100k_residents_a_week) - e.value)).toBeLessThan(
        0.0051,
      );
      expect(Number(row.days_held)).toBe(e.days);
      expect(Number(row.complaints)).toBe(e.complaints);
      expect(row.series_label).toBe(oracle.stateNames.get(e.series));
    }
    const readme = file.text('README.md');
    for (const name of csv.meta.fields!) expect(readme).toContain(`| ${name} |`);
    expect(readme).toMatch(/## Notes/);
    expect(readme).not.toMatch(/100,000 people/);
  });

  it('the callers ranking leaves out invalid numbers and says how many', async () => {
    await explorerShows('chart=callers');
    const file = await download(page, '[data-role="download-aggregate"]');
    const csv = Papa.parse<Record<string, string>>(file.text('chart-callers.csv'), {
      header: true,
      skipEmptyLines: true,
    });
    const { ranked, invalid } = oracle.callers({});
    expect(csv.data.map((r) => r.caller_number)).toEqual(ranked.slice(0, 25).map(([n]) => n));
    expect(csv.data.map((r) => Number(r.complaints))).toEqual(
      ranked.slice(0, 25).map(([, n]) => n),
    );
    expect(file.text('README.md')).toContain(
      `${invalid.toLocaleString('en-US')} complaints carried no valid caller number`,
    );
  });
});
