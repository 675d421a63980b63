/**
 * Dated events drawn over a time axis (enforcement actions, a PoNE letter): a dashed rule at the
 * date, its label above the plot (placed by event-layout.ts), and the key under the chart when the
 * labels had to be numbered. Every rule carries a `<title>` with the full date and label.
 */
import * as Plot from '@observablehq/plot';
import type { EventLayout, PlacedEvent } from './event-layout';
import { FONT_SIZE, textWidth, wrap } from './layout';
import { MUTED } from './palette';
import { formatDate } from '../format';

export { type EventMark, layoutEvents } from './event-layout';

/** Height of one row of event labels, and of one line of the key, in px. */
export const EVENT_ROW = FONT_SIZE + 6;

/**
 * Plot marks for the events: rules from the label down to `plotBottom` (px) and the labels in rows
 * above `plotTop`. `yAt` converts px to a y value (the charts fix their y scale, so it inverts).
 */
export function eventMarks(
  layout: EventLayout,
  plotTop: number,
  plotBottom: number,
  yAt: (px: number) => number,
): Plot.Markish[] {
  const labelY = (e: PlacedEvent) => plotTop - 4 - (e.row ?? 0) * EVENT_ROW;
  const title = (e: PlacedEvent) => `${formatDate(e.date)}: ${e.label}`;
  const labelled = layout.events.filter((e) => e.row !== null && e.labelled);
  // A rule reaches up beside its label; the later rules of a cluster stop just under it.
  const ruleTop = (e: PlacedEvent) =>
    e.row === null ? plotTop : e.labelled ? labelY(e) - FONT_SIZE : labelY(e) + 3;
  return [
    Plot.ruleX(layout.events, {
      x: 'at',
      y1: (e: PlacedEvent) => yAt(ruleTop(e)),
      y2: yAt(plotBottom),
      stroke: MUTED,
      strokeDasharray: '3,3',
      title,
      className: 'event-rule',
    }),
    ...(['start', 'end'] as const).map((anchor) =>
      Plot.text(
        labelled.filter((e) => e.anchor === anchor),
        {
          x: 'at',
          y: (e: PlacedEvent) => yAt(labelY(e)),
          text: 'text',
          textAnchor: anchor,
          lineAnchor: 'bottom',
          dx: anchor === 'start' ? 3 : -3,
          fill: MUTED,
          fontSize: FONT_SIZE,
          fontWeight: layout.key.length ? 700 : 400,
          title,
          className: 'event-label',
        },
      ),
    ),
  ];
}

/**
 * The key's entries as lines that fit `available` px: an entry too long for one line wraps (up to
 * three lines), its later lines indented under the text after its number, so nothing is cut
 * that a reader needs (the full text also stays in the rules' titles).
 */
export function keyLines(key: readonly string[], available: number): string[] {
  const lines: string[] = [];
  for (const entry of key) {
    const [, prefix = '', text = entry] = /^(\d+ {2})(.*)$/.exec(entry) ?? [];
    // No-break spaces: SVG collapses ordinary ones at the start of a line.
    const indent = '\u00a0'.repeat(Math.ceil(textWidth(prefix) / textWidth('\u00a0')));
    const width = Math.max(80, available - textWidth(prefix));
    wrap(text, width, 3).forEach((line, i) =>
      lines.push(i === 0 ? `${prefix}${line}` : `${indent}${line}`),
    );
  }
  return lines;
}

/** The key under the chart when events are numbered (`keyLines`), `offset` px below the plot's bottom edge. */
export function eventKeyMark(lines: readonly string[], offset: number): Plot.Markish {
  if (!lines.length) return null;
  return Plot.text([lines.join('\n')], {
    frameAnchor: 'bottom-left',
    text: (d: string) => d,
    textAnchor: 'start',
    lineAnchor: 'top',
    lineHeight: EVENT_ROW / FONT_SIZE,
    dy: offset,
    fill: MUTED,
    fontSize: FONT_SIZE,
    className: 'event-key',
  });
}
