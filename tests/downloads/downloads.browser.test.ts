/**
 * Downloads in real Chromium on the shared test build (tests/helpers/site-build.ts): the rows a
 * reader downloads from the explorer are exactly the rows native DuckDB gives for the SQL in the
 * download's own metadata, for several filters and for 100,000+ rows; the count shown before is
 * the count in the file; the README and metadata.json name the filters and data version; chart
 * data match too; formula-looking text comes out neutralised and numbers unchanged (on a copy of
 * the data with such text put in); Cancel saves nothing; charts save as SVG and PNG.
 */
import { copyFileSync, mkdirSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../scripts/lib/duckdb';
import type { Manifest } from '../../src/lib/manifest';
import { createStaticServer } from '../../scripts/serve/static-server';
import { launchBrowser } from '../helpers/browser';
import { serveSite, type ServedSite } from '../helpers/site-build';
import { tempDir } from '../helpers/temp';
import { loadStates, loadSubjects } from '../../scripts/lib/reference';
import { TOP_N } from '../../src/lib/explore/queries';
import { dateBounds } from '../../src/lib/dates';
import { parseExploreView } from '../../src/lib/explore/view';
import { shapeChart } from '../../src/lib/numbers/chart-data';
import {
  buttonCount,
  compareWithNative,
  download,
  matchCount,
  nativeCsv,
  parseCsv,
  showView,
  type ColumnInfo,
} from './browser-helpers';

interface Metadata {
  rows: number;
  expected_rows: number;
  permalink: string;
  filters: {
    text: string;
    url: string;
    states: string[];
    from: string | null;
    to: string | null;
    chart?: string;
  };
  data: {
    version: string;
    complaints_created_from: string;
    complaints_created_to: string;
    parquet_files: { file: string; sha256: string }[];
  };
  sql: string;
  browser_query: { sql: string; params: (string | number | boolean)[] };
  columns: ColumnInfo[];
  csv: { formula_neutralising: { on: boolean; cells_prefixed?: number } };
  citation: { text: string; bibtex: string };
}

let site: ServedSite;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let version: string;
/** The two years the test build spans, and its last day: the views below are set relative to them. */
let y1: number;
let y2: number;
let lastDay: string;
let firstDay: string;
let stateNames: Map<string, string>;
let subjectNames: Map<string, string>;
const tmp = tempDir('downloads');

beforeAll(async () => {
  site = await serveSite();
  const manifest = JSON.parse(readFileSync(join(site.data, 'manifest.json'), 'utf8')) as Manifest;
  const years = manifest.tables
    .filter((t) => t.name === 'complaints')
    .map((t) => t.year!)
    .sort();
  expect(years.length, 'the test build spans two years').toBe(2);
  [y1, y2] = years as [number, number];
  lastDay = manifest.tables.find((t) => t.name === 'daily')!.date_max!;
  firstDay = manifest.tables.find((t) => t.name === 'daily')!.date_min!;
  stateNames = new Map(loadStates(join(site.data, 'reference')).map((x) => [x.usps, x.name]));
  subjectNames = new Map([
    ...loadSubjects(join(site.data, 'reference')).map((x): [string, string] => [x.slug, x.label]),
    ['unrecognized', 'Unrecognized subject'],
  ]);
  browser = await launchBrowser();
  context = await browser.newContext({
    acceptDownloads: true,
    viewport: { width: 1280, height: 900 },
  });
  page = await context.newPage();
  await page.goto(`${site.base}/explore/`);
  await matchCount(page);
  version = (await page.getAttribute('meta[name="robocall-atlas:data-version"]', 'content'))!;
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
  tmp.cleanup();
});

const search = () => [join(site.dist, 'data/downloads'), join(site.dist, 'data/reference')];

async function checkRows(query: string, expectWords: string[]): Promise<number> {
  await showView(page, query);
  const shown = await buttonCount(page, 'download-rows');
  expect(await matchCount(page)).toBe(shown);
  const file = await download(page, '[data-role="download-rows"]');
  expect(file.name).toMatch(new RegExp(`^robocall-atlas-complaints-[a-z0-9-]+-${version}\\.zip$`));
  expect(Object.keys(file.files).sort()).toEqual(['README.md', 'complaints.csv', 'metadata.json']);
  const csv = parseCsv(file.text('complaints.csv'));
  const meta = JSON.parse(file.text('metadata.json')) as Metadata;
  const readme = file.text('README.md');

  // The count shown before downloading is the number of rows in the file.
  expect(csv.length - 1).toBe(shown);
  expect(meta.rows).toBe(shown);
  expect(meta.expected_rows).toBe(shown);

  // The literal SQL in the metadata, run by native DuckDB over the published Parquet files, gives the same rows.
  const native = await nativeCsv(meta.sql, { search: search(), out: tmp.dir });
  compareWithNative(csv, native, meta.columns, meta.csv.formula_neutralising.on);

  // The metadata names the filters and the data version.
  expect(meta.data.version).toBe(version);
  expect(meta.permalink).toContain(`v=${version}`);
  expect(new URL(meta.permalink).pathname).toBe('/explore/');
  for (const word of expectWords) {
    expect(meta.filters.text).toContain(word);
    expect(readme).toContain(word);
  }
  expect(readme).toContain(`Data version: \`${version}\``);
  expect(readme).toContain(meta.permalink);
  expect(readme).toContain(meta.sql.trim());
  expect(readme).toMatch(/## Licence/);
  expect(readme).toMatch(/## How to cite/);
  expect(meta.citation.bibtex).toContain(version);
  return shown;
}

describe('row downloads equal native DuckDB', () => {
  it('one state, three months, two robocall answers', async () => {
    const n = await checkRows(`state=OH&from=${y1}-11&to=${y2}-01&robocall=yes,unknown`, [
      'Ohio',
      `November ${y1}`,
      `January ${y2}`,
    ]);
    expect(n).toBeGreaterThan(100);
  });

  it('area codes and subjects (answered from the rows, not the cube)', async () => {
    const n = await checkRows('area=212,310,614&subject=imposters,other', [
      'area codes 212, 310 and 614',
      'imposters',
    ]);
    expect(n).toBeGreaterThan(10);
  });

  it('two states across the turn of the year (two yearly files), day bounds', async () => {
    const n = await checkRows(`state=CA,TX&from=${y1}-12-20&to=${y2}-01-10`, [
      'California and Texas',
      `December 20, ${y1}`,
      `January 10, ${y2}`,
    ]);
    expect(n).toBeGreaterThan(100);
  });

  it('every complaint: 100,000+ rows in chunks', async () => {
    const n = await checkRows('', ['All complaints over the whole period']);
    expect(n).toBeGreaterThanOrEqual(100_000);
  }, 180_000);

  it('in small pieces: days grouped, and busy days read in pages within the day', async () => {
    // 40-row pieces: most days of the sample have more matching rows than that for these states.
    await page.evaluate(
      () =>
        (document.querySelector<HTMLElement>('[data-role="download-panel"]')!.dataset.chunkRows =
          '40'),
    );
    try {
      const n = await checkRows(`state=CA,TX,FL&from=${y1}-12-26&to=${y2}-01-04`, [
        'California, Florida and Texas',
      ]);
      expect(n).toBeGreaterThan(200);
    } finally {
      await page.evaluate(
        () =>
          delete document.querySelector<HTMLElement>('[data-role="download-panel"]')!.dataset
            .chunkRows,
      );
    }
  });

  it('no match: a header and nothing else', async () => {
    await showView(page, `state=WY&area=212&from=${lastDay}`);
    const shown = await buttonCount(page, 'download-rows');
    expect(shown).toBe(0);
    const file = await download(page, '[data-role="download-rows"]');
    const csv = parseCsv(file.text('complaints.csv'));
    expect(csv).toEqual([
      [
        'created_at',
        'created_date',
        'violation_at',
        'state',
        'state_from',
        'area_code',
        'city',
        'subject',
        'robocall',
        'caller_number',
        'caller_valid',
        'source_file',
        'source_line',
      ],
    ]);
  });
});

/**
 * The chart-data CSV is the chart's numbers as the page shows them (issue 8.7): native DuckDB's
 * rows for the SQL in the metadata, shaped by the same pure function the page uses
 * (src/lib/numbers/chart-data.ts), must give the file cell for cell. (It used to be the SQL's raw
 * rows: date, series, value, complaints.) The oracle tests check the numbers themselves.
 */
function compareShaped(csv: string[][], native: string[][], meta: Metadata): void {
  const [header, ...body] = native;
  const rows = body.map((r) =>
    Object.fromEntries(
      header!.map((h, i) => [
        h,
        r[i] === ''
          ? null
          : /^-?\d+(\.\d+)?(e-?\d+)?$/.test(r[i]!) &&
              h !== 'date' &&
              h !== 'area_code' &&
              h !== 'caller_number'
            ? Number(r[i])
            : r[i],
      ]),
    ),
  );
  const url = new URL(meta.permalink);
  const state = parseExploreView(url.searchParams, {
    states: new Set(stateNames.keys()),
    subjects: new Set(subjectNames.keys()),
  }).view;
  const shaped = shapeChart(
    {
      ...state,
      start: state.from ? dateBounds(state.from).start : null,
      end: state.to ? dateBounds(state.to).end : null,
    },
    rows,
    {
      state: (u) => stateNames.get(u) ?? u,
      subject: (x) => subjectNames.get(x) ?? x,
      data: { start: firstDay, end: lastDay },
      limit: TOP_N,
    },
  );
  expect(csv[0]).toEqual(shaped.download.columns.map((c) => c.name));
  expect(meta.columns.map((c) => c.name)).toEqual(csv[0]);
  expect(csv.length - 1).toBe(shaped.download.rows.length);
  shaped.download.rows.forEach((row, r) =>
    row.forEach((cell, c) => {
      const got = csv[r + 1]![c]!;
      if (typeof cell === 'number')
        expect(Math.abs(Number(got) - cell), `row ${r + 1} ${csv[0]![c]}`).toBeLessThan(1e-9);
      else expect(got, `row ${r + 1} ${csv[0]![c]}`).toBe(cell === null ? '' : String(cell));
    }),
  );
}

describe('chart-data downloads equal native DuckDB, shaped as the chart shows them', () => {
  it.each([
    ['chart=map&measure=per100k&from=<y1>-06', 'map'],
    ['chart=trend&interval=week&state=CA,TX&robocall=yes', 'trend'],
    ['chart=subjects&measure=robocall_share&from=<y2>', 'subjects'],
    ['chart=callers&state=OH', 'callers'],
  ])('%s', async (template, chart) => {
    await showView(page, template.replace('<y1>', String(y1)).replace('<y2>', String(y2)));
    const shown = await buttonCount(page, 'download-aggregate');
    const file = await download(page, '[data-role="download-aggregate"]');
    expect(file.name).toMatch(new RegExp(`^robocall-atlas-chart-${chart}-`));
    const csv = parseCsv(file.text(`chart-${chart}.csv`));
    const meta = JSON.parse(file.text('metadata.json')) as Metadata;
    expect(csv.length - 1).toBe(shown);
    expect(meta.filters.chart).toBe(chart);
    const native = await nativeCsv(meta.sql, { search: search(), out: tmp.dir });
    compareShaped(csv, native, meta);
    // What the page's table shows is what the file holds.
    expect(await page.locator('[data-role="numbers-table"] tbody tr').count()).toBe(
      Math.max(1, shown),
    );
  });
});

describe('large downloads', () => {
  it('show progress and can be cancelled, saving nothing', async () => {
    await showView(page, '');
    await buttonCount(page, 'download-rows');
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    let downloads = 0;
    const count = () => downloads++;
    page.on('download', count);
    try {
      await page.click('[data-role="download-rows"]');
      await page.waitForSelector('[data-role="download-progress"]:not([hidden])');
      await page.waitForFunction(
        () =>
          /^[1-9][\d,]* of /.test(
            document.querySelector('[data-role="download-progress-text"]')?.textContent ?? '',
          ),
        null,
        { timeout: 60_000 },
      );
      expect(await page.getAttribute('[data-role="download-progress-bar"]', 'max')).toMatch(
        /^\d+$/,
      );
      await page.click('[data-role="download-cancel"]');
      await page.waitForFunction(
        () =>
          /cancelled/i.test(
            document.querySelector('[data-role="download-status"]')?.textContent ?? '',
          ),
        null,
        { timeout: 30_000 },
      );
      expect(await page.isHidden('[data-role="download-progress"]')).toBe(true);
      await page.waitForTimeout(500);
      expect(downloads).toBe(0);
      // The page stayed usable: a new download works.
      expect(await page.isEnabled('[data-role="download-rows"]')).toBe(true);
    } finally {
      page.off('download', count);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
      await cdp.detach();
    }
  }, 120_000);
});

describe('charts save as SVG and PNG', () => {
  it('with inline styles, a white background, the title and the data version', async () => {
    await showView(page, 'chart=subjects&state=OH');
    await buttonCount(page, 'download-aggregate');
    await page.waitForSelector('[data-role="chart"] svg');
    const svg = await download(page, '[data-role="save-svg"]');
    expect(svg.name).toMatch(/^robocall-atlas-subjects-oh-[0-9a-f]+\.svg$/);
    const text = svg.text(svg.name);
    expect(text).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/,
    );
    expect(text).toContain('<rect width="100%" height="100%" fill="#ffffff"');
    expect(text).toContain('Complaints by subject');
    expect(text).toContain('All complaints in Ohio');
    expect(text).toContain(`data version ${version}`);
    expect(text).toMatch(/style="[^"]*fill:/);
    const width = Number(/<svg[^>]* width="(\d+(?:\.\d+)?)"/.exec(text)![1]);

    const png = await download(page, '[data-role="save-png"]');
    const bytes = png.files[png.name]!;
    expect([...bytes.slice(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    expect(view.getUint32(16)).toBe(Math.round(width * 2));
  });

  it('cites the chart with a permalink pinned to the data version', async () => {
    const cite = (await page.textContent('[data-role="cite-text"]'))!;
    expect(cite).toContain('Complaints by subject: All complaints in Ohio');
    expect(cite).toContain(`data version ${version}`);
    const permalink = (await page.getAttribute('[data-role="permalink"]', 'href'))!;
    expect(new URL(permalink).searchParams.get('v')).toBe(version);
    expect(cite).toContain(permalink);
    expect(await page.textContent('[data-role="cite-bibtex"]')).toMatch(/^@misc\{robocallatlas-/);
  });
});

describe('formula-looking text, end to end', () => {
  const hostile = [
    '=HYPERLINK("http://evil.example/","click")',
    '+SUM(A1:A2)',
    '-2+3',
    '@SUM(1,1)',
    '\t=1+1',
    "=cmd|' /C calc'!A0",
  ];
  let overlay: { base: string; close(): Promise<void>; data: string };

  beforeAll(async () => {
    // The same built site, served with copies of its yearly DuckDB files in which six Ohio
    // complaints of November of the first year got hostile cities and one a hostile caller number.
    const root = join(tmp.dir, 'overlay');
    mkdirSync(join(root, 'data'), { recursive: true });
    for (const entry of readdirSync(site.dist))
      if (entry !== 'data') symlinkSync(join(site.dist, entry), join(root, entry));
    for (const entry of readdirSync(join(site.dist, 'data'))) {
      if (/^complaints-\d{4}\.duckdb$/.test(entry))
        copyFileSync(join(site.dist, 'data', entry), join(root, 'data', entry));
      else symlinkSync(join(site.dist, 'data', entry), join(root, 'data', entry));
    }
    const db = await openDb();
    await db.run(
      `ATTACH '${join(root, `data/complaints-${y1}.duckdb`)}' AS c (STORAGE_VERSION 'v1.4.0')`,
    );
    const rows = await db.all<{ id: number }>(
      `SELECT rowid AS id FROM c.complaints WHERE state = 'OH' AND created_date BETWEEN DATE '${y1}-11-01' AND DATE '${y1}-11-30' ORDER BY created_at LIMIT 7`,
    );
    expect(rows.length).toBe(7);
    for (const [i, value] of hostile.entries())
      await db.run(`UPDATE c.complaints SET city = ? WHERE rowid = ?`, [value, rows[i]!.id]);
    await db.run(`UPDATE c.complaints SET caller_number = '=2+5' WHERE rowid = ?`, [rows[6]!.id]);
    await db.run('CHECKPOINT c');
    db.close();
    // The overlay links the built site's other files: let the server follow links into it.
    const server = createStaticServer(root, { linkTargets: [site.dist] });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    overlay = {
      base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      data: join(root, 'data'),
      close: () =>
        new Promise((done) => {
          // The browser keeps connections alive; close them, or close() waits for them.
          server.close(() => done());
          server.closeAllConnections();
        }),
    };
  });

  afterAll(async () => overlay?.close());

  it('comes out with an apostrophe in front; numbers, dates and phone numbers stay as they are', async () => {
    const p = await context.newPage();
    try {
      await p.goto(`${overlay.base}/explore/?state=OH&from=${y1}-11&to=${y1}-11`);
      const shown = await buttonCount(p, 'download-rows');
      const file = await download(p, '[data-role="download-rows"]');
      const csv = parseCsv(file.text('complaints.csv'));
      const meta = JSON.parse(file.text('metadata.json')) as Metadata;
      expect(csv.length - 1).toBe(shown);
      const header = csv[0]!;
      const city = header.indexOf('city');
      const caller = header.indexOf('caller_number');
      const cities = csv.slice(1).map((r) => r[city]);
      for (const value of hostile) expect(cities).toContain(`'${value}`);
      expect(csv.slice(1).map((r) => r[caller])).toContain("'=2+5");
      expect(meta.csv.formula_neutralising).toMatchObject({ on: true, cells_prefixed: 7 });
      expect(file.text('README.md')).toContain('7 cells were changed this way');
      // Every other cell, numbers included, is what DuckDB holds: the bound query from the
      // metadata, run natively on the same (modified) DuckDB files.
      const attach = Object.fromEntries(
        readdirSync(overlay.data)
          .filter((f) => /^complaints-\d{4}\.duckdb$/.test(f))
          .map((f) => [`c${f.slice(11, 15)}`, join(overlay.data, f)]),
      );
      const native = await nativeCsv(meta.browser_query.sql, {
        params: meta.browser_query.params,
        attach: { ...attach, cube: join(overlay.data, 'cube.duckdb') },
        out: tmp.dir,
      });
      expect(compareWithNative(csv, native, meta.columns, true)).toBe(7);
      const line = header.indexOf('source_line');
      expect(csv.slice(1).every((r) => /^\d+$/.test(r[line]!))).toBe(true);
      expect(csv.slice(1).filter((r) => /^\d{10}$/.test(r[caller]!)).length).toBeGreaterThan(
        shown / 2,
      );
    } finally {
      await p.close();
    }
  });
});
