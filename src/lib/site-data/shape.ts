/**
 * Pure functions that turn query rows into what pages and charts need, and the headline words
 * for each number beside the function that computes it (a comparison and its sentence, a rate and
 * its wording), so a change to one is seen with the other. No DuckDB, no DOM: each is unit-tested
 * in Node (tests/site/shape.test.ts).
 */
import { addMonths, type Month } from '../dates';
import { formatChange, formatMonth, formatNumber, formatPer100k, formatPercent } from '../format';
import { isNational } from '../numbers/national';
import { unroundedPer100k } from '../numbers/measures';
import type { StateRow } from '../catalog/tables';
import { CALL_KINDS, ROBOCALL, robocallValueOf, type CallKind } from '../catalog/enums';

/** The robocall flag as the FTC reports it: its series, words and order are the catalog's. */
export { CALL_KINDS, CALL_KIND_LABELS, type CallKind } from '../catalog/enums';

export function callKind(robocall: boolean | null | undefined): CallKind {
  return ROBOCALL[robocallValueOf(robocall)].series;
}

/** The FTC's catch-all subjects: real answers, but they say nothing about what a call was about. */
export const CATCH_ALL_SUBJECTS: ReadonlySet<string> = new Set([
  'other',
  'none',
  'dropped-call',
  'unrecognized',
]);

export interface MonthCount {
  month: Month;
  complaints: number;
}

/** Sums counts per key. */
export function sumBy<T>(
  rows: readonly T[],
  key: (row: T) => string,
  value: (row: T) => number,
): Map<string, number> {
  const out = new Map<string, number>();
  for (const row of rows) out.set(key(row), (out.get(key(row)) ?? 0) + value(row));
  return out;
}

/** One value per month of `months`, zero where the rows have none. */
export function fillMonths(
  totals: ReadonlyMap<Month, number>,
  months: readonly Month[],
): MonthCount[] {
  return months.map((month) => ({ month, complaints: totals.get(month) ?? 0 }));
}

/** `{date, series, value}` points for a trend chart: one series per call kind present in the rows. */
export function trendByCallKind(
  rows: readonly { month: Month; robocall: boolean | null; complaints: number }[],
  months: readonly Month[],
): { date: Month; series: CallKind; value: number }[] {
  const totals = sumBy(
    rows,
    (r) => `${callKind(r.robocall)}|${r.month}`,
    (r) => r.complaints,
  );
  const present = CALL_KINDS.filter((kind) =>
    rows.some((r) => callKind(r.robocall) === kind && r.complaints > 0),
  );
  return present.flatMap((series) =>
    months.map((date) => ({ date, series, value: totals.get(`${series}|${date}`) ?? 0 })),
  );
}

export interface Comparison {
  /** `year` when the month a year earlier is in the data, else `month` (the month before), else `none`. */
  basis: 'year' | 'month' | 'none';
  month: Month;
  value: number;
  earlierMonth: Month | null;
  earlierValue: number | null;
  /** (value − earlier) / earlier; null when there is nothing to compare with or it was zero. */
  change: number | null;
}

/** The latest month against the same month a year earlier (or the month before, when the data are shorter). */
export function compareLatest(series: readonly MonthCount[]): Comparison | null {
  const latest = series[series.length - 1];
  if (!latest) return null;
  const byMonth = new Map(series.map((p) => [p.month, p.complaints]));
  const yearAgo = addMonths(latest.month, -12);
  const monthAgo = addMonths(latest.month, -1);
  const [basis, earlierMonth]: ['year' | 'month' | 'none', Month | null] = byMonth.has(yearAgo)
    ? ['year', yearAgo]
    : byMonth.has(monthAgo)
      ? ['month', monthAgo]
      : ['none', null];
  const earlierValue = earlierMonth ? byMonth.get(earlierMonth)! : null;
  const change = earlierValue ? (latest.complaints - earlierValue) / earlierValue : null;
  return {
    basis,
    month: latest.month,
    value: latest.complaints,
    earlierMonth,
    earlierValue,
    change,
  };
}

/** How a change reads in a headline: `up 12%`, `down 3%`, `about the same`. */
export function direction(change: number | null): 'up' | 'down' | 'flat' | 'unknown' {
  if (change === null || !Number.isFinite(change)) return 'unknown';
  if (Math.abs(change) < 0.02) return 'flat';
  return change > 0 ? 'up' : 'down';
}

/** Below this many complaints a percentage change says more about chance than about calls. */
export const SMALL_BASE = 20;

/** `up 12% from October 2025 (1,234)` / `about the same as …` / '' when there is nothing to compare. */
export function changePhrase(c: Comparison | null): string {
  if (!c || c.earlierMonth === null || c.earlierValue === null) return '';
  const when = `${formatMonth(c.earlierMonth)} (${formatNumber(c.earlierValue)})`;
  if (c.earlierValue < SMALL_BASE)
    return `against ${formatNumber(c.earlierValue)} in ${formatMonth(c.earlierMonth)}`;
  switch (direction(c.change)) {
    case 'up':
      return `up ${formatChange(c.change!).replace('+', '')} from ${when}`;
    case 'down':
      return `down ${formatChange(c.change!).replace('\u2212', '')} from ${when}`;
    case 'flat':
      return `about the same as ${when}`;
    default:
      return `against ${formatNumber(c.earlierValue)} in ${formatMonth(c.earlierMonth)}`;
  }
}

/** `In Ohio, consumers filed 4,210 complaints in October 2026, up 12% from October 2025 (3,759).` */
export function latestSentence(where: string, c: Comparison | null): string {
  if (!c) return `There are no complaints from ${where} in the data.`;
  const phrase = changePhrase(c);
  const basisNote = c.basis === 'month' ? ' (the data do not reach back a full year)' : '';
  return `${where === 'the United States' ? 'Nationally' : `In ${where}`}, consumers filed ${formatNumber(c.value)} Do Not Call complaints in ${formatMonth(c.month)}${phrase ? `, ${phrase}${basisNote}` : ''}.`;
}

/** A row of the states reference table (the catalog's). */
export type StateRef = StateRow;

export interface StateRate {
  usps: string;
  name: string;
  kind: string;
  complaints: number;
  population: number | null;
  per100k: number | null;
  /** 1 = most complaints per 100,000 residents; null for places without a population figure. */
  rank: number | null;
}

/**
 * Complaints and the rate per 100,000 for every place in `states` that has complaints, ranked by
 * rate (ties share a rank). Places without a population are listed last, unranked.
 */
export function rankStates(
  counts: ReadonlyMap<string, number>,
  states: readonly StateRef[],
): StateRate[] {
  const rows: StateRate[] = states
    .filter((s) => (counts.get(s.usps) ?? 0) > 0)
    .map((s) => {
      const complaints = counts.get(s.usps) ?? 0;
      return {
        usps: s.usps,
        name: s.name,
        kind: s.kind,
        complaints,
        population: s.population_2020,
        per100k: unroundedPer100k(complaints, s.population_2020),
        rank: null,
      };
    });
  rows.sort(
    (a, b) =>
      (b.per100k ?? -1) - (a.per100k ?? -1) ||
      b.complaints - a.complaints ||
      a.name.localeCompare(b.name),
  );
  let previous: StateRate | undefined;
  rows.forEach((row, i) => {
    if (row.per100k === null) return;
    row.rank = previous && previous.per100k === row.per100k ? previous.rank : i + 1;
    previous = row;
  });
  return rows;
}

/** `1st`, `2nd`, `23rd`. */
export function ordinal(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  return `${n}${teen ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th')}`;
}

/** The national rate: complaints in the 50 states and DC per 100,000 of their residents. */
export function nationalRate(
  counts: ReadonlyMap<string, number>,
  states: readonly StateRef[],
): number | null {
  const core = states.filter((s) => isNational(s.kind) && s.population_2020);
  const population = core.reduce((sum, s) => sum + (s.population_2020 ?? 0), 0);
  const complaints = core.reduce((sum, s) => sum + (counts.get(s.usps) ?? 0), 0);
  return unroundedPer100k(complaints, population);
}

/** `12.3 per 100,000 residents, against 10.1 nationally`. */
export function rateAgainst(rate: number | null, national: number | null): string {
  if (rate === null) return 'no population figure to give a rate';
  const vs = national === null ? '' : `, against ${formatPer100k(national)} nationally`;
  return `${formatPer100k(rate)} complaints per 100,000 residents${vs}`;
}

export interface Share<K extends string = string> {
  key: K;
  label: string;
  complaints: number;
  /** Of the total of all rows given. */
  share: number;
}

/** Rows as shares of their total, largest first (ties by label). */
export function shares(
  counts: ReadonlyMap<string, number>,
  label: (key: string) => string,
): Share[] {
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  return [...counts.entries()]
    .filter(([, n]) => n > 0)
    .map(([key, complaints]) => ({
      key,
      label: label(key),
      complaints,
      share: total ? complaints / total : 0,
    }))
    .sort((a, b) => b.complaints - a.complaints || a.label.localeCompare(b.label));
}

export interface RobocallShare {
  robocall: number;
  live: number;
  notSaid: number;
  /** Robocalls among complaints that say either way; null when none does. */
  share: number | null;
}

export function robocallShare(
  rows: readonly { robocall: boolean | null; complaints: number }[],
): RobocallShare {
  const out = { robocall: 0, live: 0, notSaid: 0 };
  for (const r of rows) {
    if (r.robocall === true) out.robocall += r.complaints;
    else if (r.robocall === false) out.live += r.complaints;
    else out.notSaid += r.complaints;
  }
  const said = out.robocall + out.live;
  return { ...out, share: said ? out.robocall / said : null };
}

/** A robocall share as a percentage, or `not known` when no complaint said. */
export function shareText(share: number | null): string {
  return share === null ? 'not known' : formatPercent(share);
}

export interface Window {
  from: Month;
  to: Month;
  months: number;
  complaints: number;
  /** Complaints per month. */
  mean: number;
}

export interface BeforeAfter {
  /** The month of the action; it belongs to neither window. */
  month: Month;
  before: Window;
  after: Window;
  /** (after.mean − before.mean) / before.mean; null when before is zero. */
  change: number | null;
}

/**
 * Complaints in the `span` months before an action's month against the `span` months after it.
 * Null when either window reaches outside `series` (the data do not cover it).
 */
export function beforeAfter(
  series: readonly MonthCount[],
  month: Month,
  span = 3,
): BeforeAfter | null {
  const byMonth = new Map(series.map((p) => [p.month, p.complaints]));
  const window = (from: Month, to: Month): Window | null => {
    let complaints = 0;
    for (let m = from, i = 0; i < span; m = addMonths(m, 1), i++) {
      const value = byMonth.get(m);
      if (value === undefined) return null;
      complaints += value;
    }
    return { from, to, months: span, complaints, mean: complaints / span };
  };
  const before = window(addMonths(month, -span), addMonths(month, -1));
  const after = window(addMonths(month, 1), addMonths(month, span));
  if (!before || !after) return null;
  return {
    month,
    before,
    after,
    change: before.mean ? (after.mean - before.mean) / before.mean : null,
  };
}

/** `(614) 555-0123` for a 10-digit NANP number; anything else as reported. */
export { formatPhone as phoneNumber } from '../caller/number';
