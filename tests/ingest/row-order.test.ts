/**
 * inRowOrder (scripts/ingest/normalize.ts) sorts by file ranks instead of file names: its order
 * must be ROW_ORDER's, above all where only the file decides (the same state and second in two
 * files), which the sample archives almost never have. The expected order is a sort in TypeScript.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, sqlString, type Db } from '../../scripts/lib/duckdb';
import { createSourceOrder, inRowOrder } from '../../scripts/ingest/normalize';
import { compareRowKeys } from '../helpers/row-order';

interface Row {
  state: string | null;
  created_at: string;
  source_file: string;
  source_line: number;
}

// Files listed out of name order, names that share prefixes, and a tie on state and second in
// every pair of files.
const FILES = ['2026/b.csv', '2026/a.csv', '2026-api/a.csv', '2026/a.csv.1', 'api.csv'];
const ROWS: Row[] = [];
for (const [i, file] of FILES.entries())
  for (const state of ['TX', null, 'CA'])
    for (const second of ['00', '01'])
      ROWS.push({
        state,
        created_at: `2026-03-0${1 + (i % 2)} 10:00:${second}`,
        source_file: file,
        source_line: 10 - i,
      });

const rowOrder = (a: Row, b: Row) =>
  compareRowKeys(
    [a.state, a.created_at, a.source_file, a.source_line],
    [b.state, b.created_at, b.source_file, b.source_line],
  );

const key = (r: Row) => `${r.state} ${r.created_at} ${r.source_file} ${r.source_line}`;

describe('inRowOrder', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openDb();
    const values = ROWS.map(
      (r) =>
        `(${r.state === null ? 'NULL' : sqlString(r.state)}, TIMESTAMP '${r.created_at}', ${sqlString(r.source_file)}, ${r.source_line})`,
    );
    await db.run(
      `CREATE TABLE t AS SELECT * FROM (VALUES ${values.join(', ')}) v(state, created_at, source_file, source_line) ORDER BY hash(source_file, source_line, created_at, state)`,
    );
  });
  afterAll(() => db.close());

  const sorted = async () =>
    (
      await db.all<Row>(
        `SELECT state, strftime(created_at, '%Y-%m-%d %H:%M:%S') AS created_at, source_file, source_line FROM (${inRowOrder('SELECT * FROM t')})`,
      )
    ).map(key);

  it('orders as ROW_ORDER does, ties on state and time broken by the file name', async () => {
    await createSourceOrder(db, [...FILES].reverse());
    const ordered = [...ROWS].sort(rowOrder);
    const tiesOnFile = ordered.filter(
      (r, i, all) =>
        i > 0 && r.state === all[i - 1]!.state && r.created_at === all[i - 1]!.created_at,
    );
    expect(tiesOnFile.length).toBeGreaterThan(5);
    expect(await sorted()).toEqual(ordered.map(key));
  });

  it('keeps the rows of a file it was not told about', async () => {
    await createSourceOrder(db, FILES.slice(1));
    const rows = await sorted();
    expect(rows).toHaveLength(ROWS.length);
    expect(new Set(rows)).toEqual(new Set(ROWS.map(key)));
  });
});
