/**
 * Calendar dates as the data carries them: `YYYY`, `YYYY-MM` or `YYYY-MM-DD` strings with no time
 * zone. They are parsed to UTC midnight and only ever formatted in UTC, so a build machine (or a
 * reader's browser) west of Greenwich never shows 31 October for a complaint filed on 1 November.
 */

const ISO_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** How precise a date string is: a year, a month or a day. */
export type DatePrecision = 'year' | 'month' | 'day';

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

/** `year` for `2026`, `month` for `2026-10`, `day` for `2026-10-05` (or a longer timestamp). */
export function datePrecision(value: string): DatePrecision {
  const length = value.trim().length;
  return length <= 4 ? 'year' : length <= 7 ? 'month' : 'day';
}

/** The `YYYY-MM` month of a date string or Date (read in UTC). */
export function monthKey(value: string | Date): string {
  const date = typeof value === 'string' ? parseDate(value) : value;
  return `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** The `YYYY-MM-DD` day of a Date, read in UTC. */
export function dayKey(date: Date): string {
  return `${monthKey(date)}-${String(date.getUTCDate()).padStart(2, '0')}`;
}

/** The month `count` months after (or before, when negative) `month`, as `YYYY-MM`. */
export function addMonths(month: string, count: number): string {
  const date = parseDate(month);
  return monthKey(new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + count, 1)));
}

/** Every `YYYY-MM` from `from` to `to`, both included; empty when `to` is before `from`. */
export function monthRange(from: string, to: string): string[] {
  const months: string[] = [];
  const last = monthKey(to);
  for (let month = monthKey(from); month <= last; month = addMonths(month, 1)) months.push(month);
  return months;
}

/**
 * The windows compared around an action: the `months` whole months before the action's month and
 * the `months` whole months after it. The action's own month is in neither, because it mixes days
 * before and after the action.
 */
export function windowsAround(
  actionDate: string,
  months: number,
): { before: [string, string]; after: [string, string] } {
  const month = monthKey(actionDate);
  return {
    before: [addMonths(month, -months), addMonths(month, -1)],
    after: [addMonths(month, 1), addMonths(month, months)],
  };
}
