/**
 * One neutraliser in two engines: `neutraliseSql` (RE2 inside DuckDB, used by ingest's bulk CSV
 * downloads) and `neutraliseText` (JavaScript, used by the explorer's downloads) must give the
 * same cell for every payload. The corpus crosses every leader and trigger with harmless text and
 * adds cases near the edges (a trigger after a harmless character, lookalikes that are not triggers).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../scripts/lib/duckdb';
import {
  FORMULA_LEADERS,
  FORMULA_TRIGGERS,
  neutraliseSql,
  neutraliseText,
} from '../../src/lib/download/csv';

function payloads(): string[] {
  const bodies = [
    '1+1',
    'HYPERLINK("http://evil.example/","x")',
    "cmd|'/C calc'!A0",
    'SUM(A1:A9)',
    '',
  ];
  const out = new Set<string>([
    '',
    'Austin',
    "Lee's Summit",
    'a=b',
    'x|y',
    '5125550100',
    '０１２',
    '=',
    "'=already",
    'São Paulo',
    '東京',
    'ｅ=1',
    '\u00AD=1',
    '\u2010=1',
    '\u2212=1',
  ]);
  for (const trigger of FORMULA_TRIGGERS) {
    for (const body of bodies) {
      out.add(`${trigger}${body}`);
      out.add(`a${trigger}${body}`);
      for (const leader of FORMULA_LEADERS) {
        out.add(`${leader}${trigger}${body}`);
        out.add(`${leader}${leader}${trigger}${body}`);
        out.add(`${leader}x${trigger}${body}`);
      }
    }
  }
  for (const leader of FORMULA_LEADERS) out.add(`${leader}Austin`).add(leader);
  return [...out];
}

describe('the spreadsheet neutraliser in SQL and in TypeScript', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openDb();
  });
  afterAll(() => db?.close());

  it('gives the same cell for every payload of the corpus', async () => {
    const corpus = payloads();
    expect(corpus.length).toBeGreaterThan(1000);
    await db.run(`CREATE TABLE payloads (i INTEGER, v VARCHAR)`);
    const appender = await db.connection.createAppender('payloads');
    corpus.forEach((v, i) => {
      appender.appendInteger(i);
      appender.appendVarchar(v);
      appender.endRow();
    });
    appender.closeSync();
    // Wrapped in brackets on the way back: the text decoder would drop a leading byte-order mark.
    const wrapped = await db.all<{ i: number; out: string }>(
      `SELECT i, '[' || ${neutraliseSql('v')} || ']' AS out FROM payloads ORDER BY i`,
    );
    const rows = wrapped.map((r) => ({ i: r.i, out: r.out.slice(1, -1) }));
    expect(rows.filter((r) => corpus[r.i]!.length !== 0 && r.out === '').length).toBe(0);
    const mismatches = rows
      .filter((r) => r.out !== neutraliseText(corpus[r.i]!))
      .map((r) => ({ input: corpus[r.i], sql: r.out, ts: neutraliseText(corpus[r.i]!) }));
    expect(mismatches).toEqual([]);
    // The corpus is not trivially all one way.
    const prefixed = rows.filter((r) => r.out !== corpus[r.i]).length;
    expect(prefixed).toBeGreaterThan(corpus.length / 2);
    expect(prefixed).toBeLessThan(corpus.length);
  });

  it('keeps NULL as NULL', async () => {
    const [row] = await db.all<{ out: string | null }>(
      `SELECT ${neutraliseSql('NULL::VARCHAR')} AS out`,
    );
    expect(row!.out).toBeNull();
  });
});
