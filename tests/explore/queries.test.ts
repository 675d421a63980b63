/**
 * The explorer's SQL, run in native DuckDB: the bound query on the DuckDB files (what the browser
 * runs) and the literal query on the Parquet downloads (what "Show the SQL" prints) must give the
 * same numbers, and the count must equal an independent count of the rows.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../scripts/lib/duckdb';
import { REFERENCE_DIR } from '../../scripts/lib/reference';
import {
  chartQuery,
  countQuery,
  PAGE_SIZE,
  rowsQuery,
  tablePage,
  tableQuery,
  inFileOrder,
  ROW_COLUMNS,
  type BuiltQuery,
} from '../../src/lib/explore/queries';
import { rowSource } from '../../src/lib/explore/sources';
import { ROW_ORDER } from '../../scripts/ingest/normalize';
import type { DataLayout } from '../../src/lib/explore/sources';
import { DEFAULT_VIEW, type ExploreView } from '../../src/lib/explore/view';
import { callerIndexAlias, callerIndexFile } from '../../src/lib/caller/lookup';
import { nationalRate, type StateRef } from '../../src/lib/site-data/shape';
import { buildSample } from '../helpers/sample-build';
import { tempDir } from '../helpers/temp';

const VIEWS: Partial<ExploreView>[] = [
  {},
  { states: ['OH'] },
  { states: ['CA', 'TX'], from: '2026-02', to: '2026-05', interval: 'week' },
  { subjects: ['imposters', 'warranties'], robocall: ['yes', 'unknown'] },
  { areas: ['614', '212'], from: '2025-11' },
  { areas: ['614'], subjects: ['other'], from: '2026-01-15', to: '2026-03-03', interval: 'day' },
  { measure: 'per100k', states: ['OH', 'PA', 'WV'] },
  { measure: 'per100k' },
  { measure: 'robocall_share', from: '2026' },
  { states: ['NY'], robocall: ['no'], interval: 'year' },
];
const CHARTS = ['trend', 'map', 'subjects', 'area-codes', 'callers', 'providers', 'table'] as const;

describe('explorer queries', () => {
  const tmp = tempDir('queries');
  let db: Db;
  let layout: DataLayout;
  let years: number[];
  let out: string;

  beforeAll(async () => {
    const built = await buildSample(tmp.dir, { days: 400, volume: 500, seed: 11 });
    out = built.out;
    const { result } = built;
    years = result.manifest.tables.filter((t) => t.name === 'complaints').map((t) => t.year!);
    layout = {
      years,
      attachedYear: (y) => `c${y}`,
      parquetFile: (y) => join(out, 'downloads', `complaints-${y}.parquet`),
      referenceFile: (name) => join(REFERENCE_DIR, `${name}.csv`),
    };
    db = await openDb();
    await db.run(`ATTACH '${join(out, 'cube.duckdb')}' AS cube (READ_ONLY)`);
    for (const y of years)
      await db.run(`ATTACH '${join(out, `complaints-${y}.duckdb`)}' AS c${y} (READ_ONLY)`);
  });
  afterAll(() => {
    db?.close();
    tmp.cleanup();
  });

  const run = (q: BuiltQuery) => db.all(q.sql, q.params);

  it('spans two yearly files', () => expect(years.length).toBe(2));

  describe.each(VIEWS)('view %j', (view) => {
    const state: ExploreView = { ...DEFAULT_VIEW, ...view };

    it('counts what an independent query over the rows counts', async () => {
      const bound = await run(countQuery(state, 'bound', layout));
      const literal = await run(countQuery(state, 'literal', layout));
      const independent = await db.all<{ n: number }>(
        `SELECT count(*)::BIGINT AS n FROM (${years.map((y) => `SELECT * FROM c${y}.complaints`).join(' UNION ALL ')}) WHERE ${independentWhere(state)}`,
      );
      expect(bound).toEqual([{ complaints: independent[0]!.n }]);
      expect(literal).toEqual(bound);
    });

    it('gives the table page and its count in one query, also past the last page', async () => {
      const [{ complaints }] = (await run(countQuery(state, 'bound', layout))) as [
        { complaints: number },
      ];
      const last = Math.max(1, Math.ceil(complaints / PAGE_SIZE));
      for (const page of [1, 2, last, last + 1]) {
        const s = { ...state, chart: 'table' as const, page };
        const one = tablePage(await run(tableQuery(s, 'bound', layout)));
        expect(one.matching).toBe(complaints);
        expect(one.rows).toEqual(await run(chartQuery(s, 'bound', layout)));
        if (page === last + 1) expect(one.rows).toEqual([]);
      }
    });

    it.each(CHARTS)(
      'gives the same %s from the DuckDB files as from the Parquet downloads',
      async (chart) => {
        const s = { ...state, chart };
        const bound = await run(chartQuery(s, 'bound', layout));
        const literal = await run(chartQuery(s, 'literal', layout));
        expect(bound).toEqual(literal);
      },
    );
  });

  it('uses the cube where it can and the rows where it must', () => {
    const base = DEFAULT_VIEW;
    expect(countQuery(base, 'bound', layout).source).toBe('monthly');
    expect(countQuery({ ...base, from: '2026', to: '2026-03' }, 'bound', layout).source).toBe(
      'monthly',
    );
    expect(countQuery({ ...base, from: '2026-01-15' }, 'bound', layout).source).toBe('daily');
    expect(chartQuery({ ...base, interval: 'week' }, 'bound', layout).source).toBe('daily');
    expect(countQuery({ ...base, areas: ['614'] }, 'bound', layout).source).toBe(
      'area_codes_monthly',
    );
    expect(
      countQuery({ ...base, areas: ['614'], subjects: ['other'] }, 'bound', layout).source,
    ).toBe('rows');
    expect(
      countQuery({ ...base, areas: ['614'], from: '2026-01-15' }, 'bound', layout).source,
    ).toBe('rows');
    expect(chartQuery({ ...base, chart: 'callers' }, 'bound', layout).source).toBe(
      'callers_monthly',
    );
    expect(chartQuery({ ...base, chart: 'callers', from: '2026-03' }, 'bound', layout).source).toBe(
      'rows',
    );
    expect(
      chartQuery({ ...base, chart: 'providers', states: ['OH'] }, 'bound', layout).source,
    ).toBe('pone_complaints_monthly');
  });

  it('pages one state of one year in file order, without sorting, exactly as a sort of its rows', async () => {
    // The sample's year files fit in one row group, where any scan keeps the order: copy the last
    // year into 2,048-row groups and scan it on four threads, so a page really is assembled from
    // row groups read in parallel.
    const year = years.at(-1)!;
    await db.run(`SET threads = 4;
      ATTACH '${join(tmp.dir, 'small-groups.duckdb')}' AS small (ROW_GROUP_SIZE 2048);
      CREATE TABLE small.complaints AS SELECT * FROM c${year}.complaints ORDER BY ${ROW_ORDER};`);
    const [stored] = await db.all<{ groups: number }>(
      `SELECT count(DISTINCT row_group_id)::INT AS groups FROM pragma_storage_info('small.complaints')`,
    );
    expect(stored!.groups).toBeGreaterThan(20);
    const small: DataLayout = { ...layout, attachedYear: (y) => (y === year ? 'small' : `c${y}`) };
    const byPageOrder = (a: Record<string, unknown>, b: Record<string, unknown>) =>
      String(a.created_at).localeCompare(String(b.created_at)) ||
      String(a.source_file).localeCompare(String(b.source_file)) ||
      Number(a.source_line) - Number(b.source_line);
    for (const v of [
      { states: ['CA'], from: String(year), to: String(year) },
      { states: ['OH'], from: `${year}-02`, to: `${year}-03-20`, robocall: ['yes' as const] },
    ]) {
      const view = { ...DEFAULT_VIEW, ...v, chart: 'table' as const };
      expect(inFileOrder(view, rowSource(view, 'bound', small))).toBe(true);
      expect(rowsQuery(view, 'bound', small, { limit: 1, offset: 0 }).sql).not.toContain(
        'ORDER BY',
      );
      // The expected rows: every row of the state in the range, sorted here, not by DuckDB.
      const all = (
        await db.all<Record<string, unknown>>(
          `SELECT ${ROW_COLUMNS.join(', ')} FROM c${year}.complaints WHERE ${independentWhere(view)}`,
        )
      ).sort(byPageOrder);
      expect(all.length).toBeGreaterThan(3 * PAGE_SIZE);
      const last = Math.ceil(all.length / PAGE_SIZE);
      for (const page of [1, 2, Math.ceil(last / 2), last]) {
        const shown = tablePage(await run(tableQuery({ ...view, page }, 'bound', small)));
        expect(shown.matching).toBe(all.length);
        expect(shown.rows, `${JSON.stringify(v)} page ${page}`).toEqual(
          all.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE),
        );
      }
    }
    // Two states, or two years, are not one stretch of one file: those pages are sorted.
    const two = { ...DEFAULT_VIEW, chart: 'table' as const, states: ['CA', 'OH'] };
    expect(inFileOrder(two, rowSource(two, 'bound', small))).toBe(false);
    const both = { ...DEFAULT_VIEW, chart: 'table' as const, states: ['CA'] };
    expect(inFileOrder(both, rowSource(both, 'bound', small))).toBe(false);
    expect(rowsQuery(both, 'bound', small, { limit: 1, offset: 0 }).sql).toContain('ORDER BY');
    // A sorted page keeps its order through the join with its count, on four threads too.
    const twoOfYear = { ...two, from: String(year), to: String(year) };
    const sortedHere = (
      await db.all<Record<string, unknown>>(
        `SELECT ${ROW_COLUMNS.join(', ')} FROM c${year}.complaints WHERE ${independentWhere(twoOfYear)}`,
      )
    ).sort(byPageOrder);
    for (const page of [1, 3]) {
      const shown = tablePage(await run(tableQuery({ ...twoOfYear, page }, 'bound', small)));
      expect(shown.matching).toBe(sortedHere.length);
      expect(shown.rows).toEqual(sortedHere.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE));
    }
    await db.run('DETACH small; SET threads = 2');
  });

  it('binds every value from the URL as a parameter, never as text', () => {
    const hostile = {
      ...DEFAULT_VIEW,
      states: ["OH' OR 1=1 --"],
      subjects: ['x"; DROP TABLE complaints; --'],
      areas: ['614'],
    };
    for (const chart of CHARTS) {
      const q = chartQuery({ ...hostile, chart }, 'bound', layout);
      expect(q.sql).not.toContain('OR 1=1');
      expect(q.sql).not.toContain('DROP');
      expect(q.params).toContain("OH' OR 1=1 --");
    }
    const literal = countQuery(hostile, 'literal', layout).sql;
    expect(literal).toContain("'OH'' OR 1=1 --'"); // quoted, so it stays a string
  });

  it('divides a national rate by the 50 states and DC, as the static pages do (Puerto Rico has its own)', async () => {
    const view = { ...DEFAULT_VIEW, measure: 'per100k' as const, interval: 'year' as const };
    const shown = await db.all<{ date: string; value: number }>(
      chartQuery(view, 'bound', layout).sql,
      chartQuery(view, 'bound', layout).params,
    );
    const places = await db.all<StateRef>(
      'SELECT usps, fips, name, population_2020, kind FROM cube.states',
    );
    expect(places.some((p) => p.usps === 'PR' && p.population_2020)).toBe(true);
    const rows = years.map((y) => `SELECT state, created_date FROM c${y}.complaints`);
    const counted = await db.all<{ year: string; state: string; n: number }>(
      `SELECT strftime(created_date, '%Y') AS year, state, count(*)::BIGINT AS n FROM (${rows.join(' UNION ALL ')}) WHERE state IS NOT NULL GROUP BY ALL`,
    );
    expect(counted.some((r) => r.state === 'PR')).toBe(true);
    for (const row of shown) {
      const counts = new Map(
        counted.filter((c) => c.year === row.date.slice(0, 4)).map((c) => [c.state, c.n]),
      );
      expect(row.value).toBeCloseTo(nationalRate(counts, places)!, 2);
    }
    // A place outside the nation still has its own rate on the map.
    const map = await db.all<{ usps: string; value: number | null }>(
      chartQuery({ ...view, chart: 'map' }, 'bound', layout).sql,
      chartQuery({ ...view, chart: 'map' }, 'bound', layout).params,
    );
    expect(map.find((m) => m.usps === 'PR')?.value).toBeGreaterThan(0);
  });

  it('answers caller= from the caller index as the yearly files and the Parquet downloads do', async () => {
    for (const y of years)
      await db.run(
        `ATTACH '${join(out, callerIndexFile(y))}' AS ${callerIndexAlias(y)} (READ_ONLY)`,
      );
    const indexed: DataLayout = { ...layout, callerYears: years };
    const all = years
      .map((y) => `SELECT caller_number, state FROM c${y}.complaints`)
      .join(' UNION ALL ');
    // The most reported valid number, one reported once, and one nobody reported.
    const [top] = await db.all<{ caller_number: string }>(
      `SELECT caller_number FROM (${all}) WHERE caller_valid_like GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`.replace(
        'caller_valid_like',
        "regexp_full_match(caller_number, '[2-9][0-9]{2}[2-9][0-9]{6}')",
      ),
    );
    const [once] = await db.all<{ caller_number: string }>(
      `SELECT caller_number FROM (${all}) WHERE regexp_full_match(caller_number, '[0-9]{10}') GROUP BY 1 HAVING count(*) = 1 ORDER BY 1 LIMIT 1`,
    );
    const [state] = await db.all<{ state: string }>(
      `SELECT state FROM (${all}) WHERE caller_number = '${top!.caller_number}' AND state IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`,
    );
    const views: Partial<ExploreView>[] = [
      { caller: top!.caller_number },
      { caller: top!.caller_number, states: [state!.state], robocall: ['yes', 'no'] },
      { caller: top!.caller_number, from: '2026-01-15', interval: 'week' },
      { caller: once!.caller_number },
      { caller: '2125550199' },
    ];
    for (const v of views) {
      const view = { ...DEFAULT_VIEW, ...v };
      const counted = countQuery(view, 'bound', indexed);
      expect(counted.source, JSON.stringify(v)).toBe('caller_index');
      expect(chartQuery({ ...view, chart: 'area-codes' }, 'bound', indexed).source).toBe('rows');
      const independent = await db.all<{ n: number }>(
        `SELECT count(*)::BIGINT AS n FROM (${years.map((y) => `SELECT * FROM c${y}.complaints`).join(' UNION ALL ')}) WHERE ${independentWhere(view)}`,
      );
      expect(await run(counted), JSON.stringify(v)).toEqual([{ complaints: independent[0]!.n }]);
      expect(await run(countQuery(view, 'bound', layout))).toEqual(await run(counted));
      expect(await run(countQuery(view, 'literal', layout))).toEqual(await run(counted));
      for (const chart of CHARTS) {
        const c = { ...view, chart };
        const literal = await run(chartQuery(c, 'literal', layout));
        expect(await run(chartQuery(c, 'bound', indexed)), `${chart} ${JSON.stringify(v)}`).toEqual(
          literal,
        );
      }
    }
    expect(independentWhere({ ...DEFAULT_VIEW, caller: top!.caller_number })).toContain(
      top!.caller_number,
    );
    // The ranking of callers never comes from the cube's top numbers once a number is asked for.
    expect(
      chartQuery({ ...DEFAULT_VIEW, chart: 'callers', caller: '2125550199' }, 'bound', layout)
        .source,
    ).toBe('rows');
  });

  it('pages the table and downloads every matching row', async () => {
    const state = { ...DEFAULT_VIEW, chart: 'table' as const, states: ['OH'], page: 2 };
    const page = await run(chartQuery(state, 'bound', layout));
    expect(page).toHaveLength(50);
    const all = await run(rowsQuery(state, 'bound', layout));
    const [{ complaints }] = (await run(countQuery(state, 'bound', layout))) as [
      { complaints: number },
    ];
    expect(all).toHaveLength(complaints);
    expect(page).toEqual(all.slice(50, 100));
  });
});

/** The filters written by hand, without the query builder. */
function independentWhere(state: ExploreView): string {
  const conditions = ['TRUE'];
  const list = (values: string[]) => values.map((v) => `'${v}'`).join(', ');
  if (state.from)
    conditions.push(
      `created_date >= DATE '${state.from.length === 4 ? `${state.from}-01-01` : state.from.length === 7 ? `${state.from}-01` : state.from}'`,
    );
  if (state.to) conditions.push(`created_date < DATE '${endExclusive(state.to)}'`);
  if (state.states.length) conditions.push(`state IN (${list(state.states)})`);
  if (state.subjects.length) conditions.push(`subject IN (${list(state.subjects)})`);
  if (state.areas.length) conditions.push(`area_code IN (${list(state.areas)})`);
  if (state.caller) conditions.push(`caller_number = '${state.caller}'`);
  if (state.robocall.length) {
    const parts = state.robocall.map((r) =>
      r === 'yes' ? 'robocall' : r === 'no' ? 'NOT robocall' : 'robocall IS NULL',
    );
    conditions.push(`(${parts.join(' OR ')})`);
  }
  return conditions.join(' AND ');
}

function endExclusive(to: string): string {
  if (to.length === 4) return `${Number(to) + 1}-01-01`;
  if (to.length === 7) {
    const [y, m] = to.split('-').map(Number) as [number, number];
    return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  }
  const d = new Date(`${to}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
