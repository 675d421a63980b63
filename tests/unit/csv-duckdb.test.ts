/**
 * The CSV writer against DuckDB's own `COPY … TO` (what a reader gets running the README's SQL in
 * the DuckDB CLI): with neutralising off, the two files parse to the same cells (numbers to the
 * same values: DuckDB writes a DOUBLE 100 as `100.0`, we as `100`); with it on, they differ
 * exactly in the formula-looking text cells.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, describe, expect, it } from 'vitest';
import { openDb } from '../../scripts/lib/duckdb';
import {
  csvHeader,
  csvRows,
  kindOfDuckDbType,
  looksLikeFormula,
  type CsvColumn,
} from '../../src/lib/download/csv';
import { tempDir } from '../helpers/temp';

const tmp = tempDir('csv-duckdb');
afterAll(() => tmp.cleanup());

const parse = (text: string) =>
  Papa.parse<string[]>(text, { header: false, skipEmptyLines: true }).data;

describe('CSV like DuckDB COPY', () => {
  it('matches DuckDB cell for cell, and neutralises only text', async () => {
    const db = await openDb();
    await db.run(
      `CREATE TABLE t (created_at TIMESTAMP, created_date DATE, city VARCHAR, caller_number VARCHAR, n BIGINT, x DOUBLE, flag BOOLEAN)`,
    );
    await db.run(`INSERT INTO t VALUES
      (TIMESTAMP '2026-01-02 03:04:05', DATE '2026-01-02', 'Columbus', '6145550100', 12, 0.25, true),
      (TIMESTAMP '2025-12-31 23:59:59', DATE '2025-12-31', '=HYPERLINK("http://x/","y")', '+16145550100', -7, -1.5, false),
      (TIMESTAMP '2025-02-25 00:00:00', DATE '2025-02-25', '', NULL, 0, 31.53, NULL),
      (TIMESTAMP '2025-03-01 12:00:00', DATE '2025-03-01', NULL, '@SUM(1)', 104107, 0.6667, true),
      (TIMESTAMP '2025-03-02 12:00:00', DATE '2025-03-02', 'Winston-Salem, "NC"', '-1', 5, 100.0, false),
      (TIMESTAMP '2025-03-03 12:00:00', DATE '2025-03-03', e'line one\\nline two', e'\\t9', 6, 2.5e-7, true)`);
    const file = join(tmp.dir, 'duckdb.csv');
    await db.run(`COPY (SELECT * FROM t ORDER BY created_at) TO '${file}' (HEADER)`);
    const types = await db.all<{ column_name: string; data_type: string }>(
      `SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 't' ORDER BY ordinal_position`,
    );
    const columns: CsvColumn[] = types.map((t) => ({
      name: t.column_name,
      kind: kindOfDuckDbType(t.data_type),
    }));
    // The values as the browser engine hands them over: timestamps and dates as epoch ms, numbers as numbers.
    const raw = await db.all<Record<string, unknown>>(
      `SELECT epoch_ms(created_at) AS created_at, epoch_ms(created_date::TIMESTAMP) AS created_date, city, caller_number, n, x, flag FROM t ORDER BY created_at`,
    );
    db.close();
    const rows = raw.map((r) =>
      columns.map((c) =>
        (c.kind === 'number' || c.kind === 'timestamp' || c.kind === 'date') && r[c.name] !== null
          ? Number(r[c.name])
          : r[c.name],
      ),
    );

    const duck = parse(readFileSync(file, 'utf8'));
    const plain = parse(csvHeader(columns) + csvRows(columns, rows, { neutralise: false }));
    const numbersAsValues = (table: string[][]) =>
      table.map((row, r) =>
        row.map((cell, c) =>
          r > 0 && columns[c]!.kind === 'number' && cell !== '' ? Number(cell) : cell,
        ),
      );
    expect(numbersAsValues(plain)).toEqual(numbersAsValues(duck));
    expect(plain.flat().filter((cell) => cell.includes('e-'))).toEqual(['2.5e-7']);

    const safe = parse(csvHeader(columns) + csvRows(columns, rows));
    expect(safe.length).toBe(duck.length);
    let changed = 0;
    duck.forEach((row, r) =>
      row.forEach((cell, c) => {
        const text = columns[c]!.kind === 'text';
        const expected = r > 0 && text && looksLikeFormula(cell) ? `'${cell}` : cell;
        if (expected !== cell) changed++;
        if (r > 0 && columns[c]!.kind === 'number')
          expect(Number(safe[r]![c]), `row ${r} column ${columns[c]!.name}`).toBe(Number(expected));
        else expect(safe[r]![c], `row ${r} column ${columns[c]!.name}`).toBe(expected);
      }),
    );
    // =HYPERLINK, +1614…, @SUM, -1 and the tab: five text cells; the numbers -7 and -1.5 untouched.
    expect(changed).toBe(5);
    const negative = safe.find((row) => row[0] === '2025-12-31 23:59:59')!;
    expect(negative.slice(4, 6)).toEqual(['-7', '-1.5']);
  });
});
