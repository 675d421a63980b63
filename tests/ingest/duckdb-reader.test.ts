/**
 * Why ingest still has its own record scanner (scripts/ingest/scan-csv.ts) in front of DuckDB's CSV
 * reader (issue 12.5): each corpus case whose `expected.json` carries `needs_scanner` is one that
 * DuckDB alone (strict, `store_rejects`) resolves differently from the accounting the corpus
 * expects; every other case DuckDB alone reads exactly so. If a DuckDB upgrade makes a
 * `needs_scanner` case agree, this test fails: that case no longer justifies the scanner.
 *
 * "Agrees" means: DuckDB loads the records the scanner accepts and rejects the ones it rejects
 * (same lines), and every record is one line, so that a row's source line follows from its place
 * in the file — DuckDB cannot report the line a multi-line record starts on.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, sqlString, type Db } from '../../scripts/lib/duckdb';
import { FTC_COLUMNS } from '../../src/lib/ftc-format';
import { CORPUS_DIR, corpusCases, type CorpusCase } from '../fixtures/malformed-corpus';

/** Reasons the scanner decides before DuckDB sees a record (the others come later, from values). */
const SCANNER_REASONS = new Set([
  'too few columns',
  'too many columns',
  'unterminated quoted field',
  'record longer than 1 MB',
]);

interface DuckDbAlone {
  error: string | null;
  rows: number;
  rejectedLines: number[];
}

async function readWithDuckDbAlone(db: Db, c: CorpusCase): Promise<DuckDbAlone> {
  const columns = `{${FTC_COLUMNS.map((name) => `'${name}': 'VARCHAR'`).join(', ')}}`;
  await db.run('DROP TABLE IF EXISTS corpus_rejects; DROP TABLE IF EXISTS corpus_scans');
  try {
    // Into a table: a bare count(*) would let DuckDB skip decoding the columns (and their errors).
    await db.run(`
      CREATE OR REPLACE TEMP TABLE corpus_rows AS SELECT * FROM read_csv(${sqlString(join(CORPUS_DIR, c.name, 'input.csv'))},
        columns = ${columns}, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"',
        store_rejects = true, rejects_table = 'corpus_rejects', rejects_scan = 'corpus_scans')`);
    const [read] = await db.all<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM corpus_rows`);
    // One reject row per column in error: a record is one line of the rejects table's `line`.
    const lines = await db.all<{ line: number }>(
      `SELECT DISTINCT line::INTEGER AS line FROM corpus_rejects ORDER BY line`,
    );
    return { error: null, rows: read!.n, rejectedLines: lines.map((r) => r.line) };
  } catch (error) {
    return { error: (error as Error).message.split('\n')[0]!, rows: 0, rejectedLines: [] };
  }
}

function agrees(c: CorpusCase, alone: DuckDbAlone): boolean {
  const e = c.expect;
  const scannerRejected = Object.entries(e.rejected)
    .filter(([reason]) => SCANNER_REASONS.has(reason))
    .reduce((n, [, count]) => n + count, 0);
  const expectedLines = e.quarantined
    ?.filter((q) => SCANNER_REASONS.has(q.reason))
    .map((q) => q.source_line);
  return (
    alone.error === null &&
    alone.rows === e.rows_read - scannerRejected &&
    alone.rejectedLines.length === scannerRejected &&
    (expectedLines === undefined ||
      JSON.stringify(alone.rejectedLines) === JSON.stringify(expectedLines)) &&
    e.lines === 1 + e.blank_lines + e.rows_read
  );
}

describe("DuckDB's CSV reader alone on the malformed corpus", () => {
  let db: Db;
  const cases = corpusCases().filter((c) => c.expect.status === 'loaded');
  beforeAll(async () => {
    db = await openDb();
  });
  afterAll(() => db?.close());

  it('differs from the expected accounting exactly on the cases marked needs_scanner', async () => {
    const verdicts: Record<string, string> = {};
    const expected: Record<string, string> = {};
    const seen: string[] = [];
    for (const c of cases) {
      const alone = await readWithDuckDbAlone(db, c);
      verdicts[c.name] = agrees(c, alone) ? 'DuckDB alone agrees' : 'needs the scanner';
      expected[c.name] = c.expect.needs_scanner ? 'needs the scanner' : 'DuckDB alone agrees';
      seen.push(
        `${c.name}: ${alone.error ?? `${alone.rows} rows, rejects on lines [${alone.rejectedLines.join(', ')}]`}`,
      );
    }
    expect(verdicts, `what DuckDB alone read:\n${seen.join('\n')}`).toEqual(expected);
  });

  it('has cases on both sides, so the comparison can fail either way', () => {
    expect(cases.some((c) => c.expect.needs_scanner)).toBe(true);
    expect(cases.some((c) => !c.expect.needs_scanner)).toBe(true);
  });
});
