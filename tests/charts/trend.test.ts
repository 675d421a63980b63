import { describe, expect, it } from 'vitest';
import { trendChart } from '../../src/lib/charts/trend';
import { EVENT_ROW } from '../../src/lib/charts/annotations';
import { textWidth } from '../../src/lib/charts/layout';
import { ROBOCALL_COLORS } from '../../src/lib/charts/palette';
import { byRobocall, enforcement, ohioRate, robocallLabels } from './fixtures';
import { expectSoundChart, ownText, position, render } from './helpers';
import { expectSvgSnapshot } from './snapshot';

const lines = (width: number, marks = enforcement) =>
  render((document) =>
    trendChart(byRobocall, {
      width,
      document,
      yLabel: 'Complaints per month',
      seriesLabels: robocallLabels,
      marks,
    }),
  );

/** Seven events in one year: too many labels for a phone. */
const busy = [
  ...enforcement,
  { date: '2025-03-12', label: 'Warning letters' },
  { date: '2025-04-02', label: 'Court order' },
  { date: '2025-04-20', label: 'Settlement' },
  { date: '2025-08-15', label: 'Consent decree' },
];

describe('trendChart(points, options)', () => {
  it('draws one line per series, in its fixed colour, labelled directly', async () => {
    const chart = lines(640);
    expectSoundChart(chart);
    const paths = [...chart.svg.querySelectorAll('g.series path')];
    expect(paths).toHaveLength(3);
    expect(paths.map((p) => p.getAttribute('stroke'))).toEqual([
      ROBOCALL_COLORS.robocall,
      ROBOCALL_COLORS.live,
      ROBOCALL_COLORS.unknown,
    ]);
    expect([...chart.svg.querySelectorAll('g.series-label text')].map(ownText)).toEqual([
      'Robocall',
      'Live caller',
      'Not said',
    ]);
    await expectSvgSnapshot(chart.markup, 'trend-lines');
  });

  it('reads dates as UTC: the last point is December 2025 in any time zone', () => {
    const chart = lines(640);
    expect(chart.titles).toContain('Robocall: 90,200 (December 2025)');
    expect(chart.titles.join(' ')).not.toMatch(/November 30|November 2025\)/);
    expect(chart.svg.querySelector('desc')?.textContent).toContain('January 2025 to December 2025');
  });

  it('marks events with rules and labels that do not overlap', () => {
    const chart = lines(1280);
    expect(chart.svg.querySelectorAll('g.event-rule line')).toHaveLength(3);
    const labels = [...chart.svg.querySelectorAll('g.event-label text')];
    expect(labels.map(ownText).sort()).toEqual(['FCC order', 'FTC letters', 'Lawsuit']);
    // Two events 16 days apart: their labels must sit in different rows or far enough apart.
    const [a, b] = labels.slice(0, 2).map(position);
    expect(a!.y !== b!.y || Math.abs(a!.x - b!.x) > 60).toBe(true);
    expect(chart.titles).toContain('September 2025: Lawsuit');
  });

  it('labels the events directly on a phone when they fit', () => {
    const chart = lines(390);
    expect([...chart.svg.querySelectorAll('g.event-label text')].map(ownText).sort()).toEqual([
      'FCC order',
      'FTC letters',
      'Lawsuit',
    ]);
    expect(chart.svg.querySelector('g.event-key')).toBeNull();
  });

  it('numbers the events and adds a key when the labels do not fit', async () => {
    const chart = lines(390, busy);
    expectSoundChart(chart);
    const key = chart.svg.querySelector('g.event-key text');
    expect(key && ownText(key)).toContain('1  Mar 4, 2025: FTC letters');
    expect(key && ownText(key)).toContain('7  Sep 2025: Lawsuit');
    // Events closer than a number's width share one label; every event keeps its rule.
    expect([...chart.svg.querySelectorAll('g.event-label text')].map(ownText)).toEqual([
      '1–5',
      '6–7',
    ]);
    expect(chart.svg.querySelectorAll('g.event-rule line')).toHaveLength(7);
    await expectSvgSnapshot(chart.markup, 'trend-lines-390');
  });

  it('wraps a long entry of the key under its text instead of cutting it, and makes room for it', () => {
    const long =
      'PoNE letter: Acrobat Communications; Gateway provider: Acrobat Communications, Inc.';
    const marks = busy.map((m, i) => (i === 6 ? { ...m, label: long } : m));
    const chart = lines(390, marks);
    const key = [...chart.svg.querySelectorAll('g.event-key text tspan')].map(
      (t) => t.textContent!,
    );
    expect(key.join(' ')).not.toContain('…');
    const entry = key.findIndex((line) => line.startsWith('6  Aug 15, 2025: '));
    const rest = key.slice(entry + 1, -1);
    expect(rest.length).toBeGreaterThan(0);
    expect(rest.every((line) => line.startsWith('\u00a0'))).toBe(true);
    expect([key[entry], ...rest].map((l) => l!.replace(/^\u00a0+/, '')).join(' ')).toBe(
      `6  Aug 15, 2025: ${long}`,
    );
    for (const line of key) expect(textWidth(line)).toBeLessThanOrEqual(390);
    const short = lines(390, busy);
    expect(Number(chart.svg.getAttribute('height'))).toBe(
      Number(short.svg.getAttribute('height')) + (key.length - busy.length) * EVENT_ROW,
    );
  });

  it('uses fewer x ticks on a phone than on a desktop', () => {
    const ticks = (width: number) =>
      lines(width).svg.querySelectorAll('g[data-mark="x-axis tick"] path').length;
    expect(ticks(390)).toBeLessThan(ticks(1280));
    expect(ticks(390)).toBeLessThanOrEqual(6);
  });

  it('stacks areas, with gaps filled as zeros and labels in the middle of each band', async () => {
    const partial = byRobocall.filter((p) => !(p.series === 'unknown' && p.date === '2025-06-01'));
    const chart = render((document) =>
      trendChart(partial, { width: 390, document, stacked: true, seriesLabels: robocallLabels }),
    );
    expectSoundChart(chart);
    expect(chart.svg.querySelectorAll('g.series path')).toHaveLength(3);
    const ys = [...chart.svg.querySelectorAll('g.series-label text')].map((t) => position(t).y);
    // Robocall is the bottom band, so its label is lowest on screen (largest y).
    expect(ys[0]).toBeGreaterThan(ys[1]!);
    expect(ys[1]).toBeGreaterThan(ys[2]!);
    expect(ys[1]! - ys[2]!).toBeGreaterThanOrEqual(15);
    await expectSvgSnapshot(chart.markup, 'trend-stacked');
  });

  it('formats rates per 100,000 and keeps close labels apart', async () => {
    const chart = render((document) =>
      trendChart(ohioRate, {
        width: 640,
        document,
        yFormat: 'per100k',
        yLabel: 'Complaints per 100,000 people',
        seriesLabels: { OH: 'Ohio', US: 'United States' },
      }),
    );
    expectSoundChart(chart);
    expect(chart.titles).toContain('Ohio: 40.3 (December 2025)');
    const ys = [...chart.svg.querySelectorAll('g.series-label text')].map((t) => position(t).y);
    expect(Math.abs(ys[0]! - ys[1]!)).toBeGreaterThanOrEqual(15);
    await expectSvgSnapshot(chart.markup, 'trend-rate');
  });

  it('draws percentages, and survives an empty series list', () => {
    const shares = byRobocall
      .filter((p) => p.series === 'robocall')
      .map((p) => ({ ...p, value: p.value / 200000 }));
    const chart = render((document) => trendChart(shares, { document, yFormat: 'percent' }));
    expect(chart.texts).toContain('60%');
    const empty = render((document) => trendChart([], { document, ariaLabel: 'Nothing yet' }));
    expectSoundChart(empty);
  });
});

describe('trendChart with very small counts', () => {
  it('puts ticks only on whole numbers, so no label repeats', async () => {
    const { trendChart } = await import('../../src/lib/charts/trend');
    const { serverDocument } = await import('../../src/build/charts/document');
    const svg = trendChart(
      [
        { date: '2026-01-01', series: 'robocall', value: 1 },
        { date: '2026-02-01', series: 'robocall', value: 3 },
        { date: '2026-03-01', series: 'robocall', value: 2 },
      ],
      { document: serverDocument(), width: 640 },
    );
    const labels = [...svg.querySelectorAll('g[data-mark="y-axis tick label"] text')].map(
      (t) => t.textContent,
    );
    expect(labels.length).toBeGreaterThan(1);
    expect(new Set(labels).size).toBe(labels.length);
  });
});
