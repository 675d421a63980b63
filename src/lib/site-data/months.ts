/**
 * Months as `YYYY-MM` strings, and which months of the data are complete. A month at either end
 * of the data that is only partly covered would show as a false dip, so charts and comparisons
 * use complete months only (and say which month was left out).
 */

import { formatMonth } from '../format';

export type Month = string;

/** `YYYY-MM` of a `YYYY-MM-DD…` date (or of a `YYYY-MM` month). */
export function monthOf(date: string): Month {
  return date.slice(0, 7);
}

export function addMonths(month: Month, n: number): Month {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Every month from `from` to `to`, inclusive; empty when `to` is before `from`. */
export function monthRange(from: Month, to: Month): Month[] {
  const out: Month[] = [];
  for (let m = from; m <= to; m = addMonths(m, 1)) out.push(m);
  return out;
}

export function daysInMonth(month: Month): number {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export interface Coverage {
  /** First and last day with data, `YYYY-MM-DD`. */
  firstDay: string;
  lastDay: string;
  /** The months charts show: the complete ones, or every month when none is complete. */
  months: Month[];
  first: Month;
  last: Month;
  /** True when `months` holds a month the data cover only in part. */
  partial: boolean;
  /** Months with some data that `months` leaves out because they are incomplete. */
  leftOut: Month[];
}

/** The months to chart for data from `firstDay` to `lastDay`; null when there is no data. */
export function coverage(firstDay: string | null, lastDay: string | null): Coverage | null {
  if (!firstDay || !lastDay || lastDay < firstDay) return null;
  const firstMonth = monthOf(firstDay);
  const lastMonth = monthOf(lastDay);
  const startsClean = Number(firstDay.slice(8, 10)) === 1;
  const endsClean = Number(lastDay.slice(8, 10)) === daysInMonth(lastMonth);
  const first = startsClean ? firstMonth : addMonths(firstMonth, 1);
  const last = endsClean ? lastMonth : addMonths(lastMonth, -1);
  const all = monthRange(firstMonth, lastMonth);
  if (first > last)
    return {
      firstDay,
      lastDay,
      months: all,
      first: firstMonth,
      last: lastMonth,
      partial: true,
      leftOut: [],
    };
  const months = monthRange(first, last);
  return {
    firstDay,
    lastDay,
    months,
    first,
    last,
    partial: false,
    leftOut: all.filter((m) => !months.includes(m)),
  };
}

/** Up to twelve months ending with the coverage's last month. */
export function lastTwelve(cov: Coverage): Month[] {
  return cov.months.slice(-12);
}

/** `October 2025 to September 2026`, or one month's name. */
export function spanName(months: readonly Month[]): string {
  if (months.length === 0) return 'no months';
  const first = months[0]!;
  const last = months[months.length - 1]!;
  return first === last ? formatMonth(first) : `${formatMonth(first)} to ${formatMonth(last)}`;
}
