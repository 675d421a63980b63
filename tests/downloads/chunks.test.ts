/**
 * Download pieces (src/lib/download/chunks.ts) in native DuckDB over a sample build's DuckDB files:
 * the plan by day and the pieces it makes (ranges of days, pages within a big day), read one after
 * the other, give exactly the rows of `rowsQuery`, in its order, none twice, whatever the piece
 * size; the filters stay bound parameters. The engine's CSV of those pieces (`csvCopyQuery`) is
 * byte for byte what the JavaScript writer makes of the same rows, and the plan counts the cells
 * the spreadsheet rule changes as the JavaScript rule does.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../scripts/lib/duckdb';
import {
  dayCountsQuery,
  downloadPieces,
  planChunks,
  type DayCount,
} from '../../src/lib/download/chunks';
import {
  csvCopyQuery,
  csvHeader,
  csvRows,
  kindOfDuckDbType,
  looksLikeFormula,
  type CsvColumn,
} from '../../src/lib/download/csv';
import { COMPLAINT_COLUMNS } from '../../src/lib/catalog/tables';
import { ROW_COLUMNS, rowsQuery, type BuiltQuery } from '../../src/lib/explore/queries';
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

async function planOf(state: ExploreView, formulaColumns: string[] = []) {
  const plan = await run(dayCountsQuery(rowsQuery(state, 'bound', layout), formulaColumns));
  return {
    days: plan.map((r) => ({ day: String(r.day), rows: Number(r.rows) })),
    formulas: plan.reduce((n, r) => n + Number(r.formulas ?? 0), 0),
  };
}

const COLUMNS: CsvColumn[] = ROW_COLUMNS.map((name) => ({
  name,
  kind: kindOfDuckDbType(COMPLAINT_COLUMNS.find((c) => c.name === name)!.type),
}));

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

describe('pages within a day', () => {
  it.each(views)('give exactly the rows of rowsQuery for %j', async (view) => {
    const state = { ...DEFAULT_VIEW, ...view };
    const all = await run(rowsQuery(state, 'bound', layout));
    expect(all.length).toBeLessThan(20_000);
    const { days } = await planOf(state);
    // 97 rows is less than most days hold: those days are read in pages.
    for (const size of [97, 4_567]) {
      const pieces = downloadPieces(state, layout, days, size);
      const read: Record<string, unknown>[] = [];
      for (const piece of pieces) {
        const rows = await run(piece.query);
        expect(rows.length).toBe(piece.rows);
        read.push(...rows);
      }
      expect(read).toEqual(all);
      if (size === 97 && all.length > 2_000)
        expect(pieces.length).toBeGreaterThan(planChunks(days, size).length);
    }
  });

  it('keep the filters bound', () => {
    const state = { ...DEFAULT_VIEW, states: ["OH' OR 1=1 --"] };
    const pieces = downloadPieces(state, layout, [{ day: '2026-01-02', rows: 30 }], 10);
    expect(pieces.map((p) => p.rows)).toEqual([10, 10, 10]);
    for (const { query } of pieces) {
      expect(query.sql).not.toContain('OR 1=1');
      expect(query.params).toContain("OH' OR 1=1 --");
      expect((query.sql.match(/\?/g) ?? []).length).toBe(query.params.length);
    }
    expect(() => downloadPieces(state, layout, [], 0)).toThrow(/piece size/);
  });
});

describe('the CSV the engine writes', () => {
  it.each(views)('is the bytes the JavaScript writer makes of the same rows, %j', async (view) => {
    const state = { ...DEFAULT_VIEW, ...view };
    const rows = await run(rowsQuery(state, 'bound', layout));
    for (const neutralise of [true, false]) {
      const options = { neutralise, stats: { neutralised: 0 } };
      const expected =
        csvHeader(COLUMNS, { bom: true }) +
        csvRows(
          COLUMNS,
          rows.map((r) => COLUMNS.map((c) => r[c.name])),
          options,
        );
      const { days, formulas } = await planOf(
        state,
        COLUMNS.filter((c) => c.kind === 'text').map((c) => c.name),
      );
      const file = join(tmp.dir, 'piece.csv');
      let written = csvHeader(COLUMNS, { bom: true });
      for (const piece of downloadPieces(state, layout, days, 1_500)) {
        const copy = csvCopyQuery(piece.query, COLUMNS, file, { neutralise });
        await db.run(copy.sql, copy.params);
        written += readFileSync(file, 'utf8');
      }
      expect(written).toBe(expected);
      // The plan's count of changed cells is what the JavaScript rule changes (0 when it is off).
      if (neutralise) expect(formulas).toBe(options.stats.neutralised);
    }
  });

  it('neutralises in SQL exactly what the JavaScript rule does, and counts it', async () => {
    const cells = [
      '=1+1',
      ' =1',
      '\uFEFF=2',
      '\uFEFFplain',
      '-3',
      "'=4",
      'a,b',
      'say "hi"',
      'line\nbreak',
      '\tx',
      '',
      null,
      'Zürich',
      '＠x',
    ];
    const sql = `SELECT * FROM (VALUES ${cells.map((c, i) => `(${c === null ? 'NULL' : '?'}::VARCHAR, ${i})`).join(', ')}) AS t(city, n) ORDER BY n`;
    const params = cells.filter((c): c is string => c !== null);
    const file = join(tmp.dir, 'cells.csv');
    const columns: CsvColumn[] = [
      { name: 'city', kind: 'text' },
      { name: 'n', kind: 'number' },
    ];
    const copy = csvCopyQuery({ sql, params }, columns, file, { neutralise: true });
    await db.run(copy.sql, copy.params);
    const stats = { neutralised: 0 };
    expect(readFileSync(file, 'utf8')).toBe(
      csvRows(
        columns,
        cells.map((c, i) => [c, i]),
        { stats },
      ),
    );
    expect(stats.neutralised).toBe(cells.filter((c) => c !== null && looksLikeFormula(c)).length);
  });

  it('refuses a file or column name it would have to quote', () => {
    const q = { sql: 'SELECT 1 AS x', params: [] };
    expect(() => csvCopyQuery(q, COLUMNS, "x'.csv", { neutralise: true })).toThrow(/file name/);
    expect(() =>
      csvCopyQuery(q, [{ name: 'a b', kind: 'text' }], 'x.csv', { neutralise: true }),
    ).toThrow(/column name/);
  });
});
