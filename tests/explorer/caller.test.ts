/**
 * The explorer's `caller=` key in real Chromium: a number as people type it filters the complaints
 * to those that reported it, and the count on screen, the robocall split and the lookup's answer
 * beside the view equal an independent count of the raw sample files (papaparse, plain
 * TypeScript: tests/helpers/raw-callers.ts). A value that is not a phone number is named and
 * filters nothing.
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser';
import { rawCallerStats, type RawCallerStats } from '../helpers/raw-callers';
import { serveSite, type ServedSite } from '../helpers/site-build';

let site: ServedSite;
let browser: Browser;
let raw: Map<string, RawCallerStats>;
/** The most-reported ten-digit number in the raw files. */
let top: [string, RawCallerStats];

beforeAll(async () => {
  site = await serveSite();
  browser = await launchBrowser();
  raw = rawCallerStats(join(site.data, '..', 'sample'));
  top = [...raw.entries()]
    .filter(([n]) => /^[2-9]\d{2}[2-9]\d{6}$/.test(n))
    .sort((a, b) => b[1].complaints - a[1].complaints || (a[0] < b[0] ? -1 : 1))[0]!;
}, 900_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

/** The explorer at `query`, once the view it asks for is drawn (and, with caller=, its answer). */
async function openExplorer(query: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  await page.goto(`${site.base}/explore/${query}`);
  await page.waitForFunction(
    () => {
      const results = document.querySelector('.explorer-results');
      return (
        /\d/.test(document.querySelector('[data-role=match-count]')?.textContent ?? '') &&
        results?.getAttribute('data-shown') === location.search &&
        !results.hasAttribute('aria-busy')
      );
    },
    null,
    { timeout: 120_000 },
  );
  return page;
}

const countOnScreen = async (page: Page) =>
  Number((await page.locator('[data-role=match-count]').textContent())!.replace(/[^\d]/g, ''));

const rawCount = (digits: string) => raw.get(digits)?.complaints ?? 0;

describe('/explore/?caller=', () => {
  it('filters by (214) 555-0100 as typed, counting what the raw files count', async () => {
    const page = await openExplorer('?caller=(214)%20555-0100');
    expect(await countOnScreen(page)).toBe(rawCount('2145550100'));
    const answer = page.locator('[data-role=explore-caller-answer]');
    expect(await answer.isVisible()).toBe(true);
    expect(Number(await answer.getAttribute('data-complaints'))).toBe(rawCount('2145550100'));
    expect(await page.locator('[data-role=filters-text]').textContent()).toContain(
      '(214) 555-0100',
    );
    expect(await page.locator('input[name=caller]').inputValue()).toBe('(214) 555-0100');
    await page.close();
  }, 180_000);

  it('counts the most-reported number in every usual format, split as the raw files split it', async () => {
    const [digits, stats] = top;
    expect(stats.complaints).toBeGreaterThan(1);
    const typed = `+1 ${digits.slice(0, 3)}-${digits.slice(3, 6)}-${digits.slice(6)}`;
    const page = await openExplorer(`?caller=${encodeURIComponent(typed)}`);
    expect(await countOnScreen(page)).toBe(stats.complaints);
    const answer = page.locator('[data-role=explore-caller-answer]');
    expect(Number(await answer.getAttribute('data-complaints'))).toBe(stats.complaints);
    expect(await answer.textContent()).toContain(
      `(${digits.slice(0, 3)}) ${digits.slice(3, 6)}-${digits.slice(6)}`,
    );
    await page.close();

    for (const [flag, expected] of [
      ['yes', stats.robocall.yes],
      ['no', stats.robocall.no],
    ] as const) {
      const filtered = await openExplorer(`?caller=${digits}&robocall=${flag}`);
      expect(await countOnScreen(filtered), flag).toBe(expected);
      await filtered.close();
    }
  }, 300_000);

  it('lists that number’s complaints, and only them, as the table', async () => {
    const [digits, stats] = top;
    const page = await openExplorer(`?chart=table&caller=${digits}`);
    const shown = `(${digits.slice(0, 3)}) ${digits.slice(3, 6)}-${digits.slice(6)}`;
    const cells = await page
      .locator('[data-role=table-wrap] tbody tr')
      .evaluateAll((rows) => rows.map((r) => r.textContent ?? ''));
    expect(cells.length).toBe(Math.min(50, stats.complaints));
    for (const row of cells) expect(row).toContain(shown);
    await page.close();
  }, 180_000);

  it('names a value that is not a phone number and filters nothing', async () => {
    const all = await openExplorer('');
    const total = await countOnScreen(all);
    await all.close();
    const page = await openExplorer('?caller=555-0100');
    expect(await countOnScreen(page)).toBe(total);
    const ignored = await page.locator('[data-role=ignored]').textContent();
    expect(ignored).toContain('caller=555-0100');
    expect(ignored).toMatch(/not a phone number: it has 7 digits/);
    expect(await page.locator('[data-role=explore-caller-answer]').isVisible()).toBe(false);
    await page.close();
  }, 180_000);
});
