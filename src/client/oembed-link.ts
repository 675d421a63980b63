/**
 * Keeps /explore/'s oEmbed discovery link on the current view: a `<link rel="alternate"
 * type="application/json+oembed">` to the prebuilt oEmbed of the static embed that shows exactly
 * this view, and no link for a view that has none (src/lib/embed/discovery.ts says why the HTML
 * itself carries none).
 */
import { embedPathFor, oembedHref, type Discovery } from '../lib/embed/discovery';
import type { ExploreView } from '../lib/explore/view';

export function mountOembedLink(discovery: Discovery): {
  update(view: ExploreView, title: string): void;
} {
  return {
    update(view, title) {
      const path = embedPathFor(view, discovery);
      let link = document.head.querySelector<HTMLLinkElement>(
        'link[rel="alternate"][type="application/json+oembed"]',
      );
      if (!path) {
        link?.remove();
        return;
      }
      if (!link) {
        link = document.createElement('link');
        link.rel = 'alternate';
        link.type = 'application/json+oembed';
        document.head.append(link);
      }
      link.href = oembedHref(path);
      link.title = title;
      link.dataset.embed = path;
    },
  };
}
