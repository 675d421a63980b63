/**
 * The FTC's real daily file of 2021-07-08 through the whole ingest, checked against counts made
 * independently from the raw bytes with papaparse (a different CSV parser than DuckDB's).
 */
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../scripts/lib/duckdb';
import { createProgress } from '../../scripts/lib/progress';
import { loadAreaCodes, loadStates, loadSubjects } from '../../scripts/lib/reference';
import { ingest, type IngestResult } from '../../scripts/ingest/run-ingest';
import { REAL_DATA_DIR, realDataFile } from '../helpers/real-data';
import { tempDir } from '../helpers/temp';

const FILE = 'dnc_complaint_numbers_2021-07-08.csv';

describe.skipIf(!REAL_DATA_DIR)('ingest of the real FTC file', () => {
  const tmp = tempDir('real');
  let result: IngestResult;
  let db: Db;
  let rawRows: string[][];

  beforeAll(async () => {
    const source = realDataFile(FILE);
    mkdirSync(join(tmp.dir, 'raw/dnc/2021'), { recursive: true });
    copyFileSync(source, join(tmp.dir, 'raw/dnc/2021', FILE));
    const parsed = Papa.parse<string[]>(readFileSync(source, 'utf8'), { skipEmptyLines: true });
    rawRows = parsed.data.slice(1);
    result = await ingest({
      raw: join(tmp.dir, 'raw'),
      out: join(tmp.dir, 'build'),
      progress: createProgress(process.stderr, true),
    });
    db = await openDb();
    await db.run(`ATTACH '${join(tmp.dir, 'build/complaints-2021.duckdb')}' AS c (READ_ONLY)`);
  });
  afterAll(() => {
    db?.close();
    tmp.cleanup();
  });

  it('reads and loads all 14,034 rows, rejecting none', () => {
    expect(rawRows).toHaveLength(14034);
    const [source] = result.manifest.sources;
    expect(source).toMatchObject({
      file: `dnc/2021/${FILE}`,
      rows_read: 14034,
      rows_loaded: 14034,
      rows_rejected: 0,
      status: 'loaded',
    });
    expect(source!.created_min).toBe('2021-07-07 00:00:04');
    expect(source!.created_max).toBe('2021-07-07 23:59:51');
    expect(result.problems).toEqual([]);
  });

  it('gives the same counts by reported state as the raw file', async () => {
    const statesByName = new Map(loadStates().map((s) => [s.name, s.usps]));
    const expected = countBy(
      rawRows.filter((r) => r[4] !== ''),
      (r) => statesByName.get(r[4]!) ?? `unknown:${r[4]}`,
    );
    const actual = await db.all<{ k: string; n: number }>(
      `SELECT state AS k, count(*) AS n FROM c.complaints WHERE state_from = 'reported' GROUP BY ALL`,
    );
    expect(toRecord(actual)).toEqual(expected);
  });

  it('gives the same counts by subject and by robocall flag as the raw file', async () => {
    const slugByLabel = new Map(loadSubjects().map((s) => [s.ftcLabel, s.slug]));
    const expectedSubjects = countBy(rawRows, (r) => slugByLabel.get(r[6]!) ?? `unknown:${r[6]}`);
    const subjects = await db.all<{ k: string; n: number }>(
      `SELECT subject AS k, count(*) AS n FROM c.complaints GROUP BY ALL`,
    );
    expect(toRecord(subjects)).toEqual(expectedSubjects);
    expect(expectedSubjects.other).toBe(5049);

    const expectedFlags = countBy(rawRows, (r) => r[7] || 'empty');
    const flags = await db.all<{ k: string; n: number }>(
      `SELECT CASE robocall WHEN true THEN 'Y' WHEN false THEN 'N' ELSE 'empty' END AS k, count(*) AS n FROM c.complaints GROUP BY ALL`,
    );
    expect(toRecord(flags)).toEqual(expectedFlags);
    expect(expectedFlags).toEqual({ Y: 9698, N: 3310, empty: 1026 });
  });

  it('gives rows without a state the state of their area code where NANPA has one', async () => {
    const areaState = new Map(
      loadAreaCodes()
        .filter((a) => a.country === 'US' && a.use === 'G')
        .map((a) => [a.areaCode, a.location]),
    );
    const stateless = rawRows.filter((r) => r[4] === '');
    expect(stateless).toHaveLength(25);
    const expected = countBy(stateless, (r) => areaState.get(r[5]!) ?? 'none');
    const actual = await db.all<{ k: string; n: number }>(
      `SELECT coalesce(state, 'none') AS k, count(*) AS n FROM c.complaints WHERE state_from <> 'reported' GROUP BY ALL`,
    );
    expect(toRecord(actual)).toEqual(expected);
    expect(expected.none).toBeGreaterThan(0); // toll-free area codes name no state
    const fromArea = await db.all<{ n: number }>(
      `SELECT count(*) AS n FROM c.complaints WHERE state_from = 'area_code'`,
    );
    expect(fromArea[0]!.n).toBe(stateless.length - expected.none!);
  });

  it('keeps each row traceable to its line in the raw file', async () => {
    const sample = await db.all<{
      source_line: number;
      caller_number: string | null;
      created: string;
      area_code: string;
    }>(
      `SELECT source_line, caller_number, strftime(created_at, '%Y-%m-%d %H:%M:%S') AS created, area_code FROM c.complaints USING SAMPLE 200 ROWS (reservoir, 7)`,
    );
    for (const row of sample) {
      const raw = rawRows[row.source_line - 2]!;
      expect([raw[0] || null, raw[1], raw[5]]).toEqual([
        row.caller_number,
        row.created,
        row.area_code,
      ]);
    }
  });

  it('links complaints to PoNE providers through the caller numbers in their letters', async () => {
    await db.run(`ATTACH '${join(tmp.dir, 'build/cube.duckdb')}' AS cube (READ_ONLY)`);
    const [linked] = await db.all<{ n: number; numbers: number }>(
      `SELECT sum(complaints)::BIGINT AS n, count(DISTINCT caller_number) AS numbers FROM cube.pone_complaints_monthly`,
    );
    // ../shared/data/facts/README.md: 5 PoNE numbers were reported in 61 complaints that day.
    expect(linked).toEqual({ n: 61, numbers: 5 });
  });
});

function countBy<T>(rows: T[], key: (row: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const row of rows) counts[key(row)] = (counts[key(row)] ?? 0) + 1;
  return counts;
}

function toRecord(rows: { k: string; n: number }[]): Record<string, number> {
  return Object.fromEntries(rows.map((r) => [r.k, r.n]));
}
