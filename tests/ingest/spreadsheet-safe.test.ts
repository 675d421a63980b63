/**
 * Issue 14.2: the bulk downloads/complaints-<year>.csv.gz are spreadsheet-safe, read back with
 * papaparse; Parquet and the DuckDB files keep the text exactly as reported. The payloads are the
 * fixture `tests/fixtures/malformed/formula-payloads`; the expected cells are written out by hand
 * here, not computed by the neutraliser under test.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../scripts/lib/duckdb';
import { createProgress } from '../../scripts/lib/progress';
import { ingest } from '../../scripts/ingest/run-ingest';
import { corpusCases } from '../fixtures/malformed-corpus';
import { tempDir } from '../helpers/temp';

/** City as reported (after the CSV's own quoting), and what the CSV download must hold. */
const CITIES: [reported: string, csv: string][] = [
  ['=HYPERLINK("http://evil.example/","click")', `'=HYPERLINK("http://evil.example/","click")`],
  ["=cmd|'/C calc'!A0", "'=cmd|'/C calc'!A0"],
  ['+SUM(A1:A9)', "'+SUM(A1:A9)"],
  ['@SUM(1;2)', "'@SUM(1;2)"],
  ['-2+3', "'-2+3"],
  ['|calc', "'|calc"],
  ['\t=1+1', "'\t=1+1"],
  [' =1+1', "' =1+1"], // kept untrimmed, and neutralised: trimming must not make it live
  ['\r=1+1', "'\r=1+1"],
  ['\n=1+1', "'\n=1+1"],
  ['＝1+1', "'＝1+1"],
  ['＋SUM(A1)', "'＋SUM(A1)"],
  ['－2+3', "'－2+3"],
  ['＠SUM(A1)', "'＠SUM(A1)"],
  ['\u00A0=1+1', "'\u00A0=1+1"],
  ['\u200B=1+1', "'\u200B=1+1"],
  ['\uFEFF=1+1', "'\uFEFF=1+1"],
  ['Austin', 'Austin'], // ' Austin ' trimmed as before
  ['San Antonio', 'San Antonio'],
  ["Coeur d'Alene", "Coeur d'Alene"],
];

describe('bulk CSV downloads are spreadsheet-safe', () => {
  const tmp = tempDir('spreadsheet-safe');
  const out = join(tmp.dir, 'build');
  let csv: Record<string, string>[];

  beforeAll(async () => {
    const payloads = corpusCases().find((c) => c.name === 'formula-payloads')!;
    const raw = join(tmp.dir, 'raw');
    mkdirSync(join(raw, 'dnc/2024'), { recursive: true });
    writeFileSync(join(raw, payloads.file), payloads.bytes);
    await ingest({ raw, out, progress: createProgress(process.stderr, true) });
    const text = gunzipSync(readFileSync(join(out, 'downloads/complaints-2024.csv.gz'))).toString(
      'utf8',
    );
    csv = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data;
  });
  afterAll(() => tmp.cleanup());

  const byLine = (rows: Record<string, unknown>[]) =>
    [...rows].sort((a, b) => Number(a.source_line) - Number(b.source_line));

  it('puts an apostrophe before every formula-looking text cell, and only there', () => {
    expect(byLine(csv).map((r) => r.city)).toEqual(CITIES.map(([, cell]) => cell));
    const callers = byLine(csv).map((r) => r.caller_number);
    expect(callers[0]).toBe("'=2+5");
    expect(callers.slice(1).every((c) => /^5125550\d{3}$/.test(String(c)))).toBe(true);
  });

  it('leaves no text cell a spreadsheet would run, in any column', () => {
    // Written apart from src/lib/download/csv.ts: blank or invisible leaders, then a trigger.
    const live =
      /^[\s\u00A0\u200B-\u200D\u2060\uFEFF\u3000]*[=+\-@|\uFF1D\uFF0B\uFF0D\uFF20\t\r\n]/;
    for (const row of csv)
      for (const [column, cell] of Object.entries(row))
        expect(live.test(String(cell)), `${column}: ${JSON.stringify(cell)}`).toBe(false);
    expect(csv).toHaveLength(CITIES.length);
  });

  it('keeps the exact text in Parquet and in the yearly DuckDB file', async () => {
    // Cities come back in brackets: the text decoder would drop a leading byte-order mark.
    const unwrap = (rows: { source_line: number; city: string; caller_number: string }[]) =>
      rows.map((r) => ({ ...r, city: r.city.slice(1, -1) }));
    const db = await openDb();
    try {
      const parquet = unwrap(
        await db.all<{ source_line: number; city: string; caller_number: string }>(
          `SELECT source_line, '[' || city || ']' AS city, caller_number FROM read_parquet('${join(out, 'downloads/complaints-2024.parquet')}') ORDER BY source_line`,
        ),
      );
      await db.run(`ATTACH '${join(out, 'complaints-2024.duckdb')}' AS c (READ_ONLY)`);
      const duck = unwrap(
        await db.all<{ source_line: number; city: string; caller_number: string }>(
          `SELECT source_line, '[' || city || ']' AS city, caller_number FROM c.complaints ORDER BY source_line`,
        ),
      );
      expect(parquet.map((r) => r.city)).toEqual(CITIES.map(([reported]) => reported));
      expect(parquet[0]!.caller_number).toBe('=2+5');
      expect(duck).toEqual(parquet);
    } finally {
      db.close();
    }
  });
});
