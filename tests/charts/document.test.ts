import * as Plot from '@observablehq/plot';
import { describe, expect, it } from 'vitest';
import { serverDocument, toMarkup } from '../../src/build/charts/document';

/** A chart with a clip path and a marker: both get ids from Plot's module-wide counters. */
function clipped(document: Document, shift = 0): Element {
  return Plot.plot({
    document,
    width: 200,
    height: 100,
    marks: [Plot.lineY([1, 3, 2 + shift], { clip: true, marker: 'circle' })],
  });
}

describe('toMarkup(element)', () => {
  it('gives the same markup however many charts Plot drew before', () => {
    const first = toMarkup(clipped(serverDocument()));
    for (let i = 0; i < 3; i++) clipped(serverDocument());
    expect(toMarkup(clipped(serverDocument()))).toBe(first);
  });

  it('renames Plot’s ids and class after the chart, so two charts on one page never share an id', () => {
    const a = toMarkup(clipped(serverDocument()));
    const b = toMarkup(clipped(serverDocument(), 1));
    expect(a).not.toMatch(/plot-clip-|plot-marker-|plot-d6a7b5/);
    const ids = (markup: string) => [...markup.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
    expect(ids(a)).toHaveLength(2);
    expect(ids(a).every((id) => a.includes(`url(#${id})`))).toBe(true);
    expect(ids(a).some((id) => ids(b).includes(id))).toBe(false);
    expect(a).toContain('class="ra-chart"');
    expect(a).toContain(':where(.ra-chart)');
  });

  it('declares the SVG namespace and rounds geometry, not text', () => {
    const document = serverDocument();
    const chart = Plot.plot({
      document,
      width: 300,
      height: 90,
      x: { domain: [0, 3] },
      marks: [Plot.text(['1.23456'], { x: 1.23456, text: (d) => d })],
    });
    const markup = toMarkup(chart);
    expect(markup.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(markup).toContain('>1.23456<');
    expect(markup).not.toMatch(/\d\.\d{3,}(?![^<]*<\/text>)[^<]*"/);
  });

  it('takes a fixed id prefix', () => {
    expect(toMarkup(clipped(serverDocument()), { idPrefix: 'x' })).toContain('id="x-1"');
  });
});
