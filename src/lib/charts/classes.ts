/**
 * Class breaks for the choropleth: quantiles (each class holds about as many states), rounded to
 * two significant digits so the legend reads "34, 42, 51" rather than "33.87, 41.62".
 */
import { quantileSorted } from 'd3';

/** `count - 1` breaks at the quantiles of ascending `sorted`, rounded, strictly rising and above the minimum. */
export function roundedQuantiles(sorted: readonly number[], count: number): number[] {
  const breaks: number[] = [];
  for (let i = 1; i < count; i++) {
    const q = quantileSorted([...sorted], i / count);
    if (q === undefined) continue;
    const t = roundSignificant(q, 2);
    // Rounding can merge two quantiles or fall below the smallest value: such a class would be empty.
    if (t > (breaks.at(-1) ?? -Infinity) && t > (sorted[0] ?? 0)) breaks.push(t);
  }
  return breaks;
}

/** `value` rounded to `digits` significant digits (1,234 → 1,200 at 2). */
export function roundSignificant(value: number, digits: number): number {
  if (value === 0 || !Number.isFinite(value)) return value;
  const exponent = Math.floor(Math.log10(Math.abs(value))) - digits + 1;
  // Dividing by a negative power of ten keeps 0.1 + 0.2 noise out of the result (0.3, not 0.30000000000000004).
  return exponent >= 0
    ? Math.round(value / 10 ** exponent) * 10 ** exponent
    : Math.round(value * 10 ** -exponent) / 10 ** -exponent;
}
