/**
 * Draws a chart twice at build time, for a phone and for a wider screen, so axis text stays about
 * 12 px on both (an SVG laid out for 700 px and shrunk to 360 would have 6 px labels). The page
 * shows one of the two with a CSS media query; both are plain inline SVG.
 */
import { serverDocument, toMarkup } from '../charts/document';

/** Layout widths in px: the phone column (390 px screen less padding) and the text column. */
export const NARROW_WIDTH = 360;
export const WIDE_WIDTH = 704;

export interface Drawn {
  svg: string;
  svgNarrow: string;
}

export interface DrawContext {
  width: number;
  document: Document;
}

export function drawBoth(draw: (context: DrawContext) => Element): Drawn {
  const document = serverDocument();
  return {
    svg: markup(draw({ width: WIDE_WIDTH, document })),
    svgNarrow: markup(draw({ width: NARROW_WIDTH, document })),
  };
}

/**
 * Plot labels some mark groups (`<g aria-label="rule">`); ARIA allows no name on a `g` without
 * a role (axe: aria-prohibited-attr), and inside the chart's `img` it says nothing anyway.
 */
export function withoutGroupLabels(svg: string): string {
  return svg.replace(/<g\b[^>]*>/g, (tag) =>
    /\srole=/.test(tag) ? tag : tag.replace(/\saria-label="[^"]*"/, ''),
  );
}

function markup(element: Element): string {
  return withoutGroupLabels(toMarkup(element));
}
