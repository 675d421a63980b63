/** src/lib/numbers: clipped periods, applicability, denominators, rankings, hand-counted. */
import { describe, expect, it } from 'vitest';
import {
  effectiveView,
  measureColumn,
  measureReason,
  measureUnit,
  unavailableMeasuresNote,
  type ViewShape,
} from '../../src/lib/numbers/measures';
import {
  bucketOf,
  periodOf,
  periodsIn,
  rangeLabel,
  viewRange,
} from '../../src/lib/numbers/periods';
import { cutRanking, isValidCallerNumber, tieNote } from '../../src/lib/numbers/rankings';

const data = { start: '2024-11-01', end: '2026-10-15' };

describe('periods', () => {
  it('a week that starts before the filter holds only the filter’s days, labelled by them', () => {
    const range = viewRange({ start: '2026-08-01', end: null }, data)!;
    expect(bucketOf('2026-08-01', 'week')).toBe('2026-07-27'); // a Saturday's Monday
    const p = periodOf('2026-07-27', 'week', range, data.end);
    expect(p).toMatchObject({
      start: '2026-08-01',
      end: '2026-08-02',
      days: 2,
      fullDays: 7,
      partial: true,
      filling: false,
      label: 'Aug 1–2, 2026',
    });
    expect(periodOf('2026-08-03', 'week', range, data.end)).toMatchObject({
      partial: false,
      label: 'Week of Aug 3, 2026',
    });
  });

  it('a year with two months of data reads as those months', () => {
    const p = periodOf(
      '2024-01-01',
      'year',
      viewRange({ start: null, end: null }, data)!,
      data.end,
    );
    expect(p).toMatchObject({
      start: '2024-11-01',
      end: '2024-12-31',
      days: 61,
      fullDays: 366,
      partial: true,
      label: 'Nov–Dec 2024',
    });
  });

  it('the month the data are still filling is marked as such', () => {
    const periods = periodsIn(
      'month',
      viewRange({ start: '2026-09-01', end: null }, data)!,
      data.end,
    );
    expect(periods.map((p) => p.label)).toEqual(['Sep 2026', 'Oct 1–15, 2026']);
    expect(periods[1]).toMatchObject({ days: 15, fullDays: 31, filling: true });
    // Cut by the filter, not the data: partial but not filling.
    expect(
      periodOf('2026-09-01', 'month', { start: '2026-09-01', end: '2026-09-10' }, data.end),
    ).toMatchObject({ partial: true, filling: false });
  });

  it('ranges in words', () => {
    expect(rangeLabel({ start: '2024-11-01', end: '2026-10-31' })).toBe('Nov 2024 to Oct 2026');
    expect(rangeLabel({ start: '2024-11-03', end: '2024-11-20' })).toBe(
      'Nov 3, 2024 to Nov 20, 2024',
    );
    expect(viewRange({ start: '2027-01-01', end: null }, data)).toBeNull();
  });
});

const view = (over: Partial<ViewShape>): ViewShape => ({
  chart: 'trend',
  interval: 'month',
  measure: 'count',
  states: [],
  robocall: [],
  areas: [],
  ...over,
});
const pops = new Map<string, number | null>([
  ['OH', 11_799_448],
  ['PA', 13_002_700],
  ['TX', 29_145_505],
  ['GU', null],
]);

describe('measures', () => {
  it('says each reason a measure is greyed out once, in the reason’s own words', () => {
    const table = view({ chart: 'table' });
    const reasons = (['per100k', 'robocall_share'] as const).map((m) =>
      measureReason(table, m, pops),
    );
    expect(unavailableMeasuresNote(reasons)).toBe(
      'Only complaint counts here: this view lists the complaints themselves.',
    );
    const areaNo = view({ areas: ['614'], robocall: ['no'] });
    expect(
      unavailableMeasuresNote(
        (['count', 'per100k', 'robocall_share'] as const).map((m) =>
          measureReason(areaNo, m, pops),
        ),
      ),
    ).toBe(
      'No rate per 100,000 residents with an area-code filter: area codes have no population figure. No robocall share: the robocall filter keeps only live callers, so the share would be a flat 0%.',
    );
    expect(unavailableMeasuresNote([null, null])).toBe('');
  });
  it('per 100k is impossible on area codes, callers and an area filter; share needs both answers', () => {
    expect(measureReason(view({ chart: 'callers' }), 'per100k', pops)).toMatch(/no population/);
    expect(measureReason(view({ chart: 'area-codes' }), 'robocall_share', pops)).toMatch(
      /Only complaint counts/,
    );
    expect(measureReason(view({ areas: ['614'] }), 'per100k', pops)).toMatch(/area-code filter/);
    expect(measureReason(view({ states: ['GU'] }), 'per100k', pops)).toMatch(/no population/);
    expect(measureReason(view({ robocall: ['no'] }), 'robocall_share', pops)).toMatch(/flat 0%/);
    expect(measureReason(view({ robocall: ['yes', 'unknown'] }), 'robocall_share', pops)).toMatch(
      /flat 100%/,
    );
    expect(measureReason(view({ robocall: ['yes', 'no'] }), 'robocall_share', pops)).toBeNull();
    expect(measureReason(view({ chart: 'map', states: ['OH'] }), 'per100k', pops)).toBeNull();
  });

  it('the effective view falls back to counts and the default interval, saying why', () => {
    const { view: v, adjusted } = effectiveView(
      view({ chart: 'map', interval: 'week', measure: 'robocall_share', robocall: ['yes'] }),
      pops,
    );
    expect(v).toMatchObject({ measure: 'count', interval: 'month' });
    expect(adjusted.map((a) => a.key)).toEqual(['measure', 'interval']);
  });

  it('a rate says the period it covers', () => {
    expect(measureUnit(view({ measure: 'per100k' }), null)).toBe(
      'complaints per 100,000 residents a month',
    );
    expect(
      measureUnit(view({ chart: 'map', measure: 'per100k' }), {
        start: '2024-11-01',
        end: '2026-10-31',
      }),
    ).toBe('complaints per 100,000 residents, Nov 2024 to Oct 2026');
    expect(measureColumn(view({ measure: 'per100k', interval: 'week' }))).toBe(
      'complaints_per_100k_residents_a_week',
    );
  });
});

describe('rankings', () => {
  it('placeholder and short numbers are not valid', () => {
    for (const bad of ['0000000000', '1111111111', '5551234', '123', '12125550100', null])
      expect(isValidCallerNumber(bad)).toBe(false);
    expect(isValidCallerNumber('2125550100')).toBe(true);
  });

  it('a cut inside a tie says how many more share it', () => {
    const rows = [5, 4, 2, 2, 2, 2, 1].map((v, i) => ({ k: String(i), v }));
    const cut = cutRanking(rows, 3, (r) => r.v);
    expect(cut.shown.map((r) => r.v)).toEqual([5, 4, 2]);
    expect(cut.tiedBeyond).toBe(3);
    expect(tieNote(cut.tiedBeyond, cut.tiedValue)).toBe(
      'and 3 more numbers with 2 complaints each',
    );
    expect(cutRanking(rows, 2, (r) => r.v).tiedBeyond).toBe(0);
  });
});
