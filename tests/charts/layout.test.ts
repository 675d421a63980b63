import { describe, expect, it } from 'vitest';
import { layoutEvents } from '../../src/lib/charts/event-layout';
import { dodge, textWidth, tickCount, truncate, wrap } from '../../src/lib/charts/layout';
import { simplify } from '../../src/lib/charts/projection';

describe('dodge(targets, gap, min, max)', () => {
  it('leaves labels that do not collide where they want to be', () => {
    expect(dodge([10, 50, 100], 15, 0, 200)).toEqual([10, 50, 100]);
  });

  it('spreads colliding labels around the mean of their targets, in order', () => {
    expect(dodge([100, 100], 20, 0, 200)).toEqual([90, 110]);
    const ys = dodge([50, 52, 48, 150], 15, 0, 200);
    expect([ys[2], ys[0], ys[1]]).toEqual([35, 50, 65]);
    expect(ys[3]).toBe(150);
  });

  it('stays within bounds, and spreads evenly when the labels cannot fit', () => {
    expect(dodge([195, 199], 15, 0, 200)).toEqual([185, 200]);
    expect(dodge([1, 2, 3], 60, 0, 100)).toEqual([0, 50, 100]);
    expect(dodge([], 10, 0, 100)).toEqual([]);
  });
});

describe('text helpers', () => {
  it('estimates widths generously and cuts or wraps text to fit', () => {
    expect(textWidth('Robocall')).toBeGreaterThan(40);
    expect(textWidth('W')).toBeGreaterThan(textWidth('i'));
    expect(textWidth('ab', 12, true)).toBeGreaterThan(textWidth('ab'));
    expect(truncate('Short', 200)).toBe('Short');
    const cut = truncate('A very long label that will not fit', 80);
    expect(cut.endsWith('…')).toBe(true);
    expect(textWidth(cut)).toBeLessThanOrEqual(80);
    expect(wrap('Dropped call or no message', 130, 2)).toEqual(['Dropped call or no', 'message']);
    expect(wrap('one two three four five six seven eight', 60, 2)).toHaveLength(2);
    expect(wrap('one two three four five six seven eight', 60, 2)[1]).toMatch(/…$/);
    expect(tickCount(390, 90)).toBe(4);
    expect(tickCount(50, 90)).toBe(2);
  });
});

describe('layoutEvents(events, x, bounds, maxRows)', () => {
  const x = (date: Date) => (date.getTime() - Date.UTC(2025, 0, 1)) / 864e5; // 1 px per day

  it('puts labels in rows so that none overlaps and no rule crosses a label', () => {
    const events = [
      { date: '2025-02-01', label: 'First event' },
      { date: '2025-02-11', label: 'Second event' },
      { date: '2025-04-01', label: 'Third' },
    ];
    const layout = layoutEvents(events, x, [0, 400], 3);
    expect(layout.key).toEqual([]);
    const spans = layout.events.map((e) => {
      const px = x(e.at);
      const w = textWidth(e.text) + 6;
      return {
        row: e.row,
        px,
        from: e.anchor === 'start' ? px : px - w,
        to: e.anchor === 'start' ? px + w : px,
      };
    });
    for (const a of spans) {
      for (const b of spans) {
        if (a === b) continue;
        if (a.row === b.row) expect(a.to <= b.from || b.to <= a.from).toBe(true);
        // A rule (b) rising to a higher row must not pass through a label (a) below it.
        if (b.row! > a.row!) expect(b.px < a.from || b.px > a.to).toBe(true);
      }
    }
  });

  it('merges events of one date into one label', () => {
    const layout = layoutEvents(
      [
        { date: '2025-03-01', label: 'A' },
        { date: '2025-03-01', label: 'B' },
      ],
      x,
      [0, 400],
      2,
    );
    expect(layout.events.map((e) => e.text)).toEqual(['A; B']);
  });

  it('numbers the events with a key when the labels do not fit', () => {
    const events = ['2025-01-10', '2025-02-10', '2025-03-10'].map((date, i) => ({
      date,
      label: `Long label number ${i + 1}`,
    }));
    const layout = layoutEvents(events, x, [0, 120], 2);
    expect(layout.events.map((e) => e.text)).toEqual(['1', '2', '3']);
    expect(layout.key).toEqual([
      '1  Jan 10, 2025: Long label number 1',
      '2  Feb 10, 2025: Long label number 2',
      '3  Mar 10, 2025: Long label number 3',
    ]);
  });

  it('gives events too close even for numbers one label for the run, and keeps every rule', () => {
    const events = ['2025-01-10', '2025-01-20', '2025-01-30', '2025-03-30'].map((date, i) => ({
      date,
      label: `Long label number ${i + 1}`,
    }));
    const layout = layoutEvents(events, x, [0, 120], 2);
    expect(layout.events.map((e) => [e.text, e.labelled])).toEqual([
      ['1–3', true],
      ['1–3', false],
      ['1–3', false],
      ['4', true],
    ]);
    expect(layout.key).toHaveLength(4);
  });
});

describe('simplify(points, tolerance)', () => {
  it('drops vertices within the tolerance of the line and keeps the corners', () => {
    const line: [number, number][] = [
      [0, 0],
      [1, 0.1],
      [2, -0.1],
      [3, 0],
      [3, 5],
      [3.1, 6],
      [3, 10],
    ];
    expect(simplify(line, 0.5)).toEqual([
      [0, 0],
      [3, 0],
      [3, 10],
    ]);
    expect(simplify(line, 0.01)).toHaveLength(7);
    expect(
      simplify(
        [
          [0, 0],
          [1, 1],
        ],
        5,
      ),
    ).toHaveLength(2);
  });
});
