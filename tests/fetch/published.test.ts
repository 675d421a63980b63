/**
 * `npm run data:fetch` (published files) end to end, in-process, against a local server that plays
 * the FTC landing page and its files, with the faults the real one has shown or could show.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { USER_AGENT } from '../../scripts/fetch/http';
import { main } from '../../scripts/fetch/main';
import {
  Captured,
  fakeClock,
  FakeServer,
  ftcCsv,
  leftoverTempFiles,
  listFiles,
  readLedgerJson,
  removeDir,
  sha256,
  tempRaw,
  type FakeClock,
} from './helpers';

const PAGE_PATH = '/policy-notices/open-government/data-sets/do-not-call-data';

let server: FakeServer;
let raw: string;
let clock: FakeClock;
let stderr: Captured;

beforeEach(async () => {
  server = await new FakeServer().start();
  raw = await tempRaw();
  clock = fakeClock();
  server.clock = clock;
  stderr = new Captured();
});

afterEach(async () => {
  // Whatever happened in the test, no download or ledger temp file may be left in the archive.
  const leftovers = await leftoverTempFiles(raw);
  await server.stop();
  await removeDir(raw);
  expect(leftovers).toEqual([]);
});

/** The landing page, linking `hrefs` among some links that are not daily files. */
function landingPage(hrefs: string[]): string {
  return `<!DOCTYPE html><html><head><title>Do Not Call data | FTC</title></head><body>
    <a href="/developer/api/v0/endpoints/do-not-call-dnc-reported-calls-data-api">API</a>
    <a href="/system/files/documents/reports/dnc-data-book-fy-2025.pdf">Data Book</a>
    <table>${hrefs.map((href) => `<tr><td><a href="${href}">${href}</a></td></tr>`).join('\n')}</table></body></html>`;
}

function run(...args: string[]): Promise<number> {
  return main(['--raw', raw, '--url', server.url(PAGE_PATH), '--timeout', '1', ...args], {
    clock,
    stderr,
  });
}

const read = (rel: string): Promise<Buffer> => readFile(join(raw, ...rel.split('/')));

describe('data:fetch (published files)', () => {
  it('downloads both naming patterns into dnc/<year>/ and records each in the ledger', async () => {
    const realFile =
      process.env['ROBOCALL_REAL_DATA'] &&
      join(process.env['ROBOCALL_REAL_DATA'], 'dnc_complaint_numbers_2021-07-08.csv');
    const legacy =
      realFile && existsSync(realFile)
        ? await readFile(realFile)
        : Buffer.from(ftcCsv('2021-07-07', 40));
    const current = ftcCsv('2026-05-14', 25);
    const republished = ftcCsv('2026-05-14', 26, 7);
    server
      .route(PAGE_PATH, {
        kind: 'ok',
        headers: { 'content-type': 'text/html; charset=utf-8' },
        body: landingPage([
          '/system/files/ftc_gov/csv/DNC_Complaint_Numbers_2026-05-15.csv',
          'files/DNC_Complaint_Numbers_2026-05-15_0.csv?v=2&amp;download=1',
          server.url(
            '/system/files/attachments/do-not-call-dnc-reported-calls-data/dnc_complaint_numbers_2021-07-08.csv',
          ),
          '/system/files/ftc_gov/csv/DNC_Complaint_Numbers_2026-05-15.csv',
        ]),
      })
      .route('/system/files/ftc_gov/csv/DNC_Complaint_Numbers_2026-05-15.csv', {
        kind: 'ok',
        body: current,
      })
      .route(
        `${PAGE_PATH.slice(0, PAGE_PATH.lastIndexOf('/'))}/files/DNC_Complaint_Numbers_2026-05-15_0.csv`,
        { kind: 'ok', body: republished },
      )
      .route(
        '/system/files/attachments/do-not-call-dnc-reported-calls-data/dnc_complaint_numbers_2021-07-08.csv',
        { kind: 'ok', body: legacy },
      );

    expect(await run()).toBe(0);

    expect(await listFiles(raw)).toEqual([
      'dnc/2021/dnc_complaint_numbers_2021-07-08.csv',
      'dnc/2026/DNC_Complaint_Numbers_2026-05-15.csv',
      'dnc/2026/DNC_Complaint_Numbers_2026-05-15_0.csv',
      'dnc/ledger.json',
    ]);
    expect(await read('dnc/2021/dnc_complaint_numbers_2021-07-08.csv')).toEqual(legacy);
    expect((await read('dnc/2026/DNC_Complaint_Numbers_2026-05-15.csv')).toString()).toBe(current);
    expect((await read('dnc/2026/DNC_Complaint_Numbers_2026-05-15_0.csv')).toString()).toBe(
      republished,
    );

    const ledger = await readLedgerJson(raw);
    expect(ledger.schema_version).toBe(1);
    expect(ledger.entries).toEqual([
      {
        url: server.url(
          '/system/files/attachments/do-not-call-dnc-reported-calls-data/dnc_complaint_numbers_2021-07-08.csv',
        ),
        file: 'dnc/2021/dnc_complaint_numbers_2021-07-08.csv',
        bytes: legacy.length,
        sha256: sha256(legacy),
        fetched_at: '2026-05-16T12:00:00.000Z',
        http_status: 200,
        outcome: 'downloaded',
        source: 'landing-page',
        attempts: 1,
      },
      expect.objectContaining({
        url: server.url('/system/files/ftc_gov/csv/DNC_Complaint_Numbers_2026-05-15.csv'),
        file: 'dnc/2026/DNC_Complaint_Numbers_2026-05-15.csv',
        bytes: Buffer.byteLength(current),
        sha256: sha256(current),
        outcome: 'downloaded',
      }),
      expect.objectContaining({
        url: server.url(
          '/policy-notices/open-government/data-sets/files/DNC_Complaint_Numbers_2026-05-15_0.csv?v=2&download=1',
        ),
        file: 'dnc/2026/DNC_Complaint_Numbers_2026-05-15_0.csv',
        sha256: sha256(republished),
        outcome: 'downloaded',
      }),
    ]);

    // One request for the page and one per file (the duplicate link was fetched once); every one
    // of them said who we are.
    expect(server.requests).toHaveLength(4);
    expect(server.requests.every((request) => request.headers['user-agent'] === USER_AGENT)).toBe(
      true,
    );
    expect(stderr.text).toContain('[3/3] DNC_Complaint_Numbers_2026-05-15_0.csv: downloaded');
    expect(stderr.text).toContain(
      'done: 3 downloaded, 0 already archived, 0 changed (both kept), 0 failed',
    );
  });

  it('retries a hang, a 500, a 429 and a 503 with Retry-After, and a truncated body', async () => {
    const names = ['2026-05-11', '2026-05-12', '2026-05-13', '2026-05-14', '2026-05-15'].map(
      (d) => `DNC_Complaint_Numbers_${d}.csv`,
    );
    const bodies = names.map((_, i) => Buffer.from(ftcCsv(`2026-05-1${i}`, 30 + i)));
    server.route(PAGE_PATH, { kind: 'ok', body: landingPage(names.map((name) => `/f/${name}`)) });
    server.route(`/f/${names[0]}`, { kind: 'hang' }, { kind: 'ok', body: bodies[0]! });
    server.route(
      `/f/${names[1]}`,
      { kind: 'status', status: 500 },
      { kind: 'ok', body: bodies[1]! },
    );
    server.route(
      `/f/${names[2]}`,
      { kind: 'status', status: 429, headers: { 'retry-after': '3' } },
      { kind: 'ok', body: bodies[2]! },
    );
    server.route(
      `/f/${names[3]}`,
      {
        kind: 'custom',
        // An HTTP date 7 s ahead of the (fake) time the request arrives.
        handle: (_req, res) =>
          res.writeHead(503, { 'retry-after': new Date(clock.now() + 7_000).toUTCString() }).end(),
      },
      { kind: 'ok', body: bodies[3]! },
    );
    server.route(
      `/f/${names[4]}`,
      { kind: 'truncate', body: bodies[4]!.subarray(0, 100), declared: bodies[4]!.length },
      { kind: 'ok', body: bodies[4]! },
    );

    expect(await run()).toBe(0);

    const ledger = await readLedgerJson(raw);
    expect(
      ledger.entries.map((entry) => [entry.file, entry.outcome, entry.attempts, entry.sha256]),
    ).toEqual(names.map((name, i) => [`dnc/2026/${name}`, 'downloaded', 2, sha256(bodies[i]!)]));
    for (const [i, name] of names.entries()) {
      expect(await read(`dnc/2026/${name}`)).toEqual(bodies[i]);
      expect(server.requestsTo(`/f/${name}`)).toHaveLength(2);
    }
    // Backoff (2 s base, jitter fixed at 0.5 → 1.5 s) for the hang, the 500 and the cut body;
    // the server's own waits for the 429 (3 s) and the 503 (7 s, from a date with 1 s resolution).
    expect(clock.sleeps).toHaveLength(5);
    expect([clock.sleeps[0], clock.sleeps[1], clock.sleeps[2], clock.sleeps[4]]).toEqual([
      1_500, 1_500, 3_000, 1_500,
    ]);
    expect(clock.sleeps[3]).toBeGreaterThan(6_000);
    expect(clock.sleeps[3]).toBeLessThanOrEqual(7_000);
    expect(stderr.text).toContain(
      'attempt 1/5 failed: timed out: nothing received for 1.0 s; retrying in 1.5 s (backoff)',
    );
    expect(stderr.text).toContain(
      'attempt 1/5 failed: HTTP 429 Too Many Requests; retrying in 3.0 s (as Retry-After asks)',
    );
    expect(stderr.text).toMatch(/attempt 1\/5 failed: connection broke after 100 bytes/);
  });

  it('gives up after --attempts, records the failure, still fetches the others, exits 1', async () => {
    const good = ftcCsv('2026-05-14', 12);
    server.route(PAGE_PATH, {
      kind: 'ok',
      body: landingPage([
        '/f/DNC_Complaint_Numbers_2026-05-13.csv',
        '/f/DNC_Complaint_Numbers_2026-05-14.csv',
        '/f/DNC_Complaint_Numbers_2026-05-15.csv',
      ]),
    });
    server.route('/f/DNC_Complaint_Numbers_2026-05-13.csv', { kind: 'status', status: 500 });
    server.route('/f/DNC_Complaint_Numbers_2026-05-14.csv', { kind: 'ok', body: good });
    // 404: not retried.

    expect(await run('--attempts', '3')).toBe(1);

    expect(await listFiles(raw)).toEqual([
      'dnc/2026/DNC_Complaint_Numbers_2026-05-14.csv',
      'dnc/ledger.json',
    ]);
    const entries = (await readLedgerJson(raw)).entries;
    expect(entries).toEqual([
      expect.objectContaining({
        file: 'dnc/2026/DNC_Complaint_Numbers_2026-05-13.csv',
        outcome: 'failed',
        http_status: 500,
        attempts: 3,
        bytes: null,
        sha256: null,
        reason: 'gave up after 3 attempts: HTTP 500 Internal Server Error',
      }),
      expect.objectContaining({
        file: 'dnc/2026/DNC_Complaint_Numbers_2026-05-14.csv',
        outcome: 'downloaded',
        sha256: sha256(good),
      }),
      expect.objectContaining({
        file: 'dnc/2026/DNC_Complaint_Numbers_2026-05-15.csv',
        outcome: 'failed',
        http_status: 404,
        attempts: 1,
        reason: 'HTTP 404 Not Found',
      }),
    ]);
    expect(server.requestsTo('/f/DNC_Complaint_Numbers_2026-05-13.csv')).toHaveLength(3);
    expect(server.requestsTo('/f/DNC_Complaint_Numbers_2026-05-15.csv')).toHaveLength(1);
    expect(stderr.text).toContain(
      'FAILED: dnc/2026/DNC_Complaint_Numbers_2026-05-13.csv: gave up after 3 attempts: HTTP 500',
    );
  });

  it('rejects an HTML error page served as a CSV: named, not retried, no file left, exit 1', async () => {
    const withBom = `\ufeff${ftcCsv('2026-05-14', 3)}`;
    server.route(PAGE_PATH, {
      kind: 'ok',
      body: landingPage([
        '/f/DNC_Complaint_Numbers_2026-05-14.csv',
        '/f/DNC_Complaint_Numbers_2026-05-15.csv',
      ]),
    });
    server.route('/f/DNC_Complaint_Numbers_2026-05-14.csv', { kind: 'ok', body: withBom });
    server.route('/f/DNC_Complaint_Numbers_2026-05-15.csv', {
      kind: 'ok',
      headers: { 'content-type': 'text/html; charset=UTF-8' },
      body: `<!DOCTYPE html>\n<html><head>\n<title>Page not found | Federal Trade Commission</title></head><body>${'x'.repeat(20_000)}</body></html>`,
    });

    expect(await run()).toBe(1);

    expect(existsSync(join(raw, 'dnc/2026/DNC_Complaint_Numbers_2026-05-15.csv'))).toBe(false);
    // A BOM before the header is fine, and kept byte for byte.
    expect((await read('dnc/2026/DNC_Complaint_Numbers_2026-05-14.csv')).toString()).toBe(withBom);
    const failed = (await readLedgerJson(raw)).entries.find((entry) => entry.outcome === 'failed');
    expect(failed).toMatchObject({
      file: 'dnc/2026/DNC_Complaint_Numbers_2026-05-15.csv',
      http_status: 200,
      attempts: 1,
      reason:
        'not an FTC CSV: an HTML page titled "Page not found | Federal Trade Commission" (content-type text/html; charset=UTF-8) was served instead',
    });
    expect(server.requestsTo('/f/DNC_Complaint_Numbers_2026-05-15.csv')).toHaveLength(1);
  });

  it('keeps both when the content changed between runs, and skips unchanged files', async () => {
    const v1 = ftcCsv('2026-05-14', 20);
    const v2 = ftcCsv('2026-05-14', 21, 3);
    const same = ftcCsv('2026-05-13', 5);
    server.route(PAGE_PATH, {
      kind: 'ok',
      body: landingPage([
        '/f/DNC_Complaint_Numbers_2026-05-14.csv',
        '/f/DNC_Complaint_Numbers_2026-05-15.csv',
      ]),
    });
    server.route('/f/DNC_Complaint_Numbers_2026-05-14.csv', { kind: 'ok', body: same });
    server.route('/f/DNC_Complaint_Numbers_2026-05-15.csv', { kind: 'ok', body: v1 });
    expect(await run()).toBe(0);

    // The FTC republishes 05-15 with different rows.
    server.route('/f/DNC_Complaint_Numbers_2026-05-15.csv', { kind: 'ok', body: v2 });
    await clock.sleep(3_600_000);
    expect(await run()).toBe(0);

    const kept = 'dnc/2026/DNC_Complaint_Numbers_2026-05-15.fetched-20260516T130000Z.csv';
    expect(await listFiles(raw)).toEqual([
      'dnc/2026/DNC_Complaint_Numbers_2026-05-14.csv',
      'dnc/2026/DNC_Complaint_Numbers_2026-05-15.csv',
      kept,
      'dnc/ledger.json',
    ]);
    expect((await read('dnc/2026/DNC_Complaint_Numbers_2026-05-15.csv')).toString()).toBe(v1);
    expect((await read(kept)).toString()).toBe(v2);
    let entries = (await readLedgerJson(raw)).entries;
    expect(entries.slice(2)).toEqual([
      expect.objectContaining({
        file: 'dnc/2026/DNC_Complaint_Numbers_2026-05-14.csv',
        outcome: 'skipped-present',
        http_status: 200,
        sha256: sha256(same),
      }),
      expect.objectContaining({
        file: kept,
        outcome: 'changed-kept-both',
        sha256: sha256(v2),
        bytes: Buffer.byteLength(v2),
        original_file: 'dnc/2026/DNC_Complaint_Numbers_2026-05-15.csv',
        original_sha256: sha256(v1),
        original_bytes: Buffer.byteLength(v1),
        fetched_at: '2026-05-16T13:00:00.000Z',
      }),
    ]);
    expect(stderr.text).toContain(
      '!! CONTENT CHANGED: DNC_Complaint_Numbers_2026-05-15.csv is now served with different bytes',
    );
    expect(stderr.text).toContain(
      'done: 0 downloaded, 1 already archived, 1 changed (both kept), 0 failed',
    );

    // Served unchanged since: recognised as the version kept beside, no third copy.
    expect(await run()).toBe(0);
    expect(await listFiles(raw)).toHaveLength(4);
    entries = (await readLedgerJson(raw)).entries;
    expect(entries.at(-1)).toMatchObject({
      file: kept,
      outcome: 'skipped-present',
      sha256: sha256(v2),
    });
  });

  it('hashes and records a file already on disk that the ledger does not know', async () => {
    const content = ftcCsv('2026-05-14', 9);
    await mkdir(join(raw, 'dnc/2026'), { recursive: true });
    await writeFile(join(raw, 'dnc/2026/DNC_Complaint_Numbers_2026-05-15.csv'), content);
    server.route(PAGE_PATH, {
      kind: 'ok',
      body: landingPage(['/f/DNC_Complaint_Numbers_2026-05-15.csv']),
    });
    server.route('/f/DNC_Complaint_Numbers_2026-05-15.csv', { kind: 'ok', body: content });

    expect(await run()).toBe(0);

    expect((await readLedgerJson(raw)).entries).toEqual([
      expect.objectContaining({
        file: 'dnc/2026/DNC_Complaint_Numbers_2026-05-15.csv',
        source: 'disk',
        outcome: 'skipped-present',
        http_status: null,
        sha256: sha256(content),
        bytes: Buffer.byteLength(content),
      }),
      expect.objectContaining({
        file: 'dnc/2026/DNC_Complaint_Numbers_2026-05-15.csv',
        source: 'landing-page',
        outcome: 'skipped-present',
        http_status: 200,
        sha256: sha256(content),
      }),
    ]);
  });

  it('asks conditionally when the server gave validators; 304 means already archived', async () => {
    const content = ftcCsv('2026-05-14', 9);
    const validators = { etag: '"v1-abc"', 'last-modified': 'Fri, 15 May 2026 16:00:00 GMT' };
    server.route(PAGE_PATH, {
      kind: 'ok',
      body: landingPage(['/f/DNC_Complaint_Numbers_2026-05-15.csv']),
    });
    server.route('/f/DNC_Complaint_Numbers_2026-05-15.csv', {
      kind: 'custom',
      handle: (req, res) => {
        if (req.headers['if-none-match'] === validators.etag) res.writeHead(304, validators).end();
        else res.writeHead(200, { 'content-type': 'text/csv', ...validators }).end(content);
      },
    });
    expect(await run()).toBe(0);
    expect(await run()).toBe(0);

    const [first, second] = server.requestsTo('/f/DNC_Complaint_Numbers_2026-05-15.csv');
    expect(first!.headers['if-none-match']).toBeUndefined();
    expect(second!.headers['if-none-match']).toBe(validators.etag);
    expect(second!.headers['if-modified-since']).toBe(validators['last-modified']);
    expect((await readLedgerJson(raw)).entries).toEqual([
      expect.objectContaining({
        outcome: 'downloaded',
        http_status: 200,
        etag: validators.etag,
        last_modified: validators['last-modified'],
      }),
      expect.objectContaining({
        outcome: 'skipped-present',
        http_status: 304,
        sha256: sha256(content),
        bytes: Buffer.byteLength(content),
      }),
    ]);
  });

  it('applies --since to the date in the name and --limit to missing files first, oldest first', async () => {
    const dates = ['2026-05-11', '2026-05-12', '2026-05-13', '2026-05-14'];
    server.route(PAGE_PATH, {
      kind: 'ok',
      body: landingPage(dates.map((d) => `/f/DNC_Complaint_Numbers_${d}.csv`)),
    });
    for (const d of dates)
      server.route(`/f/DNC_Complaint_Numbers_${d}.csv`, { kind: 'ok', body: ftcCsv(d, 2) });

    expect(await run('--since', '2026-05-12', '--limit', '1')).toBe(0);
    expect(await run('--since', '2026-05-12', '--limit', '1')).toBe(0);

    expect(await listFiles(raw)).toEqual([
      'dnc/2026/DNC_Complaint_Numbers_2026-05-12.csv',
      'dnc/2026/DNC_Complaint_Numbers_2026-05-13.csv',
      'dnc/ledger.json',
    ]);
    expect(server.requestsTo('/f/DNC_Complaint_Numbers_2026-05-11.csv')).toHaveLength(0);
    expect(stderr.text).toContain(
      '4 daily files listed, 3 published on or after 2026-05-12; 1 not in the archive, 0 to re-check (--limit 1, 2 left for later)',
    );
  });

  it('exits 1 when the landing page cannot be read or lists no daily files', async () => {
    server.route(PAGE_PATH, { kind: 'status', status: 404 });
    expect(await run()).toBe(1);
    expect(stderr.text).toContain(
      `FAILED: could not read the landing page ${server.url(PAGE_PATH)}: HTTP 404 Not Found`,
    );

    server.route(PAGE_PATH, { kind: 'ok', body: landingPage([]) });
    expect(await run()).toBe(1);
    expect(stderr.text).toContain(
      'no daily CSV links (DNC_Complaint_Numbers_YYYY-MM-DD.csv) found on',
    );
  });
});
