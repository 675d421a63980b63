import { describe, expect, it } from 'vitest';
import { coverageSentence, dayCoverage, dayRuns, missingDaysPhrase } from '../../src/lib/coverage';

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

describe('coverageSentence', () => {
  const gap = (created_date: string, expected_file_date: string) => ({
    created_date,
    expected_file_date,
  });
  const iso = (d: string) => `<${d}>`;

  it('names the first and last day and says when no weekday is missing', () => {
    expect(coverageSentence({ firstDay: '2026-05-01', lastDay: '2026-05-31' }, [], iso)).toBe(
      'Complaints created <2026-05-01> to <2026-05-31>; no weekday missing.',
    );
  });

  it('reads one day as one day', () => {
    expect(coverageSentence({ firstDay: '2021-07-07', lastDay: '2021-07-07' }, [], iso)).toBe(
      'Complaints created on <2021-07-07>; no weekday missing.',
    );
  });

  it('counts the missing weekdays and names them as runs, unsorted input included', () => {
    const gaps = [
      gap('2026-05-13', '2026-05-14'),
      gap('2026-05-05', '2026-05-06'),
      gap('2026-05-12', '2026-05-13'),
    ];
    expect(missingDaysPhrase(gaps)).toBe(
      '3 weekdays missing (2026-05-05, 2026-05-12 to 2026-05-13)',
    );
    expect(missingDaysPhrase([gap('2026-05-05', '2026-05-06')])).toBe(
      '1 weekday missing (2026-05-05)',
    );
  });

  it('names at most four runs and counts the rest', () => {
    // Six Tuesdays in a row: none adjacent, so six runs.
    const tuesdays = ['05', '12', '19', '26'].map((d) => `2026-05-${d}`);
    tuesdays.push('2026-06-02', '2026-06-09');
    const phrase = missingDaysPhrase(tuesdays.map((d) => gap(d, d)));
    expect(phrase).toBe(
      '6 weekdays missing (2026-05-05, 2026-05-12, 2026-05-19, 2026-05-26, and 2 more)',
    );
  });

  it('says so when nothing is loaded', () => {
    expect(coverageSentence(null, [], iso)).toBe('No complaints loaded.');
  });
});
