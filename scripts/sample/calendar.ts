/**
 * How many complaints a created-date gets: weekday rhythm, federal holidays, a mild season, a
 * trend over the window, and day-to-day noise. Pure functions of the day (noise takes an Rng).
 */
import {
  DAILY_NOISE_SIGMA,
  DECEMBER_FACTOR,
  HOLIDAY_EVE_FACTOR,
  HOLIDAY_FACTOR,
  MAJOR_HOLIDAY_FACTOR,
  SEASONAL_AMPLITUDE,
  SEASONAL_PEAK_DAY_OF_YEAR,
  TREND_PER_YEAR,
  WEEKDAY_FACTOR,
} from './calibration';
import { expectedFileDate, MONDAY_FILE_HOLDS_WEEKEND } from '../ingest/reconcile';
import { dayFromParts, dayOfYear, formatDay, parseDay, weekday, yearOf } from './dates';
import type { Rng } from './random';

const DAYS_PER_YEAR = 365.25;

/** The n-th (1-based) given weekday of a month; n = -1 for the last one. */
function nthWeekday(year: number, month: number, dow: number, n: number): number {
  if (n > 0) {
    const first = dayFromParts(year, month, 1);
    return first + ((dow - weekday(first) + 7) % 7) + 7 * (n - 1);
  }
  const last = dayFromParts(year, month + 1, 1) - 1;
  return last - ((weekday(last) - dow + 7) % 7);
}

/** Fixed-date holidays move to Friday or Monday when they fall on a weekend (5 U.S.C. 6103). */
function observed(day: number): number {
  const dow = weekday(day);
  if (dow === 6) return day - 1;
  if (dow === 0) return day + 1;
  return day;
}

export type HolidayKind = 'holiday' | 'major' | 'eve';

/** Federal holidays (observed dates) and the half-days around the biggest ones, for one year. */
export function holidaysOf(year: number): Map<number, HolidayKind> {
  const days = new Map<number, HolidayKind>();
  const thanksgiving = nthWeekday(year, 11, 4, 4);
  const christmas = observed(dayFromParts(year, 12, 25));
  const entries: [number, HolidayKind][] = [
    [observed(dayFromParts(year, 1, 1)), 'major'],
    [nthWeekday(year, 1, 1, 3), 'holiday'], // Martin Luther King Jr. Day
    [nthWeekday(year, 2, 1, 3), 'holiday'], // Washington's Birthday
    [nthWeekday(year, 5, 1, -1), 'holiday'], // Memorial Day
    [observed(dayFromParts(year, 6, 19)), 'holiday'], // Juneteenth
    [observed(dayFromParts(year, 7, 4)), 'major'],
    [nthWeekday(year, 9, 1, 1), 'holiday'], // Labor Day
    [nthWeekday(year, 10, 1, 2), 'holiday'], // Columbus Day
    [observed(dayFromParts(year, 11, 11)), 'holiday'], // Veterans Day
    [thanksgiving, 'major'],
    [christmas, 'major'],
    [thanksgiving + 1, 'eve'],
    [dayFromParts(year, 12, 24), 'eve'],
    [dayFromParts(year, 12, 31), 'eve'],
  ];
  // Holidays win over eves when an observed date and an eve coincide.
  for (const [day, kind] of entries) if (!days.has(day) || kind !== 'eve') days.set(day, kind);
  return days;
}

const holidayCache = new Map<number, Map<number, HolidayKind>>();

function cachedHolidays(year: number): Map<number, HolidayKind> {
  let holidays = holidayCache.get(year);
  if (holidays === undefined) {
    holidays = holidaysOf(year);
    holidayCache.set(year, holidays);
  }
  return holidays;
}

export function holidayKind(day: number): HolidayKind | undefined {
  const year = yearOf(day);
  // New Year's Day falling on a Saturday is observed on Dec 31: it sits in the next year's list.
  const own = cachedHolidays(year).get(day);
  const next = cachedHolidays(year + 1).get(day);
  if (own === undefined) return next;
  if (next === undefined || own !== 'eve') return own;
  return next;
}

/** The weekday/holiday factor alone: a holiday never counts for more than the weekend it is on. */
export function calendarFactor(day: number): number {
  const base = WEEKDAY_FACTOR[weekday(day)]!;
  const kind = holidayKind(day);
  if (kind === undefined) return base;
  const factor =
    kind === 'major'
      ? MAJOR_HOLIDAY_FACTOR
      : kind === 'holiday'
        ? HOLIDAY_FACTOR
        : HOLIDAY_EVE_FACTOR;
  return Math.min(base, factor);
}

export function seasonalFactor(day: number): number {
  const doy = dayOfYear(day);
  const wave =
    1 +
    SEASONAL_AMPLITUDE *
      Math.cos((2 * Math.PI * (doy - SEASONAL_PEAK_DAY_OF_YEAR)) / DAYS_PER_YEAR);
  const december = new Date(day * 86_400_000).getUTCMonth() === 11;
  return december ? wave * DECEMBER_FACTOR : wave;
}

/** Years from the window's middle day: the trend's clock, negative in the first half. */
export function yearsFrom(day: number, middle: number): number {
  return (day - middle) / DAYS_PER_YEAR;
}

export function trendFactor(day: number, middle: number, ratePerYear = TREND_PER_YEAR): number {
  return Math.exp(ratePerYear * yearsFrom(day, middle));
}

/** Expected complaints created on `day`, before noise. */
export function expectedVolume(day: number, weekdayVolume: number, middle: number): number {
  return weekdayVolume * calendarFactor(day) * seasonalFactor(day) * trendFactor(day, middle);
}

/** The number of complaints created on `day`: expected volume with lognormal noise, at least 1. */
export function dailyVolume(day: number, weekdayVolume: number, middle: number, rng: Rng): number {
  return Math.max(
    1,
    Math.round(expectedVolume(day, weekdayVolume, middle) * rng.lognormal(DAILY_NOISE_SIGMA)),
  );
}

/** One published daily file: its publication day and the created days it holds, in order. */
export interface DailyFilePlan {
  published: number;
  created: number[];
}

/**
 * The FTC's cadence over a window of created days: a file on each weekday, holding the complaints
 * created since the previous weekday's file (the ingest's `expectedFileDate`, one rule for both).
 * With MONDAY_FILE_HOLDS_WEEKEND, Monday's file holds Friday, Saturday and Sunday; without it,
 * weekend days are in no file and get no complaints. A window that starts or ends mid-weekend
 * gives a first or last file with only the days inside the window.
 */
export function dailyFilePlan(
  first: number,
  last: number,
  mondayHoldsWeekend = MONDAY_FILE_HOLDS_WEEKEND,
): DailyFilePlan[] {
  const files = new Map<number, number[]>();
  for (let day = first; day <= last; day++) {
    const file = expectedFileDate(formatDay(day), mondayHoldsWeekend);
    if (file === null) continue;
    const published = parseDay(file);
    const created = files.get(published) ?? [];
    created.push(day);
    files.set(published, created);
  }
  return [...files].map(([published, created]) => ({ published, created }));
}
