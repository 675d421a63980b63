/**
 * Company_Phone_Number as consumers report it: mostly a 10-digit NANP number (often spoofed to
 * the consumer's own area code), sometimes nothing, zeros, or a digit string of the wrong length.
 *
 * Well-formed numbers are integers (npa·10⁷ + exchange·10⁴ + line, exact in a double): millions of
 * one-off callers then cost no string at all until the writer prints their digits.
 */
import type { AreaCode } from '../lib/reference';
import {
  CALLER_EMPTY_SHARE,
  CALLER_INVALID_NPA_SHARE,
  CALLER_NEIGHBOUR_SHARE,
  CALLER_ODD_LENGTH_WEIGHTS,
  CALLER_ODD_SHARE,
  CALLER_TOLL_FREE_SHARE,
  CALLER_ZEROS_SHARE,
  TOLL_FREE_AREA_CODES,
} from './calibration';
import { AliasTable, type Rng } from './random';

export interface NumberTables {
  /** US geographic in-service area codes, for numbers that are neither neighbour nor toll-free. */
  geographic: readonly number[];
  tollFree: readonly number[];
  oddLengths: readonly number[];
  oddLengthTable: AliasTable;
}

export function buildNumberTables(areaCodes: readonly AreaCode[]): NumberTables {
  const geographic = areaCodes
    .filter((code) => code.country === 'US' && code.use === 'G' && code.inService)
    .map((code) => Number(code.areaCode))
    .sort((a, b) => a - b);
  const oddLengths = Object.keys(CALLER_ODD_LENGTH_WEIGHTS).map(Number);
  const oddLengthTable = new AliasTable(
    oddLengths.map((length) => CALLER_ODD_LENGTH_WEIGHTS[length]!),
  );
  return { geographic, tollFree: TOLL_FREE_AREA_CODES.map(Number), oddLengths, oddLengthTable };
}

/** A well-formed 10-digit number in area code `npa`: exchange 200–999 (NANP), any line. */
export function numberIn(npa: number, rng: Rng): number {
  return npa * 10_000_000 + (200 + rng.int(800)) * 10_000 + rng.int(10_000);
}

export function tollFreeNumber(tables: NumberTables, rng: Rng): number {
  return numberIn(rng.pick(tables.tollFree), rng);
}

export function geographicNumber(tables: NumberTables, rng: Rng): number {
  return numberIn(rng.pick(tables.geographic), rng);
}

function digits(count: number, rng: Rng): string {
  let text = '';
  for (let i = 0; i < count; i++) text += String.fromCharCode(48 + rng.int(10));
  return text;
}

/** A digit string of a length other than 10 (a 1 in front, an extension, a typo). */
export function oddNumber(tables: NumberTables, rng: Rng): string {
  const length = tables.oddLengths[tables.oddLengthTable.sample(rng)]!;
  // Half of the 11-digit ones are the number with the country code in front, as people type it.
  if (length === 11 && rng.chance(0.5)) return `1${geographicNumber(tables, rng)}`;
  return digits(length, rng);
}

/** Total share of rows whose number is not a usable 10-digit NANP number. */
export const MALFORMED_SHARE =
  CALLER_EMPTY_SHARE + CALLER_ODD_SHARE + CALLER_ZEROS_SHARE + CALLER_INVALID_NPA_SHARE;

/**
 * The malformed number for a row, given a uniform draw `x` below MALFORMED_SHARE: one draw both
 * decides whether a row's number is malformed and which kind, so well-formed rows pay nothing.
 */
export function malformedNumber(x: number, tables: NumberTables, rng: Rng): string {
  if (x < CALLER_EMPTY_SHARE) return '';
  if (x < CALLER_EMPTY_SHARE + CALLER_ODD_SHARE) return oddNumber(tables, rng);
  if (x < CALLER_EMPTY_SHARE + CALLER_ODD_SHARE + CALLER_ZEROS_SHARE) return '0000000000';
  // No area code starts with 0 or 1; these are misread or made-up caller IDs.
  return String(rng.int(2)) + digits(9, rng);
}

/** A one-off caller: spoofed to the consumer's area code, toll-free, or anywhere in the US. */
export function backgroundNumber(consumerAreaCode: number, tables: NumberTables, rng: Rng): number {
  const x = rng.next();
  if (x < CALLER_NEIGHBOUR_SHARE) return numberIn(consumerAreaCode, rng);
  if (x < CALLER_NEIGHBOUR_SHARE + CALLER_TOLL_FREE_SHARE) return tollFreeNumber(tables, rng);
  return geographicNumber(tables, rng);
}
