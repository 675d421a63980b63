/**
 * The sample's calibration against its sources (scripts/sample/calibration.ts), on the model's
 * expected values over the default window: no noise, so the targets can be held tightly. The
 * generated rows are compared with the same targets in tests/sample/sample.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { dailyFilePlan, expectedVolume } from '../../scripts/sample/calendar';
import {
  DATABOOK_FY2024_NEXT_STATES,
  DATABOOK_FY2025_COMPLAINTS,
  DATABOOK_FY2025_TOP_STATES,
  DATABOOK_FY2025_TOP_TOPICS,
  DEFAULT_DAYS,
  DEFAULT_END,
  DEFAULT_SEED,
  DEFAULT_WEEKDAY_VOLUME,
  ISSUE9_FILE_COMPLAINTS_2026,
  ROBOCALL_SHARES,
} from '../../scripts/sample/calibration';
import { formatDay, parseDay } from '../../scripts/sample/dates';
import { stateWeights } from '../../scripts/sample/geography';
import { buildModel } from '../../scripts/sample/model';
import { subjectWeights } from '../../scripts/sample/subjects';

const LAST = parseDay(DEFAULT_END);
const FIRST = LAST - DEFAULT_DAYS + 1;
const model = buildModel({
  days: DEFAULT_DAYS,
  end: DEFAULT_END,
  seed: DEFAULT_SEED,
  volume: DEFAULT_WEEKDAY_VOLUME,
});
const plan = dailyFilePlan(FIRST, LAST);
const expected = (day: number) => expectedVolume(day, DEFAULT_WEEKDAY_VOLUME, model.middle);

describe('the FTC’s cadence', () => {
  it('puts Friday to Sunday in Monday’s file and each other weekday in the next day’s', () => {
    // Friday 2026-10-02 to Thursday 2026-10-15, written out by hand.
    const fortnight = dailyFilePlan(parseDay('2026-10-02'), parseDay('2026-10-15')).map((f) => [
      formatDay(f.published),
      f.created.map(formatDay),
    ]);
    expect(fortnight).toEqual([
      ['2026-10-05', ['2026-10-02', '2026-10-03', '2026-10-04']],
      ['2026-10-06', ['2026-10-05']],
      ['2026-10-07', ['2026-10-06']],
      ['2026-10-08', ['2026-10-07']],
      ['2026-10-09', ['2026-10-08']],
      ['2026-10-12', ['2026-10-09', '2026-10-10', '2026-10-11']],
      ['2026-10-13', ['2026-10-12']],
      ['2026-10-14', ['2026-10-13']],
      ['2026-10-15', ['2026-10-14']],
      ['2026-10-16', ['2026-10-15']],
    ]);
  });

  it('leaves weekends out of every file when Monday’s file does not hold them', () => {
    const week = dailyFilePlan(parseDay('2026-10-02'), parseDay('2026-10-05'), false);
    expect(week.map((f) => [formatDay(f.published), f.created.map(formatDay)])).toEqual([
      ['2026-10-05', ['2026-10-02']],
      ['2026-10-06', ['2026-10-05']],
    ]);
  });

  it('writes every created day of the default window into exactly one file', () => {
    const days = plan.flatMap((f) => f.created);
    expect(days).toHaveLength(DEFAULT_DAYS);
    expect(new Set(days).size).toBe(DEFAULT_DAYS);
  });
});

describe('volume', () => {
  const total = plan.reduce((n, f) => n + f.created.reduce((m, d) => m + expected(d), 0), 0);

  it('keeps the default sample near its earlier 5.18 million rows', () => {
    expect(total).toBeGreaterThan(5.18e6 * 0.95);
    expect(total).toBeLessThan(5.18e6 * 1.15);
  });

  it('gives FY2025 (October 2024 to September 2025) about the Data Book’s 2.6 million a year', () => {
    // The window starts 2024-11-01: FY2025's eleven months in it, scaled to a year.
    const from = parseDay('2024-11-01');
    const to = parseDay('2025-09-30');
    let sum = 0;
    for (let day = from; day <= to; day++) sum += expected(day);
    const perYear = (sum / (to - from + 1)) * 365;
    expect(Math.abs(perYear / DATABOOK_FY2025_COMPLAINTS - 1)).toBeLessThan(0.08);
  });

  it('averages 11,000 to 13,000 complaints a file over the last twelve months', () => {
    const recent = plan.filter((f) => f.published > LAST - 365);
    const perFile =
      recent.reduce((n, f) => n + f.created.reduce((m, d) => m + expected(d), 0), 0) /
      recent.length;
    expect(perFile).toBeGreaterThan(ISSUE9_FILE_COMPLAINTS_2026[0]);
    expect(perFile).toBeLessThan(ISSUE9_FILE_COMPLAINTS_2026[1]);
  });
});

describe('robocall share', () => {
  it('is the Data Book’s FY2025 1.6 of 2.6 million over the subject mix', () => {
    const weights = subjectWeights(model.subjects, 0, 1);
    const sum = weights.reduce((a, b) => a + b, 0);
    let y = 0;
    let empty = 0;
    model.subjects.forEach((s, i) => {
      y += (weights[i]! / sum) * s.flagY;
      empty += (weights[i]! / sum) * (1 - s.flagYN);
    });
    expect(y).toBeCloseTo(1.6 / 2.6, 2);
    expect(y).toBeCloseTo(ROBOCALL_SHARES.y, 2);
    expect(empty).toBeGreaterThan(0.05);
    expect(empty).toBeLessThan(0.09);
  });
});

describe('subject mix', () => {
  const NOT_TOPICS = new Set(['other', 'dropped-call', 'none']);
  /** Expected complaints per subject over [from, to], seasons and trends included. */
  function mix(from: number, to: number): string[] {
    const totals = new Float64Array(model.subjects.length);
    for (let day = from; day <= to; day++) {
      const month = new Date(day * 86_400_000).getUTCMonth() + 1;
      const weights = subjectWeights(model.subjects, (day - model.middle) / 365.25, month);
      const sum = weights.reduce((a, b) => a + b, 0);
      weights.forEach((w, i) => (totals[i]! += (w / sum) * expected(day)));
    }
    return model.subjects
      .map((s, i) => [s.slug, totals[i]!] as const)
      .filter(([slug]) => !NOT_TOPICS.has(slug))
      .sort((a, b) => b[1] - a[1])
      .map(([slug]) => slug);
  }

  it.each([
    ['first', FIRST, FIRST + 364],
    ['last', LAST - 364, LAST],
  ])('ranks the named topics as the Data Book’s FY2025 in the %s twelve months', (_, from, to) => {
    expect(mix(from, to).slice(0, 5)).toEqual([...DATABOOK_FY2025_TOP_TOPICS]);
  });
});

describe('state ranking', () => {
  /** USPS codes by complaints per person, most first, a number of years from mid-window. */
  function ranking(years: number): string[] {
    const weights = stateWeights(model.states, years);
    return model.states
      .map((s, i) => [s.usps, weights[i]! / s.population] as const)
      .sort((a, b) => b[1] - a[1])
      .map(([usps]) => usps);
  }

  it.each([-1, 0, 1])(
    'puts FY2025’s top five first in its order, FY2024’s others next (%s years from mid-window)',
    (years) => {
      const ranked = ranking(years);
      // Arizona 1,028, Tennessee 1,017, Nevada 960, Illinois 943, Florida 933 per 100,000.
      expect(ranked.slice(0, 5)).toEqual(['AZ', 'TN', 'NV', 'IL', 'FL']);
      expect(Object.keys(DATABOOK_FY2025_TOP_STATES)).toEqual(ranked.slice(0, 5));
      expect(new Set(ranked.slice(5, 8))).toEqual(new Set(DATABOOK_FY2024_NEXT_STATES));
    },
  );
});
