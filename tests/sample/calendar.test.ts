import { describe, expect, it } from 'vitest';
import {
  calendarFactor,
  expectedVolume,
  holidayKind,
  seasonalFactor,
  trendFactor,
} from '../../scripts/sample/calendar';
import { HOLIDAY_FACTOR, MAJOR_HOLIDAY_FACTOR } from '../../scripts/sample/calibration';
import { dayOfYear, formatDay, parseDay, weekday } from '../../scripts/sample/dates';

const d = parseDay;

describe('dates', () => {
  it('round-trips day numbers and knows weekdays without a time zone', () => {
    expect(formatDay(d('2026-10-31'))).toBe('2026-10-31');
    expect(weekday(d('2026-10-31'))).toBe(6); // a Saturday
    expect(weekday(d('1969-12-31'))).toBe(3);
    expect(dayOfYear(d('2024-12-31'))).toBe(365);
    expect(() => parseDay('2026-02-30')).toThrow();
    expect(() => parseDay('2026-2-3')).toThrow();
  });
});

describe('federal holidays', () => {
  it('finds the floating ones', () => {
    expect(holidayKind(d('2025-11-27'))).toBe('major'); // Thanksgiving
    expect(holidayKind(d('2026-01-19'))).toBe('holiday'); // Martin Luther King Jr. Day
    expect(holidayKind(d('2025-05-26'))).toBe('holiday'); // Memorial Day
    expect(holidayKind(d('2026-09-07'))).toBe('holiday'); // Labor Day
    expect(holidayKind(d('2025-10-13'))).toBe('holiday'); // Columbus Day
  });

  it('moves fixed ones off weekends, across the year boundary too', () => {
    expect(holidayKind(d('2026-07-03'))).toBe('major'); // July 4, 2026 is a Saturday
    expect(holidayKind(d('2027-06-18'))).toBe('holiday'); // Juneteenth 2027 is a Saturday
    expect(holidayKind(d('2021-12-31'))).toBe('major'); // New Year's Day 2022 is a Saturday
    expect(holidayKind(d('2025-12-25'))).toBe('major');
    expect(holidayKind(d('2025-12-24'))).toBe('eve');
    expect(holidayKind(d('2025-11-28'))).toBe('eve');
    expect(holidayKind(d('2025-11-26'))).toBeUndefined();
  });
});

describe('volume', () => {
  it('puts weekends near 60% of weekdays and holidays lower still', () => {
    expect(calendarFactor(d('2026-10-31')) / calendarFactor(d('2026-10-28'))).toBeCloseTo(0.6, 1);
    expect(calendarFactor(d('2025-11-27'))).toBe(MAJOR_HOLIDAY_FACTOR);
    expect(calendarFactor(d('2025-10-13'))).toBe(HOLIDAY_FACTOR);
  });

  it('peaks in late winter, dips in December, trends from the window’s middle', () => {
    expect(seasonalFactor(d('2026-03-16'))).toBeGreaterThan(seasonalFactor(d('2026-09-15')));
    expect(seasonalFactor(d('2025-12-10'))).toBeLessThan(seasonalFactor(d('2025-11-26')));
    const middle = d('2025-11-01');
    expect(trendFactor(middle, middle)).toBe(1);
    expect(trendFactor(middle + 365, middle)).toBeGreaterThan(1.05);
    expect(trendFactor(middle - 365, middle)).toBeLessThan(0.95);
    expect(expectedVolume(d('2025-11-05'), 8200, middle)).toBeGreaterThan(7000);
  });
});
