import { describe, expect, it } from 'vitest';
import {
  formatChange,
  formatCompact,
  formatDate,
  formatDay,
  formatMonth,
  formatNumber,
  formatPer100k,
  formatPercent,
} from '../../src/lib/format';

// The dates below are the ones a UTC-7/8 machine gets wrong when a date string is read as local
// midnight or formatted in local time; the test script runs with TZ=America/Los_Angeles.
process.env.TZ ??= 'America/Los_Angeles';

describe('formatNumber', () => {
  it('groups thousands and rounds half away from zero', () => {
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(999)).toBe('999');
    expect(formatNumber(1204)).toBe('1,204');
    expect(formatNumber(1204.5)).toBe('1,205');
    expect(formatNumber(1234567.891, 2)).toBe('1,234,567.89');
    expect(formatNumber(3.14159, 2)).toBe('3.14');
  });

  it('writes negatives with a typographic minus and never −0', () => {
    expect(formatNumber(-1204)).toBe('\u22121,204');
    expect(formatNumber(-0.4)).toBe('0');
    expect(formatNumber(-0)).toBe('0');
  });

  it('prints a dash for numbers that are not finite', () => {
    expect(formatNumber(Number.NaN)).toBe('–');
    expect(formatNumber(Infinity)).toBe('–');
  });
});

describe('formatPercent and formatChange', () => {
  it('formats fractions as percents', () => {
    expect(formatPercent(0.314)).toBe('31%');
    expect(formatPercent(0.315)).toBe('32%');
    expect(formatPercent(0.0456, 1)).toBe('4.6%');
    expect(formatPercent(1)).toBe('100%');
  });

  it('signs changes, and leaves zero unsigned', () => {
    expect(formatChange(0.12)).toBe('+12%');
    expect(formatChange(-0.7425)).toBe('\u221274%');
    expect(formatChange(0)).toBe('0%');
    expect(formatChange(-0.001)).toBe('0%');
  });
});

describe('formatPer100k', () => {
  it('keeps one decimal below 100 and none above', () => {
    expect(formatPer100k(12.345)).toBe('12.3');
    expect(formatPer100k(4)).toBe('4.0');
    expect(formatPer100k(99.96)).toBe('100');
    expect(formatPer100k(1204.4)).toBe('1,204');
  });
});

describe('formatCompact', () => {
  it('shortens axis numbers', () => {
    expect(formatCompact(0)).toBe('0');
    expect(formatCompact(950)).toBe('950');
    expect(formatCompact(1000)).toBe('1k');
    expect(formatCompact(1500)).toBe('1.5k');
    expect(formatCompact(12000)).toBe('12k');
    expect(formatCompact(140000)).toBe('140k');
    expect(formatCompact(1_200_000)).toBe('1.2M');
    expect(formatCompact(-2500)).toBe('\u22122.5k');
    expect(formatCompact(999_950)).toBe('1M');
    expect(formatCompact(999.7)).toBe('1k');
  });
});

describe('month and day names', () => {
  it('reads date strings as UTC calendar dates, whatever the machine’s zone', () => {
    expect(formatMonth('2026-10')).toBe('October 2026');
    expect(formatMonth('2026-11-01')).toBe('November 2026');
    expect(formatMonth('2026-01-01', true)).toBe('Jan 2026');
    expect(formatDay('2026-11-01')).toBe('November 1, 2026');
    expect(formatDay('2024-02-29', true)).toBe('Feb 29, 2024');
    expect(formatMonth(new Date(Date.UTC(2026, 0, 1)))).toBe('January 2026');
  });

  it('formats a date at its own precision', () => {
    expect(formatDate('2026')).toBe('2026');
    expect(formatDate('2026-10')).toBe('October 2026');
    expect(formatDate('2026-10-05')).toBe('October 5, 2026');
    expect(formatDate('2026-10-05', true)).toBe('Oct 5, 2026');
  });

  it('rejects dates that do not exist', () => {
    expect(() => formatDay('2026-02-31')).toThrow(/no such date/);
    expect(() => formatMonth('10/2026')).toThrow(/not a YYYY/);
  });
});
