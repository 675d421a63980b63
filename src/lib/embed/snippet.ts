/**
 * Embedding a chart in another site: the iframe snippet, and the resize protocol between the
 * embed page and the optional host script `/embed.js` (docs/PEERS.md §8, §14). Pure.
 *
 * ## The resize protocol
 *
 * 1. The embed page (`/embed/…`, in the iframe) measures its content and, on load and whenever
 *    the content changes size, posts exactly one kind of message to `window.parent` and to no one
 *    else: `{ type: 'robocall-atlas:resize', height: <CSS px, a finite number> }`. It carries no
 *    data beyond the height. It is addressed to the host page's origin when the browser tells
 *    the embed what it is (`location.ancestorOrigins`, else the referrer), otherwise to `'*'`,
 *    which is safe for a number the host could measure anyway. The embed page listens to no
 *    messages at all, so a host can make it do nothing.
 * 2. The host script `/embed.js`, loaded from this site, accepts a message only when
 *    `event.origin` is this site's origin (the origin the script itself was loaded from),
 *    `event.source` is the `contentWindow` of one of the page's iframes whose `src` is an
 *    `/embed/` page of this site, `event.data.type` is `'robocall-atlas:resize'` and
 *    `event.data.height` is a finite number between MIN_HEIGHT and MAX_HEIGHT. It then sets that
 *    iframe's height. Everything else is ignored.
 *
 * Without the script the iframe keeps the height given in the snippet, which fits the chart at
 * common widths (docs/PEERS.md §14.1); with it, the iframe grows or shrinks to the content.
 */

export const RESIZE_MESSAGE_TYPE = 'robocall-atlas:resize';
export const MIN_HEIGHT = 80;
export const MAX_HEIGHT = 5000;

export interface ResizeMessage {
  type: typeof RESIZE_MESSAGE_TYPE;
  height: number;
}

export function resizeMessage(height: number): ResizeMessage {
  return { type: RESIZE_MESSAGE_TYPE, height: Math.ceil(height) };
}

/** What the host script accepts as `event.data` (origin and source are checked separately). */
export function isResizeMessage(data: unknown): data is ResizeMessage {
  if (typeof data !== 'object' || data === null) return false;
  const { type, height } = data as Record<string, unknown>;
  return (
    type === RESIZE_MESSAGE_TYPE &&
    typeof height === 'number' &&
    Number.isFinite(height) &&
    height >= MIN_HEIGHT &&
    height <= MAX_HEIGHT
  );
}

/** `&`, `<`, `>`, `"` and `'` escaped, for text inside a double-quoted HTML attribute. */
export function escapeAttribute(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

/** The height the snippet gives the iframe before any resize: enough for the chart at about 600 px wide. */
export function initialHeight(chart: string): number {
  switch (chart) {
    case 'map':
      return 560;
    case 'subjects':
    case 'area-codes':
    case 'callers':
    case 'providers':
      return 640;
    case 'table':
      return 720;
    default:
      return 500;
  }
}

export interface SnippetInput {
  /** Absolute URL of the embed page. */
  src: string;
  /** The iframe's accessible name (WCAG 4.1.2): the chart title and its filters. */
  title: string;
  height: number;
  /** Absolute URL of `/embed.js`; leave out for the iframe alone. */
  script?: string | undefined;
}

/** The responsive iframe (full width of its column, fixed starting height). */
export function iframeHtml(input: Omit<SnippetInput, 'script'>): string {
  const height = Math.round(input.height);
  return `<iframe src="${escapeAttribute(input.src)}" title="${escapeAttribute(input.title)}" width="100%" height="${height}" loading="lazy" style="width:100%;min-width:100%;border:0" data-robocall-atlas-embed></iframe>`;
}

/** The snippet people paste: the iframe, and the resize script when asked. */
export function embedSnippet(input: SnippetInput): string {
  const iframe = iframeHtml(input);
  return input.script
    ? `${iframe}\n<script async src="${escapeAttribute(input.script)}"></script>`
    : iframe;
}

/** `/embed/?chart=map&state=OH&v=…` on `origin` for a view's canonical query string. */
export function embedUrl(origin: string, query: string): string {
  return `${origin.replace(/\/$/, '')}/embed/${query ? `?${query}` : ''}`;
}

/** The explorer view of the same query. */
export function exploreUrl(origin: string, query: string): string {
  return `${origin.replace(/\/$/, '')}/explore/${query ? `?${query}` : ''}`;
}
