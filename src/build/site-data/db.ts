/**
 * The build's one DuckDB connection: every page of `astro build` asks getDb() and gets the same
 * read-only connection to `cube.duckdb` (single flight: concurrent callers await one promise).
 * The data folder is the one astro.config.mjs publishes: `$ROBOCALL_DATA_DIR` or `data/build`.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { openDb, type Db } from '../../../scripts/lib/duckdb';
import { parseManifest, type Manifest } from '../../lib/manifest';

export function dataDir(): string {
  return resolve(process.env.ROBOCALL_DATA_DIR ?? 'data/build');
}

let db: Promise<Db> | undefined;

export function getDb(): Promise<Db> {
  db ??= openDb(resolve(dataDir(), 'cube.duckdb'), { access_mode: 'READ_ONLY', threads: '2' });
  return db;
}

/** Runs one query on the shared connection; queries are serialised so none interleave. */
let queue: Promise<unknown> = Promise.resolve();
export function query<T>(sql: string): Promise<T[]> {
  const run = queue.then(async () => (await getDb()).all<T>(sql));
  queue = run.catch(() => undefined);
  return run;
}

let manifest: Manifest | undefined;

export function getManifest(): Manifest {
  const path = resolve(dataDir(), 'manifest.json');
  manifest ??= parseManifest(readFileSync(path, 'utf8'), path);
  return manifest;
}

/** Memoises an async loader so every page of a type shares one set of queries. */
export function once<T>(load: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => (value ??= load());
}
