/**
 * The embed page's half of the resize protocol (documented in src/lib/embed/snippet.ts and in
 * public/embed.js): when the page is inside a frame, it posts `{ type: 'robocall-atlas:resize',
 * height }` to its parent, and only to it, on load and whenever its content changes height. It
 * sends nothing else and listens to no messages.
 */
import { MAX_HEIGHT, MIN_HEIGHT, resizeMessage } from '../lib/embed/snippet';

/** The host page's origin when the browser says it; `'*'` otherwise (the height is not a secret). */
function parentOrigin(): string {
  const ancestors = (location as Location & { ancestorOrigins?: DOMStringList }).ancestorOrigins;
  const first = ancestors && ancestors.length > 0 ? ancestors.item(0) : null;
  if (first && first !== 'null') return first;
  try {
    if (document.referrer) {
      const origin = new URL(document.referrer).origin;
      if (origin !== 'null') return origin;
    }
  } catch {
    // No usable referrer.
  }
  return '*';
}

/**
 * Starts posting the height of `root` to the parent frame. Does nothing outside a frame. While
 * `root` has a `data-embed-pending` attribute (a chart still loading), it waits: the host keeps
 * the snippet's height instead of shrinking to a loading message and growing again.
 */
export function postHeightToParent(root: HTMLElement): void {
  if (window.parent === window) return;
  if (root.hasAttribute('data-embed-pending')) {
    const observer = new MutationObserver(() => {
      if (root.hasAttribute('data-embed-pending')) return;
      observer.disconnect();
      postHeightToParent(root);
    });
    observer.observe(root, { attributes: true, attributeFilter: ['data-embed-pending'] });
    return;
  }
  const target = parentOrigin();
  let last = -1;
  const send = () => {
    const style = getComputedStyle(root);
    const height = Math.ceil(
      root.getBoundingClientRect().height +
        parseFloat(style.marginTop || '0') +
        parseFloat(style.marginBottom || '0'),
    );
    if (height === last || height < MIN_HEIGHT || height > MAX_HEIGHT) return;
    last = height;
    window.parent.postMessage(resizeMessage(height), target);
  };
  send();
  if ('ResizeObserver' in window) new ResizeObserver(() => send()).observe(root);
  window.addEventListener('load', send);
}
