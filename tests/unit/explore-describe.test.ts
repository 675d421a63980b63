import { describe, expect, it } from 'vitest';
import { describeFilters } from '../../src/lib/explore/describe';
import { describePeriod } from '../../src/lib/explore/words';
import { DEFAULT_VIEW } from '../../src/lib/explore/view';

const names = {
  state: (u: string) => ({ OH: 'Ohio', PA: 'Pennsylvania', WV: 'West Virginia' })[u] ?? u,
  subject: (s: string) => ({ imposters: 'Imposters' })[s] ?? s,
};

describe('describeFilters(view, names)', () => {
  it('says what every filter selects', () => {
    expect(
      describeFilters(
        {
          ...DEFAULT_VIEW,
          states: ['OH', 'PA', 'WV'],
          subjects: ['imposters'],
          robocall: ['yes'],
          from: '2024-01',
          to: '2024-12',
        },
        names,
      ),
    ).toBe(
      'Robocall complaints in Ohio, Pennsylvania and West Virginia about imposters from January 2024 through December 2024',
    );
    expect(describeFilters(DEFAULT_VIEW, names)).toBe('All complaints over the whole period');
    expect(
      describeFilters(
        { ...DEFAULT_VIEW, areas: ['614', '216'], robocall: ['no', 'unknown'] },
        names,
      ),
    ).toBe(
      'Live-caller and unstated-type complaints from area codes 614 and 216 over the whole period',
    );
  });
});

describe('describePeriod(from, to)', () => {
  it('reads years, months and days', () => {
    expect(describePeriod('2025', null)).toBe('from 2025');
    expect(describePeriod(null, '2025-02-14')).toBe('through February 14, 2025');
    expect(describePeriod('2025-03', '2025-03')).toBe('in March 2025');
  });
});
