/**
 * The map's legend: Plot's threshold legend (one swatch per class, the breaks between them), nested
 * as an `<svg>` in the map's top margin so the chart stays a single SVG element, plus a grey
 * "No data" swatch when any state has no value. It is hidden from screen readers: the map's
 * description and every state's title carry the values.
 */
import * as Plot from '@observablehq/plot';
import { FONT_SIZE } from './layout';
import { INK, NO_DATA, NOT_SELECTED, NOT_SELECTED_STROKE } from './palette';

export interface LegendOptions {
  /** Class breaks, ascending. */
  thresholds: number[];
  /** One colour per class: `thresholds.length + 1`. */
  colors: string[];
  /** Legend title. */
  label: string;
  format: (value: number) => string;
  /** Width of the swatches, px. */
  width: number;
  /** Add a "No data" swatch right of the legend. */
  noData: boolean;
  /** Add a "Not selected" swatch (blank, outlined) right of the legend. */
  notSelected?: boolean;
}

const SVG = 'http://www.w3.org/2000/svg';

/** Appends the legend to `svg` (the map), top left. */
export function addLegend(svg: SVGSVGElement, options: LegendOptions): void {
  const doc = svg.ownerDocument;
  // Plot's legend accepts `document` at run time; its types do not list it.
  const legend = Plot.legend({
    ...({ document: doc } as object),
    color: {
      type: 'threshold',
      domain: options.thresholds,
      range: options.colors,
      label: options.label,
    },
    width: options.width,
    marginLeft: 4,
    tickFormat: options.format,
    style: { fontSize: `${FONT_SIZE}px`, overflow: 'visible' },
  }) as unknown as SVGSVGElement;
  set(legend, { x: '0', y: '0', 'aria-hidden': 'true', 'font-size': String(FONT_SIZE) });
  // The map's SVG centres text by default; the nested legend must not inherit that.
  legend.setAttribute('text-anchor', 'start');
  svg.appendChild(legend);
  const keys = [
    ...(options.noData ? [{ label: 'No data', fill: NO_DATA, stroke: 'none' }] : []),
    ...(options.notSelected
      ? [{ label: 'Not selected', fill: NOT_SELECTED, stroke: NOT_SELECTED_STROKE }]
      : []),
  ];
  keys.forEach((key, i) => {
    const g = doc.createElementNS(SVG, 'g');
    set(g, {
      transform: `translate(${options.width + 12},${18 + i * 16})`,
      'font-size': String(FONT_SIZE),
      'text-anchor': 'start',
      'aria-hidden': 'true',
    });
    const rect = doc.createElementNS(SVG, 'rect');
    set(rect, {
      width: '14',
      height: '10',
      fill: key.fill,
      ...(key.stroke === 'none' ? {} : { stroke: key.stroke }),
    });
    const text = doc.createElementNS(SVG, 'text');
    set(text, { x: '18', y: '9', fill: INK });
    text.textContent = key.label;
    g.append(rect, text);
    svg.appendChild(g);
  });
}

function set(element: Element, attributes: Record<string, string>): void {
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
}
