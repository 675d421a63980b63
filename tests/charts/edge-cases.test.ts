import { describe, expect, it } from 'vitest';
import { barChart } from '../../src/lib/charts/bars';
import { beforeAfterChart } from '../../src/lib/charts/before-after';
import { stateMap } from '../../src/lib/charts/map';
import { subjectChart } from '../../src/lib/charts/subjects';
import { trendChart } from '../../src/lib/charts/trend';
import { expectSoundChart, render } from './helpers';

// A page for a new state, a provider without complaints, a filter that matches nothing: every
// chart must still be a valid, described SVG with no NaN in it.
describe('charts with little or no data', () => {
  const cases: [string, (document: Document) => SVGSVGElement][] = [
    ['trend, no points', (document) => trendChart([], { document })],
    [
      'trend, one date',
      (document) =>
        trendChart([{ date: '2026-10-01', series: 'robocall', value: 5 }], {
          document,
          width: 390,
          marks: [{ date: '2026-10-01', label: 'Letter' }],
        }),
    ],
    [
      'trend, stacked zeros',
      (document) =>
        trendChart(
          [
            { date: '2026-09-01', series: 'a', value: 0 },
            { date: '2026-10-01', series: 'b', value: 0 },
          ],
          { document, stacked: true },
        ),
    ],
    ['bars, no rows', (document) => barChart([], { document })],
    [
      'bars, all zero',
      (document) => barChart([{ label: 'a', value: 0 }], { document, width: 390 }),
    ],
    ['map, no values', (document) => stateMap([], { document, width: 390 })],
    [
      'map, one value',
      (document) => stateMap([{ usps: 'TX', value: 7 }], { document, width: 390 }),
    ],
    ['subjects, no points', (document) => subjectChart([], { document })],
    [
      'subjects, one month',
      (document) =>
        subjectChart([{ date: '2026-10-01', subject: 'debt', value: 3 }], { document, width: 390 }),
    ],
    [
      'before/after, no months',
      (document) =>
        beforeAfterChart([], { document, actionDate: '2026-05-01', through: '2026-10' }),
    ],
  ];

  it.each(cases)('%s', (_, make) => {
    const chart = render(make);
    expectSoundChart(chart, chart.svg.getAttribute('role') === 'group' ? 'group' : 'img');
    expect(chart.svg.getAttribute('viewBox')).toMatch(/^0 0 \d+(\.\d+)? \d+(\.\d+)?$/);
  });
});
