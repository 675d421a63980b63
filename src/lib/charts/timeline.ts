/**
 * Enforcement actions and PoNE letters as a vertical timeline: time runs down a spine, each event
 * is a dot at its date (hollow when only the month is known) and a label to the right, joined by
 * a leader line. Vertical, because event labels are sentences: side by side on a phone they would
 * overlap; stacked, they read as a dated list that still shows bursts and gaps in time. Labels are
 * dodged so none overlaps another. Dots are coloured by agency, which every label also names.
 */
import * as Plot from '@observablehq/plot';
import { scaleUtc, utcYear } from 'd3';
import {
  type ChartElement,
  type ChartOptions,
  DEFAULT_WIDTH,
  finishChart,
  plotFrame,
} from './common';
import { datePrecision, parseDate } from '../dates';
import { dodge, FONT_SIZE, textWidth, truncate } from './layout';
import { AGENCY_COLORS, MUTED, OTHER_AGENCY_COLOR } from './palette';
import { formatDate } from '../format';

export interface TimelineEvent {
  /** `YYYY-MM-DD`, or `YYYY-MM` when only the month is known. */
  date: string;
  /** What happened, briefly: the provider's name, "19 VoIP providers". */
  label: string;
  /** The kind of action: "warning letter", "cease-and-desist", "lawsuit". */
  kind: string;
  /** Who acted: `FTC`, `FCC` (coloured), anything else (grey). */
  agency: string;
}

/** `height` defaults to what the labels need (about 45 px an event on a phone); a smaller one crowds them. */
export interface TimelineOptions extends ChartOptions {
  /** Agencies to list in the key, in order. Default: FTC, FCC, then "Other" when any other agency appears. */
  agencies?: string[];
}

type Placed = TimelineEvent & { at: Date; exact: boolean; labelAt: Date; lines: string[] };

const LINE = FONT_SIZE + 3;
const KEY_HEIGHT = 26;

/** A vertical timeline of `events`. */
export function timelineChart(
  events: readonly TimelineEvent[],
  options: TimelineOptions = {},
): ChartElement {
  const width = options.width ?? DEFAULT_WIDTH;
  const sorted = [...events].sort(
    (a, b) => a.date.localeCompare(b.date) || a.label.localeCompare(b.label),
  );
  const color = (agency: string) => AGENCY_COLORS[agency] ?? OTHER_AGENCY_COLOR;
  const marginLeft = 44;
  const spineX = marginLeft + 12;
  const labelX = spineX + 28;
  const available = width - labelX - 6;
  const head = (e: TimelineEvent) => `${formatDate(e.date, true)} · ${e.agency}`;
  const body = (e: TimelineEvent) => `${e.label} (${e.kind})`;
  // One line per event when every label fits on one, else two (date and agency, then what).
  const oneLine = sorted.every((e) => textWidth(`${head(e)}  ${body(e)}`) <= available);
  const linesOf = (e: TimelineEvent) =>
    oneLine ? [`${head(e)}  ${body(e)}`] : [head(e), truncate(body(e), available)];
  const gap = (oneLine ? 1 : 2) * LINE + 6;

  const marginTop = KEY_HEIGHT + 12;
  const marginBottom = 12;
  const height =
    options.height ?? Math.max(200, marginTop + marginBottom + sorted.length * gap * 1.25);
  const first = sorted[0] ? parseDate(sorted[0].date) : new Date(0);
  const last = sorted.at(-1) ? parseDate(sorted.at(-1)!.date) : new Date(0);
  const y = scaleUtc()
    .domain([first, last.getTime() === first.getTime() ? new Date(first.getTime() + 864e5) : last])
    .range([marginTop + gap / 2, height - marginBottom - gap / 2]);
  const labelY = dodge(
    sorted.map((e) => y(parseDate(e.date))),
    gap,
    marginTop + gap / 2,
    height - marginBottom - gap / 2,
  );
  const placed: Placed[] = sorted.map((e, i) => ({
    ...e,
    at: parseDate(e.date),
    exact: datePrecision(e.date) === 'day',
    labelAt: y.invert(labelY[i] ?? 0),
    lines: linesOf(e),
  }));

  const present = new Set(sorted.map((e) => (e.agency in AGENCY_COLORS ? e.agency : 'Other')));
  const agencies = options.agencies ?? ['FTC', 'FCC', 'Other'].filter((a) => present.has(a));
  const key = [
    ...agencies.map((a) => ({ text: a, fill: color(a), hollow: false })),
    ...(placed.some((p) => !p.exact) ? [{ text: 'month only', fill: MUTED, hollow: true }] : []),
  ];
  const keyX = key.map(
    (_, i) => marginLeft + key.slice(0, i).reduce((x, k) => x + textWidth(k.text) + 30, 0),
  );
  const keyAt = y.invert(KEY_HEIGHT / 2 + 2);
  const title = (p: Placed) => `${formatDate(p.date)}: ${p.agency}, ${p.kind}: ${p.label}`;

  const chart = Plot.plot({
    ...plotFrame(options, height),
    marginTop,
    marginBottom,
    marginLeft,
    marginRight: 6,
    x: { type: 'identity', axis: null },
    y: {
      type: 'utc',
      domain: y.domain(),
      range: y.range(),
      ticks: y.ticks(utcYear),
      tickFormat: '%Y',
      tickSize: 0,
      label: null,
    },
    marks: [
      Plot.ruleX([spineX], { y1: first, y2: last, stroke: '#bdbdbd' }),
      // Year ticks cross the spine, so a year label is read against the spine, not the labels.
      Plot.ruleY(y.ticks(utcYear), {
        x1: spineX - 7,
        x2: spineX + 7,
        y: (d: Date) => d,
        stroke: MUTED,
        ariaHidden: 'true',
      }),
      Plot.link(placed, {
        x1: spineX + 5,
        y1: 'at',
        x2: labelX - 4,
        y2: 'labelAt',
        stroke: '#bdbdbd',
        ariaHidden: 'true',
      }),
      Plot.dot(placed, {
        x: spineX,
        y: 'at',
        r: 5,
        fill: (p: Placed) => (p.exact ? color(p.agency) : 'white'),
        stroke: (p: Placed) => color(p.agency),
        strokeWidth: 2,
        title,
        className: 'event',
      }),
      Plot.text(placed, {
        x: labelX,
        y: 'labelAt',
        text: (p: Placed) => p.lines.join('\n'),
        textAnchor: 'start',
        lineHeight: LINE / FONT_SIZE,
        fontSize: FONT_SIZE,
        fill: 'currentColor',
        title,
        className: 'event-label',
      }),
      // The key: which colour is which agency, and what a hollow dot means.
      Plot.dot(key, {
        x: (_: unknown, i: number) => (keyX[i] ?? 0) + 6,
        y: keyAt,
        r: 5,
        fill: (k: { fill: string; hollow: boolean }) => (k.hollow ? 'white' : k.fill),
        stroke: 'fill',
        strokeWidth: 2,
        ariaHidden: 'true',
        className: 'key',
      }),
      Plot.text(key, {
        x: (_: unknown, i: number) => (keyX[i] ?? 0) + 16,
        y: keyAt,
        text: 'text',
        textAnchor: 'start',
        fontSize: FONT_SIZE,
        fill: 'currentColor',
        ariaHidden: 'true',
        className: 'key',
      }),
    ],
  });

  const description =
    options.ariaDescription ??
    `Timeline of ${sorted.length} actions, ${sorted[0] ? formatDate(sorted[0].date) : ''} to ${sorted.at(-1) ? formatDate(sorted.at(-1)!.date) : ''}, earliest first: ` +
      `${placed.map(title).join('; ')}.`;
  return finishChart(chart, options.ariaLabel ?? 'Timeline of enforcement actions', description);
}
