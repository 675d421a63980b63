import { describe, expect, it } from 'vitest';
import { barChart } from '../../src/lib/charts/bars';
import { BAR_COLOR, HIGHLIGHT_COLOR } from '../../src/lib/charts/palette';
import { areaCodes, callers } from './fixtures';
import { expectSoundChart, ownText, render } from './helpers';
import { expectSvgSnapshot } from './snapshot';

describe('barChart(rows, options)', () => {
  it('ranks linked bars with their values and no axis to decode', async () => {
    const chart = render((document) =>
      barChart(areaCodes, {
        width: 390,
        document,
        valueLabel: 'Complaints by area code, last 12 months',
      }),
    );
    expectSoundChart(chart, 'group');
    expect(chart.svg.querySelectorAll('g.bar rect')).toHaveLength(5);
    expect([...chart.svg.querySelectorAll('g.bar a')].map((a) => a.getAttribute('href'))).toEqual(
      areaCodes.map((r) => r.href),
    );
    expect([...chart.svg.querySelectorAll('g.value-label text')].map(ownText)).toEqual([
      '2,410',
      '1,805',
      '1,203',
      '988',
      '640',
    ]);
    expect(chart.svg.querySelector('g[data-mark="x-axis tick"]')).toBeNull();
    expect(chart.texts).toContain('Complaints by area code, last 12 months');
    await expectSvgSnapshot(chart.markup, 'bars-area-codes');
  });

  it('sorts by value and marks highlighted rows with colour and a ◆ explained above', async () => {
    const chart = render((document) =>
      barChart(callers, {
        width: 640,
        document,
        valueLabel: 'Complaints by caller number',
        highlightLabel: 'Named in a PoNE letter',
      }),
    );
    expectSoundChart(chart, 'img');
    const bars = [...chart.svg.querySelectorAll('g.bar rect')];
    expect(bars.map((b) => b.getAttribute('fill'))).toEqual([
      HIGHLIGHT_COLOR,
      HIGHLIGHT_COLOR,
      BAR_COLOR,
      BAR_COLOR,
    ]);
    expect([...chart.svg.querySelectorAll('g.value-label text')].map(ownText)).toEqual([
      '1,204 ◆',
      '877 ◆',
      '402',
      '310',
    ]);
    expect([...chart.svg.querySelectorAll('g.header text')].map(ownText)).toEqual([
      'Complaints by caller number',
      '◆ Named in a PoNE letter',
    ]);
    expect(chart.titles).toContain('(833) 631-7911: 1,204 (Named in a PoNE letter)');
    await expectSvgSnapshot(chart.markup, 'bars-callers');
  });

  it('has no ◆ key when nothing is highlighted, and keeps the given order with sort: false', () => {
    const chart = render((document) =>
      barChart(
        callers.map((r) => ({ label: r.label, value: r.value })),
        { document, sort: false, limit: 3 },
      ),
    );
    expect(chart.texts.join(' ')).not.toContain('◆');
    expect([...chart.svg.querySelectorAll('g.value-label text')].map(ownText)).toEqual([
      '310',
      '1,204',
      '877',
    ]);
  });

  // Issue 11.4 changed this: names too long for 40% of the width move above their bars, whole,
  // instead of being cut to "Imposters (gov…" beside them; only a name longer than the chart is cut.
  it('puts long names above their bars on a phone, whole where they fit the width, and keeps them whole in the title', () => {
    const rows = [
      { label: 'Imposters (government, business, family)', value: 10 },
      {
        label: 'A provider with a remarkably long registered business name and more words, LLC',
        value: 7,
      },
      { label: 'Short', value: 5 },
    ];
    const chart = render((document) =>
      barChart(rows, { width: 390, document, valueFormat: 'per100k' }),
    );
    const names = [...chart.svg.querySelectorAll('g.bar-name text')].map(ownText);
    expect(names[0]).toBe('Imposters (government, business, family)');
    expect(names[1]).toMatch(/…$/);
    expect(names[2]).toBe('Short');
    expect(chart.svg.querySelectorAll('g[data-mark="y-axis tick label"] text').length).toBe(0);
    expect(chart.titles).toContain(
      'A provider with a remarkably long registered business name and more words, LLC: 7.0',
    );
  });

  it('keeps short names beside their bars', () => {
    const chart = render((document) =>
      barChart(
        [
          { label: 'Ohio', value: 3 },
          { label: 'Texas', value: 2 },
        ],
        { width: 390, document },
      ),
    );
    expect(
      [...chart.svg.querySelectorAll('g[data-mark="y-axis tick label"] text')].map(ownText),
    ).toEqual(['Ohio', 'Texas']);
    expect(chart.svg.querySelectorAll('g.bar-name text').length).toBe(0);
  });
});
