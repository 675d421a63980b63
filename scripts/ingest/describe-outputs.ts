/** The manifest's `tables[]` and `downloads[]`: read back from the files as written. */
import { join } from 'node:path';
import type { DownloadEntry, TableEntry } from '../../src/lib/manifest';
import { sqlString, type Db } from '../lib/duckdb';
import { fileSize, sha256File } from '../lib/files';
import { callerIndexFile } from './caller-index';

/** The column a table is dated by, in order of preference. */
const DATE_COLUMNS = ['created_date', 'day', 'month', 'date'];

/** Checksums already known (files restored from the ingest cache), by path relative to the build. */
export type KnownChecksums = Map<string, string>;

async function checksum(outDir: string, file: string, known: KnownChecksums): Promise<string> {
  return known.get(file) ?? sha256File(join(outDir, file));
}

export async function describeTables(
  db: Db,
  outDir: string,
  years: number[],
  known: KnownChecksums = new Map(),
): Promise<TableEntry[]> {
  const entries: TableEntry[] = [];
  const files = [
    ...years.map((year) => ({ file: `complaints-${year}.duckdb`, year })),
    { file: 'cube.duckdb', year: undefined },
    ...years.map((year) => ({ file: callerIndexFile(year), year })),
  ];
  for (const { file, year } of files) {
    const path = join(outDir, file);
    const [bytes, sha256] = await Promise.all([fileSize(path), checksum(outDir, file, known)]);
    await db.run(`ATTACH ${sqlString(path)} AS described (READ_ONLY)`);
    const columns = await db.all<{ table_name: string; column_name: string; data_type: string }>(
      `SELECT table_name, column_name, data_type FROM duckdb_columns() WHERE database_name = 'described' ORDER BY table_name, column_index`,
    );
    const tableNames = [...new Set(columns.map((c) => c.table_name))];
    for (const name of tableNames) {
      const cols = columns
        .filter((c) => c.table_name === name)
        .map((c) => ({ name: c.column_name, type: c.data_type }));
      const dateColumn = DATE_COLUMNS.find((d) =>
        cols.some((c) => c.name === d && c.type === 'DATE'),
      );
      const [stats] = await db.all<{
        rows: number;
        date_min: string | null;
        date_max: string | null;
      }>(
        dateColumn
          ? `SELECT count(*) AS rows, strftime(min("${dateColumn}"), '%Y-%m-%d') AS date_min, strftime(max("${dateColumn}"), '%Y-%m-%d') AS date_max FROM described."${name}"`
          : `SELECT count(*) AS rows, NULL AS date_min, NULL AS date_max FROM described."${name}"`,
      );
      entries.push({
        name,
        ...(year === undefined ? {} : { year }),
        file,
        rows: stats!.rows,
        bytes,
        sha256,
        columns: cols,
        date_min: stats!.date_min,
        date_max: stats!.date_max,
      });
    }
    await db.run('DETACH described');
  }
  return entries;
}

export async function describeDownloads(
  outDir: string,
  rowsByYear: Map<number, number>,
  known: KnownChecksums = new Map(),
): Promise<DownloadEntry[]> {
  const entries: DownloadEntry[] = [];
  for (const [year, rows] of [...rowsByYear].sort((a, b) => a[0] - b[0])) {
    for (const format of ['parquet', 'csv.gz'] as const) {
      const file = `downloads/complaints-${year}.${format}`;
      entries.push({
        file,
        format,
        year,
        rows,
        bytes: await fileSize(join(outDir, file)),
        sha256: await checksum(outDir, file, known),
      });
    }
  }
  return entries;
}
