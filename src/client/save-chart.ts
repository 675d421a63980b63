/**
 * "Save the chart" as SVG or PNG. The saved picture stands alone: the chart's computed styles are
 * written inline (it no longer depends on the page's CSS), it gets a white background, and it
 * carries its title, the filters and the source line with the data version and permalink, so a
 * copy found later still says what it is. PNG is the same SVG drawn on a canvas at 2×.
 */

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Presentation properties worth carrying from the page's CSS into the file. */
const STYLE_PROPERTIES = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-dasharray',
  'stroke-linecap',
  'stroke-linejoin',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'text-anchor',
  'dominant-baseline',
  'paint-order',
  'visibility',
  'shape-rendering',
  'color',
  'letter-spacing',
] as const;

export interface SaveInfo {
  title: string;
  /** The filters in words. */
  subtitle: string;
  /** `Source: …; data version …` and the permalink. */
  source: string;
  /** File name without extension. */
  fileBase: string;
}

function size(svg: SVGSVGElement): { width: number; height: number } {
  const w = Number(svg.getAttribute('width'));
  const h = Number(svg.getAttribute('height'));
  if (w > 0 && h > 0) return { width: w, height: h };
  const box = svg.viewBox?.baseVal;
  if (box && box.width > 0 && box.height > 0) return { width: box.width, height: box.height };
  const rect = svg.getBoundingClientRect();
  return {
    width: Math.max(1, Math.round(rect.width)),
    height: Math.max(1, Math.round(rect.height)),
  };
}

/** Copies computed styles onto a structural clone, element by element. */
function inlineStyles(original: Element, clone: Element): void {
  const computed = getComputedStyle(original);
  const declarations: string[] = [];
  for (const property of STYLE_PROPERTIES) {
    const value = computed.getPropertyValue(property);
    if (value) declarations.push(`${property}:${value}`);
  }
  if (computed.display === 'none') declarations.push('display:none');
  if (declarations.length) clone.setAttribute('style', declarations.join(';'));
  const a = original.children;
  const b = clone.children;
  for (let i = 0; i < a.length && i < b.length; i++) inlineStyles(a[i]!, b[i]!);
}

/** Splits text into lines of at most `chars` characters, at spaces. */
function wrap(text: string, chars: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > chars) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/** The standalone SVG document for `svg` with title, subtitle and source. */
export function standaloneSvg(
  svg: SVGSVGElement,
  info: SaveInfo,
): { markup: string; width: number; height: number } {
  const { width, height } = size(svg);
  const clone = svg.cloneNode(true) as SVGSVGElement;
  inlineStyles(svg, clone);
  const pad = 16;
  const charsTitle = Math.max(20, Math.floor((width - 2 * pad) / 9.5));
  const charsSmall = Math.max(20, Math.floor((width - 2 * pad) / 6.6));
  const titleLines = wrap(info.title, charsTitle);
  const subtitleLines = info.subtitle ? wrap(info.subtitle, charsSmall) : [];
  const sourceLines = wrap(info.source, charsSmall);
  const top = pad + titleLines.length * 22 + subtitleLines.length * 17 + 8;
  const bottom = 8 + sourceLines.length * 15 + pad;
  const total = top + height + bottom;

  const root = document.createElementNS(SVG_NS, 'svg');
  root.setAttribute('xmlns', SVG_NS);
  root.setAttribute('width', String(width));
  root.setAttribute('height', String(total));
  root.setAttribute('viewBox', `0 0 ${width} ${total}`);
  root.setAttribute(
    'font-family',
    'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif',
  );
  const title = document.createElementNS(SVG_NS, 'title');
  title.textContent = info.title;
  root.append(title);
  const background = document.createElementNS(SVG_NS, 'rect');
  background.setAttribute('width', '100%');
  background.setAttribute('height', '100%');
  background.setAttribute('fill', '#ffffff');
  root.append(background);
  let y = pad;
  const text = (
    content: string,
    size: number,
    weight: string,
    color: string,
    lineHeight: number,
  ) => {
    y += lineHeight;
    const t = document.createElementNS(SVG_NS, 'text');
    t.setAttribute('x', String(pad));
    t.setAttribute('y', String(y - (lineHeight - size) / 2));
    t.setAttribute('font-size', String(size));
    t.setAttribute('font-weight', weight);
    t.setAttribute('fill', color);
    t.textContent = content;
    root.append(t);
  };
  for (const line of titleLines) text(line, 17, '700', '#1a1a1a', 22);
  for (const line of subtitleLines) text(line, 13, '400', '#1a1a1a', 17);
  clone.setAttribute('x', '0');
  clone.setAttribute('y', String(top));
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  if (!clone.getAttribute('viewBox')) clone.setAttribute('viewBox', `0 0 ${width} ${height}`);
  root.append(clone);
  y = top + height + 8;
  for (const line of sourceLines) text(line, 11, '400', '#595959', 15);
  const markup = `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(root)}`;
  return { markup, width, height: total };
}

function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function saveSvg(svg: SVGSVGElement, info: SaveInfo): void {
  const { markup } = standaloneSvg(svg, info);
  download(new Blob([markup], { type: 'image/svg+xml;charset=utf-8' }), `${info.fileBase}.svg`);
}

/** The PNG (2× the chart's CSS size, for sharp text on paper and high-density screens). */
export async function pngBlob(svg: SVGSVGElement, info: SaveInfo, scale = 2): Promise<Blob> {
  const { markup, width, height } = standaloneSvg(svg, info);
  const url = URL.createObjectURL(new Blob([markup], { type: 'image/svg+xml;charset=utf-8' }));
  try {
    const image = new Image();
    image.width = width;
    image.height = height;
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('this browser cannot draw on a canvas');
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.scale(scale, scale);
    context.drawImage(image, 0, 0, width, height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob(
        (blob) => (blob ? resolve(blob) : reject(new Error('the PNG could not be made'))),
        'image/png',
      ),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

export async function savePng(svg: SVGSVGElement, info: SaveInfo): Promise<void> {
  download(await pngBlob(svg, info), `${info.fileBase}.png`);
}
