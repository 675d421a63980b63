/**
 * axe-core (WCAG 2.0/2.1/2.2 A and AA rules) on every page type, on a phone and on a desktop,
 * in real Chromium. Plus the checks axe leaves to people that a script can still make: a skip
 * link that works, headings in order, and a visible focus ring.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser';
import { serveSite, type ServedSite } from '../helpers/site-build';
import { PAGE_TYPES } from './page-types';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string | undefined }[];
}

let site: ServedSite;
let browser: Browser;

beforeAll(async () => {
  site = await serveSite();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

async function axe(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ content: AXE });
  return page.evaluate(async (tags) => {
    const w = window as unknown as {
      axe: { run(ctx: Document, opts: object): Promise<{ violations: AxeViolation[] }> };
    };
    const result = await w.axe.run(document, {
      runOnly: { type: 'tag', values: tags },
      resultTypes: ['violations'],
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes
        .slice(0, 5)
        .map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
    }));
  }, TAGS);
}

describe.each([
  { viewport: 'phone', width: 390, height: 844 },
  { viewport: 'desktop', width: 1280, height: 900 },
])('axe on a $viewport', ({ width, height }) => {
  it.each(PAGE_TYPES)('$name ($path) has no WCAG 2.2 AA violation', async ({ path }) => {
    const context = await browser.newContext({ viewport: { width, height } });
    const page = await context.newPage();
    await page.goto(site.base + path);
    const violations = await axe(page);
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
    await context.close();
  });
});

describe('keyboard and structure', () => {
  it.each(PAGE_TYPES)('$name: headings in order, one h1, landmarks', async ({ path }) => {
    const page = await browser.newPage();
    await page.goto(site.base + path);
    const levels = await page
      .locator('h1, h2, h3, h4, h5, h6')
      .evaluateAll((hs) => hs.map((h) => Number(h.tagName.slice(1))));
    expect(levels[0]).toBe(1);
    for (let i = 1; i < levels.length; i++)
      expect(
        levels[i]! - levels[i - 1]!,
        `heading ${i} after ${levels[i - 1]}`,
      ).toBeLessThanOrEqual(1);
    for (const landmark of ['header', 'nav', 'main', 'footer'])
      expect(await page.locator(landmark).count(), landmark).toBeGreaterThan(0);
    await page.close();
  });

  it('the skip link is the first stop, shows on focus, and moves focus to main', async () => {
    const page = await browser.newPage();
    await page.goto(`${site.base}/states/oh/`);
    await page.keyboard.press('Tab');
    const skip = page.locator('a.skip');
    expect(await skip.evaluate((a) => a === document.activeElement)).toBe(true);
    const box = await skip.boundingBox();
    expect(box!.y).toBeGreaterThanOrEqual(0);
    const outline = await skip.evaluate((a) => getComputedStyle(a).outlineStyle);
    expect(outline).not.toBe('none');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id ?? location.hash)).toMatch(/main/);
    await page.close();
  });

  it('sortable tables sort by a header button when JavaScript runs', async () => {
    const page = await browser.newPage();
    await page.goto(`${site.base}/states/`);
    const table = page.locator('main table[data-sortable]').first();
    const th = table.locator('thead th', {
      has: page.locator('button', { hasText: /^Complaints$/ }),
    });
    const button = th.locator('button');
    await button.click();
    expect(await th.getAttribute('aria-sort')).toBe('descending');
    // The column under the header, wherever the page puts it (the states table leads with rank and rate).
    const column =
      (
        await table
          .locator('thead th')
          .evaluateAll((ths) => ths.map((th) => th.textContent?.trim() ?? ''))
      ).findIndex((t) => /^Complaints/.test(t)) + 1;
    const values = await table
      .locator(`tbody tr > :nth-child(${column})`)
      .evaluateAll((tds) => tds.map((td) => Number((td as HTMLElement).dataset.value)));
    expect(values).toEqual([...values].sort((a, b) => b - a));
    await button.click();
    expect(await th.getAttribute('aria-sort')).toBe('ascending');
    await page.close();
  });
});
