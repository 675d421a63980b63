/**
 * oEmbed discovery for /explore/. A static host serves one HTML file for every `/explore/?…`, and
 * cannot answer an oEmbed endpoint's `?url=` query, so the page cannot honestly announce an oEmbed
 * in its HTML: a consumer that reads the HTML without running it would get the same link for
 * every view, and embed the wrong chart for most. What a static host can serve is prebuilt oEmbed
 * JSON for named views: the static embeds (`/embed/national/<chart>/`, `/embed/states/<usps>/
 * <chart>/`, each with its `oembed.json`). The explorer's script links the current view to one of
 * them when the view is exactly that chart (the static pages' "explore this" views, and the
 * default view, which is the national trend), and to none otherwise.
 */
import { serializeExploreView, type ExploreView } from '../explore/view';

/** Stands for a state's USPS code in a state embed's view and path. */
export const USPS_TOKEN = '{usps}';

export interface Discovery {
  /** A view's key (see `discoveryKey`), with `{usps}` for state embeds, and its embed page's path. */
  views: { key: string; path: string }[];
  /** The states that have static embed pages. */
  states: string[];
}

/** The view as the table knows it: its canonical query, without the data version or table page. */
export function discoveryKey(view: ExploreView): string {
  return serializeExploreView({ ...view, v: null, page: 1 });
}

/** A state embed's view key with the state's code replaced by `{usps}`. */
export function stateTemplate(key: string, usps: string): string {
  return key.replace(`state=${usps}`, `state=${USPS_TOKEN}`);
}

/** The static embed page showing exactly this view, or null when none does. */
export function embedPathFor(view: ExploreView, discovery: Discovery): string | null {
  const key = discoveryKey(view);
  const usps = view.states.length === 1 ? view.states[0]! : null;
  for (const entry of discovery.views) {
    if (!entry.key.includes(USPS_TOKEN)) {
      if (entry.key === key) return entry.path;
    } else if (usps && discovery.states.includes(usps) && stateTemplate(key, usps) === entry.key)
      return entry.path.replace(USPS_TOKEN, usps.toLowerCase());
  }
  return null;
}

/** The oEmbed JSON beside a static embed page. */
export function oembedHref(embedPath: string): string {
  return `${embedPath}oembed.json`;
}
