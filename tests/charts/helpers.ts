/**
 * Shared by the chart tests: render on the server, normalise, and the checks every chart must pass.
 * Snapshots: tests/charts/snapshot.ts (pretty-printed SVG in __snapshots__/, a `-changed` twin
 * beside one that no longer matches); open them in a browser to review; when a change is intended,
 * run `npx vitest run tests/charts -u` and look at the diff.
 */
import { expect } from 'vitest';
import { serverDocument, toMarkup } from '../../src/build/charts/document';

// Off-by-one-day bugs only show west of Greenwich; the test script pins this zone too.
process.env.TZ ??= 'America/Los_Angeles';

export interface Rendered {
  svg: SVGSVGElement;
  markup: string;
  texts: string[];
  titles: string[];
}

/** Renders a chart into a fresh server document and returns the element, its markup and its text. */
export function render(make: (document: Document) => SVGSVGElement): Rendered {
  const svg = make(serverDocument());
  const markup = toMarkup(svg);
  const texts = [...svg.querySelectorAll('text')].map((t) => t.textContent ?? '');
  const titles = [...svg.querySelectorAll('title')].map((t) => t.textContent ?? '');
  return { svg, markup, texts, titles };
}

/** What every chart must be: labelled, described, free of NaN, and with no text under 12px. */
export function expectSoundChart({ svg, markup }: Rendered, role: 'img' | 'group' = 'img'): void {
  expect(svg.getAttribute('role')).toBe(role);
  expect(svg.getAttribute('aria-label')).toBeTruthy();
  expect(svg.firstElementChild?.tagName.toLowerCase()).toBe('title');
  expect(svg.querySelector(':scope > desc')?.textContent?.length ?? 0).toBeGreaterThan(20);
  for (const [, name, value] of markup.matchAll(/\s([\w:-]+)="([^"]*)"/g)) {
    expect(value, `attribute ${name}`).not.toMatch(/NaN|undefined|Infinity|null|\[object/);
  }
  for (const [, size] of markup.matchAll(/font-size(?:="|:\s*)(\d+(?:\.\d+)?)/g)) {
    expect(Number(size)).toBeGreaterThanOrEqual(12);
  }
  expect(markup).not.toMatch(/plot-[0-9a-f]{6}|plot-clip-\d/);
  // ARIA allows no name on a `g` without a role (axe: aria-prohibited-attr).
  for (const g of svg.querySelectorAll('g[aria-label]')) expect(g.hasAttribute('role')).toBe(true);
}

/** The `translate(x,y)` or x/y position of an element, in px. */
export function position(element: Element): { x: number; y: number } {
  const match = /translate\(([-\d.]+),([-\d.]+)\)/.exec(element.getAttribute('transform') ?? '');
  if (match) return { x: Number(match[1]), y: Number(match[2]) };
  return { x: Number(element.getAttribute('x') ?? 0), y: Number(element.getAttribute('y') ?? 0) };
}

/** The visible text of an element: its text and tspans, without the `<title>` tooltip. */
export function ownText(element: Element): string {
  let text = '';
  for (const node of element.childNodes) {
    if (node.nodeType === 3) text += node.textContent ?? '';
    else if ((node as Element).tagName?.toLowerCase() === 'tspan')
      text += `${text ? '\n' : ''}${ownText(node as Element)}`;
  }
  return text;
}
