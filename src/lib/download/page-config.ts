/**
 * The facts about the data build a download's README needs (data version, dates, sources, the
 * Parquet files with their checksums), from the manifest, and the JSON that carries them into the
 * explorer page, so a download needs no request beyond its own queries. Read at build time by
 * src/build/download/page-config.ts.
 */
import type { Manifest } from '../manifest';
import type { DataFacts } from './metadata';

export type DownloadConfig = DataFacts;

const REFERENCE = ['states', 'pone_caller_numbers'] as const;

export function dataFactsOf(manifest: Manifest): DataFacts {
  const daily = manifest.tables.find((t) => t.name === 'daily');
  const loaded = manifest.sources.filter((s) => s.status === 'loaded');
  return {
    dataVersion: manifest.data_version,
    synthetic: manifest.synthetic,
    builtAt: manifest.generated_at,
    dateMin: daily?.date_min ?? null,
    dateMax: daily?.date_max ?? null,
    sourceFiles: loaded.length,
    rowsLoaded: manifest.totals.rows_loaded,
    parquet: manifest.downloads
      .filter((d) => d.format === 'parquet')
      .sort((a, b) => a.year - b.year)
      .map((d) => ({
        year: d.year,
        file: d.file.replace(/^.*\//, ''),
        url: `/data/${d.file}`,
        rows: d.rows,
        bytes: d.bytes,
        sha256: d.sha256,
      })),
    reference: REFERENCE.map((name) => ({
      name,
      file: `${name}.csv`,
      url: `/data/reference/${name}.csv`,
    })),
  };
}

/** JSON safe to put inside `<script type="application/json">`: no `<` can close the element. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
