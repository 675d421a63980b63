import { describe, expect, it } from 'vitest';
import { beforeAfter, compareLatestToYearEarlier, topShare } from '../../src/lib/summaries';

process.env.TZ ??= 'America/Los_Angeles';

const M = '\u2212';

describe('compareLatestToYearEarlier(monthly, subject)', () => {
  const year = (then: number, now: number) => [
    { month: '2025-10', value: then },
    { month: '2026-09', value: 999 },
    { month: '2026-10', value: now },
  ];

  it('states the change against the same month a year earlier', () => {
    // 880 / 1000 − 1 = −12%
    expect(compareLatestToYearEarlier(year(1000, 880), "Ohio's complaints")).toBe(
      "In October 2026 Ohio's complaints were 12% below October 2025.",
    );
    // 1125 / 1000 − 1 = +12.5% → 13% (half away from zero)
    expect(compareLatestToYearEarlier(year(1000, 1125), 'robocall complaints')).toBe(
      'In October 2026 robocall complaints were 13% above October 2025.',
    );
    // 3 / 1 − 1 = +200%
    expect(compareLatestToYearEarlier(year(1, 3), 'complaints')).toBe(
      'In October 2026 complaints were 200% above October 2025.',
    );
  });

  it('accepts YYYY-MM-01 months in any order and sums rows of one month', () => {
    const rows = [
      { month: '2026-10-01', value: 500 },
      { month: '2025-10-01', value: 600 },
      { month: '2026-10-01', value: 100 },
      { month: '2025-10-01', value: 400 },
    ];
    // 600 / 1000 − 1 = −40%
    expect(compareLatestToYearEarlier(rows, 'complaints')).toBe(
      'In October 2026 complaints were 40% below October 2025.',
    );
  });

  it('says "unchanged" for equal months and "less than 1%" for changes that round to 0%', () => {
    expect(compareLatestToYearEarlier(year(1204, 1204), 'complaints')).toBe(
      'In October 2026 complaints were unchanged from October 2025, at 1,204.',
    );
    // 1004 / 1000 − 1 = +0.4%
    expect(compareLatestToYearEarlier(year(1000, 1004), 'complaints')).toBe(
      'In October 2026 complaints were less than 1% above October 2025.',
    );
    // 995 / 1000 − 1 = −0.5% rounds to 1%
    expect(compareLatestToYearEarlier(year(1000, 995), 'complaints')).toBe(
      'In October 2026 complaints were 1% below October 2025.',
    );
  });

  it('handles zeros without dividing by them', () => {
    expect(compareLatestToYearEarlier(year(0, 12), 'complaints')).toBe(
      'In October 2026 complaints numbered 12, up from none in October 2025.',
    );
    expect(compareLatestToYearEarlier(year(1204, 0), 'complaints')).toBe(
      'In October 2026 complaints fell to zero, from 1,204 in October 2025.',
    );
    expect(compareLatestToYearEarlier(year(0, 0), 'complaints')).toBe(
      'In October 2026 complaints were zero, as in October 2025.',
    );
  });

  it('says when there is no year-earlier figure, or no data at all', () => {
    const rows = [
      { month: '2026-09', value: 10 },
      { month: '2026-10', value: 1204 },
    ];
    expect(compareLatestToYearEarlier(rows, "Ohio's complaints")).toBe(
      "In October 2026 Ohio's complaints numbered 1,204; there is no figure for October 2025 to compare with.",
    );
    expect(compareLatestToYearEarlier([], "Ohio's complaints")).toBe(
      "There are no figures for Ohio's complaints yet.",
    );
  });

  it('compares January with the January before (across the year boundary)', () => {
    const rows = [
      { month: '2025-01', value: 200 },
      { month: '2026-01', value: 150 },
    ];
    expect(compareLatestToYearEarlier(rows, 'complaints')).toBe(
      'In January 2026 complaints were 25% below January 2025.',
    );
  });
});

describe('topShare(totals, options)', () => {
  const labels = { imposters: 'imposters', warranties: 'Warranties & protection plans' };

  it('names the largest category and its share of the total', () => {
    // 310 / 1000 = 31%
    const totals = [
      { key: 'warranties', value: 250 },
      { key: 'imposters', value: 310 },
      { key: 'other', value: 240 },
      { key: 'debt', value: 200 },
    ];
    expect(topShare(totals, { labels })).toBe(
      'Imposters made up 31% of complaints in the last 12 months.',
    );
  });

  it('takes the period and what is counted', () => {
    // 2 / 3 = 66.7% → 67%
    const totals = [
      { key: 'warranties', value: 2 },
      { key: 'debt', value: 1 },
    ];
    expect(topShare(totals, { labels, period: 'in 2025', of: 'robocall complaints' })).toBe(
      'Warranties & protection plans made up 67% of robocall complaints in 2025.',
    );
  });

  it('names ties together', () => {
    const totals = [
      { key: 'a', value: 1 },
      { key: 'b', value: 1 },
      { key: 'c', value: 1 },
      { key: 'd', value: 1 },
    ];
    expect(topShare(totals)).toBe(
      'A, b, c and d each made up 25% of complaints in the last 12 months.',
    );
  });

  it('says so when there is nothing to share', () => {
    expect(topShare([])).toBe('There were no complaints in the last 12 months.');
    expect(topShare([{ key: 'a', value: 0 }], { period: 'in May 2026' })).toBe(
      'There were no complaints in May 2026.',
    );
  });
});

describe('beforeAfter(monthly, options)', () => {
  // Letter on 27 November 2023: before = Aug–Oct 2023, after = Dec 2023–Feb 2024; November is in neither.
  const base = { actionDate: '2023-11-27', through: '2024-06' };
  const rows = [
    { month: '2023-07', value: 9999 }, // outside both windows
    { month: '2023-08', value: 400 },
    { month: '2023-09', value: 404 },
    { month: '2023-10', value: 400 },
    { month: '2023-11', value: 5000 }, // the letter's month: in neither window
    { month: '2023-12', value: 150 },
    { month: '2024-01', value: 100 },
    { month: '2024-02', value: 60 },
    { month: '2024-03', value: 7777 },
  ];

  it('compares the months after with the months before, with the caveat', () => {
    // before 400 + 404 + 400 = 1,204; after 150 + 100 + 60 = 310; 310 / 1204 − 1 = −74.25% → −74%
    expect(beforeAfter(rows, base)).toBe(
      `In the 3 months after the letter, complaints naming these numbers fell from 1,204 to 310 (${M}74%). ` +
        'Complaints are reports, not call volume; the fall may have other causes.',
    );
  });

  it('says "rose" for a rise, and counts missing months as zero', () => {
    // before: Aug 0 (missing) + Sep 100 + Oct 0 = 100; after: Dec 250 = 250 → +150%
    const sparse = [
      { month: '2023-09', value: 100 },
      { month: '2023-12', value: 250 },
    ];
    expect(beforeAfter(sparse, { ...base, event: 'the FCC order', what: 'complaints' })).toBe(
      'In the 3 months after the FCC order, complaints rose from 100 to 250 (+150%). ' +
        'Complaints are reports, not call volume; the rise may have other causes.',
    );
  });

  it('uses other window lengths, and a singular month', () => {
    // 1 month: Oct 400 → Dec 150: 150 / 400 − 1 = −62.5% → −63%
    expect(beforeAfter(rows, { ...base, months: 1 })).toBe(
      `In the month after the letter, complaints naming these numbers fell from 400 to 150 (${M}63%). ` +
        'Complaints are reports, not call volume; the fall may have other causes.',
    );
  });

  it('handles zero windows and equal windows', () => {
    expect(beforeAfter([], base)).toBe(
      'There were no complaints naming these numbers in the 3 months before or after the letter.',
    );
    const gone = rows.filter((r) => r.month < '2023-12');
    expect(beforeAfter(gone, base)).toBe(
      `In the 3 months after the letter, complaints naming these numbers fell from 1,204 to none (${M}100%). ` +
        'Complaints are reports, not call volume; the fall may have other causes.',
    );
    const fresh = [{ month: '2024-01', value: 42 }];
    expect(beforeAfter(fresh, base)).toBe(
      'In the 3 months after the letter, complaints naming these numbers rose from none to 42. ' +
        'Complaints are reports, not call volume; the rise may have other causes.',
    );
    const flat = [
      { month: '2023-09', value: 10 },
      { month: '2024-02', value: 10 },
    ];
    expect(beforeAfter(flat, base)).toBe(
      'In the 3 months after the letter, complaints naming these numbers stayed at 10, the same as before. Complaints are reports, not call volume.',
    );
  });

  it('gives a decimal rather than 0% for a tiny change', () => {
    // 1000 → 998: −0.2%
    const tiny = [
      { month: '2023-10', value: 1000 },
      { month: '2024-01', value: 998 },
    ];
    expect(beforeAfter(tiny, base)).toContain(`fell from 1,000 to 998 (${M}0.2%)`);
  });

  it('refuses to compare a window the data do not cover yet', () => {
    expect(beforeAfter(rows, { ...base, through: '2024-01' })).toBe(
      'It is too early to compare: the 3 months after the letter run to February 2024, and the data end in January 2024.',
    );
    expect(beforeAfter(rows, { ...base, from: '2023-09' })).toBe(
      'There is too little history to compare: the 3 months before the letter start in August 2023, and the data begin in September 2023.',
    );
  });

  it('treats a month-precision action date like any day in that month', () => {
    expect(beforeAfter(rows, { ...base, actionDate: '2023-11' })).toBe(beforeAfter(rows, base));
  });
});
