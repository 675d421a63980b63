import { describe, expect, it } from 'vitest';
import { FILTERS, FORM_LAYOUT, URL_KEYS, type UrlKey } from '../../src/lib/explore/filters';
import { SqlWriter } from '../../src/lib/explore/sql';
import { DEFAULT_VIEW, type ExploreView } from '../../src/lib/explore/view';

const keys = URL_KEYS as readonly UrlKey[];

describe('the filter table', () => {
  it('has one entry per URL key and per view field', () => {
    expect(new Set(keys.map((k) => k.key)).size).toBe(keys.length);
    expect(keys.map((k) => k.field).sort()).toEqual(Object.keys(DEFAULT_VIEW).sort());
  });

  it('places every key that has a form control in the form, once, and no other', () => {
    const placed = FORM_LAYOUT.flatMap((s) => s.keys);
    expect(new Set(placed).size).toBe(placed.length);
    expect([...placed].sort()).toEqual(
      keys
        .filter((k) => k.form)
        .map((k) => k.key)
        .sort(),
    );
  });

  it('leaves the default view out of the URL and out of the WHERE clause', () => {
    for (const k of keys) expect(k.serialise(DEFAULT_VIEW), k.key).toBeNull();
    for (const k of FILTERS) expect(k.filter.active(DEFAULT_VIEW), k.key).toBe(false);
  });

  it('binds every value it filters by as a parameter, and writes the same value as a literal', () => {
    const view: ExploreView = {
      ...DEFAULT_VIEW,
      from: '2025-02',
      to: '2025',
      states: ['OH'],
      subjects: ["o'brien"],
      robocall: ['yes', 'unknown'],
      areas: ['614'],
      caller: '2145550100',
    };
    for (const k of FILTERS) {
      expect(k.filter.active(view), k.key).toBe(true);
      const bound = new SqlWriter('bound');
      const literal = new SqlWriter('literal');
      const ctx = (w: SqlWriter) => ({ w, col: (c: string) => `t.${c}`, date: 't.day' });
      const boundSql = k.filter.where(view, ctx(bound));
      const literalSql = k.filter.where(view, ctx(literal));
      expect(k.filter.where(view, { ...ctx(new SqlWriter('literal')), callerIndex: true })).toBe(
        k.key === 'caller'
          ? "t.caller_key = CAST('2145550100' AS BIGINT) AND t.caller_number = '2145550100'"
          : literalSql,
      );
      expect(boundSql).not.toMatch(/'/);
      // Substituting the bound parameters as literals gives the literal form.
      let i = 0;
      expect(
        boundSql.replace(/\?/g, () =>
          typeof bound.params[i] === 'string'
            ? `'${String(bound.params[i++]).replace(/'/g, "''")}'`
            : String(bound.params[i++]),
        ),
      ).toBe(literalSql);
    }
  });
});
