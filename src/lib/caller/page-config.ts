/**
 * What a page with the caller lookup hands its script at build time: the cube and the caller index
 * (not the yearly files: a lookup needs neither), and the names for states and subjects.
 */
import { loadExploreConfig } from '../explore/page-config';

export interface LookupPageConfig {
  files: { cube: string; years: Record<number, string>; callers?: string };
  states: { usps: string; name: string }[];
  subjects: { slug: string; label: string }[];
  coverage: { first: string; last: string } | null;
}

export function loadLookupConfig(): LookupPageConfig {
  const explore = loadExploreConfig();
  return {
    files: { cube: explore.files.cube, years: {}, ...(explore.files.callers ? { callers: explore.files.callers } : {}) },
    states: explore.states,
    subjects: explore.subjects,
    coverage: explore.dateMin && explore.dateMax ? { first: explore.dateMin, last: explore.dateMax } : null,
  };
}
