/**
 * "Most reported" rankings that a reader can trust: caller numbers that are not numbers
 * ("(000) 000-0000", 1111111111, three to seven digits) are left out of the ranking and counted
 * instead, and a ranking cut in the middle of a tie says how many more share the last value.
 * Pure; the explorer's callers chart and the state pages' caller tables both use it.
 */

/**
 * A dialable US number: ten digits, area code and exchange not starting with 0 or 1 — the rule
 * ingest writes into `caller_valid` (scripts/ingest/normalize.ts uses this pattern).
 */
export const CALLER_VALID_PATTERN = '[2-9][0-9]{2}[2-9][0-9]{6}';
const VALID = new RegExp(`^${CALLER_VALID_PATTERN}$`);

export function isValidCallerNumber(number: string | null | undefined): boolean {
  return typeof number === 'string' && VALID.test(number);
}

export interface Cut<T> {
  shown: T[];
  /** Rows beyond the cut with the same value as the last one shown (0: the cut falls between values). */
  tiedBeyond: number;
  /** That value. */
  tiedValue: number | null;
}

/** The first `limit` rows of a ranking (already sorted, largest first), and the tie the cut splits. */
export function cutRanking<T>(
  rows: readonly T[],
  limit: number,
  value: (row: T) => number,
): Cut<T> {
  const shown = rows.slice(0, limit);
  const last = shown[shown.length - 1];
  if (!last || rows.length <= limit) return { shown, tiedBeyond: 0, tiedValue: null };
  const v = value(last);
  let tied = 0;
  for (let i = limit; i < rows.length && value(rows[i]!) === v; i++) tied++;
  return { shown, tiedBeyond: tied, tiedValue: tied ? v : null };
}

/** "and 14 more numbers with 2 complaints each"; empty when the cut splits no tie. */
export function tieNote(tiedBeyond: number, tiedValue: number | null, noun = 'number'): string {
  if (!tiedBeyond || tiedValue === null) return '';
  const things = tiedBeyond === 1 ? noun : `${noun}s`;
  const complaints = tiedValue === 1 ? 'complaint' : 'complaints';
  return `and ${tiedBeyond.toLocaleString('en-US')} more ${things} with ${tiedValue.toLocaleString('en-US')} ${complaints}${tiedBeyond === 1 ? '' : ' each'}`;
}

/** "1,204 complaints carried no valid caller number (empty, placeholder or not ten digits) and are not ranked." */
export function invalidNote(complaints: number): string {
  if (!complaints) return '';
  const n = complaints.toLocaleString('en-US');
  return `${n} complaint${complaints === 1 ? '' : 's'} carried no valid caller number (empty, a placeholder such as (000) 000-0000, or not ten digits) and ${complaints === 1 ? 'is' : 'are'} not ranked; ${complaints === 1 ? 'it stays' : 'they stay'} in the complaints and their downloads.`;
}
