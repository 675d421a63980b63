/** Filters in English: lists ("Ohio, Pennsylvania and West Virginia") and periods ("from January 2024 through March 2024"). */
import { dateBounds } from '../dates';

export function describePeriod(from: string | null, to: string | null): string {
  if (!from && !to) return 'over the whole period';
  if (from && !to) return `from ${describeDate(from)}`;
  if (!from && to) return `through ${describeDate(to)}`;
  if (from === to) return `in ${describeDate(from!)}`;
  return `from ${describeDate(from!)} through ${describeDate(to!)}`;
}

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
];

function describeDate(value: string): string {
  const start = dateBounds(value).start;
  const [y, m, d] = start.split('-').map(Number) as [number, number, number];
  if (value.length === 4) return String(y);
  if (value.length === 7) return `${MONTHS[m - 1]} ${y}`;
  return `${MONTHS[m - 1]} ${d}, ${y}`;
}

export function joinWords(words: string[]): string {
  if (words.length <= 2) return words.join(' and ');
  return `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}
