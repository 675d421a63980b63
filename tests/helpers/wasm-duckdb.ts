/**
 * duckdb-wasm's Node build: the same engine the browser runs, so a `.duckdb` file it can attach
 * here is one the site can attach. It reads files only from registered buffers.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import {
  createDuckDB,
  NODE_RUNTIME,
  VoidLogger,
  type DuckDBBindings,
} from '@duckdb/duckdb-wasm/blocking';

const require = createRequire(import.meta.url);
const DIST = dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs'));

export interface WasmDb {
  bindings: DuckDBBindings;
  attach(alias: string, path: string): void;
  rows(sql: string): Record<string, unknown>[];
  close(): void;
}

export async function openWasmDb(): Promise<WasmDb> {
  const bundles = {
    mvp: {
      mainModule: join(DIST, 'duckdb-mvp.wasm'),
      mainWorker: join(DIST, 'duckdb-node-mvp.worker.cjs'),
    },
    eh: {
      mainModule: join(DIST, 'duckdb-eh.wasm'),
      mainWorker: join(DIST, 'duckdb-node-eh.worker.cjs'),
    },
  };
  const bindings = await createDuckDB(bundles, new VoidLogger(), NODE_RUNTIME);
  await bindings.instantiate();
  bindings.open({ query: { castBigIntToDouble: true } });
  const connection = bindings.connect();
  connection.query(
    'SET autoinstall_known_extensions = false; SET autoload_known_extensions = false',
  );
  return {
    bindings,
    attach(alias, path) {
      bindings.registerFileBuffer(`${alias}.duckdb`, new Uint8Array(readFileSync(path)));
      connection.query(`ATTACH '${alias}.duckdb' AS ${alias} (READ_ONLY)`);
    },
    rows(sql) {
      return connection
        .query(sql)
        .toArray()
        .map((row) => ({ ...row.toJSON() }));
    },
    close() {
      connection.close();
      bindings.reset();
    },
  };
}
