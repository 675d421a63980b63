/**
 * Values over time, one line per series (complaints by month split robocall / live / not said; a
 * state's rate against the nation's), or stacked areas when the series add up to a whole.
 *
 * The y and x scales are fixed here rather than left to Plot, so the labels can be placed in
 * pixels: each series is labelled directly at its right end (dodged so no two overlap), and
 * enforcement actions get labelled rules above the plot. Ticks thin out on narrow screens.
 */
import * as Plot from '@observablehq/plot';
import { extent, max, scaleLinear, scaleUtc } from 'd3';
import {
  type EventMark,
  EVENT_ROW,
  eventKeyMark,
  eventMarks,
  keyLines,
  layoutEvents,
} from './annotations';
import {
  type ChartElement,
  type ChartOptions,
  DEFAULT_WIDTH,
  finishChart,
  plotFrame,
} from './common';
import { parseDate } from '../dates';
import { dodge, FONT_SIZE, textWidth, tickCount } from './layout';
import { colorFor, contrastRatio, INK } from './palette';
import { exactFormatter, type ValueFormat, valueFormatter } from './values';
import { completeGrid, type Point, sum, type TrendPoint, whenFormatter } from './trend-data';
import { formatDate } from '../format';

export interface TrendOptions extends ChartOptions {
  /** The y axis title, e.g. "Complaints per month". Default: none. */
  yLabel?: string;
  /** How y values read: `count` (1.2k), `per100k` (12.3) or `percent` (values are fractions: 0.31 → 31%). Default: `count`. */
  yFormat?: ValueFormat;
  /** Display label per series key. Default: the key itself. */
  seriesLabels?: Record<string, string>;
  /** Colour per series key. Default: the palette's fixed colour for known keys, else the categorical cycle. */
  colors?: Record<string, string>;
  /** Stack the series as areas (they must add up to a meaningful total). Default: false (lines). */
  stacked?: boolean;
  /** Events to mark with a dashed rule and a short label (enforcement actions); those outside the data's dates are left out. Default: none. */
  marks?: EventMark[];
  /** Periods that hold fewer days than a whole one (dates as in `points`), drawn as hollow points and named in the description. Default: none. */
  partial?: { date: string; note: string }[];
}

/**
 * A line (or stacked-area) chart of `points` over time. `height` (default 300 px below 520 px
 * wide, else 360) is the chart without events: rows of event labels, or the key, add to it.
 */
export function trendChart(
  points: readonly TrendPoint[],
  options: TrendOptions = {},
): ChartElement {
  const width = options.width ?? DEFAULT_WIDTH;
  const narrow = width < 520;
  const format = valueFormatter(options.yFormat ?? 'count');
  const exact = exactFormatter(options.yFormat ?? 'count');
  const seriesKeys = [...new Set(points.map((p) => p.series))];
  const label = (key: string) => options.seriesLabels?.[key] ?? key;
  const color = (key: string) => options.colors?.[key] ?? colorFor(key, seriesKeys.indexOf(key));
  const data = completeGrid(points, seriesKeys, options.stacked ?? false);
  const dates = [...new Set(data.map((d) => d.date))].sort();
  const when = whenFormatter(dates);
  const [first = new Date(0), last = new Date(0)] = extent(data, (d) => d.at) as [Date?, Date?];

  // Space: y tick labels on the left, series labels on the right, event labels above.
  const yTop = options.stacked
    ? max(dates, (date) => sum(data.filter((d) => d.date === date)))
    : max(data, (d) => d.value);
  const plotHeight = options.height ?? (narrow ? 300 : 360);
  const y = scaleLinear()
    .domain([0, yTop || 1])
    .nice(tickCount(plotHeight, 50));
  // Counts have no fractions: a tick at 2.5 complaints would read "3" beside the real 3.
  const counts = (options.yFormat ?? 'count') === 'count';
  const yTicks = y.ticks(tickCount(plotHeight, 50)).filter((t) => !counts || Number.isInteger(t));
  const marginLeft = Math.max(36, ...yTicks.map((t) => textWidth(format(t)) + 14));
  const labelWidth = Math.max(0, ...seriesKeys.map((k) => textWidth(label(k), FONT_SIZE, true)));
  const marginRight = Math.min(labelWidth + 14, width * 0.32);
  const x = scaleUtc()
    .domain([first, last])
    .range([marginLeft, width - marginRight]);
  const events = (options.marks ?? []).filter((m) => {
    const at = parseDate(m.date);
    return at >= first && at <= last;
  });
  const layout = layoutEvents(events, x, [0, width], narrow ? 2 : 3);
  const marginTop = (options.yLabel ? 24 : 12) + layout.rows * EVENT_ROW;
  const key = keyLines(layout.key, width - marginLeft - 4);
  const marginBottom = 30 + (key.length ? key.length * EVENT_ROW + 8 : 0);
  const height = plotHeight + (layout.rows + key.length) * EVENT_ROW + (key.length ? 8 : 0);
  y.range([height - marginBottom, marginTop]);

  // Direct labels: at each series' last value (the middle of its band when stacked).
  const ends = seriesKeys.map((key) => {
    const own = data.filter((d) => d.series === key);
    const end = own[own.length - 1];
    if (!end) return 0;
    if (!options.stacked) return y(end.value);
    const below = sum(
      data.filter(
        (d) => d.date === end.date && seriesKeys.indexOf(d.series) < seriesKeys.indexOf(key),
      ),
    );
    return y(below + end.value / 2);
  });
  const lineHeight = FONT_SIZE + 3;
  const lines = (key: string) =>
    Math.ceil(textWidth(label(key), FONT_SIZE, true) / Math.max(1, marginRight - 10));
  const gap = lineHeight * Math.max(1, ...seriesKeys.map(lines));
  const labelY = dodge(ends, gap, marginTop + gap / 2, height - marginBottom - gap / 2);
  const labels = seriesKeys.map((key, i) => ({ key, at: last, y: y.invert(labelY[i] ?? 0) }));

  const latest = (key: string) => data.filter((d) => d.series === key).at(-1);
  // A partial period is not a dip: hollow points say its value counts fewer days.
  const partialNote = new Map((options.partial ?? []).map((p) => [p.date, p.note]));
  const partialDots = options.stacked ? [] : data.filter((d) => partialNote.has(d.date));
  const title = (d: Point) => `${label(d.series)}: ${exact(d.value)} (${when(d.date)})`;
  const marks: Plot.Markish[] = [
    Plot.gridY(yTicks, { y: (t: number) => t, stroke: '#d9d9d9', strokeOpacity: 1 }),
    options.stacked
      ? Plot.areaY(data, {
          x: 'at',
          y: 'value',
          z: 'series',
          fill: (d: Point) => color(d.series),
          stroke: 'white',
          strokeWidth: 0.5,
          order: seriesKeys,
          title: (d: Point) => label(d.series),
          className: 'series',
        })
      : Plot.lineY(data, {
          x: 'at',
          y: 'value',
          z: 'series',
          stroke: (d: Point) => color(d.series),
          strokeWidth: 2,
          title: (d: Point) => label(d.series),
          className: 'series',
        }),
    options.stacked
      ? null
      : Plot.dot(
          seriesKeys.map(latest).filter((d) => d !== undefined),
          {
            x: 'at',
            y: 'value',
            fill: (d: Point) => color(d.series),
            r: 3,
            title,
            className: 'latest',
          },
        ),
    partialDots.length
      ? Plot.dot(partialDots, {
          x: 'at',
          y: 'value',
          stroke: (d: Point) => color(d.series),
          fill: 'white',
          strokeWidth: 1.5,
          r: 3.5,
          title: (d: Point) => `${title(d)}: ${partialNote.get(d.date) ?? 'partial'}`,
          className: 'partial',
        })
      : null,
    Plot.ruleY([0], { stroke: INK }),
    ...eventMarks(layout, marginTop, height - marginBottom, (px) => y.invert(px)),
    eventKeyMark(key, 36),
    Plot.text(labels, {
      x: 'at',
      y: 'y',
      text: (d: { key: string }) => label(d.key),
      fill: (d: { key: string }) => (contrastRatio(color(d.key)) >= 4.5 ? color(d.key) : INK),
      textAnchor: 'start',
      dx: 8,
      lineWidth: (marginRight - 10) / FONT_SIZE,
      fontSize: FONT_SIZE,
      fontWeight: 600,
      className: 'series-label',
    }),
  ];

  const chart = Plot.plot({
    ...plotFrame(options, height),
    marginTop,
    marginRight,
    marginBottom,
    marginLeft,
    x: {
      type: 'utc',
      domain: [first, last],
      ticks: tickCount(width - marginLeft - marginRight, narrow ? 70 : 90),
      label: null,
    },
    y: {
      type: 'linear',
      domain: y.domain(),
      range: y.range(),
      ticks: yTicks,
      tickFormat: format,
      label: options.yLabel ?? null,
      labelAnchor: 'top',
    },
    color: { type: 'identity' },
    marks,
  });

  const span = `${when(dates[0])} to ${when(dates.at(-1))}`;
  const latestText = seriesKeys
    .map((key) => latest(key))
    .filter((d) => d !== undefined)
    .map((d) => `${label(d.series)} ${exact(d.value)}`)
    .join('; ');
  const description =
    options.ariaDescription ??
    `${options.stacked ? 'Stacked areas' : 'Lines'} over time, ${span}, for ${seriesKeys.map(label).join(', ')}. ` +
      `Latest values: ${latestText}.` +
      (events.length
        ? ` Marked: ${events.map((e) => `${formatDate(e.date)}, ${e.label}`).join('; ')}.`
        : '') +
      (partialNote.size
        ? ` Partial periods (hollow points): ${[...partialNote].map(([date, note]) => `${when(date)}, ${note}`).join('; ')}.`
        : '');
  return finishChart(chart, options.ariaLabel ?? options.yLabel ?? 'Trend over time', description);
}
