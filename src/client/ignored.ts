/** The URL keys and values a page ignored, named on the page (as text: they come from the address bar). */
import type { Ignored } from '../lib/explore/view';

export function showIgnored(
  box: HTMLElement,
  ignored: Ignored[],
  options: { limit?: number; maxLength?: number } = {},
): void {
  const { limit = Infinity, maxLength = 80 } = options;
  box.hidden = ignored.length === 0;
  box.replaceChildren();
  if (ignored.length === 0) return;
  const p = document.createElement('p');
  p.textContent = 'Some parts of this address were ignored:';
  const list = document.createElement('ul');
  for (const item of ignored.slice(0, limit)) {
    const li = document.createElement('li');
    // textContent, never innerHTML.
    li.textContent = `${item.key}=${item.value.length > maxLength ? `${item.value.slice(0, maxLength)}…` : item.value} (${item.reason})`;
    list.append(li);
  }
  box.append(p, list);
}
