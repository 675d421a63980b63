/**
 * Which message the explorer's form shows beside which field: every value the URL grammar refuses
 * (the parse rejections of filters.ts and the cross-key checks) is named beside its own field,
 * with what was applied instead; keys the form does not show are left to the list of ignored
 * URL parts.
 */
import { describe, expect, it } from 'vitest';
import { fieldProblems } from '../../src/lib/explore/field-problems';
import { parseExploreView, type Vocabulary } from '../../src/lib/explore/view';

const vocabulary: Vocabulary = {
  states: new Set(['OH', 'PA', 'TX']),
  subjects: new Set(['imposters', 'other']),
};

function problemsFor(query: string) {
  const { view, ignored } = parseExploreView(new URLSearchParams(query), vocabulary);
  return Object.fromEntries(fieldProblems(ignored, view).map((p) => [p.key, p]));
}

describe('field problems', () => {
  it('names a month that does not exist beside the box it was typed in', () => {
    const p = problemsFor('from=2025-13');
    expect(Object.keys(p)).toEqual(['from']);
    expect(p.from!.message).toBe(
      'Not applied: “2025-13” (not a date: YYYY, YYYY-MM or YYYY-MM-DD).',
    );
  });

  it('names each refused area code and says which were applied', () => {
    expect(problemsFor('area=61, abc, 2150').area!.message).toBe(
      'Not applied: “61”, “abc”, “2150” (not a three-digit area code).',
    );
    const some = problemsFor('area=614,abc,216,abc');
    expect(some.area!.message).toBe(
      'Not applied: “abc” (not a three-digit area code). Applied: 216, 614.',
    );
    expect(some.area!.applied).toBe('216, 614');
  });

  it('names state codes that are not in the data beside the States list', () => {
    const p = problemsFor('state=OH,ZZ,oh,xx');
    expect(p.state!.message).toBe(
      'Not applied: “ZZ”, “xx” (not a state in the data). Applied: OH.',
    );
  });

  it('names a caller number that cannot be one beside the Caller number box', () => {
    const p = problemsFor('caller=214-CALL-NOW');
    expect(Object.keys(p)).toEqual(['caller']);
    expect(p.caller!.message).toMatch(
      /^Not applied: “214-CALL-NOW” \(not a phone number: it has letters/,
    );
  });

  it('says an end before the start in the form’s words, beside To', () => {
    const p = problemsFor('from=2025-06&to=2025-01');
    expect(Object.keys(p)).toEqual(['to']);
    expect(p.to!.message).toBe('Not applied: “2025-01” (before From, 2025-06).');
  });

  it('names a refused choice of chart or measure beside its menu', () => {
    const p = problemsFor('chart=pie&measure=javascript:alert(1)');
    expect(Object.keys(p)).toEqual(['chart', 'measure']);
    expect(p.measure!.message).toMatch(
      /^Not applied: “javascript:alert\(1\)” \(not a measure: count, /,
    );
  });

  it('leaves keys without a field, and repeated keys, to the list of ignored URL parts', () => {
    expect(problemsFor('v=zz&page=0&evil=1&state=OH&state=ZZ')).toEqual({});
  });

  it('shortens a long value so the message stays beside its field', () => {
    const p = problemsFor(`from=${'9'.repeat(500)}`);
    expect(p.from!.message.length).toBeLessThan(120);
  });

  it('says nothing when every value is accepted', () => {
    expect(problemsFor('from=2024-02&to=2024&area=614&state=oh&subject=other')).toEqual({});
  });
});
