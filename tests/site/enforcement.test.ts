/**
 * Enforcement told straight (issue 10), checked on the built site against the fact tables read
 * apart from the site's code (papaparse over the CSV, exact string matches, no provider keys):
 * every listed action links its source and labels reporting as such, the home page's gateway list
 * holds only PoNE letters and gateway actions, a robocall operation gets no provider page, each
 * provider page lists every action naming it, and the timeline reads on a phone and filters
 * without JavaScript.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseHTML } from 'linkedom';
import Papa from 'papaparse';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser';
import { htmlFiles, serveSite, type ServedSite } from '../helpers/site-build';

const REFERENCE = join(import.meta.dirname, '../../data/reference');
const FACTS_ENV =
  process.env.ROBOCALL_FACTS ??
  (process.env.ROBOCALL_REAL_DATA
    ? join(dirname(process.env.ROBOCALL_REAL_DATA.replace(/\/+$/, '')), 'facts')
    : null);
const FACTS = FACTS_ENV && existsSync(FACTS_ENV) ? FACTS_ENV : REFERENCE;

const csv = (name: string) =>
  Papa.parse<Record<string, string>>(readFileSync(join(FACTS, name), 'utf8'), {
    header: true,
    skipEmptyLines: true,
  }).data;
const actions = csv('enforcement_actions.csv');
const letters = csv('pone_letters.csv');
const GATEWAY = new Set(['pone_letter', 'gateway_action']);

let site: ServedSite;
let browser: Browser;
const pages = new Map<string, Document>();

function doc(path: string): Document {
  let d = pages.get(path);
  if (!d) {
    d = parseHTML(readFileSync(join(site.dist, path), 'utf8')).document as unknown as Document;
    pages.set(path, d);
  }
  return d;
}

beforeAll(async () => {
  site = await serveSite();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

const providerPages = () =>
  htmlFiles(site.dist).filter((f) => /^providers\/[^/]+\/index\.html$/.test(f));

describe('every listed action, on every page', () => {
  it('links a source, says "As reported by" for a secondary one, and never shows an empty or placeholder name', () => {
    let listed = 0;
    for (const file of htmlFiles(site.dist)) {
      for (const el of doc(file).querySelectorAll('[data-action]')) {
        listed++;
        const where = `${file} ${el.getAttribute('data-action')}`;
        const external = [...el.querySelectorAll('a[href^="http"]')];
        expect(external.length, `${where} links no source`).toBeGreaterThan(0);
        if (el.getAttribute('data-source-kind') === 'secondary')
          expect(el.textContent, where).toMatch(/As reported by/);
        else expect(el.textContent, where).not.toMatch(/As reported by/);
        for (const a of el.querySelectorAll('a[href^="/providers/"]')) {
          const name = a.textContent!.trim();
          expect(name, where).not.toBe('');
          expect(name, where).not.toMatch(/^\(|unnamed|not disclosed|providers -/i);
        }
      }
    }
    expect(listed).toBeGreaterThan(actions.length);
  });

  it('marks each action with its category and source kind as the facts give them', () => {
    for (const file of ['index.html', 'providers/index.html', ...providerPages()]) {
      for (const el of doc(file).querySelectorAll('[data-action^="action-"]')) {
        const row = actions[Number(el.getAttribute('data-action')!.slice('action-'.length)) - 1]!;
        expect(el.getAttribute('data-category'), file).toBe(row.category);
        expect(el.getAttribute('data-source-kind'), file).toBe(row.source_kind);
        expect(
          [...el.querySelectorAll('a')].some((a) => a.getAttribute('href') === row.source_url),
          `${file}: row ${row.date} ${row.provider} does not link its source_url`,
        ).toBe(true);
      }
    }
  });
});

describe('the home page', () => {
  it('lists only PoNE letters and actions against gateway providers under its gateway heading', () => {
    const list = doc('index.html').querySelector('#gateway-actions')!;
    expect(list.closest('section')!.querySelector('h2')!.textContent).toMatch(/gateway providers/);
    const items = [...list.querySelectorAll('[data-action]')];
    expect(items.length).toBeGreaterThan(0);
    for (const el of items) {
      const id = el.getAttribute('data-action')!;
      const category = id.startsWith('action-')
        ? actions[Number(id.slice(7)) - 1]!.category
        : 'pone_letter';
      expect(GATEWAY.has(category!), `${id} is ${category}`).toBe(true);
    }
  });
});

describe('providers and robocall operations', () => {
  const names = (file: string): string[] =>
    JSON.parse(
      doc(file).querySelector('h1[data-provider-names]')!.getAttribute('data-provider-names')!,
    );

  it('gives Sumco Panama, a robocall operation, no provider page and no row in the providers list', () => {
    const operations = [
      ...new Set(
        actions
          .filter(
            (a) =>
              a.provider &&
              actions
                .filter((b) => b.provider === a.provider)
                .every((b) => b.category === 'robocaller_action'),
          )
          .map((a) => a.provider!),
      ),
    ];
    expect(operations.some((n) => n.startsWith('Sumco Panama'))).toBe(true);
    for (const file of providerPages())
      for (const n of names(file)) expect(operations, file).not.toContain(n);
    const table = [
      ...doc('providers/index.html').querySelectorAll(
        '#providers ~ * tbody th, section[aria-labelledby="providers"] tbody th',
      ),
    ].map((th) => th.textContent!);
    expect(table.length).toBeGreaterThan(20);
    expect(table.join('\n')).not.toMatch(/Sumco/);
    expect(existsSync(join(site.dist, 'providers/sumco-panama/index.html'))).toBe(false);
  });

  it('lists on each provider page every action and letter naming it, whatever the category', () => {
    const covered = new Set<number>();
    for (const file of providerPages()) {
      const own = new Set(names(file));
      const expectedActions = actions
        .map((a, i) => [a, i] as const)
        .filter(([a]) => own.has(a.provider!));
      // A letter already listed as a PoNE row of the actions table is one entry, not two.
      const expectedLetters = letters.filter(
        (l) =>
          own.has(l.provider!) &&
          !actions.some((a) => a.category === 'pone_letter' && a.provider === l.provider),
      );
      const listed = [...doc(file).querySelectorAll('.provider-events [data-action]')].map((el) =>
        el.getAttribute('data-action')!,
      );
      expect(listed.length, file).toBe(expectedActions.length + expectedLetters.length);
      for (const [, i] of expectedActions) {
        expect(listed, file).toContain(`action-${i + 1}`);
        covered.add(i);
      }
    }
    // Every named row that is not only about a robocall operation is on some provider's page.
    actions.forEach((a, i) => {
      if (!a.provider) return;
      const onlyOperation = actions
        .filter((b) => b.provider === a.provider)
        .every((b) => b.category === 'robocaller_action');
      if (!onlyOperation)
        expect(covered.has(i), `row ${i + 2} (${a.provider}) is on no provider page`).toBe(true);
    });
  });

  it('shows the Royal Tiger C-CIST designation on One Eye’s page', () => {
    const item = [
      ...doc('providers/one-eye/index.html').querySelectorAll(
        '.provider-events [data-category="robocaller_action"]',
      ),
    ];
    expect(item.map((el) => el.textContent).join(' ')).toMatch(
      /C-CIST designation \(Royal Tiger\)/,
    );
  });

  it('flags TeleCall’s two spellings as probably one firm, each page pointing at the other', () => {
    const spellings = ['Telecall Communications, Corp.', 'TeleCall Telecommunications'];
    const files = providerPages().filter((f) => names(f).some((n) => spellings.includes(n)));
    expect(files).toHaveLength(2);
    for (const f of files)
      expect(
        doc(f).querySelector('[data-probably-same] a[href^="/providers/"]')?.textContent,
      ).toMatch(/Tele[Cc]all/);
  });

  it('says "Not dated" once per page, never beside a date, and the lede counts the numbers the letter entries count', () => {
    for (const file of providerPages()) {
      const d = doc(file);
      for (const li of d.querySelectorAll('.provider-events [data-action]')) {
        expect(
          li.querySelector('time') !== null && /not dated|date not/i.test(li.textContent!),
          file,
        ).toBe(false);
      }
      const lede = /names ([\d,]+) caller numbers/.exec(d.querySelector('.lede')!.textContent!);
      const entries = [...d.querySelectorAll('.provider-events [data-action]')]
        .map((li) => /naming ([\d,]+) caller numbers/.exec(li.textContent!)?.[1])
        .filter(Boolean);
      if (lede)
        expect(
          entries.reduce((a, n) => a + Number(n!.replace(/,/g, '')), 0),
          file,
        ).toBe(Number(lede[1]!.replace(/,/g, '')));
    }
  });
});

describe('/about/', () => {
  it('counts the actions and those with a primary source as the facts do', () => {
    const text = doc('about/index.html')
      .querySelector('section[aria-labelledby="sources"]')!
      .textContent!.replace(/\s+/g, ' ');
    const primary = actions.filter((a) => a.source_kind === 'primary').length;
    expect(text).toContain(`${actions.length} enforcement actions`);
    expect(text).toContain(`${primary} of the ${actions.length} actions`);
    expect(text).toContain(`other ${actions.length - primary}`);
  });

  it('shows FY2024 in the Data Book chart, and no rounded or unsourced total as an exact figure', () => {
    const book = csv('databook_annual.csv');
    const fig = doc('about/index.html').querySelector('figure#databook')!;
    const rows = [...fig.querySelectorAll('tbody tr')];
    for (const r of book) {
      const tr = rows.find((tr) => tr.querySelector('th')!.textContent!.trim() === r.fiscal_year)!;
      expect(tr, r.fiscal_year).toBeTruthy();
      const cell = tr.querySelectorAll('td')[0]!.textContent!.trim();
      const exact = /^(complaints )?exact/.test(r.precision!);
      if (exact) expect(cell).toBe(Number(r.complaints).toLocaleString('en-US'));
      else expect(cell, r.fiscal_year).not.toMatch(/^\d{1,3}(,\d{3})+$/);
    }
    expect(fig.querySelector('svg')!.textContent).toMatch(/FY 2024 \(approx\.\)/);
    expect(fig.querySelector('svg')!.textContent).toMatch(/FY 2022 \(unsourced\)/);
  });
});

describe('the timeline in a browser', () => {
  it('fits 390 px without sideways scrolling', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(`${site.base}/providers/`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      390,
    );
    const box = await page.locator('.action-timeline').evaluate((el) => ({
      scroll: el.scrollWidth,
      client: el.clientWidth,
      right: el.getBoundingClientRect().right,
    }));
    expect(box.scroll).toBeLessThanOrEqual(box.client);
    expect(box.right).toBeLessThanOrEqual(390);
    await page.close();
  });

  it('filters by category with JavaScript off', async () => {
    const context = await browser.newContext({
      javaScriptEnabled: false,
      viewport: { width: 1280, height: 900 },
    });
    const page = await context.newPage();
    await page.goto(`${site.base}/providers/`);
    const timeline = page.locator('.action-timeline');
    const visible = () =>
      timeline
        .locator('.timeline-group')
        .evaluateAll((gs) =>
          gs
            .filter((g) => (g as HTMLElement).offsetParent !== null)
            .map((g) => g.getAttribute('data-category')),
        );
    expect(new Set(await visible()).size).toBeGreaterThan(2);
    await timeline.getByLabel(/Actions against gateway providers/).check();
    expect(new Set(await visible())).toEqual(new Set(['gateway_action']));
    await timeline.getByLabel(/Everything/).check();
    expect(new Set(await visible()).size).toBeGreaterThan(2);
    await context.close();
  });
});
