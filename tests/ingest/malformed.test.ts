/**
 * Malformed input loses nothing: every row of every file is loaded or quarantined with its reason,
 * and the counts in the manifest, the quarantine files and the tables agree.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../scripts/lib/duckdb';
import { createProgress } from '../../scripts/lib/progress';
import { ingest, type IngestResult } from '../../scripts/ingest/run-ingest';
import { COMPLAINT_COLUMNS, REFERENCE_TABLES, TABLES } from '../../src/lib/catalog/tables';
import type { SourceEntry } from '../../src/lib/manifest';
import { writeCorpus, type CorpusCase } from '../fixtures/malformed-corpus';
import { tempDir } from '../helpers/temp';

describe('ingest of malformed files', () => {
  const tmp = tempDir('malformed');
  const raw = join(tmp.dir, 'raw');
  const out = join(tmp.dir, 'build');
  let cases: CorpusCase[];
  let result: IngestResult;
  let db: Db;
  const source = (file: string): SourceEntry =>
    result.manifest.sources.find((s) => s.file === file)!;
  const rows = (sql: string) => db.all<Record<string, unknown>>(sql);

  beforeAll(async () => {
    cases = writeCorpus(raw);
    result = await ingest({ raw, out, progress: createProgress(process.stderr, true) });
    db = await openDb();
    await db.run(`ATTACH '${join(out, 'complaints-2024.duckdb')}' AS c (READ_ONLY)`);
  });
  afterAll(() => {
    db?.close();
    tmp.cleanup();
  });

  it('says of every file what the corpus expects', () => {
    for (const c of cases) {
      const s = source(c.file);
      const { what: _, quarantined: __, needs_scanner: ___, rejected, ...counts } = c.expect;
      expect({
        file: c.file,
        status: s.status,
        rows_read: s.rows_read,
        rows_loaded: s.rows_loaded,
        blank_lines: s.blank_lines,
        lines: s.lines,
        lines_rejected: s.lines_rejected,
      }).toEqual({
        file: c.file,
        ...counts,
      });
      expect(s.rejected_by_reason, c.file).toEqual(rejected);
      if (c.expect.quarantined) {
        expect(
          quarantineRows(s).map((r) => ({
            source_line: Number(r.source_line),
            last_line: Number(r.last_line),
            reason: r.reason,
          })),
          c.name,
        ).toEqual(c.expect.quarantined);
      }
    }
  });

  it('counts blank lines apart: they are neither rows read nor rows rejected', () => {
    expect(source('dnc/2024/blank-lines.csv')).toMatchObject({
      rows_read: 2,
      rows_loaded: 2,
      rows_rejected: 0,
      blank_lines: 2,
    });
    expect(source('dnc/2024/blank-lines.csv').quarantine).toBeUndefined();
    expect(source('dnc/2024/blank-lines-many.csv')).toMatchObject({
      rows_read: 3,
      rows_loaded: 3,
      rows_rejected: 0,
      blank_lines: 5,
    });
  });

  it('accounts for every physical line: header, blank lines, loaded records and rejected records', async () => {
    const loadedLines = await rows(
      `SELECT c.source_file, sum(1 + length(c.city) - length(replace(c.city, chr(10), '')))::INTEGER AS n FROM c.complaints c GROUP BY ALL`,
    );
    const byFile = new Map(loadedLines.map((r) => [String(r.source_file), Number(r.n)]));
    for (const s of result.manifest.sources.filter((x) => x.status === 'loaded' && x.lines > 0)) {
      // Only the city holds line breaks in this corpus.
      expect(1 + s.blank_lines + (byFile.get(s.file) ?? 0) + s.lines_rejected, s.file).toBe(
        s.lines,
      );
    }
  });

  it('quarantines only the record with a stray quote, and loads the complaints after it', async () => {
    const s = source('dnc/2024/stray-quote-line-12.csv');
    const q = quarantineRows(s);
    expect(q).toHaveLength(1);
    expect(q[0]!.raw_text).toBe(
      '5125550111,2024-01-02 10:11:00,2024-01-01 09:00:00,"Austin,Texas,512,Warranties  & protection plans,Y',
    );
    expect(q[0]!.detail).toMatch(/line 12.*line 13/);
    const loaded = await rows(
      `SELECT source_line, caller_number FROM c.complaints WHERE source_file = '${s.file}' ORDER BY source_line`,
    );
    expect(loaded.map((r) => r.source_line)).toEqual([
      2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 14, 15, 16, 17,
    ]);
    expect(loaded.slice(-5).map((r) => r.caller_number)).toEqual([
      '5125550112',
      '5125550113',
      '5125550114',
      '5125550115',
      '5125550116',
    ]);
    const later = await rows(
      `SELECT source_line, subject FROM c.complaints WHERE source_file = 'dnc/2024/stray-quote-closed-later.csv' ORDER BY source_line`,
    );
    expect(later.map((r) => r.source_line)).toEqual([2, 4, 5, 6, 7]);
    expect(later[3]!.subject).toBe('imposters');
    const multiline = await rows(
      `SELECT source_line, city FROM c.complaints WHERE source_file = 'dnc/2024/stray-quote-then-multiline.csv' ORDER BY source_line`,
    );
    expect(multiline).toEqual([
      { source_line: 2, city: 'Austin' },
      { source_line: 4, city: 'El\r\nPaso' },
      { source_line: 6, city: 'Austin' },
    ]);
  });

  it('accounts for every row: read = loaded + rejected, per file and in total', async () => {
    for (const s of result.manifest.sources)
      expect(s.rows_read, s.file).toBe(s.rows_loaded + s.rows_rejected);
    const { totals } = result.manifest;
    expect(totals.rows_read).toBe(totals.rows_loaded + totals.rows_rejected);
    const loaded = await rows(
      `SELECT source_file, count(*)::INTEGER AS n FROM c.complaints GROUP BY ALL`,
    );
    const byFile: Record<string, number> = Object.fromEntries(
      loaded.map((r) => [String(r.source_file), Number(r.n)]),
    );
    for (const s of result.manifest.sources)
      expect(byFile[s.file] ?? 0, s.file).toBe(s.rows_loaded);
    // Independently of the manifest: physical records in the corpus = loaded + quarantined.
    const quarantined = result.manifest.sources.reduce(
      (n, s) => n + (s.quarantine ? quarantineRows(s).length : 0),
      0,
    );
    const expectedRead = cases
      .filter((c) => c.expect.status === 'loaded')
      .reduce((n, c) => n + c.expect.rows_read, 0);
    expect(Object.values(byFile).reduce((a, b) => a + b, 0) + quarantined).toBe(expectedRead);
  });

  it('puts every rejected row in quarantine with its line, reason and raw text', () => {
    const s = source('dnc/2024/column-counts.csv');
    const q = quarantineRows(s);
    expect(q.map((r) => [r.source_line, r.last_line, r.reason])).toEqual([
      ['3', '3', 'too few columns'],
      ['4', '4', 'too many columns'],
      ['5', '5', 'too many columns'],
    ]);
    expect(q[0]!.raw_text).toBe(
      '5125550101,2024-01-02 10:00:00,2024-01-01 09:00:00,Austin,Texas,512,Other',
    );
    const dates = quarantineRows(source('dnc/2024/dates.csv'));
    expect(dates.map((r) => r.source_line)).toEqual(['2', '3', '4']);
    expect(dates[0]!.detail).toContain('"not a date"');
    expect(dates[1]!.detail).toBe('Created_Date is empty');
    const truncated = quarantineRows(source('dnc/2024/truncated-in-quotes.csv'));
    expect(truncated[0]!.raw_text).toMatch(/"Calls pretending to be gov$/);
  });

  it('keeps quoted commas, quotes and newlines, and the line each row starts on', async () => {
    const q = await rows(
      `SELECT source_line, city, subject FROM c.complaints WHERE source_file = 'dnc/2024/quoting.csv' ORDER BY source_line`,
    );
    expect(q).toEqual([
      { source_line: 2, city: 'Austin', subject: 'imposters' },
      { source_line: 3, city: 'He said "hi", then hung up', subject: 'warranties' },
      { source_line: 4, city: 'New\r\nYork', subject: 'warranties' },
      { source_line: 6, city: 'Two\nLines\nMore', subject: 'warranties' },
      { source_line: 9, city: 'Austin', subject: 'warranties' },
    ]);
  });

  it('keeps odd values and flags them: unknown states, subjects and flags', async () => {
    const q = await rows(
      `SELECT source_line, state, state_from, state_reported, subject, subject_reported, robocall FROM c.complaints WHERE source_file = 'dnc/2024/unknown-values.csv' ORDER BY source_line`,
    );
    expect(q.map((r) => [r.state, r.state_from, r.state_reported])).toEqual([
      [null, 'none', 'Ontario'], // 416 is Toronto: no US state
      ['OH', 'area_code', 'Narnia'],
      ['OH', 'reported', null],
      ['OH', 'reported', null],
      ['TX', 'reported', null],
      ['TX', 'reported', null],
      ['TX', 'reported', null],
      ['TX', 'reported', null],
      [null, 'none', null], // toll-free area code, no state given
    ]);
    expect(q.map((r) => r.subject)).toEqual([
      'warranties',
      'warranties',
      'warranties',
      'warranties',
      'unrecognized',
      'warranties',
      'warranties',
      'warranties',
      'warranties',
    ]);
    expect(q[4]!.subject_reported).toBe('Crypto scams');
    expect(q.map((r) => r.robocall)).toEqual([
      true,
      true,
      true,
      true,
      true,
      true,
      null,
      true,
      true,
    ]);
    expect(source('dnc/2024/unknown-values.csv').flagged).toMatchObject({
      unknown_state_name: 2,
      state_from_area_code: 1,
      state_unknown: 2,
      unrecognized_subject: 1,
      unknown_robocall_flag: 1,
    });
    expect(source('dnc/2024/dates.csv').flagged).toMatchObject({ bad_violation_date: 1 });
  });

  it('repairs invalid UTF-8 and stray quotes instead of dropping the row', async () => {
    const utf8 = await rows(
      `SELECT city FROM c.complaints WHERE source_file = 'dnc/2024/invalid-utf8.csv' ORDER BY source_line`,
    );
    expect(utf8.map((r) => r.city)).toEqual(['Austin', 'Caf\uFFFD\uFFFD', 'Austin']);
    expect(source('dnc/2024/invalid-utf8.csv').flagged).toMatchObject({
      repaired_encoding_or_quoting: 1,
    });
    const quotes = await rows(
      `SELECT city FROM c.complaints WHERE source_file = 'dnc/2024/stray-quotes.csv' ORDER BY source_line`,
    );
    expect(quotes.map((r) => r.city)).toEqual(['Jo"hn\'s "Town"', 'Quotedtail', 'Austin']);
  });

  it('keeps long fields and formula- or script-looking text verbatim', async () => {
    const long = await rows(
      `SELECT length(city) AS n FROM c.complaints WHERE source_file = 'dnc/2024/long-field.csv' ORDER BY source_line`,
    );
    expect(long.map((r) => r.n)).toEqual([10_000, 6]);
    const formula = await rows(
      `SELECT city FROM c.complaints WHERE source_file = 'dnc/2024/formula-and-script.csv' ORDER BY source_line`,
    );
    expect(formula.map((r) => r.city)).toEqual([
      '=HYPERLINK("http://example.com","click")',
      '+1+1',
      '@SUM(A1:A9)',
      '<script>alert(1)</script>',
      "'; DROP TABLE complaints; --",
    ]);
  });

  it('counts a republished copy once and names files that are not FTC CSVs', () => {
    expect(source('dnc/2024/DNC_Complaint_Numbers_2024-01-03_0.csv')).toMatchObject({
      status: 'duplicate',
      duplicate_of: 'dnc/2024/DNC_Complaint_Numbers_2024-01-03.csv',
    });
    expect(source('dnc/2024/html-error.csv').problem).toMatch(/HTML page/);
    expect(source('dnc/2024/empty.csv').problem).toMatch(/empty file/);
    expect(result.problems).toHaveLength(2);
    expect(result.problems.join('\n')).toContain('dnc/2024/html-error.csv');
  });

  it('exits non-zero from the command line and names the bad file', async () => {
    const run = promisify(execFile);
    const error = await run('npx', [
      'tsx',
      'scripts/ingest.ts',
      '--raw',
      raw,
      '--out',
      join(tmp.dir, 'cli-build'),
      '--no-downloads',
    ]).then(
      () => null,
      (e: { code: number; stderr: string }) => e,
    );
    expect(error?.code).toBe(1);
    expect(error?.stderr).toContain('dnc/2024/html-error.csv');
    expect(error?.stderr).toMatch(/not an FTC CSV/);
    expect(existsSync(join(tmp.dir, 'cli-build', 'manifest.json'))).toBe(true);
  });

  it('writes the complaint columns the catalog documents, with their types', () => {
    const table = result.manifest.tables.find((t) => t.name === 'complaints')!;
    expect(table.columns).toEqual(COMPLAINT_COLUMNS.map((c) => ({ name: c.name, type: c.type })));
  });

  it('documents every table it writes in the catalog, column for column', () => {
    const catalog = new Map([...TABLES, ...REFERENCE_TABLES].map((t) => [t.name, t]));
    const written = [...new Map(result.manifest.tables.map((t) => [t.name, t])).values()];
    expect(written.map((t) => t.name).sort()).toEqual([...catalog.keys()].sort());
    for (const table of written)
      expect(table.columns, table.name).toEqual(
        catalog.get(table.name)!.columns.map((c) => ({ name: c.name, type: c.type })),
      );
  });

  function quarantineRows(s: SourceEntry): Record<string, string>[] {
    const text = readFileSync(join(out, s.quarantine!), 'utf8');
    return Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: 'greedy' })
      .data;
  }
});
