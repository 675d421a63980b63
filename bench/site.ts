/**
 * npm run bench -- site [--days N] [--runs 3]: the built site as a reader gets it. For the home
 * page and a state page, in headless Chromium on localhost: bytes transferred (each response
 * gzipped, as a static host would serve it), requests, database-engine requests (the goal is
 * none) and largest contentful paint (median of fresh loads). And the time `astro build` takes
 * for the default sample (`npm run data:sample` with its defaults), generated and ingested once
 * into bench/.cache.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { createProgress } from '../scripts/lib/progress';
import { ingest } from '../scripts/ingest/run-ingest';
import { createStaticServer } from '../scripts/serve/static-server';
import { report, result } from './results';

const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const ENGINE = /duckdb|\.wasm$|\.duckdb$|\.parquet$/i;

interface PageLoad {
  bytes: number;
  rawBytes: number;
  requests: number;
  engineRequests: number;
  lcp: number;
}

export async function benchSite(args: Map<string, string>): Promise<void> {
  const days = args.get('days');
  const runs = Number(args.get('runs') ?? 3);
  const cache = resolve(`bench/.cache/site-${days ?? 'default'}`);
  const raw = join(cache, 'sample');
  const data = join(cache, 'build');
  const dist = join(cache, 'dist');

  if (!existsSync(join(data, 'manifest.json'))) {
    console.error(
      `bench site: generating the ${days ? `${days}-day` : 'default'} sample and ingesting it into ${cache} (once)`,
    );
    execFileSync(
      'npx',
      ['tsx', 'scripts/sample.ts', '--out', raw, ...(days ? ['--days', days] : [])],
      { stdio: 'inherit' },
    );
    await ingest({ raw, out: data, progress: createProgress(process.stderr, true) });
  }

  const t0 = performance.now();
  execFileSync('npx', ['astro', 'build', '--outDir', dist], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, ROBOCALL_DATA_DIR: data },
  });
  const buildSeconds = (performance.now() - t0) / 1000;

  const server = createStaticServer(dist);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: FLAGS,
  });
  const pages = [
    { name: 'home page', path: '/' },
    { name: 'state page', path: '/states/oh/' },
  ];
  const results = [
    result(
      'build time, default sample',
      buildSeconds,
      's',
      undefined,
      'astro build from the ingested sample, data copy included',
    ),
  ];
  try {
    for (const { name, path } of pages) {
      const loads: PageLoad[] = [];
      for (let i = 0; i < runs; i++) loads.push(await load(browser, base + path));
      const first = loads[0]!;
      results.push(
        result(
          `${name}: bytes transferred (gzip)`,
          first.bytes / 1024,
          'KB',
          undefined,
          name === 'home page' ? 'goal ≤ 150 KB' : undefined,
        ),
        result(`${name}: bytes uncompressed`, first.rawBytes / 1024, 'KB'),
        result(`${name}: requests`, first.requests, 'requests'),
        result(
          `${name}: database engine requests`,
          first.engineRequests,
          'requests',
          undefined,
          'goal 0: no DuckDB on first paint',
        ),
        result(
          `${name}: largest contentful paint (median of ${runs})`,
          median(loads.map((l) => l.lcp)),
          'ms',
          undefined,
          'goal < 1000 ms on localhost',
        ),
      );
    }
  } finally {
    await browser.close();
    server.close();
  }
  report('site', results);
}

async function load(browser: import('playwright-core').Browser, url: string): Promise<PageLoad> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
  });
  const page = await context.newPage();
  const bodies: Promise<{ url: string; raw: number; gzip: number }>[] = [];
  page.on('response', (response) => {
    bodies.push(
      response.body().then(
        (body) => ({
          url: response.url(),
          raw: body.length,
          gzip: compressible(response.headers()['content-type'] ?? '')
            ? gzipSync(body).length
            : body.length,
        }),
        () => ({ url: response.url(), raw: 0, gzip: 0 }),
      ),
    );
  });
  await page.addInitScript(() => {
    const w = window as unknown as { __lcp: number };
    w.__lcp = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.__lcp = Math.max(w.__lcp, entry.startTime);
    }).observe({ type: 'largest-contentful-paint', buffered: true });
  });
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForTimeout(300);
  const lcp = await page.evaluate(() => (window as unknown as { __lcp: number }).__lcp);
  const responses = await Promise.all(bodies);
  await context.close();
  return {
    bytes: responses.reduce((a, r) => a + r.gzip, 0),
    rawBytes: responses.reduce((a, r) => a + r.raw, 0),
    requests: responses.length,
    engineRequests: responses.filter((r) => ENGINE.test(new URL(r.url).pathname)).length,
    lcp,
  };
}

function compressible(type: string): boolean {
  return /text|javascript|json|svg|xml/.test(type);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
