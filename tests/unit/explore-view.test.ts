import { describe, expect, it } from 'vitest';
import { dateBounds } from '../../src/lib/dates';
import {
  DEFAULT_VIEW,
  parseExploreView,
  serializeExploreView,
  type ExploreView,
} from '../../src/lib/explore/view';

const vocabulary = {
  states: new Set(['OH', 'PA', 'CA', 'TX']),
  subjects: new Set(['imposters', 'warranties', 'other']),
};
const parse = (query: string) => parseExploreView(new URLSearchParams(query), vocabulary);

describe('parseExploreView(params, vocabulary)', () => {
  it('reads the example URL of docs/DESIGN.md §5', () => {
    const { view, ignored } = parse(
      'chart=trend&interval=month&from=2024-01&to=2024-12&state=OH,PA&subject=imposters&robocall=yes&area=614&measure=count&v=abc123def456',
    );
    expect(ignored).toEqual([]);
    expect(view).toEqual({
      ...DEFAULT_VIEW,
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
    expect(parse('state=pa,oh,PA&robocall=NO,yes').view).toMatchObject({
      states: ['OH', 'PA'],
      robocall: ['no', 'yes'],
    });
  });

  it('drops and names every value it does not accept, keeping the rest', () => {
    const { view, ignored } = parse(
      'chart=pie&state=OH,ZZ&subject=<script>&area=61&from=2024-13&measure=x&v=%27;DROP&utm_source=x&page=-1',
    );
    expect(view).toEqual({ ...DEFAULT_VIEW, states: ['OH'] });
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

  it('reads caller= as people type numbers, and writes the digits back', () => {
    for (const typed of ['(214) 555-0100', '+1 214-555-0100', '2145550100', '1-214-555-0100'])
      expect(parse(`caller=${encodeURIComponent(typed)}`), typed).toEqual({
        view: { ...DEFAULT_VIEW, caller: '2145550100' },
        ignored: [],
      });
    expect(serializeExploreView({ ...DEFAULT_VIEW, caller: '2145550100' })).toBe(
      'caller=2145550100',
    );
    expect(parse('caller=').view.caller).toBeNull();
  });

  it('names a caller= value that is not a phone number, with why, and filters nothing', () => {
    for (const [typed, why] of [
      ['555-0100', /has 7 digits/],
      ['1-800-FLOWERS', /has letters/],
      ['214 555 0100 ext 12', /has an extension/],
      ["2145550100';=1", /characters a phone number does not have/],
      ['+44 20 7946 0000', /not a \+1/],
    ] as const) {
      const { view, ignored } = parse(`caller=${encodeURIComponent(typed)}`);
      expect(view.caller, typed).toBeNull();
      expect(ignored, typed).toEqual([
        { key: 'caller', value: typed, reason: expect.stringMatching(why) },
      ]);
      expect(ignored[0]!.reason, typed).toMatch(/^not a phone number: it /);
    }
  });

  it('rejects impossible dates and a `to` before `from`', () => {
    expect(parse('from=2024-02-30').ignored).toHaveLength(1);
    const { view, ignored } = parse('from=2025-03&to=2024');
    expect(view.to).toBeNull();
    expect(ignored[0]!.reason).toMatch(/before/);
  });
});

describe('serializeExploreView(view)', () => {
  it('round-trips through parse', () => {
    const views: ExploreView[] = [
      DEFAULT_VIEW,
      {
        ...DEFAULT_VIEW,
        chart: 'map',
        measure: 'per100k',
        from: '2025',
        to: '2025-06-30',
        states: ['CA', 'TX'],
      },
      {
        ...DEFAULT_VIEW,
        chart: 'table',
        page: 3,
        subjects: ['other'],
        robocall: ['unknown'],
        areas: ['212', '614'],
        v: 'abcdef123456',
      },
    ];
    for (const s of views) expect(parse(serializeExploreView(s)).view).toEqual(s);
  });

  it('writes one canonical URL per view, with readable commas and no defaults', () => {
    expect(serializeExploreView(DEFAULT_VIEW)).toBe('');
    expect(serializeExploreView({ ...DEFAULT_VIEW, states: ['OH', 'PA'], interval: 'week' })).toBe(
      'interval=week&state=OH,PA',
    );
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
