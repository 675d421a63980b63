/**
 * A view's count and chart rows, from whichever path answers it: the explore cube (a small JSON
 * file, evaluated in the page: src/lib/cube/) when it can, else DuckDB-wasm with the SQL of
 * src/lib/explore/queries.ts. Both give the same rows (tests/cube/ and the oracle hold them to it),
 * so the page shapes and draws them the same way whichever computed them.
 */
import { cubeAnswers, readExploreCube, type ExploreCube } from '../lib/cube/explore-cube';
import { evaluateCube } from '../lib/cube/evaluate';
import type { ExploreConfig } from '../lib/explore/context';
import { chartQuery, countQuery, tablePage, tableQuery } from '../lib/explore/queries';
import type { Row } from '../lib/explore/render';
import type { DataLayout } from '../lib/explore/sources';
import type { ExploreView } from '../lib/explore/view';
import type { Engine } from './engine';
import { runQuery } from './query';

export interface ViewData {
  count: number;
  rows: Row[];
  computedBy: 'cube' | 'engine';
}

/**
 * Set (by tests and benchmarks, before the page loads) to send every view to the engine, so the
 * two paths can be compared on the same page.
 */
declare global {
  interface Window {
    robocallAtlasEngineOnly?: boolean;
  }
}

let cube: Promise<ExploreCube | null> | null = null;

/** The build's cube, fetched once; null when there is none or it is not this build's (the engine answers). */
export function loadCube(config: ExploreConfig): Promise<ExploreCube | null> {
  cube ??=
    window.robocallAtlasEngineOnly || !config.files.exploreCube
      ? Promise.resolve(null)
      : fetch(config.files.exploreCube)
          .then((response) => (response.ok ? response.json() : null))
          .then((value: unknown) => readExploreCube(value, config.dataVersion))
          .catch(() => null);
  return cube;
}

/** True when the view can be answered without the engine (the cube still has to arrive). */
export function needsEngine(view: ExploreView, config: ExploreConfig): boolean {
  return window.robocallAtlasEngineOnly === true || !config.files.exploreCube || !cubeAnswers(view);
}

/** The view from the cube, or null when the cube cannot answer it (then ask the engine). */
export async function cubeData(view: ExploreView, config: ExploreConfig): Promise<ViewData | null> {
  if (needsEngine(view, config)) return null;
  const loaded = await loadCube(config);
  if (!loaded) return null;
  const { count, rows } = evaluateCube(loaded, view, config.states);
  return { count, rows, computedBy: 'cube' };
}

/**
 * The view from the cube when it answers, else from the engine when it has started; null when
 * neither can yet.
 */
export function viewData(
  view: ExploreView,
  config: ExploreConfig,
  engine: Engine | null,
  layout: DataLayout,
): Promise<ViewData | null> {
  // Straight to the engine when the cube cannot answer: with its statement prepared, the query is
  // posted to the worker in this task (src/client/query.ts), while the caller updates the page.
  if (needsEngine(view, config))
    return engine ? engineData(engine, view, layout) : Promise.resolve(null);
  return cubeData(view, config).then(
    (data) => data ?? (engine ? engineData(engine, view, layout) : null),
  );
}

export async function engineData(
  engine: Engine,
  view: ExploreView,
  layout: DataLayout,
): Promise<ViewData> {
  // The table's page and its count in one query: one trip through the engine's worker, not two.
  if (view.chart === 'table') {
    const page = tablePage(await runQuery(engine, tableQuery(view, 'bound', layout)));
    return { count: page.matching, rows: page.rows, computedBy: 'engine' };
  }
  const [count, rows] = await Promise.all([
    runQuery(engine, countQuery(view, 'bound', layout)),
    runQuery(engine, chartQuery(view, 'bound', layout)),
  ]);
  return { count: Number(count[0]?.complaints ?? 0), rows, computedBy: 'engine' };
}
