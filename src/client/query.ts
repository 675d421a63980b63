/** Runs a built query with its parameters bound, and returns plain rows. */
import type { BuiltQuery } from '../lib/explore/queries';
import type { Engine } from './engine';

export type Row = Record<string, unknown>;

export async function runQuery(engine: Engine, query: BuiltQuery): Promise<Row[]> {
  const statement = await engine.connection.prepare(query.sql);
  try {
    const table = await statement.query(...query.params);
    return table.toArray().map((row) => ({ ...(row as { toJSON(): Row }).toJSON() }));
  } finally {
    await statement.close();
  }
}
