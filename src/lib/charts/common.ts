/**
 * What every chart function shares: the options it takes besides its data, the Plot options they
 * turn into, and the accessible name and description put on the finished SVG.
 *
 * Accessibility (PEERS §13): the SVG gets a `<title>` and a `<desc>` as its first children and an
 * `aria-label`; marks keep their own `<title>`s (tooltips, and names for links). A chart with nothing to operate gets `role="img"`; one whose marks are links
 * (map, bars with `href`) gets `role="group"` instead, because `img` would hide the links from
 * assistive technology.
 */
import type * as Plot from '@observablehq/plot';
import { FONT_SIZE } from './layout';
import { INK } from './palette';

export interface ChartOptions {
  /** Width in px; the SVG scales down with its container but is laid out for this width. Default: 640. */
  width?: number;
  /** Height in px. Default: chosen by each chart from the width and the data. */
  height?: number;
  /** The document to build in: `serverDocument()` at build time. Default: the global `document` (browser). */
  document?: Document;
  /** Accessible name, read first by screen readers. Default: a generic name for the chart kind. */
  ariaLabel?: string;
  /** Longer accessible description: what the chart shows and its main finding. Default: one generated from the data. */
  ariaDescription?: string;
}

/** A finished chart: Plot's SVG element. */
export type ChartElement = SVGSVGElement;

export const DEFAULT_WIDTH = 640;

/** Plot options every chart starts from: size, document, 12 px text and the site's ink. */
export function plotFrame(options: ChartOptions, height: number): Plot.PlotOptions {
  return {
    width: options.width ?? DEFAULT_WIDTH,
    height,
    ...(options.document ? { document: options.document } : {}),
    style: {
      fontSize: `${FONT_SIZE}px`,
      fontFamily: 'system-ui, sans-serif',
      color: INK,
      background: 'white',
    },
  };
}

/** Puts the accessible name and description on `svg` and returns it. */
export function finishChart(
  chart: Element,
  label: string,
  description: string,
  interactive = false,
): ChartElement {
  const svg = chart as ChartElement;
  const doc = svg.ownerDocument;
  const ns = 'http://www.w3.org/2000/svg';
  const title = doc.createElementNS(ns, 'title');
  title.textContent = label;
  const desc = doc.createElementNS(ns, 'desc');
  desc.textContent = description;
  svg.insertBefore(desc, svg.firstChild);
  svg.insertBefore(title, desc);
  svg.setAttribute('role', interactive ? 'group' : 'img');
  // Plot writes font-size="10" and the inline style overrides it; say 12 in both places.
  svg.setAttribute('font-size', String(FONT_SIZE));
  svg.setAttribute('aria-label', label);
  // Plot names its mark groups (`<g aria-label="x-axis tick">`), but ARIA forbids a name on a `g`
  // without a role (axe: aria-prohibited-attr). Keep the name as data for tests and styling.
  for (const g of svg.querySelectorAll('g[aria-label]')) {
    if (g.hasAttribute('role')) continue;
    g.setAttribute('data-mark', g.getAttribute('aria-label') ?? '');
    g.removeAttribute('aria-label');
  }
  return svg;
}
