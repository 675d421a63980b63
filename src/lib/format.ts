/**
 * Number and date formatters for charts, captions and summaries: en-US, written out by hand
 * rather than through `toLocaleString`, so a build machine's locale or ICU data can never change
 * a snapshot or a sentence. Negative numbers use the typographic minus (U+2212), as d3-format does.
 */
import { datePrecision, parseDate } from './dates';

const MINUS = '\u2212';
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/** Rounds half away from zero at `digits` decimals, and never returns −0. */
function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  const rounded = (Math.sign(value) * Math.round(Math.abs(value) * factor)) / factor;
  return rounded === 0 ? 0 : rounded;
}

/** `1204.5` → `1,205`; `digits` fixes the decimals (`formatNumber(3.14159, 2)` → `3.14`). */
export function formatNumber(value: number, digits = 0): string {
  if (!Number.isFinite(value)) return '–';
  const rounded = round(value, digits);
  const [whole = '0', fraction] = Math.abs(rounded).toFixed(digits).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${rounded < 0 ? MINUS : ''}${grouped}${fraction ? `.${fraction}` : ''}`;
}

/** A share given as a fraction: `0.314` → `31%`; `digits` adds decimals. */
export function formatPercent(fraction: number, digits = 0): string {
  return `${formatNumber(fraction * 100, digits)}%`;
}

/** A relative change given as a fraction, always signed: `0.12` → `+12%`, `-0.74` → `−74%`, `0` → `0%`. */
export function formatChange(fraction: number, digits = 0): string {
  const text = formatPercent(fraction, digits);
  return round(fraction * 100, digits) > 0 ? `+${text}` : text;
}

/** A rate per 100,000 residents: one decimal below 100 (`12.3`), whole numbers above (`1,204`). */
export function formatPer100k(value: number): string {
  return formatNumber(value, Math.abs(round(value, 1)) < 100 ? 1 : 0);
}

/** Short numbers for axis ticks: `950`, `1.5k`, `12k`, `1.2M`. */
export function formatCompact(value: number): string {
  // Thresholds just under each power, so 999,950 reads 1M rather than 1,000k.
  const abs = Math.abs(value);
  const [divisor, suffix] =
    abs >= 999.5e6 ? [1e9, 'B'] : abs >= 999.5e3 ? [1e6, 'M'] : abs >= 999.5 ? [1e3, 'k'] : [1, ''];
  const scaled = value / divisor;
  // One decimal only where it says something (1.5k), none once the number has two digits (12k).
  const text = formatNumber(scaled, Math.abs(scaled) < 10 && divisor > 1 ? 1 : 0).replace(
    /\.0$/,
    '',
  );
  return `${text}${suffix}`;
}

/** `2026-10` (or `2026-10-05`) → `October 2026`; `short` gives `Oct 2026`. */
export function formatMonth(date: string | Date, short = false): string {
  const d = typeof date === 'string' ? parseDate(date) : date;
  const name = MONTHS[d.getUTCMonth()] ?? '';
  return `${short ? name.slice(0, 3) : name} ${d.getUTCFullYear()}`;
}

/** `2026-10-05` → `October 5, 2026`; `short` gives `Oct 5, 2026`. */
export function formatDay(date: string | Date, short = false): string {
  const d = typeof date === 'string' ? parseDate(date) : date;
  const name = MONTHS[d.getUTCMonth()] ?? '';
  return `${short ? name.slice(0, 3) : name} ${d.getUTCDate()}, ${d.getUTCFullYear()}`;
}

/** A date string at its own precision: `2026` → `2026`, `2026-10` → `October 2026`, `2026-10-05` → `October 5, 2026`. */
export function formatDate(date: string, short = false): string {
  const precision = datePrecision(date);
  if (precision === 'year') return date.slice(0, 4);
  return precision === 'month' ? formatMonth(date, short) : formatDay(date, short);
}
