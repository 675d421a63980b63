/**
 * The explore cube (src/lib/cube/) against the explorer's SQL and the oracle: for seeded random
 * views the cube can answer (whole months, month or year trends, filters on states, subjects and
 * the robocall flag) × trend, map and subjects × every measure that applies, the cube's rows must be
 * the SQL's rows on native DuckDB, value for value and in the same order, and the page's numbers
 * table shaped from them must say what the oracle computed from the raw CSV files. The browser
 * test (browser.oracle.test.ts) checks both paths again as the reader sees them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../scripts/lib/duckdb';
import { cubeAnswers, readExploreCube, type ExploreCube } from '../../src/lib/cube/explore-cube';
import { evaluateCube, type Place } from '../../src/lib/cube/evaluate';
import type { ExploreConfig } from '../../src/lib/explore/context';
import { dateBounds } from '../../src/lib/dates';
import { chartQuery, countQuery } from '../../src/lib/explore/queries';
import type { DataLayout } from '../../src/lib/explore/sources';
import { DEFAULT_VIEW, parseExploreView, type ExploreView } from '../../src/lib/explore/view';
import type { Manifest } from '../../src/lib/manifest';
import { shapeChart } from '../../src/lib/numbers/chart-data';
import { effectiveView } from '../../src/lib/numbers/measures';
import { getSiteBuild } from '../helpers/site-build';
import { openNativeData } from '../helpers/native-data';
import { compareChart, cubeCases, measuresFor, queryOf, TOP, type ChartName } from './compare';
import { Oracle } from './oracle';

let db: Db;
let layout: DataLayout;
let oracle: Oracle;
let cube: ExploreCube;
let manifest: Manifest;
let vocabulary: { states: Set<string>; subjects: Set<string> };
/** The places as the built page hands them to its script (explore-config). */
let places: Place[];

const CUBE_CHARTS: ChartName[] = ['trend', 'map', 'subjects'];

beforeAll(async () => {
  const site = await getSiteBuild();
  oracle = new Oracle(join(site.data, '..', 'sample'));
  manifest = JSON.parse(readFileSync(join(site.data, 'manifest.json'), 'utf8')) as Manifest;
  const published = JSON.parse(
    readFileSync(join(site.dist, 'data', 'explore-cube.json'), 'utf8'),
  ) as unknown;
  cube = readExploreCube(published, manifest.data_version)!;
  const html = readFileSync(join(site.dist, 'explore', 'index.html'), 'utf8');
  const config = JSON.parse(
    /<script type="application\/json" id="explore-config">([^<]*)<\/script>/.exec(html)![1]!,
  ) as ExploreConfig;
  places = config.states;
  expect(config.files.exploreCube).toBe('/data/explore-cube.json');
  ({ db, layout } = await openNativeData(site.data, manifest));
  vocabulary = {
    states: new Set(oracle.population.keys()),
    subjects: new Set(oracle.subjectLabels.keys()),
  };
}, 900_000);

afterAll(() => db?.close());

function viewOf(query: string): ExploreView {
  const { view, ignored } = parseExploreView(new URLSearchParams(query), vocabulary);
  expect(ignored).toEqual([]);
  return effectiveView(view, oracle.population).view;
}

async function sqlAnswer(view: ExploreView) {
  const q = chartQuery(view, 'bound', layout);
  const c = countQuery(view, 'bound', layout);
  const [rows, [n]] = await Promise.all([
    db.all<Record<string, unknown>>(q.sql, q.params),
    db.all<{ complaints: number }>(c.sql, c.params),
  ]);
  return { count: Number(n!.complaints), rows };
}

function shown(view: ExploreView, answer: { count: number; rows: Record<string, unknown>[] }) {
  const shaped = shapeChart(
    {
      ...view,
      start: view.from ? dateBounds(view.from).start : null,
      end: view.to ? dateBounds(view.to).end : null,
    },
    answer.rows,
    {
      state: (u) => u,
      subject: (s) => s,
      data: { start: oracle.firstDay, end: oracle.lastDay },
      limit: TOP,
    },
  );
  return { rows: shaped.table.rows, notes: shaped.notes, count: answer.count };
}

describe('the explore cube', () => {
  it('is published with the site, for this build, and holds every complaint loaded', () => {
    expect(cube).not.toBeNull();
    expect(cube.complaints.reduce((a, b) => a + b, 0)).toBe(manifest.totals.rows_loaded);
    expect(cube.complaints.reduce((a, b) => a + b, 0)).toBe(oracle.complaints.length);
    expect(readExploreCube({ ...cube, data_version: 'other' }, manifest.data_version)).toBeNull();
    expect(
      readExploreCube({ ...cube, complaints: cube.complaints.slice(1) }, manifest.data_version),
    ).toBeNull();
  });

  it('answers only what it holds exactly', () => {
    const yes = (q: string) => cubeAnswers(viewOf(q));
    expect(yes('')).toBe(true);
    expect(yes('interval=year&from=2023-06&to=2024-01&state=OH,TX&robocall=yes,no')).toBe(true);
    expect(yes('chart=map&from=2023&measure=per100k&subject=imposters')).toBe(true);
    expect(yes('chart=subjects&to=2024-02&measure=robocall_share')).toBe(true);
    // Day bounds, fine intervals, area codes and the charts of rows or callers need the engine.
    expect(yes('from=2023-06-15')).toBe(false);
    expect(yes('to=2024-02-10')).toBe(false);
    expect(yes('interval=week')).toBe(false);
    expect(yes('interval=day')).toBe(false);
    expect(yes('area=614')).toBe(false);
    for (const chart of ['area-codes', 'callers', 'providers', 'table'])
      expect(yes(`chart=${chart}`)).toBe(false);
  });

  it('gives the SQL’s rows, and the oracle’s numbers, on 60 seeded views × trend, map, subjects × every measure', async () => {
    const problems: string[] = [];
    let checked = 0;
    for (const c of cubeCases(oracle, 60, 13_1_2026)) {
      for (const chart of CUBE_CHARTS) {
        for (const measure of measuresFor(chart, c.view)) {
          const query = queryOf(c.view, chart, measure, c.interval);
          const view = viewOf(query);
          expect(cubeAnswers(view), query).toBe(true);
          const fromCube = evaluateCube(cube, view, places);
          const fromSql = await sqlAnswer(view);
          expect(fromCube, query).toEqual(fromSql);
          problems.push(...compareChart(oracle, c, chart, measure, shown(view, fromCube)));
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(400);
    expect(problems.slice(0, 20)).toEqual([]);
  }, 600_000);

  it('agrees on the named edge cases: empty ranges, one state, 9+ states, every flag, a partial first year', async () => {
    const first = oracle.firstDay.slice(0, 7);
    const last = oracle.lastDay.slice(0, 7);
    const queries = [
      '',
      'interval=year',
      `from=${last}`,
      `to=${first}`,
      'from=2030',
      'to=1999',
      'state=OH',
      'state=OH,PA,TX&measure=per100k',
      'state=AK,AL,AR,AZ,CA,CO,CT,DC,DE&measure=per100k',
      'state=AS,GU&measure=per100k',
      'chart=map&state=PR,TX&measure=per100k',
      'robocall=unknown',
      'robocall=yes,no,unknown&measure=robocall_share',
      'chart=map&measure=per100k',
      'chart=map&robocall=unknown',
      'chart=subjects&state=PR&measure=per100k',
      'chart=subjects&subject=none,other',
    ];
    for (const query of queries) {
      const view = viewOf(query);
      if (!cubeAnswers(view)) continue;
      expect(evaluateCube(cube, view, places), query).toEqual(await sqlAnswer(view));
    }
    expect(cubeAnswers({ ...DEFAULT_VIEW })).toBe(true);
  });
});
