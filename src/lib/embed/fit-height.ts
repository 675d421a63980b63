/**
 * The height a static embed needs at a given width, worked out from what it holds (title, summary,
 * the drawing's own size scaled to the column, notes, source line), so the iframe in the oEmbed and
 * the snippet shows the whole chart without the resize script (issue 11.6: a fixed 560 px cut a
 * 631 px map). Text lines are estimated from average glyph widths of the system sans-serif at the
 * embed's sizes (embed.css); the estimate errs tall, never short, by a few pixels. Pure.
 */
import type { Figure } from '../site-data/figure';

/** The width the oEmbed answers for. */
export const EMBED_WIDTH = 640;
/** Horizontal padding of the embed page (embed.css: .embed 0.75rem either side). */
const PAD_X = 24;
/** Vertical padding (0.75rem top, 0.5rem bottom) and a margin for rounding and font differences. */
const PAD_Y = 20;
const SLACK = 32;
/** Text styles: px per line, average px per character, space after the paragraph. */
const TITLE = { line: 22, char: 10.2, after: 6.4 };
const BODY = { line: 21.75, char: 8.1, after: 6.4 };
const SMALL = { line: 18.85, char: 7.0, after: 6.4 };
/** The phone drawing replaces the wide one below this width (embed.css / site.css: 40rem). */
const NARROW_BELOW = 640;

function lines(text: string, width: number, charWidth: number): number {
  if (!text) return 0;
  const perLine = Math.max(10, Math.floor(width / charWidth));
  // Words do not break: count line by line, as the browser fills them.
  let count = 1;
  let used = 0;
  for (const word of text.split(/\s+/)) {
    const length = word.length + (used ? 1 : 0);
    if (used + length > perLine && used > 0) {
      count++;
      used = word.length;
    } else used += length;
  }
  return count;
}

function paragraph(
  text: string,
  width: number,
  style: { line: number; char: number; after: number },
): number {
  const n = lines(text, width, style.char);
  return n ? n * style.line + style.after : 0;
}

/** The drawn size of an inline SVG, from the largest `<svg width height>` in the markup (a legend is smaller). */
export function svgSize(markup: string): { width: number; height: number } | null {
  let best: { width: number; height: number } | null = null;
  for (const [tag] of markup.matchAll(/<svg\b[^>]*>/g)) {
    const w = Number(/\swidth="([\d.]+)"/.exec(tag)?.[1]);
    const h = Number(/\sheight="([\d.]+)"/.exec(tag)?.[1]);
    if (w > 0 && h > 0 && (!best || w * h > best.width * best.height))
      best = { width: w, height: h };
  }
  return best;
}

export interface EmbedContent {
  figure: Pick<Figure, 'title' | 'summary' | 'svg' | 'svgNarrow' | 'note' | 'source' | 'empty'>;
  /** The words after the source line (links back). */
  links: string;
}

/** The iframe height (px, whole) that shows all of `content` at `width`. */
export function fitHeight(content: EmbedContent, width = EMBED_WIDTH): number {
  const column = width - PAD_X;
  const { figure } = content;
  const drawing = width < NARROW_BELOW && figure.svgNarrow ? figure.svgNarrow : figure.svg;
  const size = drawing ? svgSize(drawing) : null;
  // Drawings scale down to the column (max-width: 100%, height: auto), never up.
  const chart = size
    ? Math.ceil(size.height * Math.min(1, column / size.width))
    : paragraph(figure.empty ?? 'No data to draw for this chart.', column, SMALL);
  const height =
    PAD_Y +
    paragraph(figure.title, column, TITLE) +
    paragraph(figure.summary, column, BODY) +
    chart +
    (figure.note ? paragraph(figure.note, column, SMALL) : 0) +
    paragraph(`${figure.source} ${content.links}`, column, SMALL) +
    SLACK;
  return Math.ceil(height);
}
