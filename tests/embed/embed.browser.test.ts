/**
 * Embeds in real Chromium on the shared test build: the explorer's snippet, pasted into a page on
 * another origin, shows a working chart that the resize script fits to its content (and that
 * script ignores messages from anyone else); script and SQL payloads in every URL key of
 * /explore/ and /embed/ run nothing and inject nothing; static embeds work without JavaScript and
 * describe themselves by oEmbed; an embed of an older data version says so.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Manifest } from '../../src/lib/manifest';
import { launchBrowser } from '../helpers/browser';
import { serveSite, type ServedSite } from '../helpers/site-build';
import { matchCount } from '../downloads/browser-helpers';

let site: ServedSite;
let browser: Browser;
let manifest: Manifest;
let host: { base: string; html: string; server: Server };

beforeAll(async () => {
  site = await serveSite();
  manifest = JSON.parse(readFileSync(join(site.data, 'manifest.json'), 'utf8')) as Manifest;
  browser = await launchBrowser();
  // A second server on another port (so another origin: localhost vs 127.0.0.1 as well) that
  // serves whatever host page a test puts in `host.html`.
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(host.html);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  host = { base: `http://localhost:${(server.address() as AddressInfo).port}`, html: '', server };
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await new Promise<void>((done) => {
    if (!host?.server) return done();
    host.server.close(() => done());
    host.server.closeAllConnections();
  });
});

async function embedCode(page: Page, query: string): Promise<string> {
  await page.goto(`${site.base}/explore/?${query}`);
  await matchCount(page);
  return (await page.inputValue('[data-role="embed-code"]')).trim();
}

describe('the embed on another site', () => {
  it('shows a working chart and the resize script fits the iframe to its content', async () => {
    const context = await browser.newContext({ viewport: { width: 1000, height: 900 } });
    try {
      const page = await context.newPage();
      const snippet = await embedCode(page, 'chart=subjects&state=OH');
      expect(snippet).toMatch(
        /^<iframe src="http:\/\/127\.0\.0\.1:\d+\/embed\/\?chart=subjects&amp;state=OH&amp;v=[0-9a-f]+" title="Complaints by subject: All complaints in Ohio over the whole period"/,
      );
      expect(snippet).toContain(`<script async src="${site.base}/embed.js"></script>`);
      const initial = Number(/height="(\d+)"/.exec(snippet)![1]);

      // The host page records every height its iframe takes, from the first.
      host.html = `<!doctype html><html><head><meta charset="utf-8"><title>Host</title></head><body style="margin:0">
        <main style="max-width:640px;margin:0 auto"><h1>A news story</h1><p>Some text.</p>${snippet}<p>More text.</p></main>
        <script>
          window.__heights = [];
          new ResizeObserver(() => window.__heights.push(Math.round(document.querySelector('iframe').getBoundingClientRect().height))).observe(document.querySelector('iframe'));
        </script></body></html>`;
      const hostPage = await context.newPage();
      await hostPage.goto(`${host.base}/story`);
      const iframe = hostPage.locator('iframe[data-robocall-atlas-embed]');
      const frame = (await iframe.elementHandle())!.contentFrame();
      const embed = (await frame)!;
      // The chart works inside: an SVG, the count, the title.
      await embed.waitForSelector('[data-role="chart"] svg', { timeout: 90_000 });
      expect(
        Number((await embed.textContent('[data-role="match-count"]'))!.replace(/,/g, '')),
      ).toBeGreaterThan(0);
      expect(await embed.textContent('[data-role="chart-title"]')).toBe('Complaints by subject');
      // The iframe takes the content's height.
      await hostPage.waitForFunction(
        (start) => {
          const f = document.querySelector('iframe')!;
          return Math.abs(f.getBoundingClientRect().height - start) > 2;
        },
        initial,
        { timeout: 30_000 },
      );
      const content = await embed.evaluate(() =>
        Math.ceil(document.querySelector('[data-role="embed"]')!.getBoundingClientRect().height),
      );
      await hostPage.waitForFunction(
        (h) => Math.abs(document.querySelector('iframe')!.getBoundingClientRect().height - h) <= 2,
        content,
        { timeout: 10_000 },
      );
      // From the snippet's height straight to the content's: no collapse to a loading message in between.
      const heights = await hostPage.evaluate(
        () => (window as unknown as { __heights: number[] }).__heights,
      );
      expect(heights[0]).toBe(initial);
      expect(Math.abs(heights.at(-1)! - content)).toBeLessThanOrEqual(2);
      expect(Math.min(...heights)).toBeGreaterThanOrEqual(Math.min(initial, content) - 2);
      // Nothing is cut off and nothing scrolls inside the frame.
      expect(
        await embed.evaluate(() => document.documentElement.scrollHeight <= innerHeight + 1),
      ).toBe(true);

      // The script accepts nothing from anyone else: the host page itself, or a frame of another origin.
      const before = await iframe.evaluate(
        (f: HTMLIFrameElement) => f.getBoundingClientRect().height,
      );
      await hostPage.evaluate(() => {
        window.postMessage({ type: 'robocall-atlas:resize', height: 1234 }, '*');
        const other = document.createElement('iframe');
        other.srcdoc = `<script>parent.postMessage({ type: 'robocall-atlas:resize', height: 2345 }, '*')</script>`;
        document.body.append(other);
      });
      await hostPage.waitForTimeout(500);
      expect(
        await iframe.evaluate((f: HTMLIFrameElement) => f.getBoundingClientRect().height),
      ).toBe(before);
    } finally {
      await context.close();
    }
  });

  it('the embed page posts only its height, only to its parent', async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const src = `${site.base}/embed/?chart=trend&state=TX`;
      host.html = `<!doctype html><html><body><script>
        window.__messages = [];
        addEventListener('message', (e) => window.__messages.push({ origin: e.origin, data: e.data }));
      </script><iframe src="${src}" style="width:600px;border:0" height="300"></iframe></body></html>`;
      await page.goto(`${host.base}/raw`);
      await page.frames()[1]!.waitForSelector('[data-role="chart"] svg', { timeout: 90_000 });
      await page.waitForFunction(
        () => (window as unknown as { __messages: unknown[] }).__messages.length > 0,
      );
      const messages = await page.evaluate(
        () => (window as unknown as { __messages: { origin: string; data: unknown }[] }).__messages,
      );
      for (const m of messages) {
        expect(m.origin).toBe(site.base);
        expect(Object.keys(m.data as object).sort()).toEqual(['height', 'type']);
        expect((m.data as { type: string }).type).toBe('robocall-atlas:resize');
        expect(Number.isFinite((m.data as { height: number }).height)).toBe(true);
      }
      // Without the script the host's iframe keeps its height.
      expect(
        await page.evaluate(() => document.querySelector('iframe')!.getBoundingClientRect().height),
      ).toBe(300);
    } finally {
      await context.close();
    }
  });
});

const PAYLOADS = [
  '<img src=x onerror=window.__pwned=1>',
  '"><script>window.__pwned=1</script>',
  "'; DROP TABLE x; --",
  'javascript:alert(1)',
  '<svg/onload=alert(1)>',
  '{{constructor.constructor("window.__pwned=1")()}}',
];
const KEYS = [
  'chart',
  'interval',
  'from',
  'to',
  'state',
  'subject',
  'robocall',
  'area',
  'measure',
  'v',
  'page',
];

describe('hostile URLs', () => {
  let page: Page;
  let dialogs: string[];
  const baseline = new Map<string, number>();

  beforeAll(async () => {
    const context = await browser.newContext();
    page = await context.newPage();
    dialogs = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    for (const path of ['/explore/', '/embed/']) {
      await page.goto(`${site.base}${path}`);
      await matchCount(page);
      baseline.set(path, await page.locator('script').count());
    }
  });

  afterAll(async () => page?.context().close());

  describe.each(['/explore/', '/embed/'])('%s', (path) => {
    it.each(PAYLOADS)(
      '%s in every key runs and injects nothing, and the page still works',
      async (payload) => {
        const params = new URLSearchParams();
        for (const key of KEYS)
          params.set(
            key,
            ['state', 'subject', 'area', 'robocall'].includes(key)
              ? `${key === 'state' ? 'OH' : key === 'area' ? '614' : key === 'robocall' ? 'yes' : 'other'},${payload}`
              : payload,
          );
        params.set(payload, payload);
        await page.goto(`${site.base}${path}?${params.toString()}`);
        const count = await matchCount(page);
        expect(count).toBeGreaterThan(0);
        await page.waitForTimeout(200);
        expect(
          await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned),
        ).toBeUndefined();
        expect(dialogs).toEqual([]);
        expect(await page.locator('img[src="x"], svg[onload], [onerror]').count()).toBe(0);
        expect(await page.locator('script').count()).toBe(baseline.get(path));
        // The payload is reported as ignored, as text.
        expect(await page.textContent('[data-role="ignored"]')).toContain(payload.slice(0, 20));
        // Valid parts of the lists still apply.
        expect(await page.textContent('[data-role="filters-text"]')).toContain('Ohio');
        if (path === '/explore/') {
          expect(await page.inputValue('[data-role="embed-code"]')).not.toContain(payload);
          expect(await page.textContent('[data-role="sql"]')).not.toContain(payload);
        }
      },
    );
  });
});

describe('static embeds', () => {
  it('exist for the national charts and every state in the data, and work without JavaScript', async () => {
    const states = readdirSync(join(site.dist, 'states'), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
    expect(states.length).toBeGreaterThan(40);
    const embedded = readdirSync(join(site.dist, 'embed/states'))
      .filter((usps) => readdirSync(join(site.dist, 'embed/states', usps)).includes('trend'))
      .sort();
    expect(embedded).toEqual(states);

    const context = await browser.newContext({
      javaScriptEnabled: false,
      viewport: { width: 390, height: 844 },
    });
    try {
      const page = await context.newPage();
      for (const path of [
        '/embed/national/trend/',
        '/embed/national/map/',
        '/embed/national/subjects/',
        '/embed/states/oh/trend/',
        '/embed/states/tx/rate/',
      ]) {
        const response = await page.goto(`${site.base}${path}`);
        expect(response?.status(), path).toBe(200);
        expect(await page.locator('figure svg').count(), path).toBeGreaterThan(0);
        // Exactly one drawing (the phone or the wide one) shows at this width.
        expect(await page.locator('.chart-svg > div:visible').count(), path).toBe(1);
        expect(await page.locator('.chart-svg > div:visible svg').count(), path).toBeGreaterThan(0);
        expect((await page.textContent('.embed-title'))?.trim().length, path).toBeGreaterThan(5);
        expect(await page.textContent('.source'), path).toContain(manifest.data_version);
        const full = await page.getAttribute('[data-role="full-view"]', 'href');
        expect(full, path).toMatch(path.includes('/states/') ? /^\/states\/[a-z]{2}\/#/ : /^\/#/);
        const link = page.locator('link[rel="alternate"][type="application/json+oembed"]');
        expect(await link.count(), path).toBe(1);
        expect(await link.getAttribute('title'), path).toBeTruthy();
        const href = (await link.getAttribute('href'))!;
        expect(href).toBe(`${path}oembed.json`);
        const oembed = (await (await page.request.get(`${site.base}${href}`)).json()) as Record<
          string,
          unknown
        >;
        expect(oembed).toMatchObject({
          version: '1.0',
          type: 'rich',
          provider_name: 'Robocall Atlas',
          title: await link.getAttribute('title'),
        });
        expect(typeof oembed.provider_url).toBe('string');
        expect(oembed.width).toBeGreaterThan(0);
        expect(oembed.height).toBeGreaterThan(0);
        expect(String(oembed.html)).toMatch(
          new RegExp(
            `^<iframe src="https?://[^"]+${path.replace(/\//g, '\\/')}" title="[^"]+" width="100%" height="\\d+"`,
          ),
        );
      }
    } finally {
      await context.close();
    }
  });
});

describe('versions', () => {
  it('an embed of another data version says so, and links to the full view of the same keys', async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(`${site.base}/embed/?chart=map&state=OH,PA&v=0123456789ab`);
      await matchCount(page);
      const note = page.locator('[data-role="version-note"]');
      expect(await note.isVisible()).toBe(true);
      expect(await note.textContent()).toContain('0123456789ab');
      expect(await note.textContent()).toContain(manifest.data_version);
      const full = new URL((await page.getAttribute('[data-role="full-view"]', 'href'))!);
      expect(full.pathname).toBe('/explore/');
      expect(Object.fromEntries(full.searchParams)).toEqual({
        chart: 'map',
        state: 'OH,PA',
        v: '0123456789ab',
      });
      await page.goto(`${site.base}/embed/?chart=map&v=${manifest.data_version}`);
      await matchCount(page);
      expect(await page.isHidden('[data-role="version-note"]')).toBe(true);
    } finally {
      await context.close();
    }
  });
});
