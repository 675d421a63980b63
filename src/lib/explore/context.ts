/**
 * What the explorer and embed pages know about the build before the engine starts: the config the
 * page embeds at build time (page-config.ts), and the view context both bootstraps derive from it
 * once: names for codes, the URL's vocabulary and the data files' layout.
 */
import type { FormContext } from './filters';
import type { DataLayout } from './sources';
import type { Names, Vocabulary } from './view';

export interface ExploreConfig extends FormContext {
  dataVersion: string;
  synthetic: boolean;
  /** Site-relative URLs of the DuckDB files. */
  files: {
    cube: string;
    years: Record<number, string>;
    callers?: Record<number, string>;
    /** The explore cube (src/lib/cube/), when the build has one: first views without the engine. */
    exploreCube?: string;
  };
  /** With the 2020 Census population a state's rate is divided by (null where the Census table has none). */
  /** `kind` (state, district, territory) tells the nation a national rate is divided by (numbers/national.ts). */
  states: { usps: string; name: string; population: number | null; kind: string }[];
}

export interface ViewContext {
  config: ExploreConfig;
  names: Names;
  stateNames: Record<string, string>;
  subjectNames: Record<string, string>;
  vocabulary: Vocabulary;
  layout: DataLayout;
  /** USPS → 2020 population, for the denominators and for which measures apply (src/lib/numbers/measures.ts). */
  populations: ReadonlyMap<string, number | null>;
  /** The data's first and last day, which trend periods are clipped to. */
  dataRange: { start: string; end: string };
}

/** The alias a year's row-level database is attached under (`c2026`); the engine and the SQL agree on it. */
export const yearAlias = (year: number) => `c${year}`;

/** `attachedYear`: the alias the engine attaches a year's file as (client/engine.ts). */
export function viewContext(
  config: ExploreConfig,
  attachedYear: (year: number) => string,
): ViewContext {
  const stateNames = Object.fromEntries(config.states.map((s) => [s.usps, s.name]));
  const subjectNames = Object.fromEntries(config.subjects.map((s) => [s.slug, s.label]));
  return {
    config,
    names: { state: (u) => stateNames[u] ?? u, subject: (s) => subjectNames[s] ?? s },
    stateNames,
    subjectNames,
    vocabulary: {
      states: new Set(Object.keys(stateNames)),
      subjects: new Set(Object.keys(subjectNames)),
    },
    populations: new Map(config.states.map((s) => [s.usps, s.population])),
    dataRange: { start: config.dateMin ?? '1990-01-01', end: config.dateMax ?? '2100-12-31' },
    layout: {
      years: Object.keys(config.files.years)
        .map(Number)
        .sort((a, b) => a - b),
      attachedYear,
      parquetFile: (y) => `complaints-${y}.parquet`,
      referenceFile: (name) => `${name}.csv`,
      ...(config.files.callers
        ? {
            callerYears: Object.keys(config.files.callers)
              .map(Number)
              .sort((a, b) => a - b),
          }
        : {}),
    },
  };
}
