/**
 * Data preparation for trendChart: sorted points with parsed dates, zeros filled in for stacking,
 * and how to name a date (monthly series read "October 2026", daily ones "October 5, 2026").
 */
import { parseDate } from '../dates';
import { formatDate, formatMonth } from '../format';

export interface TrendPoint {
  /** `YYYY-MM-DD` (a month is given by its first day). */
  date: string;
  /** Series key: `robocall`/`live`/`unknown`, a subject slug, a USPS code… */
  series: string;
  value: number;
}

export type Point = TrendPoint & { at: Date };

export function sum(points: readonly { value: number }[]): number {
  return points.reduce((total, p) => total + p.value, 0);
}

/**
 * Points sorted by date, then by series order. Stacked areas need every series at every date
 * (a gap would tear the stack), so with `fill` the missing combinations become zeros.
 */
export function completeGrid(
  points: readonly TrendPoint[],
  keys: readonly string[],
  fill: boolean,
): Point[] {
  const rows: TrendPoint[] = [...points];
  if (fill) {
    const seen = new Set(points.map((p) => `${p.date}|${p.series}`));
    for (const date of new Set(points.map((p) => p.date))) {
      for (const series of keys)
        if (!seen.has(`${date}|${series}`)) rows.push({ date, series, value: 0 });
    }
  }
  return rows
    .map((p) => ({ ...p, at: parseDate(p.date) }))
    .sort(
      (a, b) => a.date.localeCompare(b.date) || keys.indexOf(a.series) - keys.indexOf(b.series),
    );
}

/** Names dates as months when every date is a month's first day (a monthly series), else as days. */
export function whenFormatter(dates: readonly string[]): (date: string | undefined) => string {
  const monthly = dates.length > 0 && dates.every((d) => d.length === 7 || d.endsWith('-01'));
  return (date) => (date === undefined ? '' : monthly ? formatMonth(date) : formatDate(date));
}
