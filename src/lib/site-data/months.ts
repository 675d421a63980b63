/**
 * Months as `YYYY-MM` strings, and which months of the data are complete. A month at either end
 * of the data that is only partly covered would show as a false dip, so charts and comparisons
 * use complete months only (and say which month was left out).
 */

import { addMonths, daysInMonth, monthKey, monthRange, type Month } from '../dates';
import { formatMonth } from '../format';

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
  const firstMonth = monthKey(firstDay);
  const lastMonth = monthKey(lastDay);
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
