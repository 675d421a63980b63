import { describe, expect, it } from 'vitest';
import { ROW_VIEW_COLUMNS } from '../../src/lib/catalog/tables';
import { columnHeader, formatCell } from '../../src/lib/explore/cells';

describe('columnHeader', () => {
  it('gives the row table the catalog’s words, written out here by hand as the expectation', () => {
    expect(ROW_VIEW_COLUMNS.map(columnHeader)).toEqual([
      'Created',
      'Created on',
      'Call came',
      'State',
      'State from',
      'Area code',
      'City',
      'Subject',
      'Robocall or live',
      'Caller number',
      'Valid caller number',
      'Source file',
      'Source line',
    ]);
  });

  it('keeps a column the catalog does not know (a console query’s own) as it is named', () => {
    expect(columnHeader('n')).toBe('n');
    expect(columnHeader('count_star()')).toBe('count_star()');
  });
});

describe('formatCell', () => {
  const names = {
    state: (usps: string) => `State ${usps}`,
    subject: (slug: string) => `Subject ${slug}`,
  };
  it('says enumerations in words (hand-written: the robocall flag and where the state came from)', () => {
    expect(formatCell('robocall', true, names)).toBe('Robocall');
    expect(formatCell('robocall', false, names)).toBe('Live caller');
    expect(formatCell('robocall', null, names)).toBe('Not said');
    expect(formatCell('state_from', 'area_code', names)).toBe('From the consumer’s area code');
    expect(formatCell('state_from', 'reported', names)).toBe('Reported by the consumer');
  });
  it('says other flags yes or no, and leaves other empty cells empty', () => {
    expect(formatCell('caller_valid', true, names)).toBe('yes');
    expect(formatCell('caller_valid', false, names)).toBe('no');
    expect(formatCell('city', null, names)).toBe('');
    expect(formatCell('state', 'OH', names)).toBe('State OH (OH)');
  });
});
