/**
 * Issue 14.1: the fetcher cannot be turned into a disk filler or a proxy. Each case is a
 * reproduction that archived hostile bytes before the fix, run against the local fake FTC.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FTC_HEADER } from '../../src/lib/ftc-format';
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

const PAGE = '/policy-notices/open-government/data-sets/do-not-call-data';
const NAME = 'DNC_Complaint_Numbers_2026-05-15.csv';

let ftc: FakeServer;
/** Another host: a different origin the landing page or a redirect points to. */
let elsewhere: FakeServer;
let raw: string;
let clock: FakeClock;
let stderr: Captured;

beforeEach(async () => {
  ftc = await new FakeServer().start();
  elsewhere = await new FakeServer().start();
  raw = await tempRaw();
  clock = fakeClock();
  stderr = new Captured();
});

afterEach(async () => {
  const leftovers = await leftoverTempFiles(raw);
  await ftc.stop();
  await elsewhere.stop();
  await removeDir(raw);
  expect(leftovers).toEqual([]);
});

function page(body: string): string {
  return `<!DOCTYPE html><html><head><title>Do Not Call data | FTC</title></head><body>${body}</body></html>`;
}

function run(...args: string[]): Promise<number> {
  return main(['--raw', raw, '--url', ftc.url(PAGE), '--timeout', '2', ...args], { clock, stderr });
}

async function failure(file = `dnc/2026/${NAME}`): Promise<{ reason?: string; outcome: string }> {
  const entry = (await readLedgerJson(raw)).entries.find((e) => e.file === file);
  expect(entry).toBeDefined();
  return entry!;
}

describe('fetch: decoded size and body shape', () => {
  it('aborts a gzip bomb (a valid header, then 300 MiB of junk once decoded) and keeps nothing', async () => {
    // Gzip members concatenate: one for the header, then the same 1 MiB-of-junk member 300 times.
    const headerMember = gzipSync(`${FTC_HEADER}\r\n`);
    const junkMember = gzipSync(Buffer.alloc(1024 * 1024, 'A'));
    let sentMembers = 0;
    ftc.route(PAGE, {
      kind: 'ok',
      headers: { 'content-type': 'text/html' },
      body: page(`<a href="/files/${NAME}">x</a>`),
    });
    ftc.route(`/files/${NAME}`, {
      kind: 'custom',
      handle: (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/csv', 'content-encoding': 'gzip' });
        res.write(headerMember);
        const more = (): void => {
          while (sentMembers < 300) {
            sentMembers += 1;
            if (!res.write(junkMember)) {
              res.once('drain', more);
              return;
            }
          }
          res.end();
        };
        res.on('error', () => undefined);
        more();
      },
    });

    expect(await run()).toBe(1);

    expect(await listFiles(raw)).toEqual(['dnc/ledger.json']);
    const entry = await failure();
    expect(entry.outcome).toBe('failed');
    expect(entry.reason).toMatch(/passed 64 MiB \(decoded\)/);
  });

  it('rejects a body over --max-file-mb by its Content-Length without downloading it', async () => {
    const body = ftcCsv('2026-05-14', 20_000);
    ftc.route(PAGE, { kind: 'ok', body: page(`<a href="/files/${NAME}">x</a>`) });
    ftc.route(`/files/${NAME}`, { kind: 'ok', body });
    expect(await run('--max-file-mb', '1')).toBe(1);
    expect((await failure()).reason).toMatch(/Content-Length \d+ is over the 1 MiB/);
    expect(existsSync(join(raw, 'dnc/2026', NAME))).toBe(false);
  });

  it.each([
    [
      'junk text lines',
      `${FTC_HEADER}\r\n${'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\r\n'.repeat(20_000)}`,
      /junk after a valid header/,
    ],
    [
      'a few rows, then junk',
      `${ftcCsv('2026-05-14', 5)}${'x'.repeat(200)}\r\n`.repeat(1) + 'zzz\r\n'.repeat(50),
      /junk after a valid header/,
    ],
    [
      'binary after the header',
      Buffer.concat([
        Buffer.from(`${FTC_HEADER}\r\n`),
        Buffer.from(Array.from({ length: 4096 }, (_, i) => i % 256)),
      ]),
      /binary data \(a NUL byte at offset/,
    ],
    [
      'one giant line after the header',
      `${FTC_HEADER}\r\n${'1,'.repeat(100_000)}\r\n`,
      /junk after a valid header/,
    ],
  ])('rejects a valid header followed by %s', async (_label, body, reason) => {
    ftc.route(PAGE, { kind: 'ok', body: page(`<a href="/files/${NAME}">x</a>`) });
    ftc.route(`/files/${NAME}`, { kind: 'ok', body });
    expect(await run()).toBe(1);
    expect((await failure()).reason).toMatch(reason);
    expect(await listFiles(raw)).toEqual(['dnc/ledger.json']);
  });

  it('archives a real-shaped file with a few odd lines (the ingest quarantines them), warning about them', async () => {
    const body = `${ftcCsv('2026-05-14', 40)}broken,"unterminated quote\r\nshort,row\r\n`;
    ftc.route(PAGE, { kind: 'ok', body: page(`<a href="/files/${NAME}">x</a>`) });
    ftc.route(`/files/${NAME}`, { kind: 'ok', body });
    expect(await run()).toBe(0);
    expect(await readFile(join(raw, 'dnc/2026', NAME), 'utf8')).toBe(body);
    const entry = (await readLedgerJson(raw)).entries[0]!;
    expect(entry).toMatchObject({
      outcome: 'downloaded',
      sha256: sha256(body),
      warning:
        "2 of 42 lines do not have the FTC's 8 fields; the ingest will judge (and quarantine) them",
    });
  });
});

describe('fetch: only the landing page host and the FTC file hosts', () => {
  it('refuses absolute links to other hosts and to loopback/private addresses, requesting none of them', async () => {
    const good = ftcCsv('2026-05-13', 10);
    const port = new URL(elsewhere.url('/')).port;
    const ftcPort = new URL(ftc.url('/')).port;
    const offHost = [
      elsewhere.url('/files/DNC_Complaint_Numbers_2026-05-14.csv'),
      `http://localhost:${ftcPort}/files/DNC_Complaint_Numbers_2026-05-11.csv`,
      `http://[::1]:${ftcPort}/files/DNC_Complaint_Numbers_2026-05-12.csv`,
      'http://169.254.169.254/latest/DNC_Complaint_Numbers_2026-05-08.csv',
      'http://10.0.0.7/DNC_Complaint_Numbers_2026-05-07.csv',
      `http://www.ftc.gov@127.0.0.1:${port}/DNC_Complaint_Numbers_2026-05-06.csv`,
    ];
    ftc.route(PAGE, {
      kind: 'ok',
      body: page(
        [...offHost, '/files/DNC_Complaint_Numbers_2026-05-13.csv']
          .map((href) => `<a href="${href}">f</a>`)
          .join('\n'),
      ),
    });
    ftc.route('/files/DNC_Complaint_Numbers_2026-05-13.csv', { kind: 'ok', body: good });
    elsewhere.route('/files/DNC_Complaint_Numbers_2026-05-14.csv', {
      kind: 'ok',
      body: ftcCsv('2026-05-14', 10),
    });
    ftc.route('/files/DNC_Complaint_Numbers_2026-05-11.csv', {
      kind: 'ok',
      body: ftcCsv('2026-05-11', 10),
    });
    ftc.route('/files/DNC_Complaint_Numbers_2026-05-12.csv', {
      kind: 'ok',
      body: ftcCsv('2026-05-12', 10),
    });

    expect(await run()).toBe(1);

    expect(await listFiles(raw)).toEqual([
      'dnc/2026/DNC_Complaint_Numbers_2026-05-13.csv',
      'dnc/ledger.json',
    ]);
    expect(elsewhere.requests).toHaveLength(0);
    // The fake FTC saw the page and the one genuine file, nothing under another host name.
    expect(ftc.requests.map((r) => r.url)).toEqual([
      PAGE,
      '/files/DNC_Complaint_Numbers_2026-05-13.csv',
    ]);
    const failed = (await readLedgerJson(raw)).entries.filter((e) => e.outcome === 'failed');
    expect(failed.map((e) => e.file).sort()).toEqual(
      ['06', '07', '08', '11', '12', '14'].map(
        (d) => `dnc/2026/DNC_Complaint_Numbers_2026-05-${d}.csv`,
      ),
    );
    expect(
      failed.every(
        (e) => e.attempts === 0 && /^not fetched: the landing page links/.test(e.reason ?? ''),
      ),
    ).toBe(true);
    expect(failed.find((e) => e.file.endsWith('05-08.csv'))?.reason).toMatch(
      /169\.254\.169\.254 \(a loopback or private address\)/,
    );
    expect(failed.find((e) => e.file.endsWith('05-06.csv'))?.reason).toMatch(/credentials/);
    expect(stderr.text).toMatch(/!! DNC_Complaint_Numbers_2026-05-14\.csv: REFUSED/);
  });

  it('refuses relative links that a <base href> sends to another host', async () => {
    ftc.route(PAGE, {
      kind: 'ok',
      body: page(`<base href="${elsewhere.url('/mirror/')}"><a href="${NAME}">x</a>`),
    });
    elsewhere.route(`/mirror/${NAME}`, { kind: 'ok', body: ftcCsv('2026-05-14', 3) });
    expect(await run()).toBe(1);
    expect(elsewhere.requests).toHaveLength(0);
    expect((await failure()).reason).toMatch(/is neither the landing page's/);
  });

  it('does not let an off-host link shadow the genuine link to the same file', async () => {
    const good = ftcCsv('2026-05-14', 6);
    ftc.route(PAGE, {
      kind: 'ok',
      body: page(
        `<a href="${elsewhere.url(`/x/${NAME}`)}">evil</a><a href="/files/${NAME}">ftc</a>`,
      ),
    });
    ftc.route(`/files/${NAME}`, { kind: 'ok', body: good });
    expect(await run()).toBe(0);
    expect(await readFile(join(raw, 'dnc/2026', NAME), 'utf8')).toBe(good);
    expect(elsewhere.requests).toHaveLength(0);
  });

  it('checks every redirect hop: a 302 to another host is refused at that hop and nothing is kept', async () => {
    ftc.route(PAGE, { kind: 'ok', body: page(`<a href="/files/${NAME}">x</a>`) });
    ftc.route(`/files/${NAME}`, {
      kind: 'status',
      status: 302,
      headers: { location: `/moved/${NAME}` },
    });
    ftc.route(`/moved/${NAME}`, {
      kind: 'status',
      status: 302,
      headers: { location: elsewhere.url(`/evil/${NAME}`) },
    });
    elsewhere.route(`/evil/${NAME}`, { kind: 'ok', body: ftcCsv('2026-05-14', 3) });
    expect(await run()).toBe(1);
    expect(elsewhere.requests).toHaveLength(0);
    expect((await failure()).reason).toMatch(
      new RegExp(
        `refused to request the redirect target \\(hop 2\\) ${elsewhere.url('/evil/').replace(/[.]/g, '\\.')}`,
      ),
    );
    expect(await listFiles(raw)).toEqual(['dnc/ledger.json']);
  });

  it('refuses a redirect to a loopback name, even for an allowed --file-host that resolves there', async () => {
    const port = new URL(elsewhere.url('/')).port;
    ftc.route(PAGE, { kind: 'ok', body: page(`<a href="/files/${NAME}">x</a>`) });
    ftc.route(`/files/${NAME}`, {
      kind: 'status',
      status: 307,
      headers: { location: `http://localhost:${port}/f/${NAME}` },
    });
    elsewhere.route(`/f/${NAME}`, { kind: 'ok', body: ftcCsv('2026-05-14', 3) });
    expect(await run('--file-host', `localhost:${port}`)).toBe(1);
    expect(elsewhere.requests).toHaveLength(0);
    expect((await failure()).reason).toMatch(
      /resolves to (127\.0\.0\.1|::1), a loopback or private address/,
    );
  });

  it('follows redirects within the allowed hosts and records the final URL in the ledger', async () => {
    const body = ftcCsv('2026-05-14', 8);
    const filesHost = new URL(elsewhere.url('/')).host;
    ftc.route(PAGE, { kind: 'ok', body: page(`<a href="/files/${NAME}">x</a>`) });
    ftc.route(`/files/${NAME}`, {
      kind: 'status',
      status: 301,
      headers: { location: elsewhere.url(`/cdn/${NAME}`) },
    });
    elsewhere.route(`/cdn/${NAME}`, { kind: 'ok', body });
    expect(await run('--file-host', filesHost)).toBe(0);
    const entry = (await readLedgerJson(raw)).entries[0]!;
    expect(entry).toMatchObject({
      url: ftc.url(`/files/${NAME}`),
      final_url: elsewhere.url(`/cdn/${NAME}`),
      outcome: 'downloaded',
      sha256: sha256(body),
    });
  });

  it('stops a redirect loop', async () => {
    ftc.route(PAGE, { kind: 'ok', body: page(`<a href="/files/${NAME}">x</a>`) });
    ftc.route(`/files/${NAME}`, {
      kind: 'status',
      status: 302,
      headers: { location: `/files/${NAME}` },
    });
    expect(await run()).toBe(1);
    expect((await failure()).reason).toMatch(/more than 5 redirects/);
    expect(ftc.requestsTo(`/files/${NAME}`)).toHaveLength(6);
  });
});
