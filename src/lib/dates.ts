/**
 * The one calendar module. Dates are strings as the data carries them: `YYYY`, `YYYY-MM` or
 * `YYYY-MM-DD` (a longer timestamp keeps its date part), with no time zone. They are parsed to
 * UTC midnight and only ever formatted in UTC, so a build machine (or a reader's browser) west of
 * Greenwich never shows 31 October for a complaint filed on 1 November. The arithmetic is
 * d3-time's UTC intervals (month lengths, leap years and week starts are its, not ours); weeks
 * start on Monday, as DuckDB's `date_trunc('week')` does.
 */
import { utcDay, utcMonday, utcMonth } from 'd3-time';

/** A calendar month, `YYYY-MM`. */
export type Month = string;

/** How precise a date string is: a year, a month or a day. */
export type DatePrecision = 'year' | 'month' | 'day';

const ISO_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (a longer timestamp keeps its date part) to UTC midnight. */
export function parseDate(value: string): Date {
  const match = ISO_DATE.exec(value.slice(0, 10));
  if (!match) throw new Error(`not a YYYY[-MM[-DD]] date: ${JSON.stringify(value)}`);
  const [, year, month = '01', day = '01'] = match;
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  // Date.UTC rolls 2026-02-31 over into March; refuse instead of drawing the wrong month.
  if (date.getUTCDate() !== Number(day) || date.getUTCMonth() !== Number(month) - 1) {
    throw new Error(`no such date: ${JSON.stringify(value)}`);
  }
  return date;
}

/** True when `value` is a real calendar date written exactly `YYYY-MM-DD` (2026-02-30 is not one). */
export function isDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  try {
    parseDate(value);
    return true;
  } catch {
    return false;
  }
}

/** `year` for `2026`, `month` for `2026-10`, `day` for `2026-10-05` (or a longer timestamp). */
export function datePrecision(value: string): DatePrecision {
  const length = value.trim().length;
  return length <= 4 ? 'year' : length <= 7 ? 'month' : 'day';
}

/** The `YYYY-MM` month of a date string or Date (read in UTC). */
export function monthKey(value: string | Date): Month {
  const date = typeof value === 'string' ? parseDate(value) : value;
  return `${String(date.getUTCFullYear()).padStart(4, '0')}-${String(date.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** The `YYYY-MM-DD` day of a Date, read in UTC. */
export function dayKey(date: Date): string {
  return `${monthKey(date)}-${String(date.getUTCDate()).padStart(2, '0')}`;
}

/** The day `count` days after (or before, when negative) `day`. */
export function addDays(day: string, count: number): string {
  return dayKey(utcDay.offset(parseDate(day), count));
}

/** Every `YYYY-MM-DD` from `from` to `to`, both included; empty when `to` is before `from`. */
export function dayRange(from: string, to: string): string[] {
  return utcDay.range(parseDate(from), utcDay.offset(parseDate(to), 1)).map(dayKey);
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(day: string): number {
  return parseDate(day).getUTCDay();
}

/** The Monday that starts the week `day` falls in (DuckDB's `date_trunc('week')`). */
export function weekStart(day: string): string {
  return dayKey(utcMonday.floor(parseDate(day)));
}

/** The month `count` months after (or before, when negative) `month`, as `YYYY-MM`. */
export function addMonths(month: Month | string, count: number): Month {
  return monthKey(utcMonth.offset(utcMonth.floor(parseDate(month)), count));
}

/** Every `YYYY-MM` from `from` to `to`, both included; empty when `to` is before `from`. */
export function monthRange(from: Month | string, to: Month | string): Month[] {
  const first = utcMonth.floor(parseDate(from));
  const last = utcMonth.floor(parseDate(to));
  return utcMonth.range(first, utcMonth.offset(last, 1)).map(monthKey);
}

/** Days in a month (`YYYY-MM`, or the month of a longer date). */
export function daysInMonth(month: Month | string): number {
  const first = utcMonth.floor(parseDate(month));
  return utcDay.count(first, utcMonth.offset(first, 1));
}

/** The first and last day (`YYYY-MM-DD`, inclusive) of a month. */
export function monthDays(month: Month | string): { start: string; end: string } {
  const first = utcMonth.floor(parseDate(month));
  return { start: dayKey(first), end: dayKey(utcDay.offset(utcMonth.offset(first, 1), -1)) };
}

/**
 * The windows compared around an action: the `months` whole months before the action's month and
 * the `months` whole months after it. The action's own month is in neither, because it mixes days
 * before and after the action.
 */
export function windowsAround(
  actionDate: string,
  months: number,
): { before: [Month, Month]; after: [Month, Month] } {
  const month = monthKey(actionDate);
  return {
    before: [addMonths(month, -months), addMonths(month, -1)],
    after: [addMonths(month, 1), addMonths(month, months)],
  };
}

/** True for a `from`/`to` value the explorer accepts: a real year, month or day from 1990 to 2100. */
export function isUrlDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const year = Number(match[1]);
  if (year < 1990 || year > 2100) return false;
  try {
    parseDate(value);
    return true;
  } catch {
    return false;
  }
}

/** First and last day (inclusive, `YYYY-MM-DD`) that a `YYYY`, `YYYY-MM` or `YYYY-MM-DD` value covers. */
export function dateBounds(value: string): { start: string; end: string } {
  const precision = datePrecision(value);
  if (precision === 'day') return { start: value, end: value };
  if (precision === 'month') return monthDays(value);
  return { start: `${value}-01-01`, end: `${value}-12-31` };
}
