/**
 * The three ways a chart's values read, shared by axes, labels and titles so a number looks the
 * same wherever it appears.
 */
import { formatCompact, formatNumber, formatPer100k, formatPercent } from '../format';

/** `count` (complaints), `per100k` (complaints per 100,000 residents) or `percent` (a fraction 0–1). */
export type ValueFormat = 'count' | 'per100k' | 'percent';

/** Formatter for axis ticks: compact, since ticks are read at a glance. */
export function valueFormatter(kind: ValueFormat): (value: number) => string {
  if (kind === 'percent') return (v) => formatPercent(v);
  // Ticks are round numbers: 60, not 60.0.
  if (kind === 'per100k') return (v) => (Number.isInteger(v) ? formatNumber(v) : formatPer100k(v));
  return formatCompact;
}

/** Formatter for labels and titles: exact. */
export function exactFormatter(kind: ValueFormat): (value: number) => string {
  if (kind === 'percent') return (v) => formatPercent(v, Math.abs(v) < 0.1 ? 1 : 0);
  if (kind === 'per100k') return (v) => formatPer100k(v);
  return (v) => formatNumber(v);
}
