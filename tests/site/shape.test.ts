/** The site's pure data-shaping functions, with small hand-made rows. */
import { describe, expect, it } from 'vitest';
import { addMonths, monthRange } from '../../src/lib/dates';
import { coverage, lastTwelve, spanName } from '../../src/lib/site-data/months';
import {
  changePhrase,
  latestSentence,
  ordinal,
  beforeAfter,
  callKind,
  compareLatest,
  direction,
  fillMonths,
  nationalRate,
  phoneNumber,
  rankStates,
  robocallShare,
  shares,
  trendByCallKind,
  type StateRef,
} from '../../src/lib/site-data/shape';
import {
  countsBySubject,
  countsByState,
  ratePoints,
  subjectPoints,
  topSubjects,
  totalsByMonth,
  type CubeRow,
} from '../../src/lib/site-data/views';
import { windowPhrase } from '../../src/build/site-data/site';
import { unroundedPer100k } from '../../src/lib/numbers/measures';
import { withoutGroupLabels } from '../../src/build/site-data/draw';
import { compareValues } from '../../src/lib/site-data/sort-table';
import { sourceLine } from '../../src/lib/site-data/figure';
import { cellText, cellValue } from '../../src/lib/site-data/table';

const STATES: StateRef[] = [
  { usps: 'OH', fips: '39', name: 'Ohio', population_2020: 1_000_000, kind: 'state' },
  { usps: 'PA', fips: '42', name: 'Pennsylvania', population_2020: 2_000_000, kind: 'state' },
  {
    usps: 'DC',
    fips: '11',
    name: 'District of Columbia',
    population_2020: 500_000,
    kind: 'district',
  },
  { usps: 'GU', fips: '66', name: 'Guam', population_2020: null, kind: 'territory' },
  { usps: 'PR', fips: '72', name: 'Puerto Rico', population_2020: 3_000_000, kind: 'territory' },
];

const row = (
  month: string,
  state: string | null,
  subject: string,
  robocall: boolean | null,
  complaints: number,
): CubeRow => ({ month, state, subject, robocall, complaints });

describe('months', () => {
  it('addMonths(month, n) crosses year boundaries both ways', () => {
    expect(addMonths('2025-12', 1)).toBe('2026-01');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2026-10', -12)).toBe('2025-10');
    expect(addMonths('2026-03', 25)).toBe('2028-04');
  });

  it('monthRange(from, to) is inclusive and empty when reversed', () => {
    expect(monthRange('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthRange('2026-02', '2026-01')).toEqual([]);
  });

  it('coverage(first, last) keeps complete months and says which partial ones it left out', () => {
    const c = coverage('2025-09-27', '2026-10-31')!;
    expect(c.first).toBe('2025-10');
    expect(c.last).toBe('2026-10');
    expect(c.months).toHaveLength(13);
    expect(c.leftOut).toEqual(['2025-09']);
    expect(c.partial).toBe(false);
  });

  it('coverage() drops a partial last month too', () => {
    const c = coverage('2025-01-01', '2025-03-17')!;
    expect(c.months).toEqual(['2025-01', '2025-02']);
    expect(c.leftOut).toEqual(['2025-03']);
  });

  it('coverage() of a single day keeps that partial month rather than nothing', () => {
    const c = coverage('2021-07-07', '2021-07-07')!;
    expect(c.months).toEqual(['2021-07']);
    expect(c.partial).toBe(true);
  });

  it('coverage() is null without data, and a leap February counts as complete', () => {
    expect(coverage(null, null)).toBeNull();
    expect(coverage('2024-02-01', '2024-02-29')!.months).toEqual(['2024-02']);
  });

  it('lastTwelve() and windowPhrase() describe the window', () => {
    const c = coverage('2024-01-01', '2026-10-31')!;
    expect(lastTwelve(c)).toEqual(monthRange('2025-11', '2026-10'));
    expect(windowPhrase(lastTwelve(c))).toBe('the 12 months to October 2026');
    expect(windowPhrase(['2021-07'])).toBe('July 2021');
    expect(spanName(['2025-11', '2025-12'])).toBe('November 2025 to December 2025');
  });
});

describe('shape', () => {
  it('callKind() maps the robocall flag to the palette keys', () => {
    expect([true, false, null].map(callKind)).toEqual(['robocall', 'live', 'unknown']);
  });

  it('trendByCallKind() fills missing months with zeros and omits kinds with no complaints', () => {
    const rows = [
      row('2026-01', 'OH', 'debt', true, 5),
      row('2026-01', 'PA', 'debt', true, 2),
      row('2026-02', 'OH', 'debt', false, 1),
    ];
    expect(trendByCallKind(rows, ['2026-01', '2026-02'])).toEqual([
      { date: '2026-01', series: 'robocall', value: 7 },
      { date: '2026-02', series: 'robocall', value: 0 },
      { date: '2026-01', series: 'live', value: 0 },
      { date: '2026-02', series: 'live', value: 1 },
    ]);
  });

  it('compareLatest() compares with a year earlier when the data reach back that far', () => {
    const series = fillMonths(
      new Map([
        ['2025-10', 100],
        ['2026-09', 90],
        ['2026-10', 110],
      ]),
      monthRange('2025-10', '2026-10'),
    );
    const c = compareLatest(series)!;
    expect(c).toMatchObject({
      basis: 'year',
      month: '2026-10',
      value: 110,
      earlierMonth: '2025-10',
      earlierValue: 100,
    });
    expect(c.change).toBeCloseTo(0.1);
  });

  it('compareLatest() falls back to the month before, then to nothing', () => {
    expect(
      compareLatest(
        fillMonths(
          new Map([
            ['2026-09', 50],
            ['2026-10', 25],
          ]),
          ['2026-09', '2026-10'],
        ),
      ),
    ).toMatchObject({ basis: 'month', earlierMonth: '2026-09', change: -0.5 });
    expect(compareLatest([{ month: '2026-10', complaints: 3 }])).toMatchObject({
      basis: 'none',
      earlierMonth: null,
      change: null,
    });
    expect(compareLatest([])).toBeNull();
  });

  it('compareLatest() gives no change against zero', () => {
    expect(
      compareLatest([
        { month: '2026-09', complaints: 0 },
        { month: '2026-10', complaints: 4 },
      ])!.change,
    ).toBeNull();
  });

  it('direction() treats changes under 2% as flat', () => {
    expect([0.1, -0.1, 0.01, null, Number.NaN].map(direction)).toEqual([
      'up',
      'down',
      'flat',
      'unknown',
      'unknown',
    ]);
  });

  it('unroundedPer100k() needs a population, and multiplies before it divides, as the SQL does', () => {
    expect(unroundedPer100k(50, 1_000_000)).toBe(5);
    expect(unroundedPer100k(50, null)).toBeNull();
    expect(unroundedPer100k(50, 0)).toBeNull();
    // 1 / 3 × 100,000 in doubles is 33333.33333333333; 100,000 / 3 is 33333.333333333336.
    expect(unroundedPer100k(1, 3)).toBe(100_000 / 3);
    expect(unroundedPer100k(1, 3)).not.toBe((1 / 3) * 100_000);
  });

  it('rankStates() ranks by rate, shares ranks on ties, and leaves places without population unranked', () => {
    const counts = new Map([
      ['OH', 100],
      ['PA', 200],
      ['DC', 10],
      ['GU', 7],
      ['PR', 0],
    ]);
    const ranked = rankStates(counts, STATES);
    expect(ranked.map((r) => [r.usps, r.rank])).toEqual([
      ['PA', 1],
      ['OH', 1],
      ['DC', 3],
      ['GU', null],
    ]);
    expect(ranked[0]!.per100k).toBe(10);
  });

  it('nationalRate() uses the 50 states and DC only', () => {
    const counts = new Map([
      ['OH', 100],
      ['PA', 200],
      ['DC', 50],
      ['PR', 3000],
    ]);
    expect(nationalRate(counts, STATES)).toBeCloseTo((350 / 3_500_000) * 100_000);
  });

  it('shares() orders by size and sums to one', () => {
    const s = shares(
      new Map([
        ['a', 1],
        ['b', 3],
        ['c', 0],
      ]),
      (k) => k.toUpperCase(),
    );
    expect(s.map((x) => [x.label, x.share])).toEqual([
      ['B', 0.75],
      ['A', 0.25],
    ]);
  });

  it('robocallShare() counts only complaints that said either way', () => {
    expect(
      robocallShare([
        { robocall: true, complaints: 3 },
        { robocall: false, complaints: 1 },
        { robocall: null, complaints: 6 },
      ]),
    ).toEqual({ robocall: 3, live: 1, notSaid: 6, share: 0.75 });
    expect(robocallShare([{ robocall: null, complaints: 2 }]).share).toBeNull();
  });

  it('beforeAfter() compares the months either side, leaving the action month out', () => {
    const series = fillMonths(
      new Map([
        ['2025-05', 30],
        ['2025-06', 30],
        ['2025-07', 30],
        ['2025-08', 999],
        ['2025-09', 15],
        ['2025-10', 15],
        ['2025-11', 15],
      ]),
      monthRange('2025-05', '2025-11'),
    );
    const c = beforeAfter(series, '2025-08')!;
    expect(c.before).toMatchObject({ from: '2025-05', to: '2025-07', complaints: 90, mean: 30 });
    expect(c.after).toMatchObject({ from: '2025-09', to: '2025-11', complaints: 45, mean: 15 });
    expect(c.change).toBe(-0.5);
  });

  it('beforeAfter() is null when the data do not cover both windows', () => {
    const series = fillMonths(new Map(), monthRange('2025-06', '2025-12'));
    expect(beforeAfter(series, '2025-08')).toBeNull();
    expect(beforeAfter(series, '2025-09')).not.toBeNull();
  });

  it('phoneNumber() formats 10-digit numbers and leaves others as reported', () => {
    expect(phoneNumber('6145550123')).toBe('(614) 555-0123');
    expect(phoneNumber('12345')).toBe('12345');
  });
});

describe('views', () => {
  const rows = [
    row('2026-01', 'OH', 'debt', true, 10),
    row('2026-01', 'OH', 'imposters', false, 5),
    row('2026-01', null, 'other', null, 4),
    row('2026-02', 'PA', 'debt', true, 20),
    row('2026-02', 'OH', 'charities', true, 1),
  ];

  it('totalsByMonth() and countsByState() sum the cube', () => {
    expect([...totalsByMonth(rows)]).toEqual([
      ['2026-01', 19],
      ['2026-02', 21],
    ]);
    expect([...countsByState(rows, ['2026-01'])]).toEqual([['OH', 15]]);
  });

  it('topSubjects() and countsBySubject() rank subjects in the window', () => {
    expect(topSubjects(rows, ['2026-01', '2026-02'], 2)).toEqual(['debt', 'imposters']);
    expect(countsBySubject(rows, ['2026-02']).get('debt')).toBe(20);
  });

  it('subjectPoints() keeps the chosen subjects and sums the rest', () => {
    const points = subjectPoints(rows, ['2026-01', '2026-02'], ['debt'], (s) => s.toUpperCase());
    expect(points).toEqual([
      { date: '2026-01', subject: 'DEBT', value: 10 },
      { date: '2026-02', subject: 'DEBT', value: 20 },
      { date: '2026-01', subject: 'All other subjects', value: 9 },
      { date: '2026-02', subject: 'All other subjects', value: 1 },
    ]);
  });

  it('ratePoints() gives the state and the national rate per month', () => {
    const points = ratePoints(rows, ['2026-01', '2026-02'], STATES[0]!, STATES);
    const own = points.filter((p) => p.series === 'OH').map((p) => p.value);
    const us = points.filter((p) => p.series === 'US').map((p) => p.value);
    expect(own[0]).toBeCloseTo(1.5);
    expect(own[1]).toBeCloseTo(0.1);
    expect(us[0]).toBeCloseTo((15 / 3_500_000) * 1e5);
    expect(us[1]).toBeCloseTo((21 / 3_500_000) * 1e5);
  });

  it('ratePoints() gives no state series without a population', () => {
    expect(ratePoints(rows, ['2026-01'], STATES[3]!, STATES).every((p) => p.series === 'US')).toBe(
      true,
    );
  });
});

describe('sentences', () => {
  it('latestSentence() says up or down against a year earlier', () => {
    const c = compareLatest(
      fillMonths(
        new Map([
          ['2025-10', 100],
          ['2026-10', 150],
        ]),
        monthRange('2025-10', '2026-10'),
      ),
    );
    expect(latestSentence('Ohio', c)).toBe(
      'In Ohio, consumers filed 150 Do Not Call complaints in October 2026, up 50% from October 2025 (100).',
    );
    expect(latestSentence('the United States', c)).toMatch(/^Nationally, consumers filed 150/);
  });

  it('changePhrase() handles down, flat and nothing to compare', () => {
    const down = compareLatest([
      { month: '2026-09', complaints: 200 },
      { month: '2026-10', complaints: 100 },
    ]);
    expect(changePhrase(down)).toBe('down 50% from September 2026 (200)');
    const flat = compareLatest([
      { month: '2026-09', complaints: 100 },
      { month: '2026-10', complaints: 101 },
    ]);
    expect(changePhrase(flat)).toBe('about the same as September 2026 (100)');
    expect(changePhrase(compareLatest([{ month: '2026-10', complaints: 1 }]))).toBe('');
  });

  it('ordinal() spells ranks', () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 52, 101].map(ordinal)).toEqual([
      '1st',
      '2nd',
      '3rd',
      '4th',
      '11th',
      '12th',
      '13th',
      '21st',
      '22nd',
      '52nd',
      '101st',
    ]);
  });

  it('sourceLine() names the data version and the range', () => {
    expect(sourceLine({ dataVersion: 'abc', synthetic: true }, '2025-10', '2026-10')).toBe(
      'Source: FTC Do Not Call complaints (synthetic sample data); data version abc, October 2025 to October 2026.',
    );
    expect(sourceLine({ dataVersion: 'abc', synthetic: false }, null, null, 'X')).toBe(
      'Source: X; data version abc.',
    );
  });
});

describe('tables and markup', () => {
  it('cellText() and cellValue() format numbers and keep sort values', () => {
    expect(cellText(1234.5, { label: 'n' })).toBe('1,235');
    expect(cellText(1234.56, { label: 'n', digits: 1 })).toBe('1,234.6');
    expect(cellText(null, { label: 'n' })).toBe('–');
    expect(cellValue({ text: '+5%', value: 0.05 })).toBe(0.05);
  });

  it('compareValues() sorts numbers numerically, blanks first, and text naturally', () => {
    expect(['10', '', '9'].sort((a, b) => compareValues(a, b, true))).toEqual(['', '9', '10']);
    expect(['b', 'A', 'a10', 'a9'].sort((a, b) => compareValues(a, b, false))).toEqual([
      'A',
      'a9',
      'a10',
      'b',
    ]);
  });

  it('withoutGroupLabels() drops aria-label from role-less groups only', () => {
    expect(
      withoutGroupLabels(
        '<svg role="img" aria-label="x"><g aria-label="rule" stroke="#000"><g role="link" aria-label="Ohio"></g></g></svg>',
      ),
    ).toBe(
      '<svg role="img" aria-label="x"><g stroke="#000"><g role="link" aria-label="Ohio"></g></g></svg>',
    );
  });
});

describe('small bases', () => {
  it('changePhrase() gives no percentage when the earlier month had fewer than SMALL_BASE complaints', () => {
    const c = compareLatest(
      fillMonths(
        new Map([
          ['2025-10', 1],
          ['2026-10', 0],
        ]),
        monthRange('2025-10', '2026-10'),
      ),
    );
    expect(changePhrase(c)).toBe('against 1 in October 2025');
  });
});
