/**
 * Issue 9.2: published files and API backfills reconciled by the complaints' created dates, not
 * by file names; gaps (weekdays no source covers) in the manifest; the Monday assumption explicit.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../scripts/lib/duckdb';
import { createProgress } from '../../scripts/lib/progress';
import {
  expectedFileDate,
  findGaps,
  MONDAY_FILE_HOLDS_WEEKEND,
  reconcileByCreatedDates,
} from '../../scripts/ingest/reconcile';
import { ingest, type IngestResult } from '../../scripts/ingest/run-ingest';
import { FTC_HEADER } from '../../src/lib/ftc-format';
import { tempDir } from '../helpers/temp';

describe('reconcileByCreatedDates()', () => {
  it('drops an API day a published file holds, whatever the file is called', () => {
    const r = reconcileByCreatedDates([
      // A Monday file holding Saturday to Monday.
      {
        file: 'dnc/2026/DNC_Complaint_Numbers_2026-05-18.csv',
        dates: { '2026-05-16': 3, '2026-05-17': 2, '2026-05-18': 1 },
      },
      { file: 'dnc/2026/api/DNC_API_2026-05-16.csv', dates: { '2026-05-16': 4 } },
      { file: 'dnc/2026/api/DNC_API_2026-05-19.csv', dates: { '2026-05-19': 5 } },
    ]);
    expect([...r.superseded]).toEqual([
      ['dnc/2026/api/DNC_API_2026-05-16.csv', 'dnc/2026/DNC_Complaint_Numbers_2026-05-18.csv'],
    ]);
    expect(r.partial.size).toBe(0);
  });

  it('keeps the dates of an API file no published file has, and names the rest', () => {
    const r = reconcileByCreatedDates([
      { file: 'a/DNC_Complaint_Numbers_2026-05-15.csv', dates: { '2026-05-14': 7 } },
      { file: 'a/api/DNC_API_2026-05-14.csv', dates: { '2026-05-13': 2, '2026-05-14': 3 } },
    ]);
    expect(r.superseded.size).toBe(0);
    expect(r.partial.get('a/api/DNC_API_2026-05-14.csv')).toEqual({
      dates: ['2026-05-14'],
      rows: 3,
      by: 'a/DNC_Complaint_Numbers_2026-05-15.csv',
    });
  });
});

describe('gaps and the Monday assumption', () => {
  it('is stated, and on', () => {
    expect(MONDAY_FILE_HOLDS_WEEKEND).toBe(true);
  });

  it('expects a weekday in the next weekday’s file, and the weekend in Monday’s only under the assumption', () => {
    expect(expectedFileDate('2026-05-14')).toBe('2026-05-15'); // Thursday → Friday
    expect(expectedFileDate('2026-05-15')).toBe('2026-05-18'); // Friday → Monday
    expect(expectedFileDate('2026-05-16', true)).toBe('2026-05-18'); // Saturday → Monday
    expect(expectedFileDate('2026-05-16', false)).toBeNull(); // Saturday → no file, only the API
    expect(expectedFileDate('2026-05-17', false)).toBeNull();
  });

  it('lists weekdays with no complaints between the first and last day, never weekends', () => {
    const gaps = findGaps(['2026-05-13', '2026-05-15', '2026-05-20']);
    // Missing: Thu 14, Mon 18, Tue 19 (Sat 16 and Sun 17 are not weekdays).
    expect(gaps).toEqual([
      { created_date: '2026-05-14', expected_file_date: '2026-05-15' },
      { created_date: '2026-05-18', expected_file_date: '2026-05-19' },
      { created_date: '2026-05-19', expected_file_date: '2026-05-20' },
    ]);
    expect(findGaps([])).toEqual([]);
  });
});

describe('ingest of published files beside API backfills', () => {
  const tmp = tempDir('reconcile');
  const raw = join(tmp.dir, 'raw');
  const out = join(tmp.dir, 'build');
  let result: IngestResult;
  const row = (n: number, created: string) =>
    `51255501${String(n).padStart(2, '0')},${created},${created},Austin,Texas,512,Other,Y`;
  const write = (file: string, rows: string[]) => {
    mkdirSync(dirname(join(raw, file)), { recursive: true });
    writeFileSync(join(raw, file), [FTC_HEADER, ...rows].join('\r\n') + '\r\n');
  };

  beforeAll(async () => {
    // Thu 14 May in Friday's file; Monday's file holds Saturday to Monday morning (as the issue
    // imagines it); the API has copies of Thursday and Saturday, and Tuesday 19 that no file has.
    // Friday 15 is in no source at all: the gap.
    write('dnc/2026/DNC_Complaint_Numbers_2026-05-15.csv', [
      row(1, '2026-05-14 10:00:00'),
      row(2, '2026-05-14 11:00:00'),
    ]);
    write('dnc/2026/DNC_Complaint_Numbers_2026-05-18.csv', [
      row(3, '2026-05-16 09:00:00'),
      row(4, '2026-05-17 09:00:00'),
      row(5, '2026-05-18 08:00:00'),
    ]);
    // (in another order: the same bytes would simply be a duplicate)
    write('dnc/2026/api/DNC_API_2026-05-14.csv', [
      row(2, '2026-05-14 11:00:00'),
      row(1, '2026-05-14 10:00:00'),
    ]);
    write('dnc/2026/api/DNC_API_2026-05-16.csv', [
      row(3, '2026-05-16 09:00:00'),
      row(6, '2026-05-16 15:00:00'),
    ]);
    // An API day that also returned one complaint of the next day, which Friday's file has.
    write('dnc/2026/api/DNC_API_2026-05-13.csv', [
      row(9, '2026-05-13 10:00:00'),
      row(1, '2026-05-14 10:00:00'),
    ]);
    write('dnc/2026/api/DNC_API_2026-05-19.csv', [
      row(7, '2026-05-19 12:00:00'),
      row(8, '2026-05-19 13:00:00'),
    ]);
    result = await ingest({
      raw,
      out,
      progress: createProgress(process.stderr, true),
      skipDownloads: true,
    });
  });
  afterAll(() => tmp.cleanup());

  const source = (file: string) => result.manifest.sources.find((s) => s.file === file)!;

  it('counts no complaint twice: an API day a published file holds is superseded, by content not by name', () => {
    expect(source('dnc/2026/api/DNC_API_2026-05-14.csv')).toMatchObject({
      status: 'superseded',
      superseded_by: 'dnc/2026/DNC_Complaint_Numbers_2026-05-15.csv',
    });
    // Saturday's API copy: no Saturday or Sunday file exists, Monday's holds Saturday.
    expect(source('dnc/2026/api/DNC_API_2026-05-16.csv')).toMatchObject({
      status: 'superseded',
      superseded_by: 'dnc/2026/DNC_Complaint_Numbers_2026-05-18.csv',
    });
    expect(source('dnc/2026/api/DNC_API_2026-05-19.csv')).toMatchObject({
      status: 'loaded',
      rows_loaded: 2,
    });
  });

  it('loads an API file in part when a published file has some of its dates, and accounts for the rest', () => {
    const s = source('dnc/2026/api/DNC_API_2026-05-13.csv');
    expect(s).toMatchObject({ status: 'loaded', rows_read: 2, rows_loaded: 1, rows_rejected: 1 });
    expect(s.rejected_by_reason).toEqual({ 'created on a date a published file covers': 1 });
    expect(s.quarantine).toBeDefined();
  });

  it('loses none: every complaint of every date is in the table once', async () => {
    const db = await openDb();
    try {
      await db.run(`ATTACH '${join(out, 'complaints-2026.duckdb')}' AS c (READ_ONLY)`);
      const days = await db.all<{ d: string; n: number }>(
        `SELECT strftime(created_date, '%Y-%m-%d') AS d, count(*)::INTEGER AS n FROM c.complaints GROUP BY ALL ORDER BY d`,
      );
      expect(days).toEqual([
        { d: '2026-05-13', n: 1 },
        { d: '2026-05-14', n: 2 },
        { d: '2026-05-16', n: 1 },
        { d: '2026-05-17', n: 1 },
        { d: '2026-05-18', n: 1 },
        { d: '2026-05-19', n: 2 },
      ]);
    } finally {
      db.close();
    }
    expect(result.manifest.totals.rows_loaded).toBe(8);
  });

  it('lists the weekday no source covers, with the file expected to hold it', () => {
    expect(result.manifest.gaps).toEqual([
      { created_date: '2026-05-15', expected_file_date: '2026-05-18' },
    ]);
    expect(result.manifest.gaps_assume_monday_file_holds_weekend).toBe(true);
  });
});
