/**
 * Issue 11.3–11.7 in real Chromium: the explorer puts the answer first on a phone, checklist
 * labels never overlap, no page scrolls sideways, the explorer works without JavaScript as a
 * built default view, the count and chart say when they are stale, the explorer stays free of
 * axe violations with every panel open, every static chart travels, the map says "not selected",
 * and static embeds are as tall as their content.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import Papa from 'papaparse';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Manifest } from '../../src/lib/manifest';
import { launchBrowser } from '../helpers/browser';
import { serveSite, type ServedSite } from '../helpers/site-build';
import { PAGE_TYPES } from './page-types';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };

let site: ServedSite;
let browser: Browser;
let manifest: Manifest;

beforeAll(async () => {
  site = await serveSite();
  browser = await launchBrowser();
  manifest = JSON.parse(readFileSync(join(site.data, 'manifest.json'), 'utf8')) as Manifest;
}, 900_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

async function open(path: string, viewport = DESKTOP, javaScriptEnabled = true): Promise<Page> {
  const context = await browser.newContext({ viewport, javaScriptEnabled });
  const page = await context.newPage();
  await page.goto(site.base + path);
  return page;
}

/** The explorer has answered from its engine (not just shown the build's default view). */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      /\d/.test(document.querySelector('[data-role=match-count]')?.textContent ?? '') &&
      !document.querySelector('.explorer-results')?.hasAttribute('aria-busy'),
    null,
    { timeout: 90_000 },
  );
}

const close = (page: Page) => page.context().close();

describe('a phone layout that puts the answer first', () => {
  it('shows the match count within the first screen at 390 px, the filters folded into a panel', async () => {
    const page = await open('/explore/', PHONE);
    await settled(page);
    const box = (await page.locator('[data-role=match-count]').boundingBox())!;
    expect(box.y).toBeGreaterThan(0);
    expect(box.y + box.height).toBeLessThanOrEqual(PHONE.height);
    expect(
      await page
        .locator('[data-role=filters-panel]')
        .evaluate((d) => (d as HTMLDetailsElement).open),
    ).toBe(false);
    expect(await page.locator('select[name=chart]').isVisible()).toBe(false);
    await page.locator('[data-role=filters-panel] > summary').click();
    expect(await page.locator('select[name=chart]').isVisible()).toBe(true);
    await close(page);
  });

  it('keeps the filters open beside the results on a wide screen', async () => {
    const page = await open('/explore/');
    await settled(page);
    expect(await page.locator('select[name=chart]').isVisible()).toBe(true);
    expect(await page.locator('[data-role=filters-panel] > summary').isVisible()).toBe(false);
    await close(page);
  });

  it.each([PHONE, DESKTOP])(
    'no checklist label overlaps another at $width px',
    async (viewport) => {
      const page = await open('/explore/', viewport);
      await settled(page);
      await page.evaluate(() => {
        (document.querySelector('[data-role=filters-panel]') as HTMLDetailsElement).open = true;
        for (const d of document.querySelectorAll<HTMLDetailsElement>('details.choices'))
          d.open = true;
      });
      const overlaps = await page.evaluate(() => {
        const found: string[] = [];
        for (const list of document.querySelectorAll('.explorer-controls fieldset')) {
          const labels = [...list.querySelectorAll<HTMLElement>(':scope > label.check')];
          const boxes = labels.map((l) => l.getBoundingClientRect());
          for (let i = 0; i < boxes.length; i++)
            for (let j = i + 1; j < boxes.length; j++) {
              const a = boxes[i]!;
              const b = boxes[j]!;
              const x = Math.min(a.right, b.right) - Math.max(a.left, b.left);
              const y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
              if (x > 0.5 && y > 0.5)
                found.push(`${labels[i]!.textContent!.trim()} / ${labels[j]!.textContent!.trim()}`);
            }
          // Text inside its own label: a label as tall as its wrapped text.
          for (const label of labels)
            if (label.scrollHeight > label.clientHeight + 1)
              found.push(`${label.textContent!.trim()} overflows its label`);
        }
        return found;
      });
      expect(overlaps).toEqual([]);
      await close(page);
    },
  );

  const everyPage = [
    ...PAGE_TYPES.map((p) => p.path),
    '/explore/',
    '/explore/?chart=table',
    '/embed/',
    '/embed/national/map/',
    '/embed/states/oh/callers/',
  ];
  it.each([PHONE, DESKTOP])(
    'no page type scrolls sideways at $width px, with or without JavaScript',
    async (viewport) => {
      const wide: string[] = [];
      for (const javaScript of [true, false]) {
        const context = await browser.newContext({ viewport, javaScriptEnabled: javaScript });
        const page = await context.newPage();
        for (const path of everyPage) {
          await page.goto(site.base + path);
          if (javaScript && path.startsWith('/explore/')) await settled(page);
          const extra = await page.evaluate(
            () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
          );
          if (extra > 0) wide.push(`${path} (${javaScript ? 'JS' : 'no JS'}): ${extra}px`);
        }
        await context.close();
      }
      expect(wide).toEqual([]);
    },
    300_000,
  );

  it('/states/ keeps rank, rate and change on screen beside the state on a phone', async () => {
    const page = await open('/states/', PHONE);
    const table = page.locator('main table[data-sortable]').last();
    const headers = await table.locator('thead th').evaluateAll((ths) =>
      ths.map((th) => ({
        text: th.textContent!.trim(),
        right: th.getBoundingClientRect().right,
      })),
    );
    for (const name of [/^Rank/, /^Per 100,000/, /vs a year earlier|^Change/]) {
      const header = headers.find((h) => name.test(h.text));
      expect(header, String(name)).toBeDefined();
      expect(header!.right, String(name)).toBeLessThanOrEqual(PHONE.width);
    }
    await close(page);
  });
});

describe('/explore/ without JavaScript', () => {
  it('shows the default view as a chart, a count and a table made at build time, and hides what cannot work', async () => {
    const page = await open('/explore/', DESKTOP, false);
    // Every complaint loaded, counted another way: the manifest's rows loaded.
    const count = Number(
      (await page.locator('[data-role=match-count]').textContent())!.replace(/\D/g, ''),
    );
    expect(count).toBe(manifest.totals.rows_loaded);
    expect(await page.locator('[data-role=chart] svg').first().isVisible()).toBe(true);
    const rows = await page.locator('[data-role=numbers-table] tbody tr').count();
    expect(rows).toBeGreaterThan(0);
    // The table's complaints add up to the count.
    const sum = await page.locator('[data-role=numbers-table]').evaluate((table) => {
      const headers = [...table.querySelectorAll('thead th')].map((th) => th.textContent);
      const column = headers.indexOf('complaints');
      return [...table.querySelectorAll('tbody tr')].reduce(
        (s, tr) => s + Number(tr.children[column]!.textContent!.replace(/\D/g, '')),
        0,
      );
    });
    expect(sum).toBe(count);
    for (const role of [
      'filters-panel',
      'download-panel',
      'cite-panel',
      'embed-panel',
      'engine-status',
    ])
      expect(await page.locator(`[data-role=${role}]`).isVisible(), role).toBe(false);
    expect(await page.getByText('starts when the page has loaded').isVisible()).toBe(false);
    expect(await page.locator('noscript').count()).toBeGreaterThan(0);
    await close(page);
  });

  it('has the same defaults with and without JavaScript (Interval is Month)', async () => {
    const values: Record<string, string>[] = [];
    for (const javaScript of [false, true]) {
      const page = await open('/explore/', DESKTOP, javaScript);
      if (javaScript) await settled(page);
      values.push(
        await page.evaluate(() =>
          Object.fromEntries(
            [...document.querySelectorAll<HTMLSelectElement>('.explorer-controls select')].map(
              (s) => [s.name, s.value],
            ),
          ),
        ),
      );
      await close(page);
    }
    expect(values[0]!.interval).toBe('month');
    expect(values[0]).toEqual(values[1]);
  });
});

describe('the form says what it is doing', () => {
  it('marks the count and chart stale, saying what is being computed, until the new view is in', async () => {
    const page = await open('/explore/');
    await settled(page);
    const before = await page.locator('[data-role=match-count]').textContent();
    // Changing a filter and reading the page in the same task: the marking is there before any query returns.
    const during = await page.evaluate(() => {
      document.querySelector<HTMLDetailsElement>('details.choices')!.open = true;
      const box = document.querySelector<HTMLInputElement>('input[name=state][value=OH]')!;
      box.checked = true;
      box.dispatchEvent(new Event('change', { bubbles: true }));
      const results = document.querySelector<HTMLElement>('.explorer-results')!;
      const note = document.querySelector<HTMLElement>('[data-role=stale-note]')!;
      return {
        stale: results.hasAttribute('data-stale'),
        hidden: note.hidden,
        text: note.textContent,
        decoration: getComputedStyle(document.querySelector('[data-role=match-count]')!)
          .textDecorationLine,
      };
    });
    expect(during.stale).toBe(true);
    expect(during.hidden).toBe(false);
    expect(during.text).toMatch(/Computing .*Ohio/);
    expect(during.decoration).toContain('line-through');
    await page.waitForFunction(
      () => !document.querySelector('.explorer-results')!.hasAttribute('data-stale'),
      null,
      { timeout: 60_000 },
    );
    expect(await page.locator('[data-role=stale-note]').isHidden()).toBe(true);
    expect(await page.locator('[data-role=match-count]').textContent()).not.toBe(before);
    await close(page);
  });

  it('a linked view waits for the engine without showing the default view’s numbers as its own', async () => {
    const context = await browser.newContext({ viewport: DESKTOP });
    const page = await context.newPage();
    // Hold the engine back: nothing of the database may load until the check is made.
    await page.route('**/*.wasm', async (route) => {
      await new Promise((r) => setTimeout(r, 3000));
      await route.continue();
    });
    // A view of rows (area codes): the explore cube cannot answer it, so it waits for the engine.
    await page.goto(`${site.base}/explore/?chart=area-codes&state=OH`);
    expect(await page.locator('[data-role=match-count]').textContent()).toBe('…');
    expect(await page.locator('[data-role=stale-note]').textContent()).toMatch(
      /Waiting for the database engine/,
    );
    await settled(page);
    expect(await page.locator('[data-role=stale-note]').isHidden()).toBe(true);
    await context.close();
  });
});

describe('the form names what it cannot use', () => {
  /** A field's state as a reader and a screen reader get it. */
  const field = (page: Page, selector: string) =>
    page.locator(selector).evaluate((control) => {
      const ids = (control.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
      const notes = ids
        .map((id) => document.getElementById(id))
        .filter((n): n is HTMLElement => n !== null && !n.hidden);
      return {
        value: (control as HTMLInputElement).value,
        invalid: control.getAttribute('aria-invalid'),
        message: notes.map((n) => n.textContent).join(' '),
        visible: notes.every((n) => n.getBoundingClientRect().height > 0),
      };
    });
  const type = async (page: Page, name: string, text: string) => {
    await page.locator(`input[name=${name}]`).fill(text);
    await page.locator(`input[name=${name}]`).press('Tab');
  };
  const countShown = async (page: Page) =>
    Number((await page.locator('[data-role=match-count]').textContent())!.replace(/\D/g, ''));
  const param = (page: Page, key: string) => new URL(page.url()).searchParams.get(key);

  it('a month that does not exist stays in its box, named beside it, and filters nothing', async () => {
    const page = await open('/explore/');
    await settled(page);
    await type(page, 'from', '2025-13');
    await settled(page);
    expect(await field(page, 'input[name=from]')).toEqual({
      value: '2025-13',
      invalid: 'true',
      message: 'Not applied: “2025-13” (not a date: YYYY, YYYY-MM or YYYY-MM-DD).',
      visible: true,
    });
    expect(param(page, 'from')).toBeNull();
    expect(await countShown(page)).toBe(manifest.totals.rows_loaded);
    // Corrected, the mark and the message go and the filter applies.
    const month = manifest.tables.find((t) => t.name === 'daily')!.date_max!.slice(0, 7);
    await type(page, 'from', month);
    await page.waitForFunction((m) => new URL(location.href).searchParams.get('from') === m, month);
    await settled(page);
    expect(await field(page, 'input[name=from]')).toMatchObject({ invalid: null, message: '' });
    expect(await countShown(page)).toBeLessThan(manifest.totals.rows_loaded);
    await close(page);
  });

  it('an end before the start is named beside To', async () => {
    const page = await open('/explore/?from=2024-02');
    await settled(page);
    await type(page, 'to', '2023-06');
    await settled(page);
    expect(await field(page, 'input[name=to]')).toMatchObject({
      value: '2023-06',
      invalid: 'true',
      message: 'Not applied: “2023-06” (before From, 2024-02).',
      visible: true,
    });
    expect(param(page, 'to')).toBeNull();
    expect(param(page, 'from')).toBe('2024-02');
    await close(page);
  });

  it('area codes “61, abc, 2150” are each named; a good one beside them applies, and the box keeps them all', async () => {
    const page = await open('/explore/');
    await settled(page);
    await type(page, 'area', '61, abc, 2150');
    await settled(page);
    expect(await field(page, 'input[name=area]')).toEqual({
      value: '61, abc, 2150',
      invalid: 'true',
      message: 'Not applied: “61”, “abc”, “2150” (not a three-digit area code).',
      visible: true,
    });
    expect(param(page, 'area')).toBeNull();
    await type(page, 'area', '614, abc');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('area') === '614');
    await settled(page);
    expect(await field(page, 'input[name=area]')).toMatchObject({
      value: '614, abc',
      invalid: 'true',
      message: 'Not applied: “abc” (not a three-digit area code). Applied: 614.',
    });
    // Turning a page of the table keeps the refused text named, not silently replaced.
    await page.selectOption('select[name=chart]', 'table');
    await settled(page);
    await page.locator('[data-role=next-page]').click();
    await settled(page);
    expect(await field(page, 'input[name=area]')).toMatchObject({
      value: '614, abc',
      invalid: 'true',
    });
    await close(page);
  });

  it('state codes a link gives that are not in the data are named beside the States list, folded or not', async () => {
    const page = await open('/explore/?state=OH,ZZ');
    await settled(page);
    const states = await field(page, 'fieldset[data-field=state]');
    expect(states).toMatchObject({
      invalid: 'true',
      message: 'Not applied: “ZZ” (not a state in the data). Applied: OH.',
      visible: true,
    });
    expect(await page.locator('input[name=state][value=OH]').isChecked()).toBe(true);
    expect(await page.locator('[data-role=ignored] li').allTextContents()).toEqual([
      'state=ZZ (not a state in the data)',
    ]);
    // Choosing again from the list clears what the link got wrong.
    await page.locator('details.choices summary', { hasText: 'States' }).click();
    await page.locator('input[name=state][value=PA]').check();
    await settled(page);
    expect(await field(page, 'fieldset[data-field=state]')).toMatchObject({
      invalid: null,
      message: '',
    });
    await close(page);
  });

  it('a caller number with letters stays in its box, named beside it, and looks nothing up', async () => {
    const page = await open('/explore/');
    await settled(page);
    await type(page, 'caller', '214-CALL-NOW');
    await settled(page);
    const caller = await field(page, 'input[name=caller]');
    expect(caller).toMatchObject({ value: '214-CALL-NOW', invalid: 'true', visible: true });
    expect(caller.message).toMatch(
      /^Not applied: “214-CALL-NOW” \(not a phone number: it has letters/,
    );
    expect(param(page, 'caller')).toBeNull();
    expect(await countShown(page)).toBe(manifest.totals.rows_loaded);
    await close(page);
  });

  it('a date a link gives that is not a date stays in its box, named beside it', async () => {
    const page = await open('/explore/?from=2025-13&area=61x');
    await settled(page);
    expect(await field(page, 'input[name=from]')).toMatchObject({
      value: '2025-13',
      invalid: 'true',
      visible: true,
    });
    expect(await field(page, 'input[name=area]')).toMatchObject({
      value: '61x',
      invalid: 'true',
      message: 'Not applied: “61x” (not a three-digit area code).',
    });
    await close(page);
  });
});

describe('axe on the explorer with every panel open', () => {
  it.each([PHONE, DESKTOP])('has no WCAG 2.2 AA violation at $width px', async (viewport) => {
    const page = await open('/explore/?chart=map&state=OH,PA&from=2025-13', viewport);
    await settled(page);
    await page.evaluate(() => {
      for (const d of document.querySelectorAll<HTMLDetailsElement>('main details')) d.open = true;
    });
    await page.addScriptTag({ content: AXE });
    const violations = await page.evaluate(async (tags) => {
      const w = window as unknown as {
        axe: {
          run(
            ctx: Document,
            opts: object,
          ): Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }>;
        };
      };
      const result = await w.axe.run(document, {
        runOnly: { type: 'tag', values: tags },
        resultTypes: ['violations'],
      });
      return result.violations.map((v) => ({
        id: v.id,
        nodes: v.nodes.slice(0, 5).map((n) => n.target),
      }));
    }, TAGS);
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
    await close(page);
  });
});

describe('every chart travels', () => {
  it('the explorer map says "not selected" for states outside the filter', async () => {
    const page = await open('/explore/?chart=map&state=OH,PA');
    await settled(page);
    const titles = await page.locator('[data-role=chart] svg title').allTextContents();
    expect(titles).toContain('Texas: not selected');
    expect(titles.some((t) => /^Ohio: \d/.test(t))).toBe(true);
    expect(titles.filter((t) => t.endsWith('no data'))).toEqual([]);
    await close(page);
  });

  it.each([
    { path: '/states/oh/', filter: /[?&]state=OH(&|$)/ },
    { path: '/subjects/imposters/', filter: /[?&]subject=imposters(&|$)/ },
    { path: '/', filter: null },
  ])(
    '$path: every chart has its numbers as CSV, an explore link with the page’s filters and a citation, without JavaScript',
    async ({ path, filter }) => {
      const page = await open(path, DESKTOP, false);
      const figures = page.locator('main figure.chart');
      const n = await figures.count();
      expect(n).toBeGreaterThan(0);
      for (let i = 0; i < n; i++) {
        const figure = figures.nth(i);
        const id = await figure.getAttribute('id');
        // The CSV, read with papaparse, holds the rows of the figure's own table, first column for first column.
        const href = (await figure.locator('[data-role=chart-csv]').getAttribute('href'))!;
        expect(href.startsWith('data:text/csv')).toBe(true);
        const csv = Papa.parse<string[]>(decodeURIComponent(href.slice(href.indexOf(',') + 1)), {
          skipEmptyLines: true,
        }).data;
        const tableHead = await figure.locator('table thead th').allTextContents();
        const firstColumn = await figure.locator('table tbody tr > th').allTextContents();
        expect(csv[0], id!).toEqual(tableHead.map((t) => t.trim()));
        expect(
          csv.slice(1).map((r) => r[0]),
          id!,
        ).toEqual(firstColumn.map((t) => t.trim().replace(/^'/, '')));
        expect(await figure.locator('[data-role=chart-citation]').textContent()).toContain(
          `${path}#${id}`,
        );
        const explore = figure.locator('[data-role=explore-this]');
        // The ranking compares every state, so its explore link is the national map, not the page's state.
        if ((await explore.count()) && filter && id !== 'rank')
          expect(await explore.getAttribute('href'), id!).toMatch(filter);
      }
      // Saving a picture needs JavaScript: without it the buttons are not shown.
      expect(await page.locator('button[data-save]').first().isVisible()).toBe(false);
      await close(page);
    },
  );

  it('links each state chart to its static embed, and the explorer map to /explore/ with a map', async () => {
    const page = await open('/states/oh/', DESKTOP, false);
    const trend = page.locator('figure#trend');
    expect(await trend.locator('details.travel-more textarea').inputValue()).toContain(
      '/embed/states/oh/trend/',
    );
    expect(await page.locator('figure#rate [data-role=explore-this]').getAttribute('href')).toMatch(
      /measure=per100k/,
    );
    await close(page);
  });

  it('/explore/ links its current view to the prebuilt oEmbed that shows it, and no other', async () => {
    const discovery = (page: Page) =>
      page.evaluate(() =>
        [...document.querySelectorAll('link[type="application/json+oembed"]')].map((l) =>
          l.getAttribute('href'),
        ),
      );
    const page = await open('/explore/');
    await settled(page);
    expect(await discovery(page)).toEqual(['/embed/national/trend/oembed.json']);
    // A state page's "explore this" view is its static embed's view.
    const state = await open('/states/oh/', DESKTOP, false);
    const href = await state
      .locator('figure#subjects [data-role=explore-this]')
      .getAttribute('href');
    await close(state);
    await page.goto(site.base + href!);
    await settled(page);
    expect(await discovery(page)).toEqual(['/embed/states/oh/subjects/oembed.json']);
    const oembed = (await (
      await page.request.get(`${site.base}/embed/states/oh/subjects/oembed.json`)
    ).json()) as { type: string; html: string };
    expect(oembed.type).toBe('rich');
    expect(oembed.html).toContain('/embed/states/oh/subjects/');
    // Another view has no prebuilt oEmbed: no link, rather than a wrong one.
    await page.locator('details.choices summary', { hasText: 'States' }).click();
    await page.locator('input[name=state][value=PA]').check();
    await page.waitForFunction(() => new URL(location.href).searchParams.get('state') === 'OH,PA');
    expect(await discovery(page)).toEqual([]);
    await page.goBack();
    await page.waitForFunction(() => new URL(location.href).searchParams.get('state') === 'OH');
    expect(await discovery(page)).toEqual(['/embed/states/oh/subjects/oembed.json']);
    await close(page);
  }, 180_000);

  it('static embeds are as tall as their content in the oEmbed, without the resize script', async () => {
    const page = await open('/embed/national/trend/', { width: 640, height: 400 });
    const paths = [
      '/embed/national/trend/',
      '/embed/national/map/',
      '/embed/national/subjects/',
      ...['trend', 'rate', 'subjects', 'area-codes', 'callers'].map(
        (c) => `/embed/states/oh/${c}/`,
      ),
    ];
    const misfits: string[] = [];
    for (const path of paths) {
      await page.goto(site.base + path);
      const content = await page.evaluate(() =>
        Math.ceil(document.documentElement.getBoundingClientRect().height),
      );
      const oembed = JSON.parse(readFileSync(join(site.dist, path, 'oembed.json'), 'utf8')) as {
        height: number;
        width: number;
        html: string;
      };
      expect(oembed.width).toBe(640);
      expect(oembed.html).toContain(`height="${oembed.height}"`);
      if (oembed.height < content || oembed.height > content + 64)
        misfits.push(`${path}: content ${content}px, oEmbed ${oembed.height}px`);
    }
    expect(misfits).toEqual([]);
    await close(page);
  });
});
