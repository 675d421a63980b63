/** Runs a built query with its parameters bound, and returns plain rows. */
import type { AsyncDuckDBConnection, AsyncPreparedStatement } from '@duckdb/duckdb-wasm';
import type { BuiltQuery } from '../lib/explore/queries';
import { StatementCache } from '../lib/engine/statement-cache';
import type { Engine } from './engine';

export type Row = Record<string, unknown>;

const caches = new WeakMap<AsyncDuckDBConnection, StatementCache<AsyncPreparedStatement>>();

/** The connection's statement for `sql`, prepared on its first use (src/lib/engine/statement-cache.ts). */
export function preparedStatement(engine: Engine, sql: string): Promise<AsyncPreparedStatement> {
  let cache = caches.get(engine.connection);
  if (!cache) {
    const { connection } = engine;
    cache = new StatementCache((text) => connection.prepare(text));
    caches.set(connection, cache);
  }
  return cache.get(sql);
}

export async function runQuery(engine: Engine, query: BuiltQuery): Promise<Row[]> {
  const statement = await preparedStatement(engine, query.sql);
  const table = await statement.query(...query.params);
  return table.toArray().map((row) => ({ ...(row as { toJSON(): Row }).toJSON() }));
}
