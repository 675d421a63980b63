import { describe, expect, it } from 'vitest';
import {
  addMonths,
  datePrecision,
  dayKey,
  monthKey,
  monthRange,
  parseDate,
  windowsAround,
} from '../../src/lib/dates';

process.env.TZ ??= 'America/Los_Angeles';

describe('dates', () => {
  it('parses date strings to UTC midnight, whatever the machine’s zone', () => {
    expect(parseDate('2026-11-01').toISOString()).toBe('2026-11-01T00:00:00.000Z');
    expect(parseDate('2026-11').toISOString()).toBe('2026-11-01T00:00:00.000Z');
    expect(parseDate('2026').toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(parseDate('2026-03-08 02:30:00').toISOString()).toBe('2026-03-08T00:00:00.000Z');
    expect(dayKey(parseDate('2026-11-01'))).toBe('2026-11-01');
  });

  it('rejects what is not a calendar date', () => {
    expect(() => parseDate('2026-13')).toThrow();
    expect(() => parseDate('2025-02-29')).toThrow(/no such date/);
    expect(() => parseDate('Nov 2026')).toThrow(/not a YYYY/);
  });

  it('counts months across year ends', () => {
    expect(addMonths('2025-11', 3)).toBe('2026-02');
    expect(addMonths('2026-01-31', -1)).toBe('2025-12');
    expect(monthKey('2026-01-31')).toBe('2026-01');
    expect(monthRange('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthRange('2026-02', '2025-11')).toEqual([]);
    expect(datePrecision('2026-10')).toBe('month');
  });

  it('puts the action’s own month in neither window', () => {
    expect(windowsAround('2023-11-27', 3)).toEqual({
      before: ['2023-08', '2023-10'],
      after: ['2023-12', '2024-02'],
    });
    expect(windowsAround('2024-01', 1)).toEqual({
      before: ['2023-12', '2023-12'],
      after: ['2024-02', '2024-02'],
    });
  });
});
