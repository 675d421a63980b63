import { describe, expect, it } from 'vitest';
import { isNanpNumber, parseCallerNumber } from '../../src/lib/caller/number';

describe('parseCallerNumber', () => {
  it.each([
    '(214) 555-0100',
    '+1 214-555-0100',
    '2145550100',
    '12145550100',
    '1-214-555-0100',
    '+1 (214) 555-0100',
    '214.555.0100',
    '214 555 0100',
    ' 214\u00a0555\u20130100 ',
    '+12145550100',
  ])('reads %j as 2145550100', (typed) => {
    expect(parseCallerNumber(typed)).toEqual({ ok: true, digits: '2145550100' });
  });

  it.each([
    ['', /empty/],
    ['   ', /empty/],
    ['555-0100', /7 digits; a number needs 10/],
    ['214555010', /9 digits/],
    ['22145550100', /11 digits/],
    ['214555010012345', /15 digits/],
    ['1-800-FLOWERS', /letters/],
    ['214-555-0100 ext 12', /extension/],
    ['214-555-0100 x12', /extension/],
    ['+44 20 7946 0958', /not a \+1/],
    ['<script>alert(1)</script>', /letters/],
    ["2145550100'; DROP TABLE complaints; --", /letters/],
    ['2145550100;--', /characters a phone number does not have: ;$/],
    ['214*555*0100', /characters a phone number does not have: \*/],
    ['="2145550100"', /characters a phone number does not have: = "/],
    ['9'.repeat(41), /longer than 40 characters/],
  ])('refuses %j, naming why', (typed, reason) => {
    const parsed = parseCallerNumber(typed);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toMatch(reason);
  });

  it('keeps ten-digit strings the FTC files carry even when they are not NANP numbers', () => {
    expect(parseCallerNumber('0000000000')).toEqual({ ok: true, digits: '0000000000' });
    expect(isNanpNumber('0000000000')).toBe(false);
    expect(isNanpNumber('2145550100')).toBe(true);
    expect(isNanpNumber('2141550100')).toBe(false);
  });
});
