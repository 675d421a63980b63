/** Pure pieces: the FTC-CSV check, API parsing and CSV writing, archive names, arguments. */
import { describe, expect, it } from 'vitest';
import { csvField, FTC_HEADER } from '../../src/lib/ftc-format';
import {
  apiPageUrl,
  complaintsToFtcCsv,
  datesInRange,
  normalizeDateTime,
  parseApiPage,
  redactApiKey,
} from '../../scripts/fetch/api';
import {
  apiRelPath,
  archiveRelPath,
  compactUtcTimestamp,
  isKeptBesideVersion,
  keptBesideName,
} from '../../scripts/fetch/archive';
import { parseCommand, UsageError } from '../../scripts/fetch/args';
import { checkFtcCsvHead } from '../../scripts/fetch/ftc-csv-check';
import { USER_AGENT } from '../../scripts/fetch/http';
import { latestValidators, type LedgerEntry } from '../../scripts/fetch/ledger';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('checkFtcCsvHead', () => {
  it('accepts the FTC header with CRLF, LF, a UTF-8 BOM, or alone', () => {
    expect(checkFtcCsvHead(bytes(`${FTC_HEADER}\r\n1,2`), 'text/csv', false)).toEqual({
      kind: 'ok',
    });
    expect(checkFtcCsvHead(bytes(`${FTC_HEADER}\n`), null, false)).toEqual({ kind: 'ok' });
    expect(
      checkFtcCsvHead(bytes(`\ufeff${FTC_HEADER}\r\n`), 'application/octet-stream', false),
    ).toEqual({ kind: 'ok' });
    expect(checkFtcCsvHead(bytes(FTC_HEADER), 'text/csv', true)).toEqual({ kind: 'ok' });
  });

  it('waits for more bytes while the first line is incomplete', () => {
    expect(checkFtcCsvHead(bytes(FTC_HEADER.slice(0, 40)), 'text/csv', false)).toEqual({
      kind: 'undecided',
    });
  });

  it('rejects an HTML page and names it by its title', () => {
    const page =
      '<!DOCTYPE html>\n<html lang="en"><head>\n<title>Access Denied | Federal Trade Commission</title></head>';
    expect(checkFtcCsvHead(bytes(page), 'text/html; charset=UTF-8', false)).toEqual({
      kind: 'rejected',
      reason:
        'not an FTC CSV: an HTML page titled "Access Denied | Federal Trade Commission" (content-type text/html; charset=UTF-8) was served instead',
    });
  });

  // Issue 9.1 changed this: a CSV whose header the FTC changed must still be archived, so the head
  // alone no longer rejects it; the whole-body check (ftc-body-check.test.ts) decides.
  it('leaves another CSV or a different header order to the body check, and rejects an empty body', () => {
    const shuffled = [
      'Created_Date',
      'Company_Phone_Number',
      ...FTC_HEADER.split(',').slice(2),
    ].join(',');
    expect(checkFtcCsvHead(bytes(`${shuffled}\r\n`), 'text/csv', false)).toEqual({
      kind: 'other-header',
    });
    expect(checkFtcCsvHead(bytes('a,b,c\n'), 'text/csv', false)).toEqual({ kind: 'other-header' });
    expect(checkFtcCsvHead(new Uint8Array(0), 'text/csv', true)).toEqual({
      kind: 'rejected',
      reason: 'not an FTC CSV: the body is empty',
    });
  });
});

describe('API requests and responses', () => {
  it('asks for one whole day, 50 a page, with the documented double-quoted date values', () => {
    const url = new URL(
      apiPageUrl('https://api.ftc.gov/v0/dnc-complaints', '2024-03-01', 100, 'KEY'),
    );
    expect(url.searchParams.get('created_date_from')).toBe('"2024-03-01 00:00:00"');
    expect(url.searchParams.get('created_date_to')).toBe('"2024-03-01 23:59:59"');
    expect(url.searchParams.get('items_per_page')).toBe('50');
    expect(url.searchParams.get('offset')).toBe('100');
    expect(url.searchParams.get('api_key')).toBe('KEY');
    expect(url.search).toContain('%222024-03-01%2000%3A00%3A00%22');
    expect(redactApiKey(url.href)).not.toContain('KEY&');
    expect(new URL(redactApiKey(url.href)).searchParams.get('api_key')).toBe('REDACTED');
  });

  it('parses the documented response shape, tolerating nulls, numbers and ISO dates', () => {
    const page = parseApiPage({
      data: [
        {
          type: 'dnc_complaint',
          id: '2dae54c3d3c06d1960689139d39c3138',
          attributes: {
            'company-phone-number': '6785050054',
            'created-date': '2020-02-27 04:23:11',
            'violation-date': '2020-02-26T16:00:00',
            'consumer-city': 'Earlysville',
            'consumer-state': 'Virginia',
            'consumer-area-code': 434,
            subject: 'Computer & technical support',
            'recorded-message-or-robocall': null,
          },
        },
        { type: 'dnc_complaint', id: 'no-date', attributes: { 'created-date': '' } },
      ],
      meta: { 'records-this-page': 2, 'record-total': '2' },
    });
    expect(page.unusable).toBe(1);
    expect(page.recordTotal).toBe(2);
    expect(page.complaints).toEqual([
      {
        id: '2dae54c3d3c06d1960689139d39c3138',
        companyPhoneNumber: '6785050054',
        createdDate: '2020-02-27 04:23:11',
        violationDate: '2020-02-26 16:00:00',
        consumerCity: 'Earlysville',
        consumerState: 'Virginia',
        consumerAreaCode: '434',
        subject: 'Computer & technical support',
        recordedMessageOrRobocall: '',
      },
    ]);
    expect(() => parseApiPage({ error: { code: 'OVER_RATE_LIMIT' } })).toThrow(/no "data" array/);
  });

  // Issue 9.1 changed this: offsets are parsed (to the US Eastern wall clock), no longer kept verbatim.
  it('normalizes ISO date-times, converting offsets to the US Eastern wall clock', () => {
    expect(normalizeDateTime('2020-02-26T16:00:00.000')).toBe('2020-02-26 16:00:00');
    expect(normalizeDateTime('2020-02-26T16:00:00-05:00')).toBe('2020-02-26 16:00:00');
    expect(normalizeDateTime('2020-07-26T16:00:00-04:00')).toBe('2020-07-26 16:00:00');
    expect(normalizeDateTime('2020-02-26T21:00:00Z')).toBe('2020-02-26 16:00:00');
    expect(normalizeDateTime('2020-02-27T02:30:00+0000')).toBe('2020-02-26 21:30:00');
    expect(normalizeDateTime('2020-02-26 23:30:00-08:00')).toBe('2020-02-27 02:30:00');
    expect(normalizeDateTime('yesterday')).toBe('yesterday');
    expect(normalizeDateTime('')).toBe('');
  });

  it('writes the FTC CSV format: header, CRLF everywhere, RFC 4180 quoting, sorted rows', () => {
    const base = {
      companyPhoneNumber: '',
      violationDate: '2024-03-01 08:00:00',
      consumerCity: '',
      consumerState: 'Ohio',
      consumerAreaCode: '614',
      subject: 'Other',
      recordedMessageOrRobocall: 'Y',
    };
    const csv = complaintsToFtcCsv([
      {
        ...base,
        id: 'b',
        createdDate: '2024-03-01 10:00:00',
        consumerCity: 'O"Fallon',
        subject: 'Calls pretending to be government, businesses, or family and friends',
      },
      {
        ...base,
        id: 'a',
        createdDate: '2024-03-01 09:00:00',
        companyPhoneNumber: '8005550100',
        consumerCity: 'Line\nbreak',
      },
    ]);
    expect(csv).toBe(
      `${FTC_HEADER}\r\n` +
        '8005550100,2024-03-01 09:00:00,2024-03-01 08:00:00,"Line\nbreak",Ohio,614,Other,Y\r\n' +
        ',2024-03-01 10:00:00,2024-03-01 08:00:00,"O""Fallon",Ohio,614,"Calls pretending to be government, businesses, or family and friends",Y\r\n',
    );
    expect(complaintsToFtcCsv([])).toBe(`${FTC_HEADER}\r\n`);
    expect(csvField('plain text')).toBe('plain text');
  });

  it('lists the days of a range, across a month end and a leap day', () => {
    expect(datesInRange('2024-02-28', '2024-03-01')).toEqual([
      '2024-02-28',
      '2024-02-29',
      '2024-03-01',
    ]);
    expect(datesInRange('2024-03-01', '2024-03-01')).toEqual(['2024-03-01']);
  });
});

describe('archive names', () => {
  it('files by publication year, API backfills apart', () => {
    expect(archiveRelPath('DNC_Complaint_Numbers_2026-01-02_0.csv')).toBe(
      'dnc/2026/DNC_Complaint_Numbers_2026-01-02_0.csv',
    );
    expect(archiveRelPath('dnc_complaint_numbers_2021-07-08.csv')).toBe(
      'dnc/2021/dnc_complaint_numbers_2021-07-08.csv',
    );
    expect(() => archiveRelPath('../../etc/passwd')).toThrow();
    expect(apiRelPath('2023-12-31')).toBe('dnc/2023/api/DNC_API_2023-12-31.csv');
  });

  it('names a changed version with a UTC timestamp, recognisably not the original', () => {
    const at = new Date('2026-05-16T12:01:02.345Z');
    expect(compactUtcTimestamp(at)).toBe('20260516T120102Z');
    const kept = keptBesideName('DNC_Complaint_Numbers_2026-05-15.csv', at);
    expect(kept).toBe('DNC_Complaint_Numbers_2026-05-15.fetched-20260516T120102Z.csv');
    expect(isKeptBesideVersion(kept, 'DNC_Complaint_Numbers_2026-05-15.csv')).toBe(true);
    expect(isKeptBesideVersion(kept, 'DNC_Complaint_Numbers_2026-05-15_0.csv')).toBe(false);
  });
});

describe('latestValidators', () => {
  const entry = (over: Partial<LedgerEntry>): LedgerEntry => ({
    url: 'u',
    file: 'dnc/2026/f.csv',
    bytes: 10,
    sha256: 'aa',
    fetched_at: '2026-05-16T12:00:00.000Z',
    http_status: 200,
    outcome: 'downloaded',
    source: 'landing-page',
    ...over,
  });

  it('takes the last successful fetch of the URL, and only if it had validators', () => {
    expect(
      latestValidators(
        [entry({ etag: '"1"' }), entry({ outcome: 'failed', sha256: null, bytes: null })],
        'u',
      ),
    ).toEqual({
      etag: '"1"',
      file: 'dnc/2026/f.csv',
      sha256: 'aa',
      bytes: 10,
    });
    expect(latestValidators([entry({ etag: '"1"' }), entry({ sha256: 'bb' })], 'u')).toBeNull();
    expect(latestValidators([entry({ etag: '"1"' })], 'other')).toBeNull();
  });
});

describe('parseCommand', () => {
  it('has the documented defaults', () => {
    expect(parseCommand([])).toEqual({
      mode: 'published',
      raw: 'data/raw',
      url: 'https://www.ftc.gov/policy-notices/open-government/data-sets/do-not-call-data',
      since: null,
      limit: null,
      fileHosts: ['www.ftc.gov', 'ftc.gov'],
      maxFileBytes: 64 * 1024 * 1024,
      network: { idleTimeoutMs: 60_000, attempts: 5, userAgent: USER_AGENT },
    });
  });

  it('reads the published-files options', () => {
    expect(
      parseCommand([
        ...[
          '--since',
          '2026-05-01',
          '--raw',
          'x',
          '--url',
          'http://127.0.0.1:9/p',
          '--limit',
          '3',
          '--timeout',
          '0.5',
          '--attempts',
          '2',
        ],
        ...[
          '--file-host',
          'files.example:8443',
          '--file-host',
          'WWW.FTC.GOV',
          '--max-file-mb',
          '2',
          '--user-agent',
          'Mozilla/5.0 (X11)',
        ],
      ]),
    ).toEqual({
      mode: 'published',
      raw: 'x',
      url: 'http://127.0.0.1:9/p',
      since: '2026-05-01',
      limit: 3,
      fileHosts: ['files.example:8443', 'www.ftc.gov'],
      maxFileBytes: 2 * 1024 * 1024,
      network: { idleTimeoutMs: 500, attempts: 2, userAgent: 'Mozilla/5.0 (X11)' },
    });
  });

  it('reads the API options', () => {
    expect(
      parseCommand([
        '--api',
        '--from',
        '2024-03-01',
        '--to',
        '2024-03-02',
        '--requests-per-hour',
        '60',
        '--refresh',
      ]),
    ).toMatchObject({
      mode: 'api',
      apiUrl: 'https://api.ftc.gov/v0/dnc-complaints',
      from: '2024-03-01',
      to: '2024-03-02',
      refresh: true,
      requestsPerHour: 60,
    });
  });

  it('rejects what makes no sense, saying why', () => {
    const cases: [string[], RegExp][] = [
      [['--since', '2026-02-30'], /--since wants a date/],
      [['--since', '15/05/2026'], /--since wants a date/],
      [['--limit', '0'], /--limit wants a whole number/],
      [['--url', 'ftp://x/'], /http\(s\) URL/],
      [['--api', '--from', '2024-03-02'], /needs --from .* and --to/],
      [['--api', '--from', '2024-03-02', '--to', '2024-03-01'], /is after --to/],
      [
        ['--api', '--since', '2024-03-01', '--from', '2024-03-01', '--to', '2024-03-01'],
        /--since is for the published files/,
      ],
      [['--from', '2024-03-01'], /--from only applies with --api/],
      [['--bogus'], /unknown option --bogus/],
    ];
    for (const [argv, message] of cases) {
      expect(() => parseCommand(argv), argv.join(' ')).toThrow(UsageError);
      expect(() => parseCommand(argv), argv.join(' ')).toThrow(message);
    }
  });
});
