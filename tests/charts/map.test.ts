import { geoAlbersUsa, geoPath, geoStream, type GeoStream } from 'd3';
import type { FeatureCollection } from 'geojson';
import { feature } from 'topojson-client';
import type { Topology } from 'topojson-specification';
import us from 'us-atlas/states-10m.json' with { type: 'json' };
import { describe, expect, it } from 'vitest';
import { roundedQuantiles } from '../../src/lib/charts/classes';
import { stateMap } from '../../src/lib/charts/map';
import { NO_DATA, sequentialScheme } from '../../src/lib/charts/palette';
import { PLACES, placeByFips, placeByUsps } from '../../src/lib/charts/places';
import {
  fitted,
  insetProjection,
  NATION_FIT_BOUNDS,
  type PixelProjection,
} from '../../src/lib/charts/projection';
import { stateValues } from './fixtures';
import { expectSoundChart, ownText, render } from './helpers';
import { expectSvgSnapshot } from './snapshot';

const map = (width = 640) =>
  render((document) =>
    stateMap(stateValues(), {
      width,
      document,
      legendLabel: 'Complaints per 100,000 people',
      href: (usps) => `/states/${usps.toLowerCase()}/`,
    }),
  );

describe('stateMap(values, options)', () => {
  it('shades the 50 states and DC, each a link with its name and value', async () => {
    const chart = map(390);
    expectSoundChart(chart, 'group');
    const states = [...chart.svg.querySelectorAll('g.state path')];
    expect(states).toHaveLength(51);
    const links = [...chart.svg.querySelectorAll('g.state a')].map((a) => a.getAttribute('href'));
    expect(links).toHaveLength(51);
    expect(links).toContain('/states/oh/');
    expect(links).toContain('/states/dc/');
    // Ohio is the 36th code: 20 + (35 × 17 mod 41) + 0.25 = 41.25 → 41.3.
    expect(chart.titles).toContain('Ohio: 41.3');
    expect(chart.titles).toContain('Wyoming: no data');
    await expectSvgSnapshot(chart.markup, 'map');
  });

  it('wraps a legend title too wide for a phone onto two lines, and moves the map down for it', () => {
    const label = 'Complaints per 100,000 residents, Jan 2025 to Dec 2025';
    const drawn = (width: number) =>
      render((document) => stateMap(stateValues(), { width, document, legendLabel: label }));
    // Top to bottom: Plot's own title line sits in the nested legend, moved down by its y.
    const titles = (chart: ReturnType<typeof drawn>) =>
      [...chart.svg.querySelectorAll('text[font-weight="bold"]')]
        .map((t) => ({
          y: Number(t.getAttribute('y')) + Number(t.closest('svg svg')?.getAttribute('y') ?? 0),
          text: ownText(t),
        }))
        .sort((a, b) => a.y - b.y)
        .map((t) => t.text);
    const wide = drawn(640);
    expect(titles(wide)).toEqual([label]);
    const phone = drawn(378);
    // Hand-checked: the estimate puts the whole title at ~390 px, its first five words at ~230.
    expect(titles(phone)).toEqual(['Complaints per 100,000 residents,', 'Jan 2025 to Dec 2025']);
    const nested = phone.svg.querySelector('svg');
    expect(nested?.getAttribute('y')).toBe('14');
    // The map is 14 px taller than the same map with a title that fits on one line.
    const short = render((document) =>
      stateMap(stateValues(), { width: 378, document, legendLabel: 'Complaints' }),
    );
    expect(
      Number(phone.svg.getAttribute('height')) - Number(short.svg.getAttribute('height')),
    ).toBe(14);
  });

  it('draws DC and Puerto Rico as labelled, linked squares (PR is outside Albers USA)', () => {
    const chart = map();
    expect([...chart.svg.querySelectorAll('g.square-label text')].map(ownText)).toEqual([
      'DC',
      'PR',
    ]);
    expect(
      [...chart.svg.querySelectorAll('g.square a')].map((a) => a.getAttribute('href')),
    ).toEqual(['/states/dc/', '/states/pr/']);
    expect(chart.svg.querySelector('desc')?.textContent).toContain(
      'Territories, not on the map, are squares below it: Puerto Rico:',
    );
  });

  it('uses the classes of the legend, and grey with a "No data" swatch for missing values', () => {
    const chart = map();
    const fills = new Set(
      [...chart.svg.querySelectorAll('g.state path')].map((p) => p.getAttribute('fill')),
    );
    expect([...fills].every((f) => f === NO_DATA || sequentialScheme(5).includes(f ?? ''))).toBe(
      true,
    );
    expect(fills.has(NO_DATA)).toBe(true);
    expect(chart.texts).toContain('No data');
    expect(chart.texts).toContain('Complaints per 100,000 people');
    // The nested legend is one swatch per class.
    expect(chart.svg.querySelectorAll('svg svg rect')).toHaveLength(5);
  });

  it('keeps the inline SVG small enough to ship on every state page', () => {
    expect(map(640).markup.length).toBeLessThan(90_000);
    expect(map(390).markup.length).toBeLessThan(60_000);
  });

  it('leaves links out without href, and says it is a picture', () => {
    const chart = render((document) =>
      stateMap([{ usps: 'oh', value: 3 }], { document, width: 390 }),
    );
    expectSoundChart(chart, 'img');
    expect(chart.svg.querySelectorAll('a')).toHaveLength(0);
    expect(chart.titles).toContain('Ohio: 3.0');
    expect(chart.titles).toContain('Texas: no data');
  });
});

describe('roundedQuantiles and places', () => {
  it('rounds breaks to two significant digits and drops duplicates', () => {
    expect(roundedQuantiles([10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 5)).toEqual([
      28, 46, 64, 82,
    ]);
    // The first three quantiles are all 5, the smallest value: no class can hold less.
    expect(roundedQuantiles([5, 5, 5, 5, 6], 5)).toEqual([5.2]);
    expect(roundedQuantiles([1234, 5678, 91011], 2)).toEqual([5700]);
  });

  it('maps FIPS to USPS for the states, DC and the territories', () => {
    expect(PLACES.filter((p) => !p.territory)).toHaveLength(51);
    expect(placeByFips('39')?.usps).toBe('OH');
    expect(placeByFips('11')?.name).toBe('District of Columbia');
    expect(placeByUsps('pr')).toMatchObject({ fips: '72', territory: true });
  });
});

describe('stateMap with a state filter (issue 11.6)', () => {
  it('says "not selected" for places the filter leaves out, not "no data", and keys it in the legend', async () => {
    const { stateMap } = await import('../../src/lib/charts/map');
    const { render } = await import('./helpers');
    const values = [
      { usps: 'OH', value: 3.1 },
      { usps: 'PA', value: 2.4 },
    ];
    const chart = render((document) =>
      stateMap(values, { width: 640, document, selected: new Set(['OH', 'PA']) }),
    );
    expect(chart.titles).toContain('Ohio: 3.1');
    expect(chart.titles).toContain('Texas: not selected');
    expect(chart.titles.some((t) => t.endsWith('no data'))).toBe(false);
    expect(chart.texts).toContain('Not selected');
    expect(chart.texts).not.toContain('No data');
  });

  it('without a filter a place without a value is "no data"', async () => {
    const { stateMap } = await import('../../src/lib/charts/map');
    const { render } = await import('./helpers');
    const chart = render((document) =>
      stateMap([{ usps: 'OH', value: 3.1 }], { width: 640, document }),
    );
    expect(chart.titles).toContain('Texas: no data');
    expect(chart.texts).not.toContain('Not selected');
  });
});

describe('the map projection (projection.ts)', () => {
  const topology = us as unknown as Topology;
  const nation = feature(topology, topology.objects.nation!);

  it("keeps the nation's bounds at the fitting scale that d3 finds for the shipped us-atlas", () => {
    const atFittingScale = geoAlbersUsa().scale(150).translate([0, 0]);
    expect(geoPath(atFittingScale).bounds(nation)).toEqual(NATION_FIT_BOUNDS);
  });

  it('fits exactly as d3-geo fitExtent does, at every width a chart is drawn', () => {
    for (const width of [280, 390, 640, 641, 960]) {
      const extent: [[number, number], [number, number]] = [
        [4, 50],
        [width - 4, 50 + Math.round(width * 0.62)],
      ];
      const d3 = geoAlbersUsa().fitExtent(extent, nation);
      const ours = fitted(extent, NATION_FIT_BOUNDS);
      expect([ours.scale(), ...ours.translate()]).toEqual([d3.scale(), ...d3.translate()]);
    }
  });

  it("gives every vertex of the states and the nation exactly as d3's geoAlbersUsa, at many widths", () => {
    const states = feature(topology, topology.objects.states!) as FeatureCollection;
    // Every event a projection sends, with its coordinates as they are (no rounding).
    const events = (projection: PixelProjection) => {
      const out: (string | number)[] = [];
      const sink: GeoStream = {
        point: (x, y) => out.push(x, y),
        lineStart: () => out.push('L'),
        lineEnd: () => out.push('l'),
        polygonStart: () => out.push('P'),
        polygonEnd: () => out.push('p'),
        sphere: () => out.push('S'),
      };
      for (const object of [...states.features, nation]) {
        geoStream(object, projection.stream(sink));
        out.push('|');
      }
      return out;
    };
    for (const width of [280, 300, 390, 480, 555, 640, 720, 801, 960]) {
      const extent: [[number, number], [number, number]] = [
        [4, 50],
        [width - 4, 50 + Math.round(width * 0.62)],
      ];
      const d3 = events(geoAlbersUsa().fitExtent(extent, nation));
      expect(d3.length).toBeGreaterThan(10_000);
      expect(events(insetProjection(extent)), `width ${width}`).toEqual(d3);
    }
  });
});
