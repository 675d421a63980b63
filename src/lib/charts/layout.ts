/**
 * Pixel arithmetic the charts share: how wide a label will be, where to put labels so they do not
 * overlap, and how many ticks fit. There is no text measurement at build time (linkedom has no
 * layout), so widths are estimated from typical system-ui glyph widths, erring wide.
 */

/** The smallest text any chart draws, in px (PEERS §13: nothing below 12). */
export const FONT_SIZE = 12;

/** Approximate advance widths in em for a sans-serif system font. */
function glyphWidth(char: string): number {
  if (/[ilj.,:;'|!\s]/.test(char)) return 0.3;
  if (/[mwMW@%]/.test(char)) return 0.9;
  if (/[A-Z]/.test(char)) return 0.7;
  if (/[0-9]/.test(char)) return 0.62;
  return 0.6;
}

/** Estimated width of `text` in px at `fontSize` (bold text is about 8% wider). */
export function textWidth(text: string, fontSize = FONT_SIZE, bold = false): number {
  let em = 0;
  for (const char of text) em += glyphWidth(char);
  return em * fontSize * (bold ? 1.08 : 1);
}

/** `text` cut to about `width` px at `fontSize`, ending in an ellipsis when cut. */
export function truncate(text: string, width: number, fontSize = FONT_SIZE, bold = false): string {
  if (textWidth(text, fontSize, bold) <= width) return text;
  let cut = text;
  while (cut.length > 1 && textWidth(`${cut}…`, fontSize, bold) > width) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}…`;
}

/**
 * `text` broken at spaces into lines of about `width` px, at most `maxLines` (the last one cut
 * with an ellipsis when the text does not fit).
 */
export function wrap(
  text: string,
  width: number,
  maxLines: number,
  fontSize = FONT_SIZE,
  bold = false,
): string[] {
  const lines: string[] = [];
  let current = '';
  const words = text.split(/\s+/).filter(Boolean);
  for (const [i, word] of words.entries()) {
    const candidate = current ? `${current} ${word}` : word;
    if (!current || textWidth(candidate, fontSize, bold) <= width) {
      current = candidate;
      continue;
    }
    if (lines.length === maxLines - 1)
      return [...lines, truncate(`${current} ${words.slice(i).join(' ')}`, width, fontSize, bold)];
    lines.push(current);
    current = word;
  }
  if (current) lines.push(truncate(current, width, fontSize, bold));
  return lines;
}

/** How many ticks fit along `length` px when each wants about `spacing` px (at least 2). */
export function tickCount(length: number, spacing: number): number {
  return Math.max(2, Math.floor(length / spacing));
}

/**
 * Positions for labels that want to sit at `targets` (px, any order) along one axis, at least
 * `gap` apart and within [min, max]. Overlapping labels are merged into blocks centred on the
 * mean of their targets, then blocks are pushed inside the bounds, until nothing overlaps
 * (the usual direct-label placement). When they cannot all fit, they are spread evenly over
 * the whole range. Returns positions in the order of `targets`.
 */
export function dodge(targets: readonly number[], gap: number, min: number, max: number): number[] {
  const order = targets.map((t, i) => ({ t, i })).sort((a, b) => a.t - b.t || a.i - b.i);
  const n = order.length;
  const result = new Array<number>(targets.length).fill(min);
  if (n === 0) return result;
  if ((n - 1) * gap > max - min) {
    order.forEach(({ i }, k) => (result[i] = n === 1 ? min : min + (k * (max - min)) / (n - 1)));
    return result;
  }
  type Block = { start: number; sum: number; count: number };
  let blocks: Block[] = order.map(({ t }) => ({ start: t, sum: t, count: 1 }));
  const place = (b: Block) => {
    const span = (b.count - 1) * gap;
    b.start = Math.min(max - span, Math.max(min, b.sum / b.count - span / 2));
  };
  blocks.forEach(place);
  for (let merged = true; merged;) {
    merged = false;
    const next: Block[] = [];
    for (const block of blocks) {
      const last = next[next.length - 1];
      if (last && last.start + last.count * gap > block.start + 1e-9) {
        last.sum += block.sum;
        last.count += block.count;
        place(last);
        merged = true;
      } else next.push(block);
    }
    blocks = next;
  }
  let k = 0;
  for (const block of blocks) {
    for (let j = 0; j < block.count; j++) result[order[k++]!.i] = block.start + j * gap;
  }
  return result;
}
