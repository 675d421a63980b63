/**
 * The cube's caller ranking (cube.callers_monthly): the most-reported valid numbers nationally and
 * in each state, every number tied with the last one kept, plus every PoNE number. writeCube takes
 * each cut as a threshold; this test holds it to rank() over the complaints themselves, on counts
 * made so that both cuts fall inside ties and one state has fewer numbers than its cut.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../scripts/lib/duckdb';
import { loadReference } from '../../scripts/ingest/normalize';
import {
  addCubeParts,
  createCubeParts,
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
