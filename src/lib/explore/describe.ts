/**
 * A view's filters in words, for the chart title, the download's README and the citation:
 * "Robocall and live complaints in Ohio and Pennsylvania about imposters, January–December 2024".
 * Each key's words are its entry's `caption` (filters.ts).
 */
import { URL_KEYS, type UrlKey } from './filters';
import type { ExploreView, Names } from './view';

const CAPTIONS = (URL_KEYS as readonly UrlKey[])
  .flatMap((k) => (k.caption ? [k.caption] : []))
  .sort((a, b) => a.order - b.order);

export function describeFilters(view: ExploreView, names: Names): string {
  const words = (kind: 'adjective' | 'phrase') =>
    CAPTIONS.filter((c) => c.kind === kind).flatMap((c) => c.words(view, names) ?? []);
  const adjectives = words('adjective');
  const text = [
    `${adjectives.length ? adjectives.join(' ') : 'All'} complaints`,
    ...words('phrase'),
  ].join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
