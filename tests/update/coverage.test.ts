import { describe, expect, it } from 'vitest';
import { dayCoverage, dayRuns } from '../../src/lib/coverage';

const source = (min: string, max: string, status: 'loaded' | 'duplicate' = 'loaded') => ({
  status,
  created_min: `${min} 00:01:00`,
  created_max: `${max} 23:59:00`,
  rows_loaded: 10,
});

describe('dayCoverage', () => {
  it('counts a Monday file as covering Friday to Sunday and lists the days no file covers', () => {
    // Tue file (Mon), a missing Wed file (Tue), Thu file (Wed), Mon file (Fri..Sun), overlapping API day.
    const cov = dayCoverage([
      source('2026-05-04', '2026-05-04'),
      source('2026-05-06', '2026-05-06'),
      source('2026-05-08', '2026-05-10'),
      source('2026-05-09', '2026-05-09'),
      source('2026-05-01', '2026-05-30', 'duplicate'),
    ]);
    // Counted by hand: 05-04..05-10 is 7 days; 05-05 and 05-07 have no file.
    expect(cov).toEqual({
      firstDay: '2026-05-04',
      lastDay: '2026-05-10',
      missing: ['2026-05-05', '2026-05-07'],
      covered: 5,
    });
  });

  it('is null with nothing loaded, and one day for a one-day build', () => {
    expect(dayCoverage([])).toBeNull();
    expect(dayCoverage([source('2021-07-07', '2021-07-07')])).toEqual({
      firstDay: '2021-07-07',
      lastDay: '2021-07-07',
      missing: [],
      covered: 1,
    });
  });
});

describe('dayRuns', () => {
  it('joins consecutive days into runs', () => {
    expect(dayRuns(['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-05'])).toEqual([
      '2026-02-27 to 2026-03-01',
      '2026-03-05',
    ]);
    expect(dayRuns([])).toEqual([]);
  });
});
