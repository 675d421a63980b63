/**
 * The caller index (callers.duckdb): every complaint with a caller number exactly once, sorted by
 * the number so one number's complaints sit in one or two row groups, readable by the browser's
 * engine, and answering a lookup as the raw files do (counted with papaparse, not DuckDB).
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../scripts/lib/duckdb';
import {
  CALLER_INDEX_FILE,
  CALLER_INDEX_TABLE,
  CALLER_ROW_GROUP_SIZE,
} from '../../scripts/ingest/caller-index';
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

  beforeAll(async () => {
    const built = await buildSample(tmp.dir, { days: 20 });
    result = built.result;
    out = built.out;
    raw = rawCallerStats(built.raw);
    native = await openDb();
    await native.run(`ATTACH '${join(out, CALLER_INDEX_FILE)}' AS callers (READ_ONLY)`);
    wasm = await openWasmDb();
    wasm.attach('callers', join(out, CALLER_INDEX_FILE));
  }, 300_000);
  afterAll(() => {
    native?.close();
    wasm?.close();
    tmp.cleanup();
  });

  it('holds every complaint that gives a number, once, and the manifest lists it', async () => {
    const [{ n }] = (await native.all<{ n: number }>(
      `SELECT count(*) AS n FROM callers.${CALLER_INDEX_TABLE}`,
    )) as [{ n: number }];
    const withNumber = [...raw.values()].reduce((total, s) => total + s.complaints, 0);
    expect(n).toBe(withNumber);
    const [{ distinct }] = (await native.all<{ distinct: number }>(
      `SELECT count(DISTINCT (source_file, source_line)) AS distinct FROM callers.${CALLER_INDEX_TABLE}`,
    )) as [{ distinct: number }];
    expect(distinct).toBe(n);
    const entry = result.manifest.tables.find((t) => t.file === CALLER_INDEX_FILE);
    expect(entry?.rows).toBe(n);
  });

  it('is sorted by the number, so one number spans at most two row groups', async () => {
    const rows = await native.all<{ caller_key: number | null; caller_number: string }>(
      `SELECT caller_key, caller_number FROM callers.${CALLER_INDEX_TABLE}`,
    );
    for (let i = 1; i < rows.length; i++) {
      const a = rows[i - 1]!.caller_key ?? Infinity;
      const b = rows[i]!.caller_key ?? Infinity;
      expect(a <= b, `row ${i}`).toBe(true);
    }
    // Row groups hold CALLER_ROW_GROUP_SIZE consecutive rows; the most-reported number's rows are consecutive.
    const [top] = [...raw.entries()].sort((a, b) => b[1].complaints - a[1].complaints);
    const [span] = await native.all<{ groups: number; n: number }>(
      `SELECT count(DISTINCT rowid // ${CALLER_ROW_GROUP_SIZE})::INTEGER AS groups, count(*)::INTEGER AS n FROM callers.${CALLER_INDEX_TABLE} WHERE caller_number = $1`,
      [top![0]],
    );
    expect(span!.n).toBe(top![1].complaints);
    expect(span!.groups).toBeLessThanOrEqual(Math.ceil(span!.n / CALLER_ROW_GROUP_SIZE) + 1);
    const [{ groups }] = (await native.all<{ groups: number }>(
      `SELECT count(DISTINCT row_group_id)::INTEGER AS groups FROM pragma_storage_info('callers.${CALLER_INDEX_TABLE}')`,
    )) as [{ groups: number }];
    expect(groups).toBeGreaterThanOrEqual(Math.floor(rows.length / CALLER_ROW_GROUP_SIZE));
  });

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
        FROM callers.${CALLER_INDEX_TABLE} WHERE caller_key = ${Number(number)} AND caller_number = '${number}'`);
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
