/** Everything a reader sees in a build, for comparing two builds. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDb } from '../../scripts/lib/duckdb';
import type { Manifest } from '../../src/lib/manifest';

/**
 * The manifest (without the time it was made and the DuckDB files' checksums: DuckDB files carry
 * random ids), a hash of every table's rows in order, and the quarantine files.
 */
export async function snapshot(out: string) {
  const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as Manifest;
  const db = await openDb();
  const contents: Record<string, string> = {};
  for (const table of manifest.tables) {
    await db.run(`ATTACH '${join(out, table.file)}' AS s (READ_ONLY)`);
    // rowid order is the order a reader scans: it must be the same too.
    const [row] = await db.all<{ h: string }>(
      `SELECT md5(string_agg(t::VARCHAR, '|' ORDER BY rowid)) AS h FROM (SELECT rowid, * FROM s."${table.name}") t`,
    );
    contents[`${table.file}:${table.name}`] = row!.h;
    await db.run('DETACH s');
  }
  db.close();
  const quarantine = Object.fromEntries(
    readdirSync(join(out, 'quarantine')).map((f) => [
      f,
      readFileSync(join(out, 'quarantine', f), 'utf8'),
    ]),
  );
  return {
    manifest: {
      ...manifest,
      generated_at: null,
      tables: manifest.tables.map((t) => ({ ...t, sha256: null })),
    },
    contents,
    quarantine,
  };
}
