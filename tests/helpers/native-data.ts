/**
 * A built data folder opened in native DuckDB the way the explorer attaches it in the browser:
 * each year's `complaints-<year>.duckdb` as `c<year>`, and `cube.duckdb` as `cube`. Tests that
 * run the explorer's SQL natively (the oracles, the console and explorer checks) share this
 * instead of each writing the same ATTACH lines and layout.
 */
import { join } from 'node:path';
import { openDb, type Db } from '../../scripts/lib/duckdb';
import type { DataLayout } from '../../src/lib/explore/sources';
import type { Manifest } from '../../src/lib/manifest';

export interface NativeData {
  db: Db;
  layout: DataLayout;
  years: number[];
}

export async function openNativeData(
  dataDir: string,
  manifest: Pick<Manifest, 'tables'>,
  options: { cube?: boolean } = {},
): Promise<NativeData> {
  const years = manifest.tables.filter((t) => t.name === 'complaints').map((t) => t.year!);
  const layout: DataLayout = {
    years,
    attachedYear: (y) => `c${y}`,
    parquetFile: (y) => `complaints-${y}.parquet`,
    referenceFile: (n) => `${n}.csv`,
  };
  const db = await openDb();
  if (options.cube !== false)
    await db.run(`ATTACH '${join(dataDir, 'cube.duckdb')}' AS cube (READ_ONLY)`);
  for (const y of years)
    await db.run(`ATTACH '${join(dataDir, `complaints-${y}.duckdb`)}' AS c${y} (READ_ONLY)`);
  return { db, layout, years };
}
