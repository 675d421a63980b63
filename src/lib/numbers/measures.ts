/**
 * Which measures and options a view can honestly show, what a rate is divided by, and what its
 * unit says. Pure: the explorer disables what cannot apply and says why beside the control; the
 * query, the chart, its table and the download all read the same effective view, so no label ever
 * promises what the chart does not show.
 */
import { rangeLabel, type DayRange, type Interval } from './periods';

export type Measure = 'count' | 'per100k' | 'robocall_share';
export type Chart = 'trend' | 'map' | 'subjects' | 'area-codes' | 'callers' | 'providers' | 'table';
export type RobocallValue = 'yes' | 'no' | 'unknown';

/** The parts of a view these rules read. */
export interface ViewShape {
  chart: Chart;
  interval: Interval;
  measure: Measure;
  states: readonly string[];
  robocall: readonly RobocallValue[];
  areas: readonly string[];
}

/** Why a control does not apply; null when it does. */
export type Reason = string | null;

/** The one word for the people a rate is counted against, everywhere. */
export const RESIDENTS = 'residents';
export const PER_100K = `per 100,000 ${RESIDENTS}`;

const COUNT_ONLY: Partial<Record<Chart, string>> = {
  'area-codes': 'area codes have no population to divide by, and this chart counts complaints',
  callers: 'caller numbers have no population to divide by, and this chart counts complaints',
  providers: 'this chart counts complaints naming each provider’s numbers',
  table: 'this view lists the complaints themselves',
};

/** Why `measure` cannot apply to the view, or null. `populations` tells states without a Census figure. */
export function measureReason(
  view: ViewShape,
  measure: Measure,
  populations: ReadonlyMap<string, number | null>,
): Reason {
  if (measure === 'count') return null;
  const countOnly = COUNT_ONLY[view.chart];
  if (countOnly) return `Only complaint counts here: ${countOnly}.`;
  if (measure === 'per100k') {
    if (view.areas.length)
      return 'No rate per 100,000 residents with an area-code filter: area codes have no population figure.';
    if (view.states.length && view.states.every((s) => !populations.get(s)))
      return 'No rate per 100,000 residents: the 2020 Census table has no population for the states chosen.';
    return null;
  }
  // robocall_share = robocalls / (robocalls + live calls): it needs both answers in the filter.
  const r = view.robocall;
  if (r.length && !(r.includes('yes') && r.includes('no'))) {
    const kept = r.includes('yes')
      ? 'only robocalls, so the share would be a flat 100%'
      : r.includes('no')
        ? 'only live callers, so the share would be a flat 0%'
        : 'only complaints that did not say, so there is no share';
    return `No robocall share: the robocall filter keeps ${kept}.`;
  }
  return null;
}

/**
 * The note beside the measure menu for its greyed-out options: each reason once (a table view
 * greys both rates for the same reason), and no "label: reason" pairs, since every reason already
 * names the measure it rules out ("No rate per 100,000 residents…", "No robocall share…").
 */
export function unavailableMeasuresNote(reasons: readonly Reason[]): string {
  return [...new Set(reasons.filter((r): r is string => r !== null))].join(' ');
}

/** Why the interval control does not apply, or null. */
export function intervalReason(view: Pick<ViewShape, 'chart'>): Reason {
  if (view.chart === 'trend') return null;
  return view.chart === 'map' || view.chart === 'subjects'
    ? 'The interval applies to the trend only: this chart sums the whole period.'
    : 'The interval applies to the trend only.';
}

export interface Adjustment {
  key: 'measure' | 'interval';
  value: string;
  reason: string;
}

/**
 * The view as it can be shown: a measure that cannot apply falls back to counts, an interval the
 * chart does not use goes back to its default, each with the reason the page shows.
 */
export function effectiveView<T extends ViewShape>(
  view: T,
  populations: ReadonlyMap<string, number | null>,
): { view: T; adjusted: Adjustment[] } {
  const adjusted: Adjustment[] = [];
  let next = view;
  const reason = measureReason(view, view.measure, populations);
  if (reason) {
    adjusted.push({ key: 'measure', value: view.measure, reason });
    next = { ...next, measure: 'count' };
  }
  if (view.interval !== 'month' && intervalReason(view)) {
    adjusted.push({ key: 'interval', value: view.interval, reason: intervalReason(view)! });
    next = { ...next, interval: 'month' };
  }
  return { view: next, adjusted };
}

/** A rate is complaints per this many residents, rounded to this many decimals (the SQL in queries.ts says the same). */
export const RATE_PER = 100_000;
export const RATE_DECIMALS = 2;

/**
 * Complaints per 100,000 residents as the explorer's SQL computes it, `round(n * 100000.0 / p, 2)`:
 * the exact product divided in doubles, rounded half away from zero (DuckDB's round; rates are
 * never negative, so Math.round agrees). Null without a population.
 */
export function per100k(complaints: number, population: number | null): number | null {
  const rate = unroundedPer100k(complaints, population);
  if (rate === null) return null;
  const scale = 10 ** RATE_DECIMALS;
  return Math.round(rate * scale) / scale;
}

/**
 * The same rate before rounding, for the static pages, which rank on it and round once when they
 * print it (rounding to 2 decimals first and to 1 on the page could round a 5 twice). Null
 * without a population (or a population of 0).
 */
export function unroundedPer100k(
  complaints: number,
  population: number | null | undefined,
): number | null {
  return population ? (complaints * RATE_PER) / population : null;
}

/** Robocalls among the complaints that said whether the call was one; null when none said. */
export function robocallShare(robocalls: number, said: number): number | null {
  return said === 0 ? null : robocalls / said;
}

/** Trend series by state: 2 to 8 states chosen (one line each). */
export function seriesByState(view: Pick<ViewShape, 'chart' | 'states'>): boolean {
  return view.chart === 'trend' && view.states.length >= 2 && view.states.length <= 8;
}

const PER_INTERVAL: Record<Interval, string> = {
  day: 'a day',
  week: 'a week',
  month: 'a month',
  year: 'a year',
};

/**
 * What a value counts, with the period a rate covers: "complaints per 100,000 residents a month"
 * on a monthly trend, "complaints per 100,000 residents, Nov 2024 to Oct 2026" on a map.
 */
export function measureUnit(
  view: Pick<ViewShape, 'chart' | 'interval' | 'measure'>,
  range: DayRange | null,
): string {
  if (view.measure === 'robocall_share')
    return 'share of complaints that were robocalls (of those that said)';
  const per = view.measure === 'per100k' ? ` ${PER_100K}` : '';
  if (view.chart === 'trend') return `complaints${per} ${PER_INTERVAL[view.interval]}`;
  return `complaints${per}${range ? `, ${rangeLabel(range)}` : ''}`;
}

/** A column name for a download: `complaints_per_100k_residents_a_month`, `robocall_share`. */
export function measureColumn(view: Pick<ViewShape, 'chart' | 'interval' | 'measure'>): string {
  if (view.measure === 'robocall_share') return 'robocall_share_percent';
  const base = view.measure === 'per100k' ? 'complaints_per_100k_residents' : 'complaints';
  return view.chart === 'trend' ? `${base}_${PER_INTERVAL[view.interval].replace(' ', '_')}` : base;
}
