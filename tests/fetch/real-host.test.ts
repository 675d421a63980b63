/**
 * Issue 9.1: a fetch that survives the FTC's real host, played against the fake FTC
 * (tests/fetch/fake-ftc.ts): weekday-only and late files, `_0` names, a 403 for one User-Agent,
 * a changed header, the API's hourly and daily limits across runs, offset timestamps and
 * misaligned API rows, a Monday file overlapping an API backfill.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FTC_HEADER } from '../../src/lib/ftc-format';
import { main } from '../../scripts/fetch/main';
import { addDays, FakeFtc, weekday, type FakeComplaint } from './fake-ftc';
import {
  Captured,
  fakeClock,
  leftoverTempFiles,
  listFiles,
  readLedgerJson,
  removeDir,
  sha256,
  tempRaw,
  type FakeClock,
} from './helpers';

let raw: string;
let clock: FakeClock;
let stderr: Captured;
let ftc: FakeFtc | null;

beforeEach(async () => {
  raw = await tempRaw();
  clock = fakeClock(Date.parse('2026-05-20T12:00:00Z'));
  stderr = new Captured();
  ftc = null;
});

afterEach(async () => {
  const leftovers = await leftoverTempFiles(raw);
  await ftc?.stop();
  await removeDir(raw);
  expect(leftovers).toEqual([]);
});

async function start(options: ConstructorParameters<typeof FakeFtc>[0]): Promise<FakeFtc> {
  ftc = await new FakeFtc({ now: () => clock.now(), ...options }).start();
  return ftc;
}

function fetchPublished(fake: FakeFtc, ...args: string[]): Promise<number> {
  return main(
    [
      '--raw',
      raw,
      '--url',
      fake.landingUrl(),
      '--file-host',
      new URL(fake.landingUrl()).host,
      '--timeout',
      '2',
      ...args,
    ],
    { clock, stderr },
  );
}

function fetchApi(
  fake: FakeFtc,
  env: Record<string, string | undefined>,
  ...args: string[]
): Promise<number> {
  return main(['--api', '--raw', raw, '--api-url', fake.apiUrl(), '--timeout', '2', ...args], {
    clock,
    stderr,
    env,
  });
}

const read = (rel: string): Promise<string> => readFile(join(raw, ...rel.split('/')), 'utf8');

/** Rows of an archived FTC-format file as the store's fields, for comparing with the fake's store. */
async function rowsOf(rel: string): Promise<string[]> {
  const parsed = Papa.parse<string[]>(await read(rel), { skipEmptyLines: true });
  return parsed.data.slice(1).map((row) => row.slice(0, 8).join('|'));
}

function storeRow(c: FakeComplaint, apiSubject = false): string {
  return [
    c.phone,
    c.created,
    c.violation,
    c.city,
    c.state,
    c.areaCode,
    apiSubject ? c.subject.replace(/ {2}&/g, ' &') : c.subject,
    c.robocall,
  ].join('|');
}

describe('published files as the FTC publishes them', () => {
  it('archives weekday files only, a late file on the run after it appears, and _0 names as published', async () => {
    // Complaints 2026-05-04 (Mon) to 2026-05-15 (Fri); files Tue 05-05 to Mon 05-18.
    const fake = await start({
      firstDay: '2026-05-04',
      lastDay: '2026-05-15',
      today: '2026-05-15',
      late: ['2026-05-14'],
      suffixed: ['2026-05-12'],
    });
    expect(await fetchPublished(fake)).toBe(0);
    const first = (await listFiles(raw)).filter((file) => file.endsWith('.csv'));
    expect(first).toEqual([
      'dnc/2026/DNC_Complaint_Numbers_2026-05-05.csv',
      'dnc/2026/DNC_Complaint_Numbers_2026-05-06.csv',
      'dnc/2026/DNC_Complaint_Numbers_2026-05-07.csv',
      'dnc/2026/DNC_Complaint_Numbers_2026-05-08.csv',
      'dnc/2026/DNC_Complaint_Numbers_2026-05-11.csv',
      'dnc/2026/DNC_Complaint_Numbers_2026-05-12_0.csv',
      'dnc/2026/DNC_Complaint_Numbers_2026-05-13.csv',
      'dnc/2026/DNC_Complaint_Numbers_2026-05-15.csv',
    ]);
    // Weekdays only; 05-14 is late (it appears on 05-16), Monday 05-18's file is not out yet.
    expect(
      first.every((file) =>
        [1, 2, 3, 4, 5].includes(weekday(/(\d{4}-\d{2}-\d{2})/.exec(file)![1]!)),
      ),
    ).toBe(true);

    // The same run on Monday: the late file and Monday's file are new.
    fake.advanceTo('2026-05-18');
    const before = fake.server.requests.length;
    expect(await fetchPublished(fake)).toBe(0);
    const second = (await listFiles(raw)).filter((file) => file.endsWith('.csv'));
    expect(second.filter((file) => !first.includes(file))).toEqual([
      'dnc/2026/DNC_Complaint_Numbers_2026-05-14.csv',
      'dnc/2026/DNC_Complaint_Numbers_2026-05-18.csv',
    ]);
    expect(fake.server.requests.length - before).toBe(1 + 10); // the page, 2 new files, 8 re-checks (no validators)

    // Every complaint created 05-04..05-15 is in exactly one published file; Monday's holds Fri to Sun.
    const all = (await Promise.all(second.map(rowsOf))).flat();
    expect(all.sort()).toEqual(fake.complaints.map((c) => storeRow(c)).sort());
    const monday = await rowsOf('dnc/2026/DNC_Complaint_Numbers_2026-05-11.csv');
    expect(new Set(monday.map((row) => row.split('|')[1]!.slice(0, 10)))).toEqual(
      new Set(['2026-05-08', '2026-05-09', '2026-05-10']),
    );
  });

  it('names a 403 for its User-Agent with what to do, and succeeds with --user-agent', async () => {
    const fake = await start({
      firstDay: '2026-05-11',
      lastDay: '2026-05-12',
      blockedUserAgent: /^RobocallAtlas/,
    });
    expect(await fetchPublished(fake)).toBe(1);
    expect(stderr.text).toMatch(
      /could not read the landing page .*HTTP 403 Forbidden: the FTC host seems to refuse this client/,
    );
    expect(stderr.text).toContain('try again with --user-agent');
    expect(stderr.text).toContain('npm run data:fetch -- --api');

    const browser =
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36';
    expect(await fetchPublished(fake, '--user-agent', browser)).toBe(0);
    expect((await listFiles(raw)).filter((file) => file.endsWith('.csv'))).toEqual([
      'dnc/2026/DNC_Complaint_Numbers_2026-05-12.csv',
      'dnc/2026/DNC_Complaint_Numbers_2026-05-13.csv',
    ]);
    expect(fake.server.requests.at(-1)!.headers['user-agent']).toBe(browser);
  });

  it('names a bot-check page served with 200 as a refusal', async () => {
    const fake = await start({ firstDay: '2026-05-11', lastDay: '2026-05-11' });
    fake.server.route('/sites/default/files/DNC_Complaint_Numbers_2026-05-12.csv', {
      kind: 'ok',
      headers: { 'content-type': 'text/html' },
      body: '<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>Checking your browser</body></html>',
    });
    expect(await fetchPublished(fake)).toBe(1);
    const entry = (await readLedgerJson(raw)).entries.find((e) => e.outcome === 'failed')!;
    expect(entry.reason).toMatch(/an HTML page titled "Just a moment\.\.\."/);
    expect(entry.reason).toContain('--user-agent');
  });

  it('archives a file whose header changed byte for byte, with a loud warning, and exits 0', async () => {
    const fake = await start({
      firstDay: '2026-05-11',
      lastDay: '2026-05-12',
      changedHeader: ['2026-05-13'],
    });
    expect(await fetchPublished(fake)).toBe(0);
    const changed = fake.allFiles().find((file) => file.published === '2026-05-13')!;
    const body = fake.fileBody(changed);
    expect(await read('dnc/2026/DNC_Complaint_Numbers_2026-05-13.csv')).toBe(body.toString());
    const entry = (await readLedgerJson(raw)).entries.find((e) => e.file.endsWith('05-13.csv'))!;
    expect(entry).toMatchObject({ outcome: 'downloaded', sha256: sha256(body) });
    expect(entry.warning).toMatch(
      /^the header is not the FTC's: ".*Consumer_Zip" \(9 columns\); 12 of 12 lines have 9 fields/,
    );
    expect(stderr.text).toMatch(
      /!! SHAPE CHANGED: dnc\/2026\/DNC_Complaint_Numbers_2026-05-13\.csv/,
    );
    expect(stderr.text).toMatch(
      /WARNING: dnc\/2026\/DNC_Complaint_Numbers_2026-05-13\.csv: the header is not the FTC's/,
    );
  });
});

describe('the API as api.data.gov limits it', () => {
  it('stops cleanly at the daily limit and resumes next run at the page where it stopped', async () => {
    // 3 days × 600 complaints = 36 pages; DEMO_KEY allows 30 an hour (spaced) and 50 a day.
    const fake = await start({ firstDay: '2026-05-11', lastDay: '2026-05-13', perWeekday: 600 });
    const days = ['2026-05-11', '2026-05-12', '2026-05-13'];
    // A bigger store: 3 weekdays of 600 → 12 pages a day (complaints ordered newest first).
    expect(
      await fetchApi(
        fake,
        {},
        '--from',
        '2026-05-11',
        '--to',
        '2026-05-13',
        '--requests-per-day',
        '20',
      ),
    ).toBe(0);
    expect(stderr.text).toMatch(
      /STOPPED: the API's daily limit \(20 requests in 24 hours\) is used up/,
    );
    expect(stderr.text).toMatch(/2 day\(s\) left for the next run/);
    expect(fake.apiRequestsIn('DEMO_KEY', 86_400_000)).toBe(20);
    let files = await listFiles(raw);
    expect(files.filter((f) => f.endsWith('.csv'))).toEqual([
      'dnc/2026/api/DNC_API_2026-05-11.csv',
    ]);
    expect(files).toContain('dnc/state/api-partial/2026-05-12.json');

    // A run an hour later: the budget file remembers the 20 requests; nothing is sent.
    clock.now = (
      (t) => () =>
        t
    )(clock.now() + 3_600_000);
    const sent = fake.server.requestsTo('/v0/dnc-complaints').length;
    expect(
      await fetchApi(
        fake,
        {},
        '--from',
        '2026-05-11',
        '--to',
        '2026-05-13',
        '--requests-per-day',
        '20',
      ),
    ).toBe(0);
    expect(fake.server.requestsTo('/v0/dnc-complaints').length).toBe(sent);

    // A day later it resumes at page 8 of 2026-05-12 and finishes; no page was asked twice.
    const later = fakeClock(Date.parse('2026-05-21T13:00:00Z'));
    clock = later;
    expect(
      await fetchApi(
        fake,
        {},
        '--from',
        '2026-05-11',
        '--to',
        '2026-05-13',
        '--requests-per-day',
        '20',
      ),
    ).toBe(0);
    expect(stderr.text).toMatch(/resuming at page 8 with 350 complaints from an earlier run/);
    const requests = fake.server.requestsTo('/v0/dnc-complaints');
    const asked = requests.map((r) => {
      const q = new URL(r.url, 'http://x').searchParams;
      return `${q.get('created_date_from')}@${q.get('offset')}`;
    });
    expect(new Set(asked).size).toBe(asked.length);
    expect(requests).toHaveLength(3 * 13); // 12 full pages and one empty page per day
    files = await listFiles(raw);
    expect(files.filter((f) => f.startsWith('dnc/state/api-partial/'))).toEqual([]);
    for (const day of days) {
      expect((await rowsOf(`dnc/2026/api/DNC_API_${day}.csv`)).sort()).toEqual(
        fake
          .complaintsCreatedOn([day])
          .map((c) => storeRow(c, true))
          .sort(),
      );
    }
    // Our spacing kept the API from ever answering 429.
    expect(stderr.text).not.toContain('429');
  });

  it('parses offset timestamps and keeps misaligned rows apart with their reasons', async () => {
    const fake = await start({
      firstDay: '2026-05-12',
      lastDay: '2026-05-12',
      perWeekday: 120,
      apiOffsetTimestamps: true,
      apiMisalignedEvery: 40,
    });
    expect(
      await fetchApi(
        fake,
        { FTC_API_KEY: 'registered' },
        '--from',
        '2026-05-12',
        '--to',
        '2026-05-12',
      ),
    ).toBe(0);
    const day = fake.complaintsCreatedOn(['2026-05-12']);
    const misaligned = day.filter((c) => fake.isMisaligned(c));
    expect(misaligned).toHaveLength(3);
    const csv = await read('dnc/2026/api/DNC_API_2026-05-12.csv');
    expect(csv.startsWith(`${FTC_HEADER}\r\n`)).toBe(true);
    // Offsets parsed back to the files' wall clock: exactly the store's created and violation times.
    expect((await rowsOf('dnc/2026/api/DNC_API_2026-05-12.csv')).sort()).toEqual(
      day
        .filter((c) => !fake.isMisaligned(c))
        .map((c) => storeRow(c, true))
        .sort(),
    );
    const rejected = JSON.parse(await read('dnc/2026/api/DNC_API_2026-05-12.rejected.json')) as {
      rejected: { reason: string; complaint: { id: string } }[];
    };
    expect(rejected.rejected.map((r) => r.complaint.id).sort()).toEqual(
      misaligned.map((c) => c.id).sort(),
    );
    expect(
      rejected.rejected.every((r) =>
        /is not (three digits|a state name|Y, N or empty|a subject label)/.test(r.reason),
      ),
    ).toBe(true);
    const entry = (await readLedgerJson(raw)).entries.at(-1)!;
    // Nothing lost: written + kept apart = what the API served for the day.
    expect(entry).toMatchObject({
      rows: 117,
      rows_rejected: 3,
      rejected_file: 'dnc/2026/api/DNC_API_2026-05-12.rejected.json',
    });
    expect(entry.rows! + entry.rows_rejected!).toBe(day.length);
  });

  it('a Monday file and an API backfill of the Saturday before it hold the same complaints (for the ingest to reconcile by created date)', async () => {
    const fake = await start({ firstDay: '2026-05-08', lastDay: '2026-05-10', perWeekday: 30 });
    expect(
      await fetchApi(
        fake,
        { FTC_API_KEY: 'registered' },
        '--from',
        '2026-05-09',
        '--to',
        '2026-05-09',
      ),
    ).toBe(0);
    expect(await fetchPublished(fake)).toBe(0);
    const monday = await rowsOf('dnc/2026/DNC_Complaint_Numbers_2026-05-11.csv');
    const saturday = await rowsOf('dnc/2026/api/DNC_API_2026-05-09.csv');
    const key = (row: string): string => row.split('|').slice(0, 6).join('|');
    const mondaySaturday = monday.filter((row) => row.split('|')[1]!.startsWith('2026-05-09'));
    expect(saturday.length).toBe(10);
    expect(mondaySaturday.map(key).sort()).toEqual(saturday.map(key).sort());
    expect(addDays('2026-05-09', 2)).toBe('2026-05-11');
  });
});
