/**
 * `npm run data:fetch -- --api`, end to end against a fake FTC API on 127.0.0.1 that pages,
 * filters by the documented query parameters, and throttles once with 429 + Retry-After.
 */
import { readFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FTC_HEADER } from '../../src/lib/ftc-format';
import { USER_AGENT } from '../../scripts/fetch/http';
import { main } from '../../scripts/fetch/main';
import {
  Captured,
  fakeClock,
  FakeServer,
  leftoverTempFiles,
  listFiles,
  readLedgerJson,
  removeDir,
  sha256,
  tempRaw,
  type FakeClock,
} from './helpers';

const API_PATH = '/v0/dnc-complaints';
const KEY = 'secret-key-123';
const SUBJECTS = [
  'Other',
  'Calls pretending to be government, businesses, or family and friends',
  'Warranties & protection plans',
];

interface Item {
  type: 'dnc_complaint';
  id: string;
  attributes: Record<string, string>;
}

/** `n` complaints created on `day`, in no particular order, ids unique. */
function complaints(day: string, n: number): Item[] {
  return Array.from({ length: n }, (_, i) => {
    const minute = (i * 7) % 60;
    const hour = Math.floor((i * 11) % 24);
    return {
      type: 'dnc_complaint',
      id: `${day.replaceAll('-', '')}${String(i).padStart(4, '0')}`,
      attributes: {
        'company-phone-number': i % 10 === 0 ? '' : `80055${String(10000 + i)}`,
        'created-date': `${day} ${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}`,
        'violation-date': `${day} 08:00:00`,
        'consumer-city': i === 3 ? 'O"Fallon' : 'Columbus',
        'consumer-state': 'Ohio',
        'consumer-area-code': '614',
        subject: SUBJECTS[i % SUBJECTS.length]!,
        'recorded-message-or-robocall': ['Y', 'N', ''][i % 3]!,
      },
    };
  });
}

let server: FakeServer;
let raw: string;
let clock: FakeClock;
let stderr: Captured;
let data: Map<string, Item[]>;
/** Request numbers (1-based) the fake API answers with 429. */
let throttle: Set<number>;
let served: number;

beforeEach(async () => {
  server = await new FakeServer().start();
  raw = await tempRaw();
  clock = fakeClock();
  server.clock = clock;
  stderr = new Captured();
  data = new Map([
    ['2024-03-01', complaints('2024-03-01', 120)],
    ['2024-03-02', complaints('2024-03-02', 7)],
  ]);
  throttle = new Set();
  served = 0;
  server.route(API_PATH, { kind: 'custom', handle: (_req, res, url) => fakeApi(res, url) });
});

afterEach(async () => {
  const leftovers = await leftoverTempFiles(raw);
  await server.stop();
  await removeDir(raw);
  expect(leftovers).toEqual([]);
});

/** The API as documented: a day's complaints, newest first, 50 a page at most. */
function fakeApi(res: ServerResponse, url: URL): void {
  served += 1;
  const json = (status: number, body: unknown, headers: Record<string, string> = {}): void => {
    res
      .writeHead(status, { 'content-type': 'application/json', ...headers })
      .end(JSON.stringify(body));
  };
  if (throttle.has(served)) {
    json(
      429,
      { error: { code: 'OVER_RATE_LIMIT', message: 'You have exceeded your rate limit.' } },
      { 'retry-after': '90' },
    );
    return;
  }
  const q = url.searchParams;
  if (q.get('api_key') !== KEY)
    return json(403, {
      error: { code: 'API_KEY_INVALID', message: 'An invalid api_key was supplied.' },
    });
  const from = /^"(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})"$/.exec(q.get('created_date_from') ?? '');
  const to = /^"(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})"$/.exec(q.get('created_date_to') ?? '');
  const perPage = Number(q.get('items_per_page'));
  const offset = Number(q.get('offset'));
  if (!from || !to || perPage > 50 || !(offset >= 0))
    return json(400, { error: { message: 'bad query' } });
  const lo = `${from[1]} ${from[2]}`;
  const hi = `${to[1]} ${to[2]}`;
  const all = [...data.values()]
    .flat()
    .filter(
      (item) => item.attributes['created-date']! >= lo && item.attributes['created-date']! <= hi,
    )
    .sort((a, b) => (a.attributes['created-date']! < b.attributes['created-date']! ? 1 : -1));
  const page = all.slice(offset, offset + perPage);
  json(200, {
    data: page,
    meta: { 'records-this-page': page.length, 'record-total': all.length },
    links: { self: url.href },
  });
}

function run(...args: string[]): Promise<number> {
  return main(
    ['--api', '--raw', raw, '--api-url', server.url(API_PATH), '--timeout', '5', ...args],
    {
      clock,
      stderr,
      env: { FTC_API_KEY: KEY },
    },
  );
}

const read = (rel: string): Promise<string> => readFile(join(raw, ...rel.split('/')), 'utf8');

describe('data:fetch --api', () => {
  it('pages each day, spaces requests, honours 429 Retry-After, writes FTC CSV files and ledger entries', async () => {
    throttle.add(2);

    // 2024-03-03 has no complaints in the API: a failure (not published yet, or purged) → exit 1.
    expect(
      await run('--from', '2024-03-01', '--to', '2024-03-03', '--requests-per-hour', '30'),
    ).toBe(1);

    // The request budget is kept between runs (issue 9.1: both API limits modelled across runs).
    expect(await listFiles(raw)).toEqual([
      'dnc/2024/api/DNC_API_2024-03-01.csv',
      'dnc/2024/api/DNC_API_2024-03-02.csv',
      'dnc/ledger.json',
      'dnc/state/api-budget.json',
    ]);

    // Day 1: 120 complaints over pages of 50, 50, 20, each exactly once, oldest first, FTC format.
    const day1 = await read('dnc/2024/api/DNC_API_2024-03-01.csv');
    const lines = day1.split('\r\n');
    expect(lines[0]).toBe(FTC_HEADER);
    expect(lines.at(-1)).toBe('');
    expect(lines).toHaveLength(122);
    expect(day1.replaceAll('\r\n', '')).not.toContain('\n');
    expect(lines[1]).toBe(',2024-03-01 00:00:00,2024-03-01 08:00:00,Columbus,Ohio,614,Other,Y');
    expect(lines).toContain(
      '8005510003,2024-03-01 09:21:03,2024-03-01 08:00:00,"O""Fallon",Ohio,614,Other,Y',
    );
    expect(lines).toContain(
      '8005510001,2024-03-01 11:07:01,2024-03-01 08:00:00,Columbus,Ohio,614,"Calls pretending to be government, businesses, or family and friends",N',
    );
    const created = lines.slice(1, -1).map((line) => line.split(',')[1]!);
    expect(created).toEqual([...created].sort());
    expect(new Set(lines.slice(1, -1)).size).toBe(120);

    const ledger = await readLedgerJson(raw);
    expect(ledger.entries).toEqual([
      {
        url: `${server.url(API_PATH)}?api_key=REDACTED&created_date_from=%222024-03-01%2000%3A00%3A00%22&created_date_to=%222024-03-01%2023%3A59%3A59%22&items_per_page=50&offset=0`,
        file: 'dnc/2024/api/DNC_API_2024-03-01.csv',
        bytes: Buffer.byteLength(day1),
        sha256: sha256(day1),
        fetched_at: expect.any(String),
        http_status: 200,
        outcome: 'downloaded',
        source: 'api',
        attempts: 4,
        rows: 120,
      },
      expect.objectContaining({
        file: 'dnc/2024/api/DNC_API_2024-03-02.csv',
        outcome: 'downloaded',
        rows: 7,
        sha256: sha256(await read('dnc/2024/api/DNC_API_2024-03-02.csv')),
      }),
      expect.objectContaining({
        file: 'dnc/2024/api/DNC_API_2024-03-03.csv',
        outcome: 'failed',
        sha256: null,
        reason:
          'the API returned no complaints created on 2024-03-03 (not published yet, or older than the FTC keeps)',
      }),
    ]);

    // Requests: day 1 pages at offsets 0, 50 (429, then again), 100; day 2; day 3.
    const requests = server.requestsTo(API_PATH);
    expect(
      requests.map((request) => new URL(request.url, 'http://x').searchParams.get('offset')),
    ).toEqual(['0', '50', '50', '100', '0', '0']);
    expect(requests.every((request) => request.headers['user-agent'] === USER_AGENT)).toBe(true);
    // 30 requests/hour: never two requests less than 120 s apart (fake time), retries included;
    // the 429's Retry-After (90 s) was waited out, then the rest of the spacing.
    const gaps = requests.slice(1).map((request, i) => request.at! - requests[i]!.at!);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(120_000);
    expect(clock.sleeps).toContain(90_000);
    expect(stderr.text).toContain(
      'HTTP 429 Too Many Requests; retrying in 90 s (as Retry-After asks)',
    );

    // The key went to the server but nowhere else.
    expect(new URL(requests[0]!.url, 'http://x').searchParams.get('api_key')).toBe(KEY);
    expect(JSON.stringify(ledger)).not.toContain(KEY);
    expect(stderr.text).not.toContain(KEY);
  });

  it('skips archived days without a request; --refresh re-fetches and keeps changed days beside', async () => {
    expect(await run('--from', '2024-03-01', '--to', '2024-03-02')).toBe(0);
    const before = server.requests.length;
    expect(await run('--from', '2024-03-01', '--to', '2024-03-02')).toBe(0);
    expect(server.requests.length).toBe(before);
    expect(stderr.text).toContain(
      'already archived as dnc/2024/api/DNC_API_2024-03-02.csv; skipped (--refresh fetches it again)',
    );

    const day2 = await read('dnc/2024/api/DNC_API_2024-03-02.csv');
    data.set('2024-03-02', complaints('2024-03-02', 8));
    expect(await run('--from', '2024-03-01', '--to', '2024-03-02', '--refresh')).toBe(0);

    const files = await listFiles(raw);
    const kept = files.find((file) => file.startsWith('dnc/2024/api/DNC_API_2024-03-02.fetched-'));
    expect(kept).toBeDefined();
    expect(await read('dnc/2024/api/DNC_API_2024-03-02.csv')).toBe(day2);
    expect((await read(kept!)).split('\r\n')).toHaveLength(10);
    const entries = (await readLedgerJson(raw)).entries;
    expect(entries.slice(-2)).toEqual([
      expect.objectContaining({
        file: 'dnc/2024/api/DNC_API_2024-03-01.csv',
        outcome: 'skipped-present',
      }),
      expect.objectContaining({
        file: kept,
        outcome: 'changed-kept-both',
        original_file: 'dnc/2024/api/DNC_API_2024-03-02.csv',
        original_sha256: sha256(day2),
        rows: 8,
      }),
    ]);
    expect(stderr.text).toContain(
      "!! CONTENT CHANGED: the API's complaints for 2024-03-02 differ from the archived ones",
    );
  });

  it('records a failure when the API refuses the key (no retries, other days still tried)', async () => {
    const code = await main(
      [
        '--api',
        '--raw',
        raw,
        '--api-url',
        server.url(API_PATH),
        '--from',
        '2024-03-01',
        '--to',
        '2024-03-02',
      ],
      {
        clock,
        stderr,
        env: { FTC_API_KEY: 'wrong' },
      },
    );
    expect(code).toBe(1);
    expect(server.requests).toHaveLength(2);
    expect(
      (await readLedgerJson(raw)).entries.map((entry) => [
        entry.outcome,
        entry.http_status,
        entry.reason,
      ]),
    ).toEqual([
      ['failed', 403, 'HTTP 403 Forbidden: An invalid api_key was supplied.'],
      ['failed', 403, 'HTTP 403 Forbidden: An invalid api_key was supplied.'],
    ]);
    // DEMO_KEY limits were not in force (a key was set): 1000/hour → 3.6 s spacing.
    expect(clock.sleeps).toEqual([3_600]);
  });
});
