/**
 * What a page with the caller lookup hands its script at build time: the cube and the caller index
 * (not the yearly files: a lookup needs neither), and the names for states and subjects.
 */
import { loadExploreConfig } from '../explore/page-config';
import { loadProviders } from '../site-data/provider-pages';
import { providerKey } from '../../lib/site-data/providers';
import type { LookupPageConfig } from '../../lib/caller/page-config';

export async function loadLookupConfig(): Promise<LookupPageConfig> {
  const explore = loadExploreConfig();
  const { providers } = await loadProviders();
  const providerPages: Record<string, string> = {};
  for (const p of providers)
    for (const name of [p.name, ...p.names])
      if (name && providerKey(name)) providerPages[providerKey(name)] ??= p.slug;
  return {
    files: {
      cube: explore.files.cube,
      years: {},
      ...(explore.files.callers ? { callers: explore.files.callers } : {}),
    },
    states: explore.states,
    subjects: explore.subjects,
    coverage:
      explore.dateMin && explore.dateMax ? { first: explore.dateMin, last: explore.dateMax } : null,
    providerPages,
  };
}
