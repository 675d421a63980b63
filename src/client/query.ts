/** Runs a built query with its parameters bound, and returns plain rows. */
import type { AsyncDuckDBConnection, AsyncPreparedStatement } from '@duckdb/duckdb-wasm';
import type { BuiltQuery } from '../lib/explore/queries';
import { StatementCache } from '../lib/engine/statement-cache';
import type { Engine } from './engine';

export type Row = Record<string, unknown>;

const caches = new WeakMap<AsyncDuckDBConnection, StatementCache<AsyncPreparedStatement>>();

/** The connection's statements, prepared on their first use (src/lib/engine/statement-cache.ts). */
function statements(engine: Engine): StatementCache<AsyncPreparedStatement> {
  let cache = caches.get(engine.connection);
  if (!cache) {
    const { connection } = engine;
    cache = new StatementCache((text) => connection.prepare(text));
    caches.set(connection, cache);
  }
  return cache;
}

/**
 * `sql` run with `params` bound, as an Arrow table. With its statement already prepared, the query
 * is posted to the worker before this returns, so call it before updating the page.
 */
export function queryPrepared(engine: Engine, sql: string, params: readonly unknown[]) {
  return statements(engine).run(sql, (statement) => statement.query(...params));
}

export async function runQuery(engine: Engine, query: BuiltQuery): Promise<Row[]> {
  const table = await queryPrepared(engine, query.sql, query.params);
  return table.toArray().map((row) => ({ ...(row as { toJSON(): Row }).toJSON() }));
}
