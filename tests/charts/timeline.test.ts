import { describe, expect, it } from 'vitest';
import { AGENCY_COLORS, OTHER_AGENCY_COLOR } from '../../src/lib/charts/palette';
import { timelineChart } from '../../src/lib/charts/timeline';
import { actions } from './fixtures';
import { expectSoundChart, ownText, position, render } from './helpers';
import { expectSvgSnapshot } from './snapshot';

const timeline = (width: number) =>
  render((document) => timelineChart(actions, { width, document }));

describe('timelineChart(events, options)', () => {
  it('draws a dot per event, earliest first, coloured by agency and hollow when only the month is known', async () => {
    const chart = timeline(390);
    expectSoundChart(chart);
    const dots = [...chart.svg.querySelectorAll('g.event circle')];
    expect(dots).toHaveLength(6);
    // Sorted by date string: "2020-01" (month only) comes before "2020-01-29".
    expect(dots.map((d) => d.getAttribute('fill'))).toEqual([
      'white',
      AGENCY_COLORS.FTC,
      AGENCY_COLORS.FCC,
      AGENCY_COLORS.FCC,
      OTHER_AGENCY_COLOR,
      AGENCY_COLORS.FTC,
    ]);
    expect(dots[0]!.getAttribute('stroke')).toBe(AGENCY_COLORS.FTC);
    await expectSvgSnapshot(chart.markup, 'timeline-390');
  });

  it('labels every event with its date and agency, on two lines on a phone and one on a desktop', async () => {
    const narrow = [...timeline(390).svg.querySelectorAll('g.event-label text')].map(ownText);
    expect(narrow[0]).toBe('Jan 2020 · FTC\nXCast Labs Inc. (warning letter)');
    expect(narrow[1]).toBe('Jan 29, 2020 · FTC\nModok LLC (warning letter)');
    const wide = timeline(1280);
    expectSoundChart(wide);
    expect([...wide.svg.querySelectorAll('g.event-label text')].map(ownText)[5]).toBe(
      'Nov 27, 2023 · FTC  Acrobat Communications, Inc. (cease-and-desist)',
    );
    await expectSvgSnapshot(wide.markup, 'timeline-1280');
  });

  it('never lets two labels overlap, even for events on the same day', () => {
    for (const width of [390, 1280]) {
      const labels = [...timeline(width).svg.querySelectorAll('g.event-label text')];
      const ys = labels.map((t) => position(t).y);
      const lines = ownText(labels[0]!).split('\n').length;
      for (let i = 1; i < ys.length; i++)
        expect(ys[i]! - ys[i - 1]!).toBeGreaterThanOrEqual(lines * 15);
    }
  });

  it('has a key for the agencies present and for hollow dots, and a full description', () => {
    const chart = timeline(640);
    expect([...chart.svg.querySelectorAll('g.key text')].map(ownText)).toEqual([
      'FTC',
      'FCC',
      'Other',
      'month only',
    ]);
    const desc = chart.svg.querySelector('desc')?.textContent ?? '';
    expect(desc).toContain('Timeline of 6 actions, January 2020 to November 27, 2023');
    expect(desc).toContain('April 3, 2020: FTC+FCC, joint warning: Connexum');
    expect(chart.titles).toContain('January 2020: FTC, warning letter: XCast Labs Inc.');
  });
});
