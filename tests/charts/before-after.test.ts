import { describe, expect, it } from 'vitest';
import { beforeAfterChart } from '../../src/lib/charts/before-after';
import { beforeAfter } from '../../src/lib/summaries';
import { providerMonths } from './fixtures';
import { expectSoundChart, ownText, render } from './helpers';
import { expectSvgSnapshot } from './snapshot';

const options = {
  actionDate: '2023-11-27',
  actionLabel: 'FTC letter',
  through: '2024-03',
  yLabel: 'Complaints naming these numbers',
};

describe('beforeAfterChart(monthly, options)', () => {
  it('draws a bar per month, zeros included, with the windows and their totals', async () => {
    const chart = render((document) =>
      beforeAfterChart(providerMonths, { ...options, width: 640, document }),
    );
    expectSoundChart(chart);
    // May 2023 to March 2024: 11 months, June (missing) drawn as zero.
    expect(chart.svg.querySelectorAll('g.bar rect')).toHaveLength(11);
    expect(chart.titles).toContain('June 2023: 0');
    expect(chart.titles).toContain('November 2023: 250');
    expect(chart.svg.querySelectorAll('g.window rect')).toHaveLength(2);
    // Before: Aug–Oct 400 + 404 + 400 = 1,204; after: Dec–Feb 150 + 100 + 60 = 310.
    expect([...chart.svg.querySelectorAll('g.window-total text')].map(ownText)).toEqual([
      '3 months before: 1,204',
      '3 months after: 310',
    ]);
    expect([...chart.svg.querySelectorAll('g.event-label text')].map(ownText)).toEqual([
      'FTC letter',
    ]);
    expect(chart.titles).toContain('November 27, 2023: FTC letter');
    await expectSvgSnapshot(chart.markup, 'before-after');
  });

  it('agrees with the summary sentence under it', () => {
    expect(
      beforeAfter(providerMonths, { actionDate: options.actionDate, through: options.through }),
    ).toContain('fell from 1,204 to 310');
  });

  it('draws nothing after the data end, and says the after window is not complete', async () => {
    const chart = render((document) =>
      beforeAfterChart(providerMonths, { ...options, through: '2024-01', width: 390, document }),
    );
    expectSoundChart(chart);
    expect(chart.svg.querySelectorAll('g.bar rect')).toHaveLength(9);
    expect([...chart.svg.querySelectorAll('g.window-total text')].map(ownText)).toEqual([
      '3 months before: 1,204',
      '3 months after: not complete',
    ]);
    await expectSvgSnapshot(chart.markup, 'before-after-390');
  });

  it('extends the axis to cover both windows when the data are sparse', () => {
    const chart = render((document) =>
      beforeAfterChart([{ month: '2023-12', value: 5 }], { ...options, width: 640, document }),
    );
    // Aug 2023 (start of before) to Mar 2024 (through): 8 months.
    expect(chart.svg.querySelectorAll('g.bar rect')).toHaveLength(8);
    expect(chart.svg.querySelector('desc')?.textContent).toContain('August 2023 to March 2024');
  });
});
