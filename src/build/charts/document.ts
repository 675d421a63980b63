/**
 * Build-time rendering: a DOM for Plot to draw into without a browser, and the step from the
 * element Plot returns to the markup a page inlines (and a snapshot test compares).
 *
 * Plot is deterministic except for ids: clip paths, patterns and markers are numbered from a
 * module-wide counter (`plot-clip-7`), so the same chart gets other ids depending on what was
 * drawn before it. `toMarkup` renames them after a hash of the chart itself: stable across runs,
 * and two different charts inlined on one page still never share an id. The browser explorer
 * appends the elements directly and needs none of this (nor linkedom: import this file only on
 * the server).
 */
import { parseHTML } from 'linkedom';

/** A fresh, empty HTML document (linkedom) for Plot's `document` option at build time. */
export function serverDocument(): Document {
  return parseHTML('<!doctype html><html><head></head><body></body></html>')
    .document as unknown as Document;
}

/** Plot's style-scoping class (`plot-d6a7b5`, which changes with Plot's version) and its counters. */
const PLOT_CLASS = /\bplot-[0-9a-f]{6}\b/g;
const PLOT_ID = /\bplot-(?:clip|pattern|marker)-\d+\b/g;
/** Geometry attributes whose numbers can lose their float noise (96.66666666666666 → 96.67). */
const GEOMETRY_ATTRIBUTE =
  /\s(d|transform|points|viewBox|x|y|x1|x2|y1|y2|cx|cy|r|width|height)="([^"]*)"/g;

/** FNV-1a, 32-bit, in base 36: short, deterministic and available in every runtime. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}

function roundNumbers(value: string, digits: number): string {
  const factor = 10 ** digits;
  return value.replace(new RegExp(`-?\\d+\\.\\d{${digits + 1},}`, 'g'), (n) => {
    const rounded = Math.round(Number(n) * factor) / factor;
    return String(rounded === 0 ? 0 : rounded);
  });
}

export interface MarkupOptions {
  /** Prefix for the renamed ids. Default: `ra-<hash of the chart>`. */
  idPrefix?: string;
}

/**
 * The element's markup with deterministic class names and ids, geometry rounded to 0.1 px (paths) or 0.01 px, and
 * the SVG namespace declared (so the same string works inline and as a standalone `.svg` file).
 */
export function toMarkup(element: Element, options: MarkupOptions = {}): string {
  let html = element.outerHTML.replace(PLOT_CLASS, 'ra-chart');
  // Path data to 0.1 px (maps are mostly path data), positions to 0.01 px.
  html = html.replace(
    GEOMETRY_ATTRIBUTE,
    (_, name: string, value: string) => ` ${name}="${roundNumbers(value, name === 'd' ? 1 : 2)}"`,
  );
  if (html.startsWith('<svg') && !/^<svg[^>]*\sxmlns=/.test(html)) {
    html = html.replace(/^<svg/, '<svg xmlns="http://www.w3.org/2000/svg"');
  }
  // Number the ids in order of appearance first, so the hash does not depend on Plot's counters.
  const order = new Map<string, number>();
  const placeholder = html.replace(PLOT_ID, (id) => {
    if (!order.has(id)) order.set(id, order.size + 1);
    return `@id-${order.get(id)}@`;
  });
  const prefix = options.idPrefix ?? `ra-${hash(placeholder)}`;
  return placeholder.replace(/@id-(\d+)@/g, (_, n: string) => `${prefix}-${n}`);
}
