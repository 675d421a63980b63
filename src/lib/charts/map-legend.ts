/**
 * The map's legend: Plot's threshold legend (one swatch per class, the breaks between them), nested
 * as an `<svg>` in the map's top margin so the chart stays a single SVG element, plus a grey
 * "No data" swatch when any state has no value. It is hidden from screen readers: the map's
 * description and every state's title carry the values.
 */
import * as Plot from '@observablehq/plot';
import { FONT_SIZE, textWidth, wrap } from './layout';
import { INK, NO_DATA, NOT_SELECTED, NOT_SELECTED_STROKE } from './palette';

export interface LegendOptions {
  /** Class breaks, ascending. */
  thresholds: number[];
  /** One colour per class: `thresholds.length + 1`. */
  colors: string[];
  /** Legend title, as lines (legendTitleLines): a long one wraps instead of running off a phone. */
  label: readonly string[];
  format: (value: number) => string;
  /** Width of the swatches, px. */
  width: number;
  /** Add a "No data" swatch right of the legend. */
  noData: boolean;
  /** Add a "Not selected" swatch (blank, outlined) right of the legend. */
  notSelected?: boolean;
}

const SVG = 'http://www.w3.org/2000/svg';

/** Line height of the legend title's lines, px. */
export const LEGEND_LINE_HEIGHT = 14;

/**
 * The legend title broken to fit `width` px (bold, at most two lines): "Complaints per 100,000
 * residents, Jan 2025 to Dec 2025" is about 370 px, wider than a phone's map.
 */
export function legendTitleLines(label: string, width: number): string[] {
  if (textWidth(label, FONT_SIZE, true) <= width) return [label];
  // At the comma where one is: the measure on one line, its period on the next.
  const comma = label.lastIndexOf(', ');
  if (comma > 0) {
    const [first, rest] = [label.slice(0, comma + 1), label.slice(comma + 2)];
    if (textWidth(first, FONT_SIZE, true) <= width)
      return [first, ...wrap(rest, width, 1, FONT_SIZE, true)];
  }
  return wrap(label, width, 2, FONT_SIZE, true);
}

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
      label: options.label.at(-1) ?? '',
    },
    width: options.width,
    marginLeft: 4,
    tickFormat: options.format,
    style: { fontSize: `${FONT_SIZE}px`, overflow: 'visible' },
  }) as unknown as SVGSVGElement;
  // The title's first lines above Plot's own (its last line), the legend moved down to make room.
  const above = options.label.slice(0, -1);
  const shift = above.length * LEGEND_LINE_HEIGHT;
  set(legend, {
    x: '0',
    y: String(shift),
    'aria-hidden': 'true',
    'font-size': String(FONT_SIZE),
  });
  // The map's SVG centres text by default; the nested legend must not inherit that.
  legend.setAttribute('text-anchor', 'start');
  svg.appendChild(legend);
  const plotTitle = legend.querySelector('text[font-weight="bold"]');
  const titleY = Number(plotTitle?.getAttribute('y') ?? 12);
  above.forEach((line, i) => {
    const text = doc.createElementNS(SVG, 'text');
    set(text, {
      x: plotTitle?.getAttribute('x') ?? '4',
      y: String(titleY + i * LEGEND_LINE_HEIGHT),
      fill: INK,
      'font-weight': 'bold',
      'font-size': String(FONT_SIZE),
      'text-anchor': 'start',
      'aria-hidden': 'true',
    });
    text.textContent = line;
    svg.appendChild(text);
  });
  const keys = [
    ...(options.noData ? [{ label: 'No data', fill: NO_DATA, stroke: 'none' }] : []),
    ...(options.notSelected
      ? [{ label: 'Not selected', fill: NOT_SELECTED, stroke: NOT_SELECTED_STROKE }]
      : []),
  ];
  keys.forEach((key, i) => {
    const g = doc.createElementNS(SVG, 'g');
    set(g, {
      transform: `translate(${options.width + 12},${shift + 18 + i * 16})`,
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
