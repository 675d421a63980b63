/** What a chart figure on a page is made of (see components/ChartFigure.astro). */
import { formatDate } from '../format';
import type { TableSpec } from './table';

export interface Figure {
  /** Unique on its page; the anchor of the figure. */
  id: string;
  /** `trend`, `map`, `bars`, `subjects`, `timeline`, `before-after`: for tests and styling. */
  kind: string;
  title: string;
  /** One sentence computed from the data. */
  summary: string;
  /** The SVG markup drawn at build time for wide screens; empty when there is nothing to draw. */
  svg: string;
  /** The same chart laid out for a phone; empty when `svg` serves both. */
  svgNarrow: string;
  /** Said instead of the chart when `svg` is empty. */
  empty?: string;
  /** A caveat shown under the chart. */
  note?: string;
  table: TableSpec;
  /** `Source: …, data version …, <from> to <to>.` */
  source: string;
}

export interface SourceInfo {
  dataVersion: string;
  synthetic: boolean;
}

/** The source line under every chart: what, which data version, which dates. */
export function sourceLine(
  info: SourceInfo,
  from: string | null,
  to: string | null,
  what = 'FTC Do Not Call complaints',
): string {
  const range =
    from && to
      ? from === to
        ? `, ${formatDate(from)}`
        : `, ${formatDate(from)} to ${formatDate(to)}`
      : '';
  return `Source: ${what}${info.synthetic ? ' (synthetic sample data)' : ''}; data version ${info.dataVersion}${range}.`;
}
