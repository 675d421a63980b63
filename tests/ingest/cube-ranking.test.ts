/**
 * The cube's caller ranking (cube.callers_monthly): the most-reported valid numbers nationally and
 * in each state, every number tied with the last one kept, plus every PoNE number. writeCube takes
 * each cut as a threshold; the first test holds it to rank() over the complaints themselves, on
 * counts made so that both cuts fall inside ties and one state has fewer numbers than its cut.
 * The second holds the ranking across chunks (years and segments, summed only for the numbers
 * that can reach a cut: rankingSql) to a plain TypeScript ranking of the rows, on chunks made so
 * that the top numbers are in no chunk's own top list, some chunks read in place from Parquet.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../scripts/lib/duckdb';
import { loadReference } from '../../scripts/ingest/normalize';
import {
  addCubeParts,
  createCubeParts,
  CUBE_PARTS,
  noRestoredParts,
  TOP_CALLERS_NATIONAL,
  TOP_CALLERS_PER_STATE,
  writeCube,
} from '../../scripts/ingest/outputs';
import { REFERENCE_DIR } from '../../scripts/lib/reference';
import { COMPLAINT_COLUMNS } from '../../src/lib/catalog/tables';
import { tempDir } from '../helpers/temp';

describe('the cube keeps the top callers with their ties', () => {
  const tmp = tempDir('cube-ranking');
  let db: Db;
  let kept: string[];

  beforeAll(async () => {
    db = await openDb();
    await loadReference(db, REFERENCE_DIR);
    await db.run(
      `CREATE TEMP TABLE year_rows (${COMPLAINT_COLUMNS.map((c) => `${c.name} ${c.type}`).join(', ')})`,
    );
    await createCubeParts(db);
    // 600 valid numbers, number i reported floor((701 - i) / 3) times (ties of three everywhere:
    // numbers 498-500 share ranks 499-501, across the national cut of 500), one in seven in NY and
    // the rest in CA; one invalid number with the most complaints of all; TX with 24 numbers of
    // 3 complaints, 3 of 2 (tied at rank 25, the state cut) and 2 of 1; VT with three numbers,
    // fewer than its cut.
    await db.run(`
      INSERT INTO year_rows (source_file, source_line, created_at, created_date, caller_number, caller_valid, state, subject, robocall)
      SELECT 'f.csv', row_number() OVER (), TIMESTAMP '2026-03-01 12:00:00', DATE '2026-03-01',
        caller_number, caller_valid, state, 'none', true
      FROM (
        SELECT (2125550000 + i)::VARCHAR AS caller_number, true AS caller_valid,
          CASE WHEN i % 7 = 0 THEN 'NY' ELSE 'CA' END AS state, (701 - i) // 3 AS n
        FROM range(600) t(i)
        UNION ALL SELECT '0000000000', false, 'CA', 1000
        UNION ALL SELECT (5125550000 + i)::VARCHAR, true, 'TX', CASE WHEN i < 24 THEN 3 WHEN i < 27 THEN 2 ELSE 1 END FROM range(29) t(i)
        UNION ALL SELECT (8025550000 + i)::VARCHAR, true, 'VT', 1 FROM range(3) t(i)
      ), range(n);
    `);
    await addCubeParts(db);
    await writeCube(db, tmp.dir, REFERENCE_DIR);
    await db.run(`ATTACH '${tmp.dir}/cube.duckdb' AS cube (READ_ONLY)`);
    kept = (
      await db.all<{ caller_number: string }>(
        `SELECT DISTINCT caller_number FROM cube.callers_monthly ORDER BY 1`,
      )
    ).map((r) => r.caller_number);
  });

  afterAll(() => {
    db.close();
    tmp.cleanup();
  });

  it('keeps exactly the numbers rank() puts within each cut, and the PoNE numbers', async () => {
    const expected = await db.all<{ caller_number: string; national: number; in_state: number }>(`
      WITH totals AS (
        SELECT caller_number, state, count(*) AS n FROM year_rows WHERE caller_valid GROUP BY ALL),
      national AS (
        SELECT caller_number, rank() OVER (ORDER BY sum(n) DESC) AS r FROM totals GROUP BY ALL),
      in_state AS (
        SELECT caller_number, rank() OVER (PARTITION BY state ORDER BY n DESC) AS r FROM totals)
      SELECT caller_number FROM national WHERE r <= ${TOP_CALLERS_NATIONAL}
      UNION SELECT caller_number FROM in_state WHERE r <= ${TOP_CALLERS_PER_STATE}
      UNION SELECT caller_number FROM cube.pone_complaints_monthly
      ORDER BY 1`);
    expect(kept).toEqual(expected.map((r) => r.caller_number));
  });

  it('cuts inside ties, keeps a small state whole and never ranks an invalid number', async () => {
    expect(kept).toContain(String(2125550000 + 500));
    expect(kept).not.toContain(String(2125550000 + 501));
    for (let i = 0; i < 27; i++) expect(kept).toContain(String(5125550000 + i));
    for (let i = 27; i < 29; i++) expect(kept).not.toContain(String(5125550000 + i));
    for (let i = 0; i < 3; i++) expect(kept).toContain(String(8025550000 + i));
    expect(kept).not.toContain('0000000000');
  });
});

/** A complaint count of the fixture: `n` complaints of one number in one state within one chunk. */
interface Reports {
  chunk: number;
  number: string;
  state: string;
  valid: boolean;
  n: number;
}

/** The cuts as a reader would make them: every total at least the N-th largest (ties kept). */
function topByTotal(totals: Map<string, number>, n: number): string[] {
  const sorted = [...totals.values()].sort((a, b) => b - a);
  const least = sorted[Math.min(n, sorted.length) - 1] ?? Infinity;
  return [...totals].filter(([, t]) => t >= least).map(([key]) => key);
}

function expectedRanking(reports: Reports[]): Set<string> {
  const national = new Map<string, number>();
  const byState = new Map<string, Map<string, number>>();
  for (const r of reports.filter((r) => r.valid)) {
    national.set(r.number, (national.get(r.number) ?? 0) + r.n);
    const state = byState.get(r.state) ?? new Map<string, number>();
    state.set(r.number, (state.get(r.number) ?? 0) + r.n);
    byState.set(r.state, state);
  }
  return new Set([
    ...topByTotal(national, TOP_CALLERS_NATIONAL),
    ...[...byState.values()].flatMap((totals) => topByTotal(totals, TOP_CALLERS_PER_STATE)),
  ]);
}

describe('the ranking across chunks is the ranking of all the rows', () => {
  const tmp = tempDir('cube-ranking-chunks');
  let db: Db;
  const reports: Reports[] = [];
  // Four chunks (three years and the latest year's open month), the first two as a restored
  // year's parts are: Parquet files read in place.
  const CHUNK_DAYS = ['2023-01-02', '2024-01-02', '2025-01-02', '2026-03-02'];
  const SPREAD_NATIONAL = '3125550001';
  const SPREAD_IN_TX = '3125550002';
  const STATES = ['CA', 'NY', 'TX', 'VT'];

  beforeAll(async () => {
    // A fixed pseudo-random stream: the same fixture every run.
    let seed = 7;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    for (let chunk = 0; chunk < CHUNK_DAYS.length; chunk++) {
      // 600 of a pool of 3,000 numbers, 21 to 60 complaints each: sums over chunks decide the
      // national order, and ties are everywhere. VT gets one number in fifty.
      const picked = new Set<number>();
      while (picked.size < 600) picked.add(Math.floor(random() * 3000));
      for (const i of picked) {
        const draw = random();
        const state = draw < 0.02 ? 'VT' : STATES[Math.floor(draw * 3)]!;
        reports.push({
          chunk,
          number: String(2125550000 + i),
          state,
          valid: true,
          n: 21 + Math.floor(random() * 40),
        });
      }
      // Top of the whole archive, and in no chunk's own top 500: 20 a chunk, below every number
      // each chunk ranks, 80 in all; and in TX, 24 a chunk (below each chunk's TX top 25), 96.
      reports.push({ chunk, number: SPREAD_NATIONAL, state: 'CA', valid: true, n: 20 });
      reports.push({ chunk, number: SPREAD_IN_TX, state: 'TX', valid: true, n: 24 });
      // An invalid number with the most complaints of all: never ranked.
      reports.push({ chunk, number: '0000000000', state: 'CA', valid: false, n: 500 });
    }

    db = await openDb();
    await loadReference(db, REFERENCE_DIR);
    await db.run(
      `CREATE TEMP TABLE year_rows (${COMPLAINT_COLUMNS.map((c) => `${c.name} ${c.type}`).join(', ')})`,
    );
    await createCubeParts(db);
    const restored = noRestoredParts();
    for (let chunk = 0; chunk < CHUNK_DAYS.length; chunk++) {
      const values = reports
        .filter((r) => r.chunk === chunk)
        .map((r) => `('${r.number}', ${r.valid}, '${r.state}', ${r.n})`)
        .join(', ');
      await db.run(`
        DELETE FROM year_rows;
        INSERT INTO year_rows (source_file, source_line, created_at, created_date, caller_number, caller_valid, state, subject, robocall)
        SELECT 'f.csv', row_number() OVER (), TIMESTAMP '${CHUNK_DAYS[chunk]} 12:00:00', DATE '${CHUNK_DAYS[chunk]}',
          caller_number, caller_valid, state, 'none', true
        FROM (VALUES ${values}) v(caller_number, caller_valid, state, n), range(n);
      `);
      if (chunk < 2) {
        for (const [name, sql] of Object.entries(CUBE_PARTS)) {
          const file = `${tmp.dir}/${name}-${chunk}.parquet`;
          await db.run(
            `CREATE OR REPLACE TEMP TABLE year_${name} AS ${sql}; COPY year_${name} TO '${file}' (FORMAT parquet)`,
          );
          restored[name]!.push(file);
        }
      } else await addCubeParts(db);
    }
    await writeCube(db, tmp.dir, REFERENCE_DIR, restored);
    await db.run(`ATTACH '${tmp.dir}/cube.duckdb' AS cube (READ_ONLY)`);
  });

  afterAll(() => {
    db.close();
    tmp.cleanup();
  });

  it('keeps the numbers the rows rank, with their complaints from every chunk', async () => {
    const kept = await db.all<{ caller_number: string; complaints: number }>(
      `SELECT caller_number, sum(complaints)::INTEGER AS complaints FROM cube.callers_monthly GROUP BY ALL`,
    );
    const pone = new Set(
      (
        await db.all<{ caller_number: string }>(
          'SELECT DISTINCT caller_number FROM cube.pone_complaints_monthly',
        )
      ).map((r) => r.caller_number),
    );
    const expected = expectedRanking(reports);
    for (const number of pone) expected.add(number);
    expect(new Set(kept.map((r) => r.caller_number))).toEqual(expected);
    const totals = new Map<string, number>();
    for (const r of reports) totals.set(r.number, (totals.get(r.number) ?? 0) + r.n);
    for (const r of kept) expect(r.complaints, r.caller_number).toBe(totals.get(r.caller_number));
  });

  it("is a fixture where ranking each chunk's own top numbers would be wrong", () => {
    const expected = expectedRanking(reports);
    expect(expected).toContain(SPREAD_NATIONAL);
    expect(expected).toContain(SPREAD_IN_TX);
    for (let chunk = 0; chunk < CHUNK_DAYS.length; chunk++) {
      const own = reports.filter((r) => r.chunk === chunk && r.valid);
      const tops = expectedRanking(own);
      expect(tops).not.toContain(SPREAD_NATIONAL);
      expect(tops).not.toContain(SPREAD_IN_TX);
    }
    // The national cut falls inside a tie, and VT has fewer numbers than its cut.
    const national = new Map<string, number>();
    for (const r of reports.filter((r) => r.valid))
      national.set(r.number, (national.get(r.number) ?? 0) + r.n);
    const sorted = [...national.values()].sort((a, b) => b - a);
    expect(sorted[TOP_CALLERS_NATIONAL]).toBe(sorted[TOP_CALLERS_NATIONAL - 1]);
    expect(new Set(reports.filter((r) => r.state === 'VT').map((r) => r.number)).size).toBeLessThan(
      TOP_CALLERS_PER_STATE * CHUNK_DAYS.length,
    );
  });
});
