/**
 * The oracle against the project's own queries, without a browser: for seeded random views, every
 * chart and every measure that applies, the explorer's SQL runs on native DuckDB over the shared
 * test build, its rows are shaped as the page shapes them (src/lib/numbers/chart-data.ts), and
 * the numbers table must say what the oracle computed from the raw CSV files. Fast, so it covers
 * more views than the Chromium test; the named regressions of issue 8 are here too.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../scripts/lib/duckdb';
import { chartQuery, countQuery } from '../../src/lib/explore/queries';
import type { DataLayout } from '../../src/lib/explore/sources';
import { dateBounds } from '../../src/lib/dates';
import { parseExploreView, type ExploreView } from '../../src/lib/explore/view';
import type { Manifest } from '../../src/lib/manifest';
import { shapeChart } from '../../src/lib/numbers/chart-data';
import { effectiveView } from '../../src/lib/numbers/measures';
import { getSiteBuild } from '../helpers/site-build';
import { openNativeData } from '../helpers/native-data';
import {
  CHART_NAMES,
  compareChart,
  measuresFor,
  queryOf,
  randomCases,
  TOP,
  type Case,
  type ChartName,
  type Shown,
} from './compare';
import { Oracle, type Measure } from './oracle';

let db: Db;
let layout: DataLayout;
let oracle: Oracle;
let vocabulary: { states: Set<string>; subjects: Set<string> };
let populations: Map<string, number | null>;

beforeAll(async () => {
  const site = await getSiteBuild();
  oracle = new Oracle(join(site.data, '..', 'sample'));
  const manifest = JSON.parse(readFileSync(join(site.data, 'manifest.json'), 'utf8')) as Manifest;
  ({ db, layout } = await openNativeData(site.data, manifest));
  vocabulary = {
    states: new Set(oracle.population.keys()),
    subjects: new Set(oracle.subjectLabels.keys()),
  };
  populations = oracle.population;
}, 900_000);

afterAll(() => db?.close());

function stateOf(query: string): ExploreView {
  const { view: state, ignored } = parseExploreView(new URLSearchParams(query), vocabulary);
  expect(ignored).toEqual([]);
  return effectiveView(state, populations).view;
}

/** What the page's numbers table would say for a view, from native DuckDB and the page's shaping. */
async function shownFor(query: string): Promise<Shown> {
  const state = stateOf(query);
  const q = chartQuery(state, 'bound', layout);
  const rows = await db.all<Record<string, unknown>>(q.sql, q.params);
  const count = countQuery(state, 'bound', layout);
  const [n] = await db.all<{ complaints: number }>(count.sql, count.params);
  const shaped = shapeChart(
    {
      ...state,
      start: state.from ? dateBounds(state.from).start : null,
      end: state.to ? dateBounds(state.to).end : null,
    },
    rows,
    {
      state: (u) => u,
      subject: (s) => s,
      data: { start: oracle.firstDay, end: oracle.lastDay },
      limit: TOP,
    },
  );
  return { rows: shaped.table.rows, notes: shaped.notes, count: Number(n!.complaints) };
}

async function check(c: Case, chart: ChartName, measure: Measure): Promise<string[]> {
  return compareChart(
    oracle,
    c,
    chart,
    measure,
    await shownFor(queryOf(c.view, chart, measure, c.interval)),
  );
}

describe('the oracle agrees with the explorer’s SQL, shaped as the page shows it', () => {
  it('reads every complaint the ingest loaded', async () => {
    const site = await getSiteBuild();
    const manifest = JSON.parse(readFileSync(join(site.data, 'manifest.json'), 'utf8')) as Manifest;
    expect(oracle.complaints.length).toBe(manifest.totals.rows_loaded);
    expect(oracle.rejected).toBe(manifest.totals.rows_rejected);
  });

  it('on 60 seeded random views × every chart × every measure that applies', async () => {
    const problems: string[] = [];
    let checked = 0;
    for (const c of randomCases(oracle, 60, 20261202)) {
      for (const chart of CHART_NAMES) {
        for (const measure of measuresFor(chart, c.view)) {
          problems.push(...(await check(c, chart, measure)));
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(400);
    expect(problems.slice(0, 20)).toEqual([]);
  }, 600_000);
});

describe('issue 8 regressions', () => {
  const lastMonth = () => oracle.lastDay.slice(0, 7);

  it('multi-state per-100k: each state is divided by its own population', async () => {
    const c: Case = {
      name: 'multi-state',
      view: { from: lastMonth(), states: ['OH', 'PA', 'TX'] },
      interval: 'month',
    };
    expect(await check(c, 'trend', 'per100k')).toEqual([]);
    const alone = await shownFor(`from=${lastMonth()}&state=TX&measure=per100k`);
    const together = await shownFor(`from=${lastMonth()}&state=OH,PA,TX&measure=per100k`);
    const texas = together.rows.find((r) => r.keys.series === 'TX')!;
    expect(texas.cells.value).toBe(alone.rows[0]!.cells.value);
  });

  it('a partial first week starts at the filter, holds only its days, and says so', async () => {
    // The first Wednesday in the data's second month: its week began two days before the filter.
    let from = `${oracle.firstDay.slice(0, 7)}-01`;
    from = new Date(Date.parse(`${from}T00:00:00Z`) + 40 * 86_400_000).toISOString().slice(0, 10);
    while (new Date(`${from}T00:00:00Z`).getUTCDay() !== 3)
      from = new Date(Date.parse(`${from}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const c: Case = { name: 'partial week', view: { from }, interval: 'week' };
    expect(await check(c, 'trend', 'count')).toEqual([]);
    const shown = await shownFor(`interval=week&from=${from}`);
    const first = shown.rows[0]!;
    expect(first.keys.period).toBe(from);
    expect(first.keys.days).toBe('5');
    expect(first.cells.days).toBe('5 of 7 days');
    expect(first.cells.period).not.toMatch(/Week of/);
  });

  it('a partial year is dated and labelled by the days it holds', async () => {
    const c: Case = { name: 'partial year', view: {}, interval: 'year' };
    expect(await check(c, 'trend', 'count')).toEqual([]);
    const shown = await shownFor('interval=year');
    const first = shown.rows[0]!;
    expect(first.keys.period).toBe(oracle.firstDay);
    expect(first.cells.period).not.toBe(oracle.firstDay.slice(0, 4));
    expect(first.cells.period).toContain(oracle.firstDay.slice(0, 4));
    expect(shown.notes.join(' ')).toMatch(/holds \d+ of its 365 days/);
  });

  it('robocall share under a single robocall value falls back to counts and says why', () => {
    const { view: state } = parseExploreView(
      new URLSearchParams('robocall=yes&measure=robocall_share'),
      vocabulary,
    );
    const effective = effectiveView(state, populations);
    expect(effective.view.measure).toBe('count');
    expect(effective.adjusted[0]!.reason).toMatch(/flat 100%/);
    const both = parseExploreView(
      new URLSearchParams('robocall=yes,no&measure=robocall_share'),
      vocabulary,
    ).view;
    expect(effectiveView(both, populations).view.measure).toBe('robocall_share');
  });

  it('a placeholder caller number is not ranked, and the complaints without a valid number are counted', async () => {
    // The state where 0000000000 is reported most.
    const zeros = new Map<string, number>();
    for (const x of oracle.complaints)
      if (x.caller === '0000000000' && x.state) zeros.set(x.state, (zeros.get(x.state) ?? 0) + 1);
    const [usps] = [...zeros].sort((a, b) => b[1] - a[1])[0]!;
    const c: Case = { name: 'placeholder', view: { states: [usps] }, interval: 'month' };
    expect(await check(c, 'callers', 'count')).toEqual([]);
    const shown = await shownFor(`chart=callers&state=${usps}`);
    expect(shown.rows.map((r) => r.keys.caller_number)).not.toContain('0000000000');
    expect(shown.notes.join(' ')).toMatch(/no valid caller number/);
  });
});
