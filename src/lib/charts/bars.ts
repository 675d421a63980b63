/**
 * Ranked horizontal bars (area codes, caller numbers, states), each labelled with its value so the
 * chart needs no x axis and reads on a phone. Rows flagged `highlight` (a caller number named in a
 * PoNE letter) get another colour and a ◆ after the value, explained above the bars, so the flag
 * does not depend on colour. Rows with `href` become links.
 */
import * as Plot from '@observablehq/plot';
import {
  type ChartElement,
  type ChartOptions,
  DEFAULT_WIDTH,
  finishChart,
  plotFrame,
} from './common';
import { FONT_SIZE, textWidth, truncate } from './layout';
import { BAR_COLOR, HIGHLIGHT_COLOR, INK, MUTED } from './palette';
import { exactFormatter, type ValueFormat } from './values';

export interface BarRow {
  /** The row's name, drawn left of the bar; unique within the chart. */
  label: string;
  value: number;
  /** Where the bar links to, e.g. `/states/oh/`. Default: no link. */
  href?: string;
  /** Draw this row in the highlight colour with a ◆ marker. Default: false. */
  highlight?: boolean;
  /** The value as it should read when the formatted number would claim too much ("about 2.1 million" for a rounded figure). Default: the number. */
  valueText?: string;
}

export interface BarOptions extends ChartOptions {
  /** How values read: `count`, `per100k` or `percent` (fractions). Default: `count`. */
  valueFormat?: ValueFormat;
  /** What the values are, shown above the bars: "Complaints, last 12 months". Default: none. */
  valueLabel?: string;
  /** What the ◆ marker means: "Named in a PoNE letter". Shown only when a row is highlighted. Default: "Highlighted". */
  highlightLabel?: string;
  /** Sort rows by value, largest first. Default: true (false keeps the given order). */
  sort?: boolean;
  /** Draw at most this many rows (after sorting). Default: all. */
  limit?: number;
}

const MARKER = '◆';
const BAND = 26;
/** A row whose name sits above its bar: the name's line, then the bar. */
const STACKED_BAND = 42;

/** A horizontal bar chart of `rows`, ranked. */
export function barChart(input: readonly BarRow[], options: BarOptions = {}): ChartElement {
  const width = options.width ?? DEFAULT_WIDTH;
  const format = exactFormatter(options.valueFormat ?? 'count');
  const sorted =
    options.sort === false
      ? [...input]
      : [...input].sort((a, b) => b.value - a.value || a.label.localeCompare(b.label));
  const rows = sorted.slice(0, options.limit ?? sorted.length);
  const anyHighlight = rows.some((r) => r.highlight);
  const highlightLabel = options.highlightLabel ?? 'Highlighted';
  const valueText = (r: BarRow) =>
    `${r.valueText ?? format(r.value)}${r.highlight ? ` ${MARKER}` : ''}`;

  // Names get up to 40% of the width beside their bars. When one would not fit there, every name
  // goes on its own line above its bar instead, with the whole width to itself, so names are not
  // cut to "Imposters (gov…" while the bars leave the right of the chart empty.
  const maxName = width * 0.4;
  const marginRight = Math.max(24, ...rows.map((r) => textWidth(valueText(r)) + 10));
  const stacked = rows.some((r) => textWidth(r.label) > maxName - 10);
  const name = stacked
    ? (label: string) => truncate(label, width - 8)
    : (label: string) => truncate(label, maxName - 10);
  const marginLeft = stacked ? 4 : Math.max(24, ...rows.map((r) => textWidth(name(r.label)) + 14));
  const header = [
    options.valueLabel,
    anyHighlight ? `${MARKER} ${highlightLabel}` : undefined,
  ].filter((t) => t !== undefined);
  const marginTop = 6 + header.length * (FONT_SIZE + 6);
  const band = stacked ? STACKED_BAND : BAND;
  const height = marginTop + rows.length * band + 6;
  const max = Math.max(0, ...rows.map((r) => r.value));
  const title = (r: BarRow) =>
    `${r.label}: ${r.valueText ?? format(r.value)}${r.highlight ? ` (${highlightLabel})` : ''}`;

  const chart = Plot.plot({
    ...plotFrame(options, height),
    marginTop,
    marginLeft,
    marginRight,
    marginBottom: 6,
    x: { domain: [0, max || 1], axis: null },
    y: stacked
      ? { domain: rows.map((r) => r.label), axis: null, paddingInner: 0.5, paddingOuter: 0.5 }
      : {
          domain: rows.map((r) => r.label),
          tickFormat: name,
          tickSize: 0,
          label: null,
          padding: 0.2,
        },
    marks: [
      // Stacked names: at the start of the row, just above the bar (half a row is the bar's gap).
      ...(stacked
        ? [
            Plot.text(rows, {
              x: 0,
              y: 'label',
              text: (r: BarRow) => name(r.label),
              textAnchor: 'start',
              lineAnchor: 'bottom',
              dy: -(STACKED_BAND * 0.25) - 2,
              fill: INK,
              fontSize: FONT_SIZE,
              ariaHidden: 'true',
              className: 'bar-name',
            }),
          ]
        : []),
      Plot.barX(rows, {
        x: 'value',
        y: 'label',
        fill: (r: BarRow) => (r.highlight ? HIGHLIGHT_COLOR : BAR_COLOR),
        href: (r: BarRow) => r.href ?? null,
        ariaLabel: title,
        title,
        className: 'bar',
      }),
      Plot.text(rows, {
        x: 'value',
        y: 'label',
        text: valueText,
        textAnchor: 'start',
        dx: 5,
        fill: INK,
        fontSize: FONT_SIZE,
        ariaHidden: 'true',
        className: 'value-label',
      }),
      Plot.ruleX([0], { stroke: INK }),
      // The header lines sit in the top margin: what the values are, then what ◆ means.
      ...header.map((line, i) =>
        Plot.text([line], {
          frameAnchor: 'top-left',
          dx: -marginLeft,
          dy: -marginTop + 4 + i * (FONT_SIZE + 6),
          text: (d: string) => d,
          textAnchor: 'start',
          lineAnchor: 'top',
          fill: line.startsWith(MARKER) ? HIGHLIGHT_COLOR : MUTED,
          fontSize: FONT_SIZE,
          className: 'header',
        }),
      ),
    ],
  });

  const top = rows.slice(0, 3).map(title).join('; ');
  const description =
    options.ariaDescription ??
    `${rows.length} bars ranked by value${options.valueLabel ? ` (${options.valueLabel})` : ''}. Largest: ${top}.` +
      (anyHighlight
        ? ` ${rows.filter((r) => r.highlight).length} marked ${MARKER}: ${highlightLabel}.`
        : '');
  return finishChart(
    chart,
    options.ariaLabel ?? options.valueLabel ?? 'Ranked bars',
    description,
    rows.some((r) => r.href !== undefined),
  );
}
