/**
 * "Has anyone reported this number?" in real Chromium, on the home page, a state page and /callers/,
 * checked against the raw sample files read with papaparse (no DuckDB, none of the site's code):
 * typed formats give the same answer, the count, days and robocall split equal the raw files', a
 * number a PoNE letter names shows its letter and provider, a number nobody reported says so,
 * hostile input is named and runs nothing, and without JavaScript the static pages answer.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatNumber } from '../../src/lib/format';
import { launchBrowser } from '../helpers/browser';
import { rawCallerStats, type RawCallerStats } from '../helpers/raw-callers';
import { serveSite, type ServedSite } from '../helpers/site-build';

let site: ServedSite;
let browser: Browser;
let raw: Map<string, RawCallerStats>;
/** The most-reported ten-digit number in the raw files. */
let top: [string, RawCallerStats];
let letters: Record<string, string>[];

beforeAll(async () => {
  site = await serveSite();
  browser = await launchBrowser();
  raw = rawCallerStats(join(site.data, '..', 'sample'));
  top = [...raw.entries()]
    .filter(([n]) => /^[2-9]\d{2}[2-9]\d{6}$/.test(n))
    .sort((a, b) => b[1].complaints - a[1].complaints || (a[0] < b[0] ? -1 : 1))[0]!;
  letters = Papa.parse<Record<string, string>>(
    readFileSync(join(site.data, 'reference', 'pone_caller_numbers.csv'), 'utf8'),
    { header: true, skipEmptyLines: true },
  ).data;
}, 900_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

const formats = (d: string) => [
  `(${d.slice(0, 3)}) ${d.slice(3, 6)}-${d.slice(6)}`,
  `+1 ${d.slice(0, 3)}-${d.slice(3, 6)}-${d.slice(6)}`,
  d,
  `1.${d.slice(0, 3)}.${d.slice(3, 6)}.${d.slice(6)}`,
];

async function lookUp(
  page: Page,
  typed: string,
): Promise<{ state: string; complaints: number | null; text: string }> {
  const lookups = await page.evaluate(
    () => performance.getEntriesByName('robocall-atlas:lookup').length,
  );
  await page.fill('form[data-role=caller-lookup] input[name=caller]', typed);
  await page.click('form[data-role=caller-lookup] button[type=submit]');
  await page.waitForFunction(
    (before) => {
      const state = document
        .querySelector('.caller-lookup [data-role=caller-answer]')
        ?.getAttribute('data-state');
      return (
        state === 'refused' ||
        state === 'failed' ||
        ((state === 'answered' || state === 'none') &&
          performance.getEntriesByName('robocall-atlas:lookup').length > before)
      );
    },
    lookups,
    { timeout: 60_000 },
  );
  const answer = page.locator('.caller-lookup [data-role=caller-answer]');
  const complaints = await answer.getAttribute('data-complaints');
  return {
    state: (await answer.getAttribute('data-state'))!,
    complaints: complaints === null ? null : Number(complaints),
    text: (await answer.textContent()) ?? '',
  };
}

describe('looking up a caller number', () => {
  it('reads every common format the same way and counts what the raw files count', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${site.base}/`);
    const [digits, expected] = top;
    for (const typed of formats(digits)) {
      const answer = await lookUp(page, typed);
      expect(answer.state, typed).toBe('answered');
      expect(answer.complaints, typed).toBe(expected.complaints);
    }
    const text = await page.locator('.caller-lookup [data-role=caller-answer]').textContent();
    expect(text).toContain(`${formatNumber(expected.complaints)} complaints reported`);
    expect(text).toContain(`${expected.robocall.yes.toLocaleString('en-US')} robocall`);
    expect(text).toContain(`${expected.robocall.no.toLocaleString('en-US')} live call`);
    const day = (d: string) =>
      new Date(`${d}T00:00:00Z`).toLocaleDateString('en-US', {
        timeZone: 'UTC',
        month: 'long',
        day: 'numeric',
        year: 'numeric',
      });
    expect(text).toContain(day(expected.firstDay));
    expect(text).toContain(day(expected.lastDay));
    await page.close();
  });

  it('shows the letter and provider of a number a PoNE letter names, on a state page', async () => {
    const named = letters.find(
      (l) => l.likely_ftc_staff_number !== 'yes' && raw.has(l.caller_number!),
    )!;
    expect(named).toBeDefined();
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(`${site.base}/states/oh/`);
    const answer = await lookUp(page, named.caller_number!);
    expect(answer.complaints).toBe(raw.get(named.caller_number!)!.complaints);
    const box = page.locator('.caller-lookup [data-role=caller-letters]');
    expect(await box.textContent()).toContain(named.provider!);
    expect(await box.textContent()).toContain(named.letter_pdf!);
    // Its provider link leads to a page that exists.
    const href = await box.locator('a[href^="/providers/"]').first().getAttribute('href');
    if (href) expect((await fetch(`${site.base}${href}`)).status).toBe(200);
    await page.close();
  });

  it('says so when no complaint reported the number', async () => {
    let digits = 2025550100;
    while (raw.has(String(digits))) digits++;
    const page = await browser.newPage();
    await page.goto(`${site.base}/callers/?caller=${digits}`);
    await page.waitForFunction(
      () =>
        ['none', 'answered'].includes(
          document
            .querySelector('.caller-lookup [data-role=caller-answer]')
            ?.getAttribute('data-state') ?? '',
        ),
      null,
      { timeout: 60_000 },
    );
    expect(
      await page
        .locator('.caller-lookup [data-role=caller-answer]')
        .getAttribute('data-complaints'),
    ).toBe('0');
    expect(await page.locator('.caller-lookup [data-role=caller-headline]').textContent()).toMatch(
      /^No complaint in this data reports \(202\) 555-\d{4}/,
    );
    await page.close();
  });

  it('names hostile input and runs nothing', async () => {
    const page = await browser.newPage();
    let dialogs = 0;
    page.on('dialog', async (dialog) => {
      dialogs++;
      await dialog.dismiss();
    });
    await page.goto(`${site.base}/`);
    const hostile: [string, RegExp][] = [
      ['<img src=x onerror="window.__pwned=1">', /has letters/],
      ["2145550100'; DROP TABLE complaints; --", /has letters/],
      ['214555010', /9 digits/],
      ['2145550100;--', /characters a phone number does not have: ;/],
      ['9'.repeat(30), /30 digits/],
    ];
    for (const [typed, reason] of hostile) {
      const answer = await lookUp(page, typed);
      expect(answer.state, typed).toBe('refused');
      expect(await page.locator('[data-role=caller-error]').textContent(), typed).toMatch(reason);
      expect(
        await page
          .locator('form[data-role=caller-lookup] input[name=caller]')
          .getAttribute('aria-invalid'),
      ).toBe('true');
    }
    expect(
      await page.evaluate(() => performance.getEntriesByName('robocall-atlas:lookup').length),
    ).toBe(0);
    expect(
      await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned),
    ).toBeUndefined();
    expect(await page.locator('img[src=x]').count()).toBe(0);
    expect(dialogs).toBe(0);
    // A hostile ?caller= on /callers/ is refused the same way.
    await page.goto(
      `${site.base}/callers/?caller=${encodeURIComponent('<script>window.__pwned=1</script>')}`,
    );
    await page.waitForFunction(
      () =>
        document
          .querySelector('.caller-lookup [data-role=caller-answer]')
          ?.getAttribute('data-state') === 'refused',
    );
    expect(
      await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned),
    ).toBeUndefined();
    await page.close();
  });

  it('answers the most-reported numbers without JavaScript', async () => {
    const context = await browser.newContext({
      javaScriptEnabled: false,
      viewport: { width: 390, height: 844 },
    });
    const page = await context.newPage();
    await page.goto(`${site.base}/`);
    const [digits, expected] = top;
    await page.fill('form[data-role=caller-lookup] input[name=caller]', formats(digits)[0]!);
    await page.click('form[data-role=caller-lookup] button[type=submit]');
    await page.waitForURL(/\/callers\/\?caller=/);
    const link = page.locator(`a[href="/callers/${digits}/"]`);
    expect(await link.count()).toBe(1);
    await link.click();
    await page.waitForURL(new RegExp(`/callers/${digits}/$`));
    expect(await page.locator('[data-role=caller-headline]').first().textContent()).toBe(
      `${formatNumber(expected.complaints)} complaints reported (${digits.slice(0, 3)}) ${digits.slice(3, 6)}-${digits.slice(6)}.`,
    );
    await context.close();
  });
});
