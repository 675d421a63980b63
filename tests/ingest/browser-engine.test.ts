/**
 * The `.duckdb` files ingest writes must open in duckdb-wasm (the browser's engine, here in its
 * Node build) and answer the same questions as native DuckDB.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../scripts/lib/duckdb';
import { openWasmDb, type WasmDb } from '../helpers/wasm-duckdb';
import { buildSample } from '../helpers/sample-build';
import { tempDir } from '../helpers/temp';
import {
  CALLER_INDEX_BLOCK_SIZE,
  COMPLAINTS_BLOCK_SIZE,
  CUBE_BLOCK_SIZE,
} from '../../src/lib/engine/worker-config';

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
  let out: string;
  let files: string[];

  beforeAll(async () => {
    const built = await buildSample(tmp.dir, { days: 8 });
    const result = built.result;
    out = built.out;
    files = (await readdir(out)).filter((name) => name.endsWith('.duckdb'));
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

  // The engine's worker fetches each file in whole blocks of the size it is told
  // (src/client/engine.ts); a file written in other blocks would be fetched in misaligned pieces.
  it('writes each file in the block size the engine fetches it in', async () => {
    const blockSizes: [RegExp, number][] = [
      [/^cube\.duckdb$/, CUBE_BLOCK_SIZE],
      [/^complaints-\d{4}\.duckdb$/, COMPLAINTS_BLOCK_SIZE],
      [/^callers-\d{4}\.duckdb$/, CALLER_INDEX_BLOCK_SIZE],
    ];
    const expected = (name: string) =>
      blockSizes.find(([pattern]) => pattern.test(name))?.[1] ?? null;
    expect(files.some((name) => name.startsWith('callers-'))).toBe(true);
    const db = await openDb();
    try {
      for (const [i, name] of files.entries()) {
        expect(expected(name), name).not.toBeNull();
        await db.run(`ATTACH '${join(out, name)}' AS f${i} (READ_ONLY)`);
        const [row] = await db.all<{ block_size: number }>(
          `SELECT block_size::INTEGER AS block_size FROM pragma_database_size() WHERE database_name = 'f${i}'`,
        );
        expect(row?.block_size, name).toBe(expected(name));
      }
    } finally {
      db.close();
    }
  });
});
