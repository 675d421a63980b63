/** Runs a built query with its parameters bound, and returns plain rows. */
import type { BuiltQuery } from '../lib/explore/queries';
import type { Engine } from './engine';

export type Row = Record<string, unknown>;

export async function runQuery(engine: Engine, query: BuiltQuery): Promise<Row[]> {
  const statement = await engine.connection.prepare(query.sql);
  let table;
  try {
    table = await statement.query(...query.params);
  } finally {
    // Not waited for: the rows are here, and each trip to the engine's worker waits for the
    // page's main thread to be free. The worker takes messages in order, so it closes before
    // it runs the next query.
    statement.close().catch(() => undefined);
  }
  return table.toArray().map((row) => ({ ...(row as { toJSON(): Row }).toJSON() }));
}
