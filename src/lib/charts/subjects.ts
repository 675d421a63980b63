/**
 * The subject mix over time as small multiples: one small panel per subject, sharing one y scale,
 * each titled with the subject's name and its latest share. A stacked area of fifteen shares is
 * unreadable on a phone (the thin bands cannot be told apart, or labelled); panels in two columns
 * can be, and a subject is named by text, not by its colour. The largest subjects get panels; the
 * rest are summed into one "All other subjects" panel.
 */
import * as Plot from '@observablehq/plot';
import { max, scaleUtc } from 'd3';
import {
  type ChartElement,
  type ChartOptions,
  DEFAULT_WIDTH,
  finishChart,
  plotFrame,
} from './common';
import { parseDate } from '../dates';
import { FONT_SIZE, textWidth, tickCount, truncate, wrap } from './layout';
import { colorFor, MUTED } from './palette';
import { exactFormatter, valueFormatter } from './values';
import { formatMonth } from '../format';

export interface SubjectPoint {
  /** `YYYY-MM-DD` (a month is given by its first day). */
  date: string;
  /** Subject slug. */
  subject: string;
  /** Complaints about it at `date`. */
  value: number;
}

export interface SubjectOptions extends ChartOptions {
  /** Display label per slug (from the subjects table). Default: the slug. */
  labels?: Record<string, string>;
  /** Draw shares of each date's total (`share`) or the counts (`count`). Default: `share`. */
  measure?: 'share' | 'count';
  /** Subjects with their own panel, largest total first. Default: enough to fill the grid with the "All other subjects" panel (5 at phone width, 7 or 8 wider). */
  top?: number;
}

const REST = 'rest';
const PANEL_HEIGHT = 118;
const PANEL_HEIGHT_2 = 140;

type Row = { at: Date; date: string; subject: string; value: number; col: number; row: number };

/** Small multiples of each subject's share of complaints over time. */
export function subjectChart(
  points: readonly SubjectPoint[],
  options: SubjectOptions = {},
): ChartElement {
  const width = options.width ?? DEFAULT_WIDTH;
  const measure = options.measure ?? 'share';
  const kind = measure === 'share' ? 'percent' : 'count';
  const label = (s: string) => (s === REST ? 'All other subjects' : (options.labels?.[s] ?? s));

  // The largest subjects over the whole period keep their own panel.
  const totals = new Map<string, number>();
  for (const p of points) totals.set(p.subject, (totals.get(p.subject) ?? 0) + p.value);
  const ranked = [...totals]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([s]) => s);
  const columns = width < 560 ? 2 : width < 900 ? 3 : 4;
  const shown = ranked.slice(0, options.top ?? (columns === 2 ? 5 : columns === 3 ? 8 : 7));
  const panels = ranked.length > shown.length ? [...shown, REST] : shown;
  const cell = (s: string) => ({
    col: panels.indexOf(s) % columns,
    row: Math.floor(panels.indexOf(s) / columns),
  });

  const byKey = new Map<string, number>();
  const dateTotals = new Map<string, number>();
  for (const p of points) {
    const key = `${p.date}|${shown.includes(p.subject) ? p.subject : REST}`;
    byKey.set(key, (byKey.get(key) ?? 0) + p.value);
    dateTotals.set(p.date, (dateTotals.get(p.date) ?? 0) + p.value);
  }
  const dates = [...dateTotals.keys()].sort();
  // Every panel gets every date (a month without complaints about a subject is a zero, not a gap).
  const rows: Row[] = panels.flatMap((subject) =>
    dates.map((date) => {
      const count = byKey.get(`${date}|${subject}`) ?? 0;
      const total = dateTotals.get(date) ?? 0;
      return {
        at: parseDate(date),
        date,
        subject,
        value: measure === 'share' ? (total ? count / total : 0) : count,
        ...cell(subject),
      };
    }),
  );

  const gridRows = Math.ceil(panels.length / columns);
  const marginLeft = 40;
  const panelWidth = (width - marginLeft - 8) / columns;
  const exact = exactFormatter(kind);
  // Panel titles: the name on up to two lines, then the latest value, which is never cut.
  const fit = panelWidth - 12;
  const titles = new Map(
    panels.map((s) => {
      const value = exact(rows.filter((r) => r.subject === s).at(-1)?.value ?? 0);
      const lines = wrap(label(s), fit, 2, FONT_SIZE, true);
      const last = lines.pop() ?? '';
      if (textWidth(`${last} ${value}`, FONT_SIZE, true) <= fit)
        return [s, [...lines, `${last} ${value}`]];
      if (lines.length === 0) return [s, [last, value]];
      return [
        s,
        [
          ...lines,
          `${truncate(last, fit - textWidth(` ${value}`, FONT_SIZE, true), FONT_SIZE, true)} ${value}`,
        ],
      ];
    }),
  );
  const titleLines = Math.max(1, ...[...titles.values()].map((t) => t.length));
  // Headroom above the highest line keeps it clear of the titles.
  const top = (max(rows, (r) => r.value) ?? 0) * (titleLines > 1 ? 1.8 : 1.45) || 1;
  const latest = panels
    .map((s) => rows.filter((r) => r.subject === s).at(-1))
    .filter((r) => r !== undefined);
  const color = (s: string) => (s === REST ? MUTED : colorFor(s, panels.indexOf(s)));

  const chart = Plot.plot({
    ...plotFrame(options, 12 + gridRows * (titleLines > 1 ? PANEL_HEIGHT_2 : PANEL_HEIGHT) + 28),
    marginTop: 12,
    marginLeft,
    marginRight: 8,
    marginBottom: 28,
    fx: { axis: null, padding: 0.12 },
    fy: { axis: null, padding: 0.14 },
    x: { type: 'utc', ticks: panelTicks(rows, panelWidth * 0.88), label: null },
    y: { domain: [0, top], ticks: 3, tickFormat: valueFormatter(kind), label: null, grid: true },
    marks: [
      Plot.areaY(rows, {
        x: 'at',
        y: 'value',
        fx: 'col',
        fy: 'row',
        fill: (r: Row) => color(r.subject),
        fillOpacity: 0.18,
        z: 'subject',
        className: 'share-area',
      }),
      Plot.lineY(rows, {
        x: 'at',
        y: 'value',
        fx: 'col',
        fy: 'row',
        stroke: (r: Row) => color(r.subject),
        strokeWidth: 1.75,
        z: 'subject',
        title: (r: Row) => label(r.subject),
        className: 'share-line',
      }),
      Plot.ruleY([0], { stroke: MUTED }),
      // Panel titles: name and latest value, inside the top of each panel.
      Plot.text(latest, {
        fx: 'col',
        fy: 'row',
        frameAnchor: 'top-left',
        dx: 4,
        dy: 3,
        text: (r: Row) => (titles.get(r.subject) ?? []).join('\n'),
        lineAnchor: 'top',
        textAnchor: 'start',
        lineHeight: 1.15,
        fontSize: FONT_SIZE,
        fontWeight: 600,
        fill: 'currentColor',
        className: 'panel-title',
        title: (r: Row) => `${label(r.subject)}: ${exact(r.value)} in ${formatMonth(r.date)}`,
      }),
    ],
  });

  const what = measure === 'share' ? 'Share of complaints' : 'Complaints';
  const description =
    options.ariaDescription ??
    `${what} by subject, one panel per subject, ${dates[0] ? formatMonth(dates[0]) : ''} to ${dates.at(-1) ? formatMonth(dates.at(-1)!) : ''}. ` +
      `Latest: ${latest.map((r) => `${label(r.subject)} ${exact(r.value)}`).join('; ')}.`;
  return finishChart(chart, options.ariaLabel ?? `${what} by subject`, description);
}

/**
 * Time ticks for one panel, none within 18 px of its edges: panels sit side by side, and a
 * centred label at the right edge of one would run into the first label of the next.
 */
function panelTicks(rows: readonly Row[], width: number): Date[] {
  const first = rows[0]?.at ?? new Date(0);
  const last = rows.at(-1)?.at ?? first;
  const x = scaleUtc().domain([first, last]).range([0, width]);
  const ticks = x.ticks(tickCount(width, 75)).filter((t) => x(t) >= 18 && x(t) <= width - 18);
  return ticks.length ? ticks : x.ticks(1).slice(0, 1);
}
