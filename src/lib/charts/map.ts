/**
 * A choropleth of the states: us-atlas's Census boundaries (states-10m, FIPS ids) in d3-geo's
 * Albers USA, simplified to the pixel (projection.ts). Values are binned into a few classes at
 * rounded quantiles, so the legend reads "34, 42, 51" and each class holds about as many states.
 *
 * Territories are not in Albers USA: those present in `values` are drawn as labelled squares along
 * the bottom, after one for DC (a few pixels on the map). Every state and square has a `<title>`
 * with its name and value, and with `href` each becomes a link (`<a>` is focusable in SVG).
 */
import * as Plot from '@observablehq/plot';
import { scaleThreshold } from 'd3';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import us from 'us-atlas/states-10m.json' with { type: 'json' };
import {
  type ChartElement,
  type ChartOptions,
  DEFAULT_WIDTH,
  finishChart,
  plotFrame,
} from './common';
import { FONT_SIZE } from './layout';
import { addLegend, LEGEND_LINE_HEIGHT, legendTitleLines } from './map-legend';
import {
  INK,
  MUTED,
  NO_DATA,
  NOT_SELECTED,
  NOT_SELECTED_STROKE,
  sequentialScheme,
} from './palette';
import { roundedQuantiles } from './classes';
import { type Place, placeByFips, PLACES } from './places';
import { albersUsa } from './projection';
import { exactFormatter, type ValueFormat, valueFormatter } from './values';

export interface StateValue {
  /** USPS code: `OH`, `DC`, `PR`. */
  usps: string;
  /** The value to shade; null when there is none (drawn grey, "no data"). */
  value: number | null;
}

export interface MapOptions extends ChartOptions {
  /** How values read: `per100k` (12.3), `count` or `percent` (fractions). Default: `per100k`. */
  valueFormat?: ValueFormat;
  /** The legend's title: "Complaints per 100,000 residents, last 12 months". Default: none. */
  legendLabel?: string;
  /** Number of colour classes (3–8). Default: 5. */
  classes?: number;
  /** Class breaks, ascending, overriding the rounded quantiles (one fewer than the classes). */
  thresholds?: number[];
  /** Link for each state: `(usps) => \`/states/${usps.toLowerCase()}/\``. Default: no links. */
  href?: (usps: string) => string;
  /**
   * The places a filter chose (USPS codes); the others are drawn blank and said to be "not
   * selected", not "no data" (they have data; the view leaves them out). Default: all selected.
   */
  selected?: ReadonlySet<string>;
}

type StateFeature = Feature<Geometry, { name: string }>;
const topology = us as unknown as Topology<{
  states: GeometryCollection<{ name: string }>;
  nation: GeometryCollection;
}>;
const states = (
  feature(topology, topology.objects.states) as FeatureCollection<Geometry, { name: string }>
).features.filter((f) => placeByFips(String(f.id))?.territory === false);
const nation = feature(topology, topology.objects.nation);

const LEGEND_HEIGHT = 50;
const SQUARE = 18;
/** From the right edge to the last square's centre: room for its two-letter label ("PR" is ~17 px at 12 px). */
const SQUARE_RIGHT_INSET = 32;

/** A choropleth map of `values` by state. */
export function stateMap(values: readonly StateValue[], options: MapOptions = {}): ChartElement {
  const width = options.width ?? DEFAULT_WIDTH;
  const format = exactFormatter(options.valueFormat ?? 'per100k');
  const byUsps = new Map(values.map((v) => [v.usps.toUpperCase(), v.value]));
  const present = values
    .map((v) => v.value)
    .filter((v): v is number => v !== null && Number.isFinite(v))
    .sort((a, b) => a - b);
  const scheme = sequentialScheme(
    options.thresholds ? options.thresholds.length + 1 : (options.classes ?? 5),
  );
  const thresholds = options.thresholds ?? roundedQuantiles(present, scheme.length);
  const classes = scheme.slice(0, thresholds.length + 1);
  const color = scaleThreshold<number, string>().domain(thresholds).range(classes);
  const selected = options.selected && options.selected.size > 0 ? options.selected : null;
  const chosen = (usps: string) => !selected || selected.has(usps);
  const fill = (usps: string) => {
    if (!chosen(usps)) return NOT_SELECTED;
    const value = byUsps.get(usps);
    return value === null || value === undefined ? NO_DATA : color(value);
  };
  const describe = (place: Place) => {
    if (!chosen(place.usps)) return `${place.name}: not selected`;
    const value = byUsps.get(place.usps);
    return `${place.name}: ${value === null || value === undefined ? 'no data' : format(value)}`;
  };
  // DC is a few pixels on the map: it gets a square too, so it can be seen, read and clicked.
  const squares = PLACES.filter((p) => p.usps === 'DC' || (p.territory && byUsps.has(p.usps)));
  const territories = squares.filter((p) => p.territory);
  const anyMissing = PLACES.some(
    (p) =>
      (!p.territory || byUsps.has(p.usps)) &&
      chosen(p.usps) &&
      (byUsps.get(p.usps) ?? null) === null,
  );
  const anyUnselected = selected !== null && PLACES.some((p) => !p.territory && !chosen(p.usps));

  const mapHeight = Math.round(width * 0.62);
  const marginBottom = SQUARE + 10;
  const legendLabel = legendTitleLines(options.legendLabel ?? '', width - 8);
  const legendHeight = LEGEND_HEIGHT + (legendLabel.length - 1) * LEGEND_LINE_HEIGHT;
  const height = legendHeight + mapHeight + marginBottom;
  const place = (f: StateFeature) => placeByFips(String(f.id)) as Place;
  const href = options.href;

  const chart = Plot.plot({
    ...plotFrame(options, height),
    marginTop: legendHeight,
    marginBottom,
    marginLeft: 4,
    marginRight: 4,
    projection: albersUsa([
      [4, legendHeight],
      [width - 4, legendHeight + mapHeight],
    ]),
    marks: [
      Plot.geo(states, {
        fill: (f: StateFeature) => fill(place(f).usps),
        stroke: selected
          ? (f: StateFeature) => (chosen(place(f).usps) ? 'white' : NOT_SELECTED_STROKE)
          : 'white',
        strokeWidth: 0.75,
        title: (f: StateFeature) => describe(place(f)),
        ariaLabel: (f: StateFeature) => describe(place(f)),
        className: 'state',
        ...(href ? { href: (f: StateFeature) => href(place(f).usps) } : {}),
      }),
      Plot.geo(nation, { stroke: MUTED, strokeWidth: 0.5, ariaHidden: 'true' }),
      // DC and the territories: one square and label each, right-aligned along the bottom edge.
      ...squares.flatMap((t, i) => {
        const dx = -(squares.length - 1 - i) * (SQUARE + 30) - SQUARE_RIGHT_INSET;
        return [
          Plot.dot([t], {
            frameAnchor: 'bottom-right',
            dx,
            dy: SQUARE / 2 + 4,
            symbol: 'square',
            r: SQUARE / 2.3,
            fill: (p: Place) => fill(p.usps),
            stroke: MUTED,
            strokeWidth: 0.5,
            title: describe,
            ariaLabel: describe,
            className: 'square',
            ...(href ? { href: (p: Place) => href(p.usps) } : {}),
          }),
          Plot.text([t], {
            frameAnchor: 'bottom-right',
            dx: dx + SQUARE / 2 + 3,
            dy: SQUARE / 2 + 4,
            text: 'usps',
            textAnchor: 'start',
            fill: INK,
            fontSize: FONT_SIZE,
            ariaHidden: 'true',
            className: 'square-label',
          }),
        ];
      }),
    ],
  });

  const svg = chart as unknown as SVGSVGElement;
  addLegend(svg, {
    thresholds,
    colors: classes,
    label: legendLabel,
    format: valueFormatter(options.valueFormat ?? 'per100k'),
    width: Math.min(320, width - (anyUnselected ? 110 : anyMissing ? 90 : 8)),
    noData: anyMissing,
    notSelected: anyUnselected,
  });

  const shaded = PLACES.filter((p) => !p.territory || byUsps.has(p.usps));
  const ranked = shaded
    .filter((p) => typeof byUsps.get(p.usps) === 'number')
    .sort((a, b) => (byUsps.get(b.usps) ?? 0) - (byUsps.get(a.usps) ?? 0));
  const description =
    options.ariaDescription ??
    `Map of the states shaded in ${classes.length} classes${options.legendLabel ? ` of ${options.legendLabel}` : ''}. ` +
      `Highest: ${ranked.slice(0, 3).map(describe).join('; ')}. Lowest: ${ranked.slice(-3).reverse().map(describe).join('; ')}.` +
      (territories.length
        ? ` Territories, not on the map, are squares below it: ${territories.map(describe).join('; ')}.`
        : '');
  return finishChart(
    svg,
    options.ariaLabel ?? options.legendLabel ?? 'Map of the states',
    description,
    href !== undefined,
  );
}
