/**
 * The caller index (callers-<year>.duckdb): every complaint whose caller number is all digits
 * exactly once, in the file of its year, sorted by the number so one number's complaints sit in
 * one or two row groups of a year, readable by the browser's engine, and answering a lookup as the
 * raw files do (counted with papaparse, not DuckDB). The window crosses a new year on purpose.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../scripts/lib/duckdb';
import {
  callerIndexFile,
  CALLER_INDEX_TABLE,
  CALLER_ROW_GROUP_SIZE,
} from '../../scripts/ingest/caller-index';
import { callerIndexAlias, callerIndexUnion, CALLER_NUMBER_SQL } from '../../src/lib/caller/lookup';
import type { IngestResult } from '../../scripts/ingest/run-ingest';
import { openWasmDb, type WasmDb } from '../helpers/wasm-duckdb';
import { rawCallerStats, type RawCallerStats } from '../helpers/raw-callers';
import { buildSample } from '../helpers/sample-build';
import { tempDir } from '../helpers/temp';

describe('the caller index', () => {
  const tmp = tempDir('callers');
  let native: Db;
  let wasm: WasmDb;
  let raw: Map<string, RawCallerStats>;
  let result: IngestResult;
  let out: string;
  const YEARS = [2025, 2026];
  const all = (columns: string) => callerIndexUnion(YEARS, columns);

  beforeAll(async () => {
    const built = await buildSample(tmp.dir, { days: 20, end: '2026-01-09', volume: 3000 });
    result = built.result;
    out = built.out;
    // Only all-digit numbers can be looked up; the index holds those.
    raw = new Map([...rawCallerStats(built.raw)].filter(([n]) => /^\d{1,18}$/.test(n)));
    native = await openDb();
    wasm = await openWasmDb();
    for (const year of YEARS) {
      await native.run(
        `ATTACH '${join(out, callerIndexFile(year))}' AS ${callerIndexAlias(year)} (READ_ONLY)`,
      );
      wasm.attach(callerIndexAlias(year), join(out, callerIndexFile(year)));
    }
  }, 300_000);
  afterAll(() => {
    native?.close();
    wasm?.close();
    tmp.cleanup();
  });

  it('holds every complaint with an all-digit number once, in its year’s file, as the manifest lists', async () => {
    const withNumber = [...raw.values()].reduce((total, s) => total + s.complaints, 0);
    let total = 0;
    for (const year of YEARS) {
      const [{ n, outside }] = (await native.all<{ n: number; outside: number }>(
        `SELECT count(*)::INTEGER AS n, count(*) FILTER (year(created_date) <> ${year})::INTEGER AS outside FROM ${callerIndexAlias(year)}.${CALLER_INDEX_TABLE}`,
      )) as [{ n: number; outside: number }];
      expect(outside, String(year)).toBe(0);
      const entry = result.manifest.tables.find((t) => t.file === callerIndexFile(year));
      expect(entry?.rows, String(year)).toBe(n);
      expect(entry?.year).toBe(year);
      total += n;
    }
    expect(total).toBe(withNumber);
    // Per number, the raw files' count: none counted twice, none lost between the years.
    const counts = await native.all<{ caller_number: string; n: number }>(
      `SELECT caller_number, count(*)::INTEGER AS n FROM (${all(`${CALLER_NUMBER_SQL} AS caller_number`)}) GROUP BY ALL`,
    );
    expect(counts.length).toBe(raw.size);
    for (const { caller_number, n } of counts)
      expect(n, caller_number).toBe(raw.get(caller_number)?.complaints);
  });

  it('stores the number only where its digits differ from the key’s', async () => {
    const [row] = await native.all<{ stored: number; needed: number; rows: number }>(
      `SELECT count(caller_number)::INTEGER AS stored, count(*) FILTER (caller_number <> caller_key::VARCHAR)::INTEGER AS needed, count(*)::INTEGER AS rows FROM (${all('caller_key, caller_number')})`,
    );
    expect(row!.stored).toBe(row!.needed);
    expect(row!.stored).toBeLessThan(row!.rows / 10);
  });

  it.each([2025, 2026])(
    'is sorted by the number in %s, so one number spans at most two row groups a year',
    async (year) => {
      const alias = callerIndexAlias(year);
      const rows = await native.all<{ caller_key: number }>(
        `SELECT caller_key FROM ${alias}.${CALLER_INDEX_TABLE}`,
      );
      expect(rows.length).toBeGreaterThan(2 * CALLER_ROW_GROUP_SIZE);
      for (let i = 1; i < rows.length; i++)
        expect(rows[i - 1]!.caller_key <= rows[i]!.caller_key, `row ${i}`).toBe(true);
      // Row groups hold CALLER_ROW_GROUP_SIZE consecutive rows; the most-reported number's rows are consecutive.
      const [top] = [...raw.entries()].sort((a, b) => b[1].complaints - a[1].complaints);
      const [span] = await native.all<{ groups: number; n: number }>(
        `SELECT count(DISTINCT rowid // ${CALLER_ROW_GROUP_SIZE})::INTEGER AS groups, count(*)::INTEGER AS n FROM ${alias}.${CALLER_INDEX_TABLE} WHERE caller_key = $1`,
        [Number(top![0])],
      );
      expect(span!.groups).toBeLessThanOrEqual(Math.ceil(span!.n / CALLER_ROW_GROUP_SIZE) + 1);
      const [{ groups }] = (await native.all<{ groups: number }>(
        `SELECT count(DISTINCT row_group_id)::INTEGER AS groups FROM pragma_storage_info('${alias}.${CALLER_INDEX_TABLE}')`,
      )) as [{ groups: number }];
      expect(groups).toBeGreaterThanOrEqual(Math.floor(rows.length / CALLER_ROW_GROUP_SIZE));
    },
  );

  it('answers a lookup in the browser engine as the raw files do', () => {
    const ranked = [...raw.entries()].sort((a, b) => b[1].complaints - a[1].complaints);
    const numbers = [
      ranked[0]![0],
      ranked[Math.floor(ranked.length / 2)]![0],
      ranked.at(-1)![0],
    ].filter((n) => /^\d{1,18}$/.test(n));
    expect(numbers.length).toBeGreaterThan(1);
    for (const number of numbers) {
      const expected = raw.get(number)!;
      const [row] = wasm.rows(`
        SELECT count(*)::INTEGER AS n, strftime(min(created_date), '%Y-%m-%d') AS first, strftime(max(created_date), '%Y-%m-%d') AS last,
               count(*) FILTER (robocall)::INTEGER AS yes, count(*) FILTER (NOT robocall)::INTEGER AS no
        FROM (${all('caller_key, caller_number, created_date, robocall')}) WHERE caller_key = ${Number(number)} AND ${CALLER_NUMBER_SQL} = '${number}'`);
      expect(row).toEqual({
        n: expected.complaints,
        first: expected.firstDay,
        last: expected.lastDay,
        yes: expected.robocall.yes,
        no: expected.robocall.no,
      });
    }
  });
});
