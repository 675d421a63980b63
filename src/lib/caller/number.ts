/**
 * A caller number as people type it → the digits the FTC files carry (`Company_Phone_Number`,
 * ten digits for a NANP number), or a named reason why it cannot be one. Pure.
 *
 * Accepted: `(214) 555-0100`, `214-555-0100`, `214.555.0100`, `214 555 0100`, `2145550100`,
 * `+1 214-555-0100`, `1-214-555-0100`, `+1 (214) 555-0100`. Anything else is refused with a reason
 * a person can act on (too few digits, letters, an extension, characters no phone number has), and
 * a refused value never reaches a query or the page unescaped.
 */

export type CallerParse = { ok: true; digits: string } | { ok: false; reason: string };

/** Longer than any number with its formatting: not something a person typed as a phone number. */
export const MAX_CALLER_INPUT = 40;

/** What may separate digits: spaces (also no-break and thin), dots, hyphens and dashes, slashes, brackets. */
const SEPARATORS = /[\s\u00a0\u2009\u202f.\-\u2010-\u2015/()]/g;

export function parseCallerNumber(input: string): CallerParse {
  if (input.length > MAX_CALLER_INPUT)
    return {
      ok: false,
      reason: `longer than ${MAX_CALLER_INPUT} characters; type just the phone number`,
    };
  const text = input.trim();
  if (text === '')
    return { ok: false, reason: 'empty; type a phone number such as (214) 555-0100' };
  if (/(?:ext|x|#)\s*\.?\s*\d+\s*$/i.test(text) && /\d{10}/.test(text.replace(SEPARATORS, ''))) {
    return { ok: false, reason: 'has an extension; type the number without it' };
  }
  if (/[a-z]/i.test(text))
    return {
      ok: false,
      reason: 'has letters; type the digits (on a keypad, ABC is 2, DEF is 3 …)',
    };
  const plus = text.startsWith('+');
  const rest = (plus ? text.slice(1) : text).replace(SEPARATORS, '');
  const odd = [...new Set(rest.replace(/\d/g, ''))];
  if (odd.length > 0)
    return {
      ok: false,
      reason: `has characters a phone number does not have: ${odd.slice(0, 5).join(' ')}`,
    };
  let digits = rest;
  if (plus && !digits.startsWith('1'))
    return {
      ok: false,
      reason:
        'is not a +1 (US, Canada, Caribbean) number; the FTC data holds North American numbers',
    };
  if (digits.length === 11 && digits.startsWith('1')) digits = digits.slice(1);
  if (digits.length < 10)
    return {
      ok: false,
      reason: `has ${digits.length} digit${digits.length === 1 ? '' : 's'}; a number needs 10, area code included`,
    };
  if (digits.length > 10)
    return {
      ok: false,
      reason: `has ${digits.length} digits; a North American number has 10 (11 with a leading 1)`,
    };
  return { ok: true, digits };
}

/** `5125550100` → `(512) 555-0100`; anything that is not 10 digits stays as reported. */
export function formatPhone(number: string): string {
  return /^\d{10}$/.test(number)
    ? `(${number.slice(0, 3)}) ${number.slice(3, 6)}-${number.slice(6)}`
    : number;
}

/** True for a ten-digit NANP number: area code and exchange start 2–9. Other digit strings appear in the data as reported. */
export function isNanpNumber(digits: string): boolean {
  return /^[2-9]\d{2}[2-9]\d{6}$/.test(digits);
}
