/**
 * Download file names that say what they hold: `robocall-atlas-complaints-oh-2026-01-to-2026-03-3d823eea31c2.zip`.
 * Only `[a-z0-9-]`, so they survive every file system and mail client. Each filter's part is its
 * entry's `slug` (explore/filters.ts). Pure.
 */
import { slugify, URL_KEYS, type UrlKey } from '../explore/filters';
import type { ExploreView } from '../explore/view';

const MAX_PART = 40;

const SLUGS = (URL_KEYS as readonly UrlKey[])
  .flatMap((k) => (k.slug ? [k.slug] : []))
  .sort((a, b) => a.order - b.order);

/** The filter part of a name: states, subjects, flags, area codes, dates; `all` when there are none. */
export function filterSlug(view: ExploreView): string {
  const parts = SLUGS.map((s) => s.part(view)).filter((p): p is string => p !== null && p !== '');
  const text = parts.map((p) => p.slice(0, MAX_PART)).join('-');
  return slugify(text) || 'all';
}

export function downloadName(
  kind: 'rows' | 'aggregate',
  view: ExploreView,
  dataVersion: string,
): string {
  const what = kind === 'rows' ? 'complaints' : `chart-${view.chart}`;
  return `robocall-atlas-${what}-${filterSlug(view)}-${slugify(dataVersion).slice(0, 16) || 'unversioned'}.zip`;
}

/** The CSV's name inside the zip. */
export function csvName(kind: 'rows' | 'aggregate', view: ExploreView): string {
  return kind === 'rows' ? 'complaints.csv' : `chart-${view.chart}.csv`;
}
