/**
 * Issue 14.3 on the real FTC file: one opening quote that never closes, near the top of the day,
 * costs that one complaint, not the rest of the file. Counted independently with papaparse on the
 * untouched file.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../scripts/lib/duckdb';
import { createProgress } from '../../scripts/lib/progress';
import { ingest, type IngestResult } from '../../scripts/ingest/run-ingest';
import { REAL_DATA_DIR, realDataFile } from '../helpers/real-data';
import { tempDir } from '../helpers/temp';

const FILE = 'dnc_complaint_numbers_2021-07-08.csv';
const BROKEN_LINE = 12;

describe.skipIf(!REAL_DATA_DIR)('a stray quote in the real FTC file', () => {
  const tmp = tempDir('stray-quote-real');
  let result: IngestResult;
  let db: Db;
  let originalLines: string[];

  beforeAll(async () => {
    const text = readFileSync(realDataFile(FILE), 'utf8');
    originalLines = text.split('\n');
    const lines = [...originalLines];
    const fields = lines[BROKEN_LINE - 1]!.split(',');
    fields[3] = `"${fields[3]}`; // an opening quote before the city, never closed
    lines[BROKEN_LINE - 1] = fields.join(',');
    mkdirSync(join(tmp.dir, 'raw/dnc/2021'), { recursive: true });
    writeFileSync(join(tmp.dir, 'raw/dnc/2021', FILE), lines.join('\n'));
    result = await ingest({
      raw: join(tmp.dir, 'raw'),
      out: join(tmp.dir, 'build'),
      progress: createProgress(process.stderr, true),
      skipDownloads: true,
    });
    db = await openDb();
    await db.run(`ATTACH '${join(tmp.dir, 'build/complaints-2021.duckdb')}' AS c (READ_ONLY)`);
  });
  afterAll(() => {
    db?.close();
    tmp.cleanup();
  });

  it('quarantines line 12 alone and loads every other complaint of the day', async () => {
    const records =
      Papa.parse<string[]>(originalLines.join('\n'), { skipEmptyLines: true }).data.length - 1;
    expect(records).toBe(14034);
    const [source] = result.manifest.sources;
    expect(source).toMatchObject({
      rows_read: records,
      rows_loaded: records - 1,
      rows_rejected: 1,
      lines_rejected: 1,
    });
    expect(source!.rejected_by_reason).toEqual({ 'unterminated quoted field': 1 });
    const lines = await db.all<{ n: number; missing: number }>(
      `SELECT count(*) AS n, ${BROKEN_LINE} NOT IN (SELECT source_line FROM c.complaints) AS missing FROM c.complaints`,
    );
    expect(lines[0]).toEqual({ n: records - 1, missing: true });
  });

  it('keeps the lines after it traceable to the raw file', async () => {
    const after = await db.all<{
      source_line: number;
      caller_number: string | null;
      created: string;
    }>(
      `SELECT source_line, caller_number, strftime(created_at, '%Y-%m-%d %H:%M:%S') AS created FROM c.complaints WHERE source_line BETWEEN ${BROKEN_LINE - 1} AND ${BROKEN_LINE + 40} ORDER BY source_line`,
    );
    expect(after.map((r) => r.source_line)).toEqual([
      BROKEN_LINE - 1,
      ...Array.from({ length: 40 }, (_, k) => BROKEN_LINE + 1 + k),
    ]);
    for (const row of after) {
      const raw = originalLines[row.source_line - 1]!.replace(/\r$/, '').split(',');
      expect([raw[0] || null, raw[1]]).toEqual([row.caller_number, row.created]);
    }
  });
});
