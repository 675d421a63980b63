/**
 * The explorer's pre-aggregated cube (`/data/explore-cube.json`): complaints by month, state,
 * subject and robocall flag, as one dense array of counts. It answers the first views a reader sees
 * (trend by month or year, map, subjects; every measure; any state, subject, robocall and whole-month
 * filters) without DuckDB-wasm; everything else goes to the engine (sources.ts).
 *
 * Dense rather than a list of cells, columns, Arrow or a binary file: measured on the default sample
 * (the numbers are in the commit that chose it), nearly every cell holds complaints, so a list of
 * cells repeats each coordinate for nothing, and JSON.parse of one number array is faster than
 * any decoder the page would have to download first.
 */
import type { Column } from '../explore/filters';
import { filterColumns, monthAligned } from '../explore/sources';
import type { ExploreView } from '../explore/view';

export const EXPLORE_CUBE_FORMAT = 'robocall-atlas/explore-cube@1';
export const EXPLORE_CUBE_FILE = 'explore-cube.json';

/** The robocall flag as stored: true, false, null (not said), in this order in every cube. */
export const CUBE_FLAGS = [true, false, null] as const;

export interface ExploreCube {
  format: typeof EXPLORE_CUBE_FORMAT;
  /** The build's data version (manifest.json), so a page never mixes two builds' numbers. */
  data_version: string;
  /** The coordinates of each axis, in axis order; null where the value is missing (no state). */
  months: string[];
  states: (string | null)[];
  subjects: (string | null)[];
  /**
   * Complaints per cell, month-major: the cell of (month m, state s, subject j, flag r) is at
   * ((m × states + s) × subjects + j) × 3 + r, with r the flag's place in CUBE_FLAGS.
   */
  complaints: number[];
}

/** What the cube can filter and group by; its date is the month. */
const CUBE_COLUMNS: ReadonlySet<Column> = new Set(['state', 'subject', 'robocall']);

/** The charts the cube draws, with the columns each groups by (as in queries.ts). */
const CUBE_CHARTS: Partial<Record<ExploreView['chart'], Column[]>> = {
  trend: ['state', 'robocall'],
  map: ['state', 'robocall'],
  subjects: ['subject', 'robocall'],
};

/**
 * True when the cube answers the view exactly: a chart it holds, at month or year grain, with
 * filters only on its columns and date bounds on whole months (the rule the SQL path's monthly
 * sources follow, sources.ts).
 */
export function cubeAnswers(view: ExploreView): boolean {
  const groups = CUBE_CHARTS[view.chart];
  if (!groups) return false;
  if (view.chart === 'trend' && view.interval !== 'month' && view.interval !== 'year') return false;
  if (!monthAligned(view)) return false;
  return [...filterColumns(view), ...groups].every((c) => CUBE_COLUMNS.has(c));
}

/** A cube read from the network, checked before use: null (the engine answers) when it is not one. */
export function readExploreCube(value: unknown, dataVersion: string): ExploreCube | null {
  if (!value || typeof value !== 'object') return null;
  const cube = value as Partial<ExploreCube>;
  if (cube.format !== EXPLORE_CUBE_FORMAT || cube.data_version !== dataVersion) return null;
  if (!Array.isArray(cube.months) || !Array.isArray(cube.states) || !Array.isArray(cube.subjects))
    return null;
  const cells = cube.months.length * cube.states.length * cube.subjects.length * CUBE_FLAGS.length;
  if (!Array.isArray(cube.complaints) || cube.complaints.length !== cells) return null;
  return cube as ExploreCube;
}
