/** Filters in English: lists ("Ohio, Pennsylvania and West Virginia") and periods ("from January 2024 through March 2024"). */
import { dateBounds } from '../dates';
import { formatDay, formatMonth } from '../format';

export function describePeriod(from: string | null, to: string | null): string {
  if (!from && !to) return 'over the whole period';
  if (from && !to) return `from ${describeDate(from)}`;
  if (!from && to) return `through ${describeDate(to)}`;
  if (from === to) return `in ${describeDate(from!)}`;
  return `from ${describeDate(from!)} through ${describeDate(to!)}`;
}

/** A URL date (`2024`, `2024-03`, `2024-03-05`) in words at its own precision, by format.ts's month names. */
function describeDate(value: string): string {
  const start = dateBounds(value).start;
  if (value.length === 4) return start.slice(0, 4);
  return value.length === 7 ? formatMonth(start) : formatDay(start);
}

export function joinWords(words: string[]): string {
  if (words.length <= 2) return words.join(' and ');
  return `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}
