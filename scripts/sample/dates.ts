/**
 * Calendar arithmetic on whole days. A day is an integer: days since 1970-01-01, read as a
 * civil date with no time zone, as the FTC's timestamps are. Working in integers keeps the
 * generator free of Date objects in its hot loop and of any dependence on the machine's zone.
 */

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `YYYY-MM-DD` → day number; throws on anything that is not a real calendar date. */
export function parseDay(iso: string): number {
  const match = ISO_DATE.exec(iso);
  if (!match) throw new Error(`not a YYYY-MM-DD date: ${iso}`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  const back = new Date(ms);
  if (
    back.getUTCFullYear() !== year ||
    back.getUTCMonth() !== month - 1 ||
    back.getUTCDate() !== day
  ) {
    throw new Error(`not a calendar date: ${iso}`);
  }
  return ms / MS_PER_DAY;
}

export function dayFromParts(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

/** Day number → `YYYY-MM-DD`. */
export function formatDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

export function yearOf(day: number): number {
  return new Date(day * MS_PER_DAY).getUTCFullYear();
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** 0-based day of the year. */
export function dayOfYear(day: number): number {
  return day - dayFromParts(yearOf(day), 1, 1);
}
