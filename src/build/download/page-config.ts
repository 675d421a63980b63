/**
 * Build time: the facts about the data build a download's README needs (data version, dates,
 * sources, the Parquet files with their checksums), read from manifest.json and embedded in the
 * explorer page as JSON, so a download needs no request beyond its own queries.
 */
import { getManifest } from '../site-data/db';
import { dataFactsOf, type DownloadConfig } from '../../lib/download/page-config';

export function loadDownloadConfig(): DownloadConfig {
  return dataFactsOf(getManifest());
}
