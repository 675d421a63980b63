/**
 * Download pieces (src/lib/download/chunks.ts) in native DuckDB over a sample build's DuckDB files:
 * the plan by day and the ranges it makes, and keyset pages within a day, read one after the
 * other, give exactly the rows of `rowsQuery`, in its order, none twice, whatever the piece size;
 * the filters stay bound parameters.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../scripts/lib/duckdb';
import {
  chunkCount,
  chunkQuery,
  dayCountsQuery,
  KEY_COLUMN,
  keyOf,
  planChunks,
  type DayCount,
  type RowKey,
} from '../../src/lib/download/chunks';
import { rowsQuery, type BuiltQuery } from '../../src/lib/explore/queries';
import type { DataLayout } from '../../src/lib/explore/sources';
import { DEFAULT_VIEW, type ExploreView } from '../../src/lib/explore/view';
import { buildSample } from '../helpers/sample-build';
import { tempDir } from '../helpers/temp';

const tmp = tempDir('chunks');
let db: Db;
let layout: DataLayout;

beforeAll(async () => {
  // Spans a new year, so the rows come from two yearly files.
  const { out, result } = await buildSample(tmp.dir, {
    days: 40,
    end: '2026-01-20',
    seed: 5,
    volume: 200,
  });
  const years = result.manifest.tables.filter((t) => t.name === 'complaints').map((t) => t.year!);
  layout = {
    years,
    attachedYear: (y) => `c${y}`,
    parquetFile: (y) => `complaints-${y}.parquet`,
    referenceFile: (n) => `${n}.csv`,
  };
  db = await openDb();
  for (const y of years)
    await db.run(`ATTACH '${join(out, `complaints-${y}.duckdb`)}' AS c${y} (READ_ONLY)`);
});

afterAll(() => {
  db?.close();
  tmp.cleanup();
});

const run = (q: BuiltQuery) => db.all<Record<string, unknown>>(q.sql, q.params);

async function readInChunks(
  rows: BuiltQuery,
  size: number,
): Promise<{ rows: Record<string, unknown>[]; queries: number }> {
  const out: Record<string, unknown>[] = [];
  let after: RowKey | null = null;
  let queries = 0;
  for (;;) {
    const chunk = await run(chunkQuery(rows, after, size));
    queries++;
    out.push(...chunk);
    if (chunk.length < size) return { rows: out, queries };
    const last = chunk.at(-1)!;
    after = keyOf({
      createdUs: last[KEY_COLUMN],
      sourceFile: last.source_file,
      sourceLine: last.source_line,
    });
  }
}

const views: Partial<ExploreView>[] = [
  {},
  { states: ['CA', 'TX'], robocall: ['yes'] },
  { from: '2025-12-24', to: '2026-01-05' },
  { areas: ['212', '614'], from: '2025-12' },
  { states: ['WY'], subjects: ['no-such-subject'] },
];

describe('planChunks', () => {
  const day = (d: number) => `2026-01-${String(d).padStart(2, '0')}`;
  it('groups consecutive days up to the limit, a big day alone', () => {
    const days: DayCount[] = [
      { day: day(1), rows: 40 },
      { day: day(2), rows: 50 },
      { day: day(3), rows: 10 },
      { day: day(4), rows: 1 },
      { day: day(5), rows: 250 },
      { day: day(6), rows: 0 },
      { day: day(7), rows: 100 },
    ];
    expect(planChunks(days, 100)).toEqual([
      { from: day(1), to: day(3), rows: 100 },
      { from: day(4), to: day(4), rows: 1 },
      { from: day(5), to: day(5), rows: 250 },
      { from: day(7), to: day(7), rows: 100 },
    ]);
    expect(planChunks([], 100)).toEqual([]);
  });

  it('wants days in order', () => {
    expect(() =>
      planChunks([
        { day: day(2), rows: 1 },
        { day: day(1), rows: 1 },
      ]),
    ).toThrow(/ascending/);
    expect(() => planChunks([{ day: 'Jan 1', rows: 1 }])).toThrow(/YYYY-MM-DD/);
  });
});

describe('pieces by day', () => {
  it.each(views)('give exactly the rows of rowsQuery for %j', async (view) => {
    const state = { ...DEFAULT_VIEW, ...view };
    const all = await run(rowsQuery(state, 'bound', layout));
    const days = (await run(dayCountsQuery(rowsQuery(state, 'bound', layout)))).map((r) => ({
      day: String(r.day),
      rows: Number(r.rows),
    }));
    expect(days.reduce((n, d) => n + d.rows, 0)).toBe(all.length);
    for (const limit of [700, 5_000]) {
      const pieces: Record<string, unknown>[] = [];
      for (const range of planChunks(days, limit))
        pieces.push(
          ...(await run(rowsQuery({ ...state, from: range.from, to: range.to }, 'bound', layout))),
        );
      expect(pieces).toEqual(all);
    }
  });
});

describe('keyset chunks', () => {
  it.each(views)('give exactly the rows of rowsQuery for %j', async (view) => {
    const state = { ...DEFAULT_VIEW, ...view };
    const rows = rowsQuery(state, 'bound', layout);
    const all = await run(rows);
    expect(all.length).toBeLessThan(20_000);
    for (const size of [1_000, 4_567]) {
      const { rows: chunked, queries } = await readInChunks(rows, size);
      expect(chunked.map(({ [KEY_COLUMN]: _, ...rest }) => rest)).toEqual(all);
      expect(queries).toBe(Math.floor(all.length / size) + 1);
    }
  });

  it('pages through ties in created_at by file and line', async () => {
    const all = rowsQuery(DEFAULT_VIEW, 'bound', layout);
    // Two complaints created in the same second: read their day and states one row at a time.
    const [tie] = await db.all<{ day: string; states: string[] }>(
      `SELECT strftime(any_value(created_date), '%Y-%m-%d') AS day, list(DISTINCT state) AS states FROM (${all.sql}) WHERE state IS NOT NULL GROUP BY created_at HAVING count(*) > 1 LIMIT 1`,
      all.params,
    );
    expect(tie, 'the sample has complaints created in the same second').toBeDefined();
    const rows = rowsQuery(
      { ...DEFAULT_VIEW, from: tie!.day, to: tie!.day, states: [...tie!.states].sort() },
      'bound',
      layout,
    );
    const expected = await run(rows);
    const { rows: chunked } = await readInChunks(rows, 1);
    expect(chunked.map(({ [KEY_COLUMN]: _, ...rest }) => rest)).toEqual(expected);
    const keys = chunked.map((r) => `${String(r.source_file)}:${String(r.source_line)}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('keeps the filters bound and adds its own parameters after them', () => {
    const rows = rowsQuery({ ...DEFAULT_VIEW, states: ["OH' OR 1=1 --"] }, 'bound', layout);
    const q = chunkQuery(
      rows,
      {
        createdUs: 1_767_323_045_000_000,
        sourceFile: "x'; DROP TABLE c2026.complaints; --",
        sourceLine: 3,
      },
      10,
    );
    expect(q.sql).not.toContain('OR 1=1');
    expect(q.sql).not.toContain('DROP');
    expect(q.params).toEqual([
      ...rows.params,
      1_767_323_045_000_000,
      1_767_323_045_000_000,
      1_767_323_045_000_000,
      "x'; DROP TABLE c2026.complaints; --",
      "x'; DROP TABLE c2026.complaints; --",
      3,
      10,
    ]);
    expect((q.sql.match(/\?/g) ?? []).length).toBe(q.params.length);
  });

  it('refuses a paged query, a bad size and a bad key', () => {
    const paged = rowsQuery(DEFAULT_VIEW, 'bound', layout, { limit: 50, offset: 0 });
    expect(() => chunkQuery(paged, null)).toThrow(/without a page/);
    expect(() => chunkQuery(rowsQuery(DEFAULT_VIEW, 'bound', layout), null, 0)).toThrow(
      /chunk size/,
    );
    expect(() => keyOf({ createdUs: 'x', sourceFile: 'f', sourceLine: 1 })).toThrow(/key/);
    expect(chunkCount(0)).toBe(1);
    expect(chunkCount(100_001, 50_000)).toBe(3);
  });
});
