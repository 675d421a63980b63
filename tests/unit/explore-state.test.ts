import { describe, expect, it } from 'vitest';
import { DEFAULT_STATE, dateBounds, parseExploreState, serializeExploreState, type ExploreState } from '../../src/lib/explore/view';

const vocabulary = { states: new Set(['OH', 'PA', 'CA', 'TX']), subjects: new Set(['imposters', 'warranties', 'other']) };
const parse = (query: string) => parseExploreState(new URLSearchParams(query), vocabulary);

describe('parseExploreState(params, vocabulary)', () => {
  it('reads the example URL of DESIGN.md §5', () => {
    const { state, ignored } = parse('chart=trend&interval=month&from=2024-01&to=2024-12&state=OH,PA&subject=imposters&robocall=yes&area=614&measure=count&v=abc123def456');
    expect(ignored).toEqual([]);
    expect(state).toEqual({
      ...DEFAULT_STATE,
      from: '2024-01',
      to: '2024-12',
      states: ['OH', 'PA'],
      subjects: ['imposters'],
      robocall: ['yes'],
      areas: ['614'],
      v: 'abc123def456',
    });
  });

  it('normalises case, order and repeats in lists', () => {
    expect(parse('state=pa,oh,PA&robocall=NO,yes').state).toMatchObject({ states: ['OH', 'PA'], robocall: ['no', 'yes'] });
  });

  it('drops and names every value it does not accept, keeping the rest', () => {
    const { state, ignored } = parse('chart=pie&state=OH,ZZ&subject=<script>&area=61&from=2024-13&measure=x&v=%27;DROP&utm_source=x&page=-1');
    expect(state).toEqual({ ...DEFAULT_STATE, states: ['OH'] });
    expect(ignored.map((i) => [i.key, i.value])).toEqual([
      ['chart', 'pie'],
      ['state', 'ZZ'],
      ['subject', '<script>'],
      ['area', '61'],
      ['from', '2024-13'],
      ['measure', 'x'],
      ['v', "';DROP"],
      ['utm_source', 'x'],
      ['page', '-1'],
    ]);
  });

  it('rejects impossible dates and a `to` before `from`', () => {
    expect(parse('from=2024-02-30').ignored).toHaveLength(1);
    const { state, ignored } = parse('from=2025-03&to=2024');
    expect(state.to).toBeNull();
    expect(ignored[0]!.reason).toMatch(/before/);
  });
});

describe('serializeExploreState(state)', () => {
  it('round-trips through parse', () => {
    const states: ExploreState[] = [
      DEFAULT_STATE,
      { ...DEFAULT_STATE, chart: 'map', measure: 'per100k', from: '2025', to: '2025-06-30', states: ['CA', 'TX'] },
      { ...DEFAULT_STATE, chart: 'table', page: 3, subjects: ['other'], robocall: ['unknown'], areas: ['212', '614'], v: 'abcdef123456' },
    ];
    for (const s of states) expect(parse(serializeExploreState(s)).state).toEqual(s);
  });

  it('writes one canonical URL per view, with readable commas and no defaults', () => {
    expect(serializeExploreState(DEFAULT_STATE)).toBe('');
    expect(serializeExploreState({ ...DEFAULT_STATE, states: ['OH', 'PA'], interval: 'week' })).toBe('interval=week&state=OH,PA');
  });
});

describe('dateBounds(value)', () => {
  it('covers a year, a month (leap years included) or a day', () => {
    expect(dateBounds('2024')).toEqual({ start: '2024-01-01', end: '2024-12-31' });
    expect(dateBounds('2024-02')).toEqual({ start: '2024-02-01', end: '2024-02-29' });
    expect(dateBounds('2025-02')).toEqual({ start: '2025-02-01', end: '2025-02-28' });
    expect(dateBounds('2025-02-14')).toEqual({ start: '2025-02-14', end: '2025-02-14' });
  });
});
