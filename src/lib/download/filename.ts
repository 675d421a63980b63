/**
 * Download file names that say what they hold: `robocall-atlas-complaints-oh-2026-01-to-2026-03-3d823eea31c2.zip`.
 * Only `[a-z0-9-]`, so they survive every file system and mail client. Pure.
 */
import type { ExploreState } from '../explore/view';

const MAX_PART = 40;

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

function listPart(values: readonly string[], max = 3): string | null {
  if (values.length === 0) return null;
  const shown = values.slice(0, max).map(slug).join('-');
  return values.length > max ? `${shown}-and-${values.length - max}-more` : shown;
}

/** The filter part of a name: states, subjects, flags, area codes, dates; `all` when there are none. */
export function filterSlug(state: ExploreState): string {
  const parts = [
    listPart(state.states),
    listPart(state.subjects, 2),
    state.robocall.length ? `robocall-${state.robocall.join('-')}` : null,
    state.areas.length ? `area-${listPart(state.areas)}` : null,
    state.from || state.to ? `${state.from ?? 'start'}-to-${state.to ?? 'end'}` : null,
  ].filter((p): p is string => p !== null && p !== '');
  const text = parts.map((p) => p.slice(0, MAX_PART)).join('-');
  return slug(text) || 'all';
}

export function downloadName(kind: 'rows' | 'aggregate', state: ExploreState, dataVersion: string): string {
  const what = kind === 'rows' ? 'complaints' : `chart-${state.chart}`;
  return `robocall-atlas-${what}-${filterSlug(state)}-${slug(dataVersion).slice(0, 16) || 'unversioned'}.zip`;
}

/** The CSV's name inside the zip. */
export function csvName(kind: 'rows' | 'aggregate', state: ExploreState): string {
  return kind === 'rows' ? 'complaints.csv' : `chart-${state.chart}.csv`;
}
