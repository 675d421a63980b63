/**
 * The `.duckdb` files ingest writes must open in duckdb-wasm (the browser's engine, here in its
 * Node build) and answer the same questions as native DuckDB.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../scripts/lib/duckdb';
import { openWasmDb, type WasmDb } from '../helpers/wasm-duckdb';
import { buildSample } from '../helpers/sample-build';
import { tempDir } from '../helpers/temp';

const QUERIES = [
  `SELECT state, subject, robocall, count(*)::BIGINT AS n FROM c.complaints GROUP BY ALL ORDER BY ALL`,
  `SELECT area_code, state_from, count(*)::BIGINT AS n, min(source_line) AS first_line FROM c.complaints GROUP BY ALL ORDER BY ALL`,
  `SELECT strftime(created_date, '%Y-%m-%d') AS day, count(*)::BIGINT AS n FROM c.complaints WHERE state IN ('CA', 'OH') AND robocall GROUP BY ALL ORDER BY ALL`,
  `SELECT strftime(month, '%Y-%m') AS month, state, sum(complaints)::BIGINT AS n FROM cube.monthly GROUP BY ALL ORDER BY ALL`,
  `SELECT provider, sum(complaints)::BIGINT AS n FROM cube.pone_complaints_monthly GROUP BY ALL ORDER BY ALL`,
  `SELECT usps, population_2020 FROM cube.states ORDER BY usps`,
];

describe('the browser engine reads what ingest writes', () => {
  const tmp = tempDir('wasm');
  let native: Db;
  let wasm: WasmDb;

  beforeAll(async () => {
    const { out, result } = await buildSample(tmp.dir, { days: 8 });
    const complaintFile = result.manifest.tables.find((t) => t.name === 'complaints')!.file;
    native = await openDb();
    await native.run(
      `ATTACH '${join(out, complaintFile)}' AS c (READ_ONLY); ATTACH '${join(out, 'cube.duckdb')}' AS cube (READ_ONLY)`,
    );
    wasm = await openWasmDb();
    wasm.attach('c', join(out, complaintFile));
    wasm.attach('cube', join(out, 'cube.duckdb'));
  });
  afterAll(() => {
    native?.close();
    wasm?.close();
    tmp.cleanup();
  });

  it.each(QUERIES)('answers %s like native DuckDB', async (sql) => {
    const expected = await native.all(sql);
    expect(expected.length).toBeGreaterThan(0);
    const actual = wasm
      .rows(sql)
      .map((row) =>
        Object.fromEntries(
          Object.entries(row).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v]),
        ),
      );
    expect(actual).toEqual(expected);
  });
});
