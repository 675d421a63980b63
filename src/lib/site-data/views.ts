/**
 * Aggregations of the monthly cube rows (month × state × subject × robocall) for pages and charts.
 * Pure: rows in, plain values out.
 */
import type { Month } from '../dates';
import { unroundedPer100k } from '../numbers/measures';
import { nationalRate, sumBy, type StateRef } from './shape';

export interface CubeRow {
  month: Month;
  state: string | null;
  subject: string;
  robocall: boolean | null;
  complaints: number;
}

type Pred = (row: CubeRow) => boolean;
const all: Pred = () => true;

/** Complaints per month over the rows that pass `pred`. */
export function totalsByMonth(rows: readonly CubeRow[], pred: Pred = all): Map<Month, number> {
  return sumBy(
    rows.filter(pred),
    (r) => r.month,
    (r) => r.complaints,
  );
}

/** Complaints per state (USPS code) in `months`; rows without a state are left out. */
export function countsByState(
  rows: readonly CubeRow[],
  months: readonly Month[],
  pred: Pred = all,
): Map<string, number> {
  const keep = new Set(months);
  return sumBy(
    rows.filter((r) => r.state !== null && keep.has(r.month) && pred(r)),
    (r) => r.state!,
    (r) => r.complaints,
  );
}

/** Complaints per subject slug in `months`. */
export function countsBySubject(
  rows: readonly CubeRow[],
  months: readonly Month[],
  pred: Pred = all,
): Map<string, number> {
  const keep = new Set(months);
  return sumBy(
    rows.filter((r) => keep.has(r.month) && pred(r)),
    (r) => r.subject,
    (r) => r.complaints,
  );
}

/** The `n` subjects with the most complaints in `months`, most first. */
export function topSubjects(
  rows: readonly CubeRow[],
  months: readonly Month[],
  n: number,
  pred: Pred = all,
): string[] {
  return [...countsBySubject(rows, months, pred).entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, n)
    .map(([slug]) => slug);
}

/** The series key of the national rate. */
export const NATIONAL = 'US';

export const OTHER_SUBJECTS = 'All other subjects';

/**
 * `{date, subject, value}` per month for the subjects in `keep` (by label, in that order), with
 * every other subject summed into one series (when there is any).
 */
export function subjectPoints(
  rows: readonly CubeRow[],
  months: readonly Month[],
  keep: readonly string[],
  label: (slug: string) => string,
  pred: Pred = all,
): { date: Month; subject: string; value: number }[] {
  const kept = new Set(keep);
  const totals = sumBy(
    rows.filter(pred),
    (r) => `${kept.has(r.subject) ? r.subject : ''}|${r.month}`,
    (r) => r.complaints,
  );
  const series = [...keep.map((slug) => ({ key: slug, name: label(slug) }))];
  if (rows.some((r) => pred(r) && !kept.has(r.subject) && r.complaints > 0))
    series.push({ key: '', name: OTHER_SUBJECTS });
  return series.flatMap(({ key, name }) =>
    months.map((date) => ({ date, subject: name, value: totals.get(`${key}|${date}`) ?? 0 })),
  );
}

/** A state's monthly rate per 100,000 residents (series: its USPS code) against the national rate (series `US`: 50 states and DC). */
export function ratePoints(
  rows: readonly CubeRow[],
  months: readonly Month[],
  state: StateRef,
  states: readonly StateRef[],
): { date: Month; series: string; value: number }[] {
  const own = totalsByMonth(rows, (r) => r.state === state.usps);
  const byMonthState = sumBy(
    rows.filter((r) => r.state !== null),
    (r) => `${r.month}|${r.state}`,
    (r) => r.complaints,
  );
  const out: { date: Month; series: string; value: number }[] = [];
  for (const date of months) {
    const rate = unroundedPer100k(own.get(date) ?? 0, state.population_2020);
    if (rate !== null) out.push({ date, series: state.usps, value: rate });
  }
  for (const date of months) {
    const counts = new Map(states.map((s) => [s.usps, byMonthState.get(`${date}|${s.usps}`) ?? 0]));
    const rate = nationalRate(counts, states);
    if (rate !== null) out.push({ date, series: NATIONAL, value: rate });
  }
  return out;
}
