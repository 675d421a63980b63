/**
 * What the explorer page hands its script at build time: the data version, the files to attach,
 * and the vocabulary the URL may use. Embedded in the page as JSON, so the browser needs no request
 * before the engine starts.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { EXPLORE_CUBE_FILE } from '../../lib/cube/explore-cube';
import { loadStates, loadSubjects } from '../../../scripts/lib/reference';
import { dataDir, getManifest } from '../site-data/db';
import type { ExploreConfig } from '../../lib/explore/context';
import { UNRECOGNIZED_SUBJECT } from '../../lib/catalog/enums';
import { CALLER_INDEX_TABLE } from '../../lib/caller/lookup';

export function loadExploreConfig(): ExploreConfig {
  const manifest = getManifest();
  const yearly = manifest.tables.filter((t) => t.name === 'complaints' && t.year !== undefined);
  const daily = manifest.tables.find((t) => t.name === 'daily');
  const callers = manifest.tables.filter(
    (t) => t.name === CALLER_INDEX_TABLE && t.year !== undefined,
  );
  return {
    dataVersion: manifest.data_version,
    synthetic: manifest.synthetic,
    dateMin: daily?.date_min ?? null,
    dateMax: daily?.date_max ?? null,
    files: {
      cube: '/data/cube.duckdb',
      years: Object.fromEntries(yearly.map((t) => [t.year!, `/data/${t.file}`])),
      ...(callers.length > 0
        ? { callers: Object.fromEntries(callers.map((t) => [t.year!, `/data/${t.file}`])) }
        : {}),
      ...(existsSync(resolve(dataDir(), EXPLORE_CUBE_FILE))
        ? { exploreCube: `/data/${EXPLORE_CUBE_FILE}` }
        : {}),
    },
    // The reference tables as published with this data build (ingest copies them to <data>/reference/).
    states: loadStates(resolve(dataDir(), 'reference')).map((s) => ({
      usps: s.usps,
      name: s.name,
      population: s.population,
      kind: s.kind,
    })),
    subjects: [
      ...loadSubjects(resolve(dataDir(), 'reference')).map((s) => ({
        slug: s.slug,
        label: s.label,
      })),
      UNRECOGNIZED_SUBJECT,
    ],
  };
}
