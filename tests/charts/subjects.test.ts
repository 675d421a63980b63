import { describe, expect, it } from 'vitest';
import { SUBJECT_COLORS } from '../../src/lib/charts/palette';
import { subjectChart } from '../../src/lib/charts/subjects';
import { subjectLabels, subjectPoints } from './fixtures';
import { expectSoundChart, ownText, render } from './helpers';
import { expectSvgSnapshot } from './snapshot';

describe('subjectChart(points, options)', () => {
  it('draws one panel per large subject and one for the rest, titled with the latest share', async () => {
    const chart = render((document) =>
      subjectChart(subjectPoints, { width: 390, document, labels: subjectLabels }),
    );
    expectSoundChart(chart);
    // Two columns on a phone: five subjects and "All other subjects".
    expect(chart.svg.querySelectorAll('g.share-line path')).toHaveLength(6);
    const titles = [...chart.svg.querySelectorAll('g.panel-title text')].map(ownText);
    expect(titles).toHaveLength(6);
    // October 2025 totals 1,000: imposters 330 → 33%; dropped calls 260 → 26%; the rest
    // (energy 40 + tech support 35 + vacation 30) 105 → 11%.
    // (Plot writes facets column by column, so the titles are compared as a set.)
    expect(titles.find((t) => t.startsWith('Imposters'))).toMatch(/33%$/);
    expect(titles).toContain('Dropped call or no\nmessage 26%');
    expect(titles).toContain('All other subjects 11%');
    expect(titles.join()).not.toMatch(/Energy|Vacation/);
    expect(chart.svg.querySelector('desc')?.textContent).toContain('July 2025 to October 2025');
    await expectSvgSnapshot(chart.markup, 'subjects-390');
  });

  it('uses each subject’s fixed colour and fills the grid on wider screens', async () => {
    const chart = render((document) =>
      subjectChart(subjectPoints, { width: 1000, document, labels: subjectLabels }),
    );
    expectSoundChart(chart);
    const strokes = [...chart.svg.querySelectorAll('g.share-line path')].map((p) =>
      p.getAttribute('stroke'),
    );
    expect(strokes).toHaveLength(8);
    expect(strokes).toContain(SUBJECT_COLORS.imposters);
    expect(strokes).toContain(SUBJECT_COLORS['dropped-call']);
    expect(new Set(strokes).size).toBe(8);
    // Wider panels: titles that took two lines on a phone take one.
    expect([...chart.svg.querySelectorAll('g.panel-title text')].map(ownText)).toContain(
      'Medical & prescriptions 9.5%',
    );
    await expectSvgSnapshot(chart.markup, 'subjects-1000');
  });

  it('draws counts when asked, and takes top', () => {
    const chart = render((document) =>
      subjectChart(subjectPoints, { document, measure: 'count', top: 2 }),
    );
    expect([...chart.svg.querySelectorAll('g.panel-title text')].map(ownText).sort()).toEqual([
      'All other subjects 410',
      'dropped-call 260',
      'imposters 330',
    ]);
  });
});
