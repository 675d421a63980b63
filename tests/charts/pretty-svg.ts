/** Pretty-printing for SVG snapshots (tests/charts/snapshot.ts). */

/** Elements whose content is text (or text runs): kept on one line, since whitespace there is text. */
const INLINE = new Set(['text', 'title', 'desc', 'style']);

/**
 * The markup with a line break and two spaces a level before every tag that follows another tag.
 * Only whitespace between tags is added, never inside an INLINE element, so removing the added
 * line breaks and indents gives back the markup exactly (tests/charts/snapshot.test.ts checks that on every snapshot).
 */
export function prettySvg(markup: string): string {
  const tags = /<\/?([a-zA-Z][\w:-]*)[^>]*?(\/?)>/g;
  let out = '';
  let depth = 0;
  let inline = 0;
  let last = 0;
  let previousWasTag = false;
  for (const match of markup.matchAll(tags)) {
    const [tag, name, selfClosing] = match;
    const between = markup.slice(last, match.index);
    const closing = tag.startsWith('</');
    if (between !== '') previousWasTag = false;
    out += between;
    if (closing && inline === 0) depth--;
    if (inline === 0 && previousWasTag) out += `\n${'  '.repeat(Math.max(depth, 0))}`;
    out += tag;
    const lower = name!.toLowerCase();
    if (closing) {
      if (INLINE.has(lower)) inline--;
    } else if (!selfClosing) {
      if (INLINE.has(lower)) inline++;
      else if (inline === 0) depth++;
    }
    previousWasTag = true;
    last = match.index + tag.length;
  }
  return `${out}${markup.slice(last)}\n`;
}

/** Undoes prettySvg: the markup as the chart code produced it. */
export function compactSvg(pretty: string): string {
  return pretty.replace(/\n$/, '').replace(/>\n *</g, '><');
}
