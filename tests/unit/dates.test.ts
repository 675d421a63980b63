/**
 * The one dates module (src/lib/dates.ts) against cases counted by hand on a paper calendar:
 * leap years (2024 and 2000 are, 2023 and 2100 are not), month ends, year ends and week starts.
 */
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  dateBounds,
  dayOfWeek,
  dayRange,
  daysInMonth,
  isDay,
  isUrlDate,
  monthDays,
  monthRange,
  weekStart,
} from '../../src/lib/dates';
import { bucketOf } from '../../src/lib/numbers/periods';

describe('month lengths and leap years', () => {
  it('counts February by the Gregorian rule', () => {
    expect(daysInMonth('2024-02')).toBe(29);
    expect(daysInMonth('2023-02')).toBe(28);
    expect(daysInMonth('2000-02')).toBe(29);
    expect(daysInMonth('2100-02')).toBe(28);
  });

  it('knows the thirty-day months from the thirty-one-day ones', () => {
    const lengths = monthRange('2025-01', '2025-12').map(daysInMonth);
    expect(lengths).toEqual([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]);
    expect(lengths.reduce((a, b) => a + b)).toBe(365);
  });

  it('gives a month’s first and last day, and a URL value’s', () => {
    expect(monthDays('2024-02')).toEqual({ start: '2024-02-01', end: '2024-02-29' });
    expect(dateBounds('2023-02')).toEqual({ start: '2023-02-01', end: '2023-02-28' });
    expect(dateBounds('2024-04')).toEqual({ start: '2024-04-01', end: '2024-04-30' });
    expect(dateBounds('2024')).toEqual({ start: '2024-01-01', end: '2024-12-31' });
    expect(dateBounds('2024-02-29')).toEqual({ start: '2024-02-29', end: '2024-02-29' });
  });

  it('accepts 29 February only in a leap year', () => {
    expect(isDay('2024-02-29')).toBe(true);
    expect(isDay('2023-02-29')).toBe(false);
    expect(isDay('2100-02-29')).toBe(false);
    expect(isDay('2026-04-31')).toBe(false);
    expect(isDay('2026-4-01')).toBe(false);
    expect(isUrlDate('2024-02-29')).toBe(true);
    expect(isUrlDate('2023-02-29')).toBe(false);
    expect(isUrlDate('2025-13')).toBe(false);
    expect(isUrlDate('1989')).toBe(false);
  });
});

describe('stepping', () => {
  it('steps months across year ends, both ways', () => {
    expect(addMonths('2024-12', 1)).toBe('2025-01');
    expect(addMonths('2024-01', -1)).toBe('2023-12');
    expect(addMonths('2024-03', -13)).toBe('2023-02');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02'); // the month of a day, not day 31 + a month
    expect(monthRange('2023-11', '2024-02')).toEqual(['2023-11', '2023-12', '2024-01', '2024-02']);
    expect(monthRange('2024-02', '2024-01')).toEqual([]);
  });

  it('steps days over month ends and 29 February', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(dayRange('2024-02-27', '2024-03-02')).toEqual([
      '2024-02-27',
      '2024-02-28',
      '2024-02-29',
      '2024-03-01',
      '2024-03-02',
    ]);
    expect(dayRange('2024-01-01', '2024-12-31')).toHaveLength(366);
    expect(dayRange('2024-03-02', '2024-03-01')).toEqual([]);
  });

  it('is the same whatever the machine’s zone (a DST change is not a short day)', () => {
    // 2026-03-08 and 2026-11-01 are the US clock changes; npm test runs in America/Los_Angeles.
    expect(dayRange('2026-03-07', '2026-03-09')).toEqual([
      '2026-03-07',
      '2026-03-08',
      '2026-03-09',
    ]);
    expect(addDays('2026-11-01', 1)).toBe('2026-11-02');
  });
});

describe('weeks', () => {
  it('names weekdays: 2026-08-01 was a Saturday, 2024-02-29 a Thursday', () => {
    expect(dayOfWeek('2026-08-01')).toBe(6);
    expect(dayOfWeek('2026-08-02')).toBe(0);
    expect(dayOfWeek('2024-02-29')).toBe(4);
  });

  it('starts weeks on Monday, as DuckDB’s date_trunc(week) does, across month and year ends', () => {
    expect(weekStart('2026-08-02')).toBe('2026-07-27'); // a Sunday belongs to the week before
    expect(weekStart('2026-08-03')).toBe('2026-08-03'); // a Monday starts its own
    expect(weekStart('2025-01-01')).toBe('2024-12-30');
    expect(weekStart('2024-03-01')).toBe('2024-02-26');
    expect(bucketOf('2026-08-02', 'week')).toBe(weekStart('2026-08-02'));
    expect(bucketOf('2024-02-29', 'month')).toBe('2024-02-01');
    expect(bucketOf('2024-02-29', 'year')).toBe('2024-01-01');
  });
});
