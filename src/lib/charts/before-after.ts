/**
 * Complaints linked to a provider's numbers, month by month, around an enforcement action: bars
 * per month, a dashed rule at the action's date, and the compared windows shaded and labelled
 * with their totals (the same windows and sums as `beforeAfter` in summaries.ts, from
 * `windowsAround`). The action's own month belongs to neither window.
 *
 * Months missing from the data are zeros (the cube has no rows for months without complaints),
 * but only up to `through`: after the last month with data nothing is drawn, so a window that has
 * not ended yet is not mistaken for a fall to zero.
 */
import * as Plot from '@observablehq/plot';
import { scaleLinear, scaleUtc } from 'd3';
import { EVENT_ROW, eventMarks, layoutEvents } from './annotations';
import {
  type ChartElement,
  type ChartOptions,
  DEFAULT_WIDTH,
  finishChart,
  plotFrame,
} from './common';
import { addMonths, monthKey, monthRange, parseDate, windowsAround } from '../dates';
import { FONT_SIZE, textWidth, tickCount } from './layout';
import { BAR_COLOR, INK, MUTED, WINDOW_COLORS } from './palette';
import { formatCompact, formatMonth, formatNumber } from '../format';

export interface MonthValue {
  /** `YYYY-MM` (or the month's first day, `YYYY-MM-01`). */
  month: string;
  value: number;
}

export interface BeforeAfterOptions extends ChartOptions {
  /** The action's date, `YYYY-MM-DD` (or `YYYY-MM`). */
  actionDate: string;
  /** Its short label above the rule: "FTC letter". Default: "Action". */
  actionLabel?: string;
  /** Months in each window. Default: 3. */
  windowMonths?: number;
  /**
   * The last month the data cover (`YYYY-MM`), from the manifest. Default: the last month in
   * `monthly`, which is too early when complaints about these numbers stopped: pass it.
   */
  through?: string;
  /** What the bars count, for the y axis. Default: "Complaints". */
  yLabel?: string;
}

type Bar = { month: string; value: number; x1: Date; x2: Date };

/** Monthly bars around an action, with the before and after windows shaded. */
export function beforeAfterChart(
  monthly: readonly MonthValue[],
  options: BeforeAfterOptions,
): ChartElement {
  const width = options.width ?? DEFAULT_WIDTH;
  const narrow = width < 520;
  const n = options.windowMonths ?? 3;
  const windows = windowsAround(options.actionDate, n);
  const values = new Map<string, number>();
  for (const m of monthly)
    values.set(monthKey(m.month), (values.get(monthKey(m.month)) ?? 0) + m.value);
  const known = [...values.keys()].sort();
  const through = options.through ? monthKey(options.through) : (known.at(-1) ?? windows.after[1]);
  const from =
    [known[0], windows.before[0]].filter((m) => m !== undefined).sort()[0] ?? windows.before[0];
  const to = [through, windows.after[1]].sort().at(-1) ?? windows.after[1];
  const bars: Bar[] = monthRange(from, through).map((month) => ({
    month,
    value: values.get(month) ?? 0,
    x1: parseDate(month),
    x2: parseDate(addMonths(month, 1)),
  }));
  const sum = ([a, b]: [string, string]) =>
    bars.filter((bar) => bar.month >= a && bar.month <= b).reduce((s, bar) => s + bar.value, 0);
  const complete = through >= windows.after[1];
  const shades = [
    {
      key: 'before' as const,
      range: windows.before,
      text: `${n} months before: ${formatNumber(sum(windows.before))}`,
    },
    {
      key: 'after' as const,
      range: windows.after,
      text: complete
        ? `${n} months after: ${formatNumber(sum(windows.after))}`
        : `${n} months after: not complete`,
    },
  ].map((s) => ({ ...s, x1: parseDate(s.range[0]), x2: parseDate(addMonths(s.range[1], 1)) }));

  const domain: [Date, Date] = [parseDate(from), parseDate(addMonths(to, 1))];
  const top = Math.max(1, ...bars.map((b) => b.value)) * 1.12;
  const baseHeight = options.height ?? (narrow ? 280 : 320);
  const marginLeft = Math.max(36, textWidth(formatCompact(top)) + 14);
  const x = scaleUtc()
    .domain(domain)
    .range([marginLeft, width - 20]);
  const layout = layoutEvents(
    [{ date: options.actionDate, label: options.actionLabel ?? 'Action' }],
    x,
    [0, width],
    2,
  );
  // Rows above the plot: the y-axis label, the window totals (two rows when narrow), the action's label.
  const windowRows = narrow ? 2 : 1;
  const marginTop = 22 + windowRows * EVENT_ROW + layout.rows * EVENT_ROW;
  const marginBottom = 30;
  const height = baseHeight + layout.rows * EVENT_ROW;
  const y = scaleLinear()
    .domain([0, top])
    .range([height - marginBottom, marginTop]);
  const windowLabelY = (i: number) =>
    y.invert(marginTop - layout.rows * EVENT_ROW - 4 - (narrow ? (1 - i) * EVENT_ROW : 0));

  const chart = Plot.plot({
    ...plotFrame(options, height),
    marginTop,
    marginLeft,
    marginRight: 20,
    marginBottom,
    x: { type: 'utc', domain, ticks: tickCount(width - marginLeft, narrow ? 70 : 90), label: null },
    y: {
      domain: [0, top],
      range: y.range(),
      ticks: tickCount(height - marginTop - marginBottom, 45),
      tickFormat: formatCompact,
      label: options.yLabel ?? 'Complaints',
      labelAnchor: 'top',
      grid: true,
    },
    marks: [
      Plot.rect(shades, {
        x1: 'x1',
        x2: 'x2',
        y1: 0,
        y2: top,
        fill: (s: { key: 'before' | 'after' }) => WINDOW_COLORS[s.key],
        ariaHidden: 'true',
        className: 'window',
      }),
      Plot.rect(bars, {
        x1: 'x1',
        x2: 'x2',
        y1: 0,
        y2: 'value',
        insetLeft: 1,
        insetRight: 1,
        fill: BAR_COLOR,
        title: (b: Bar) => `${formatMonth(b.month)}: ${formatNumber(b.value)}`,
        className: 'bar',
      }),
      Plot.ruleY([0], { stroke: INK }),
      ...eventMarks(layout, marginTop, height - marginBottom, (px) => y.invert(px)),
      // Window totals, over each window: left-aligned before, right-aligned after, so they never meet.
      ...shades.map((s, i) =>
        Plot.text([s], {
          x: i === 0 ? 'x1' : 'x2',
          y: windowLabelY(i),
          text: 'text',
          textAnchor: i === 0 ? 'start' : 'end',
          lineAnchor: 'bottom',
          fill: MUTED,
          fontSize: FONT_SIZE,
          className: 'window-total',
        }),
      ),
    ],
  });

  const description =
    options.ariaDescription ??
    `Monthly complaints, ${formatMonth(from)} to ${formatMonth(through)}, with ${options.actionLabel ?? 'the action'} on ${options.actionDate}. ` +
      `${shades.map((s) => `${s.text} (${formatMonth(s.range[0])} to ${formatMonth(s.range[1])})`).join('; ')}.`;
  return finishChart(
    chart,
    options.ariaLabel ?? `Complaints before and after ${options.actionLabel ?? 'the action'}`,
    description,
  );
}
