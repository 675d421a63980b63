/**
 * A view's numbers from the explore cube, without a database: the same rows, in the same order,
 * with the same values as the SQL the engine runs for it (queries.ts). Pure; the rules it shares
 * with that SQL come from one place each: the series of a trend, a rate's scale and rounding
 * (numbers/measures.ts), the nation a national rate is divided by (numbers/national.ts), the bucket
 * a month falls in (numbers/periods.ts), the flag's values (catalog/enums.ts), the days a date
 * bound covers (dates.ts). Call it only for views `cubeAnswers` accepts. A test holds both paths to
 * the same rows and to the oracle.
 */
import { ROBOCALL } from '../catalog/enums';
import { dateBounds } from '../dates';
import type { ExploreView } from '../explore/view';
import { per100k, robocallShare, seriesByState } from '../numbers/measures';
import { isNational } from '../numbers/national';
import { bucketOf } from '../numbers/periods';
import { CUBE_FLAGS, type ExploreCube } from './explore-cube';

export type CubeRow = Record<string, string | number | null>;

export interface CubeAnswer {
  /** Complaints matching the filters (countQuery). */
  count: number;
  /** The chart's rows (chartQuery). */
  rows: CubeRow[];
}

interface Group {
  key: string | null;
  bucket: string;
  complaints: number;
  robocalls: number;
  said: number;
}

const FLAG_OF = { TRUE: true, FALSE: false, NULL: null } as const;

/** What the build knows of each place (the explorer's config): its population and its kind. */
export interface Place {
  usps: string;
  population: number | null;
  kind: string;
}

/**
 * The places a rate is divided by, each with a population (the SQL's `pop`, queries.ts): the
 * states chosen; with none chosen, every place for a rate per place (the map, a trend line per
 * state), else the nation (numbers/national.ts).
 */
export function ratePlaces(
  view: ExploreView,
  perPlace: boolean,
  places: readonly Place[],
): Map<string, number> {
  const out = new Map<string, number>();
  for (const p of places) {
    if (p.population === null) continue;
    const kept = view.states.length ? view.states.includes(p.usps) : perPlace || isNational(p.kind);
    if (kept) out.set(p.usps, p.population);
  }
  return out;
}

export function evaluateCube(
  cube: ExploreCube,
  view: ExploreView,
  places: readonly Place[],
): CubeAnswer {
  const start = view.from ? dateBounds(view.from).start : null;
  const end = view.to ? dateBounds(view.to).end : null;
  const monthOk = cube.months.map((m) => (!start || m >= start) && (!end || m <= end));
  const chosen = <T>(values: readonly T[], list: readonly T[]) =>
    values.map((v) => list.length === 0 || list.includes(v));
  const stateOk = chosen(cube.states, view.states as (string | null)[]);
  const subjectOk = chosen(cube.subjects, view.subjects as (string | null)[]);
  const flags = view.robocall.map((r) => FLAG_OF[ROBOCALL[r].sql]);
  const flagOk = chosen(CUBE_FLAGS, flags);

  const rate = view.measure === 'per100k';
  const trend = view.chart === 'trend';
  const byState = seriesByState(view);
  const perPlace = trend ? byState : view.chart === 'map';
  const pool = ratePlaces(view, perPlace, places);
  // Per 100,000: only complaints from the places divided by count.
  const counted = cube.states.map((s) => !rate || (s !== null && pool.has(s)));
  const flagSeries = CUBE_FLAGS.map(
    (f) => ROBOCALL[f === true ? 'yes' : f === false ? 'no' : 'unknown'].series,
  );
  const buckets = trend ? cube.months.map((m) => bucketOf(m, view.interval)) : [];

  const S = cube.states.length;
  const J = cube.subjects.length;
  const R = CUBE_FLAGS.length;
  const groups = new Map<string, Group>();
  let count = 0;
  for (let m = 0; m < cube.months.length; m++) {
    if (!monthOk[m]) continue;
    for (let s = 0; s < S; s++) {
      if (!stateOk[s]) continue;
      const state = cube.states[s]!;
      for (let j = 0; j < J; j++) {
        if (!subjectOk[j]) continue;
        const base = ((m * S + s) * J + j) * R;
        for (let r = 0; r < R; r++) {
          const n = cube.complaints[base + r]!;
          if (n === 0 || !flagOk[r]) continue;
          count += n;
          if (!counted[s]) continue;
          let key: string | null;
          let bucket = '';
          if (trend) {
            key = byState ? state : view.measure === 'count' ? flagSeries[r]! : 'all';
            bucket = buckets[m]!;
          } else if (view.chart === 'map') {
            if (state === null) continue;
            key = state;
          } else key = cube.subjects[j]!;
          const id = `${bucket}|${key}`;
          let g = groups.get(id);
          if (!g) groups.set(id, (g = { key, bucket, complaints: 0, robocalls: 0, said: 0 }));
          g.complaints += n;
          if (CUBE_FLAGS[r] === true) g.robocalls += n;
          if (CUBE_FLAGS[r] !== null) g.said += n;
        }
      }
    }
  }

  const valueOf = (g: Group, population: number | null): number | null =>
    view.measure === 'count'
      ? g.complaints
      : rate
        ? per100k(g.complaints, population)
        : robocallShare(g.robocalls, g.said);
  let poolTotal = 0;
  for (const population of pool.values()) poolTotal += population;
  const populationOf = (key: string | null): number | null =>
    perPlace ? (pool.get(key!) ?? null) : poolTotal > 0 ? poolTotal : null;
  const list = [...groups.values()];

  if (trend)
    return {
      count,
      rows: list
        .map((g) => ({
          date: g.bucket,
          series: g.key,
          value: valueOf(g, populationOf(g.key)),
          complaints: g.complaints,
        }))
        .sort((a, b) => compare(a.date, b.date) || compare(a.series, b.series)),
    };
  const column = view.chart === 'map' ? 'usps' : 'subject';
  return {
    count,
    rows: list
      .map((g) => ({
        [column]: g.key,
        value: valueOf(g, populationOf(g.key)),
        complaints: g.complaints,
      }))
      // ORDER BY value DESC NULLS LAST, key (DuckDB puts NULL keys last too).
      .sort(
        (a, b) =>
          descNullsLast(a.value, b.value) ||
          compare(a[column] as string | null, b[column] as string | null),
      ),
  };
}

/** Ascending, nulls last, by code unit: the order DuckDB gives ASCII keys. */
function compare(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

function descNullsLast(a: number | null, b: number | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return b - a;
}
