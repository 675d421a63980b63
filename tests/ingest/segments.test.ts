/**
 * Issue 9.3: the latest year in two segments (scripts/ingest/segments.ts). Its files hold the
 * months before the open month, then the open month, each sorted as a one-segment year is; a new
 * day within the open month reuses the closed segment from the cache; and whatever arrives (a day
 * in the month, a late file for a closed month, a day opening a new month, a new year), the
 * incremental build equals a full ingest's (tables row for row and in order, downloads byte for
 * byte). The rows are counted against the raw files read in plain TypeScript (papaparse).
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, sqlString, type Db } from '../../scripts/lib/duckdb';
import { listFiles } from '../../scripts/lib/files';
import { createProgress } from '../../scripts/lib/progress';
import { callerIndexFile, CALLER_INDEX_TABLE } from '../../scripts/ingest/caller-index';
import { SPREADSHEET_SAFE_SELECT } from '../../scripts/ingest/outputs';
import { defaultCacheDir, ingest, type IngestResult } from '../../scripts/ingest/run-ingest';
import { compareRowKeys, type RowKey } from '../helpers/row-order';
import { tempDir } from '../helpers/temp';
import { snapshot } from './snapshot';

const quiet = createProgress(process.stderr, true);

/** The created dates a raw file holds, read in plain TypeScript. */
function createdDates(path: string): string[] {
  const parsed = Papa.parse<Record<string, string>>(readFileSync(path, 'utf8'), {
    header: true,
    skipEmptyLines: true,
  });
  return parsed.data.map((row) => (row.Created_Date ?? '').trim().slice(0, 10));
}

interface Row {
  date: string;
  key: RowKey;
}

/**
 * Where the rows (in file order) pass from the closed segment to the open one; fails unless every
 * closed row comes before every open row and each segment is sorted by its key.
 */
function expectSegments(rows: Row[], openMonth: string | null): void {
  const boundary = openMonth ? rows.findIndex((r) => r.date >= openMonth) : rows.length;
  const segments = [rows.slice(0, boundary), rows.slice(boundary)];
  expect(segments[0]!.every((r) => r.date < (openMonth ?? '9999'))).toBe(true);
  expect(segments[1]!.every((r) => r.date >= (openMonth ?? '9999'))).toBe(true);
  for (const segment of segments) {
    const unsorted = segment.findIndex(
      (r, i) => i > 0 && compareRowKeys(segment[i - 1]!.key, r.key) > 0,
    );
    expect(unsorted, 'first row out of order').toBe(-1);
  }
}

const ROW_KEY = `created_date::VARCHAR AS date, state, strftime(created_at, '%Y-%m-%d %H:%M:%S') AS t, source_file, source_line`;
const asRows = (
  rows: {
    date: string;
    state: string | null;
    t: string;
    source_file: string;
    source_line: number;
  }[],
) => rows.map((r) => ({ date: r.date, key: [r.state, r.t, r.source_file, r.source_line] }));

/** Checks every file of `year` in `out`: segment order, and the CSV.gz's rows are the Parquet's. */
async function checkYear(db: Db, out: string, year: number, openMonth: string | null) {
  await db.run(`ATTACH ${sqlString(join(out, `complaints-${year}.duckdb`))} AS y (READ_ONLY)`);
  const complaints = asRows(await db.all(`SELECT ${ROW_KEY} FROM y.complaints ORDER BY rowid`));
  await db.run('DETACH y');
  expectSegments(complaints, openMonth);

  const parquet = sqlString(join(out, `downloads/complaints-${year}.parquet`));
  const downloaded = asRows(
    await db.all(
      `SELECT ${ROW_KEY} FROM read_parquet(${parquet}, file_row_number = true) ORDER BY file_row_number`,
    ),
  );
  expect(downloaded).toEqual(complaints);

  await db.run(`ATTACH ${sqlString(join(out, callerIndexFile(year)))} AS c (READ_ONLY)`);
  const callers = await db.all<{ date: string; caller_key: number }>(
    `SELECT created_date::VARCHAR AS date, caller_key FROM c.${CALLER_INDEX_TABLE} ORDER BY rowid`,
  );
  await db.run('DETACH c');
  expectSegments(
    callers.map((r) => ({ date: r.date, key: [r.caller_key] })),
    openMonth,
  );
  expect(callers.length).toBeGreaterThan(0);

  // The CSV.gz, one CSV however many gzip members: zlib's bytes are the Parquet's rows written as
  // CSV, and DuckDB's read_csv gives the same rows in the same order.
  const csvGz = join(out, `downloads/complaints-${year}.csv.gz`);
  const expectedCsv = join(out, '..', `expected-${year}.csv`);
  await db.run(
    `COPY (SELECT ${SPREADSHEET_SAFE_SELECT} FROM read_parquet(${parquet})) TO ${sqlString(expectedCsv)} (FORMAT csv, HEADER)`,
  );
  const text = gunzipSync(readFileSync(csvGz)).toString('utf8');
  expect(text).toBe(readFileSync(expectedCsv, 'utf8'));
  const read = await db.all<{ id: string }>(
    `SELECT source_file || ':' || source_line AS id FROM read_csv(${sqlString(csvGz)}, header = true, all_varchar = true)`,
  );
  expect(read.map((r) => r.id)).toEqual(downloaded.map((r) => `${r.key[2]}:${r.key[3]}`));
  return complaints.length;
}

/** The number of gzip members: DuckDB and zlib read them as one file, but the layout is the point. */
function gzipMembers(path: string): number {
  const out = execFileSync('python3', [
    '-c',
    `import zlib,sys
data=open(sys.argv[1],'rb').read(); n=0
while data:
    d=zlib.decompressobj(31); d.decompress(data); data=d.unused_data; n+=1
print(n)`,
    path,
  ]);
  return Number(out.toString().trim());
}

describe('the latest year in two segments', () => {
  const tmp = tempDir('segments');
  const sample = join(tmp.dir, 'sample');
  const raw = join(tmp.dir, 'raw');
  const out = join(tmp.dir, 'build');
  const cache = defaultCacheDir(out);
  let files: { file: string; dates: string[] }[];
  let db: Db;
  let fulls = 0;

  const add = (file: string) => {
    mkdirSync(dirname(join(raw, file)), { recursive: true });
    copyFileSync(join(sample, file), join(raw, file));
  };
  /** Files holding only complaints created before `day`, from `from` on. */
  const before = (day: string) => files.filter((f) => f.dates.every((d) => d < day));
  const firstHolding = (month: string) =>
    files.find((f) => f.dates.some((d) => d.startsWith(month)))!;

  /** The incremental build against a full ingest of the same raw files. */
  const expectSameAsFull = async () => {
    const full = join(tmp.dir, `full-${++fulls}`);
    await ingest({ raw, out: full, progress: quiet });
    const [a, b] = [await snapshot(out), await snapshot(full)];
    expect(a).toEqual(b);
    expect(a.manifest.downloads.map((d) => d.sha256)).toEqual(
      b.manifest.downloads.map((d) => d.sha256),
    );
  };
  /** Rows per created year in the raw files (papaparse) against the outputs' rows. */
  const expectRawCounts = async (result: IngestResult) => {
    const byYear = new Map<number, number>();
    for (const file of await listFiles(raw, '.csv'))
      for (const d of createdDates(join(raw, file)))
        byYear.set(Number(d.slice(0, 4)), (byYear.get(Number(d.slice(0, 4))) ?? 0) + 1);
    expect([...byYear.keys()].sort()).toEqual(
      result.manifest.downloads.map((d) => d.year).filter((y, i, all) => all.indexOf(y) === i),
    );
    for (const [year, rows] of byYear) {
      const file = (name: string) => sqlString(join(out, name));
      const [row] = await db.all<{ duckdb: number; parquet: number; csv: number }>(
        `ATTACH ${file(`complaints-${year}.duckdb`)} AS counted (READ_ONLY);
        SELECT (SELECT count(*) FROM counted.complaints)::BIGINT AS duckdb,
          (SELECT count(*) FROM read_parquet(${file(`downloads/complaints-${year}.parquet`)}))::BIGINT AS parquet,
          (SELECT count(*) FROM read_csv(${file(`downloads/complaints-${year}.csv.gz`)}, header = true, all_varchar = true))::BIGINT AS csv`,
      );
      await db.run('DETACH counted');
      expect(row).toEqual({ duckdb: rows, parquet: rows, csv: rows });
    }
  };

  beforeAll(async () => {
    // Late October 2024 to early February 2025: months to close and open, and a new year.
    execFileSync(
      'npx',
      [
        'tsx',
        'scripts/sample.ts',
        '--out',
        sample,
        '--days',
        '100',
        '--end',
        '2025-02-06',
        '--volume',
        '40',
        '--seed',
        'segments',
      ],
      { stdio: 'ignore' },
    );
    files = (await listFiles(sample, '.csv'))
      .filter((f) => f.startsWith('dnc/'))
      .map((file) => ({ file, dates: [...new Set(createdDates(join(sample, file)))].sort() }));
    mkdirSync(raw, { recursive: true });
    copyFileSync(join(sample, 'synthetic.json'), join(raw, 'synthetic.json'));
    db = await openDb();
  }, 120_000);
  afterAll(() => {
    db.close();
    tmp.cleanup();
  });

  // One held back, to arrive late: a file of November 2024, a closed month by then.
  const late = () => before('2024-12-01').at(-3)!;

  it('writes the latest year as its closed months, then its open month, each sorted', async () => {
    for (const f of before('2024-12-10')) if (f !== late()) add(f.file);
    const result = await ingest({ raw, out, cache, progress: quiet });
    expect(result.yearsRebuilt).toEqual([2024]);
    await checkYear(db, out, 2024, '2024-12-01');
    expect(gzipMembers(join(out, 'downloads/complaints-2024.csv.gz'))).toBe(2);
    await expectRawCounts(result);
    await expectSameAsFull();
  }, 120_000);

  it('reuses the closed months for a day within the open month', async () => {
    add(files[before('2024-12-10').length]!.file);
    const result = await ingest({ raw, out, cache, progress: quiet });
    expect(result.yearsClosedReused).toEqual([2024]);
    await checkYear(db, out, 2024, '2024-12-01');
    await expectRawCounts(result);
    await expectSameAsFull();
  }, 120_000);

  it('rebuilds the closed months when a late file holds one of them', async () => {
    add(late().file);
    const result = await ingest({ raw, out, cache, progress: quiet });
    expect(result.yearsRebuilt).toEqual([2024]);
    expect(result.yearsClosedReused).toEqual([]);
    await checkYear(db, out, 2024, '2024-12-01');
    await expectRawCounts(result);
    await expectSameAsFull();
  }, 120_000);

  it('makes the previous year one segment again when the year rolls over', async () => {
    const january = firstHolding('2025-01');
    for (const f of files.slice(0, files.indexOf(january) + 1)) add(f.file);
    const result = await ingest({ raw, out, cache, progress: quiet });
    expect(result.yearsClosedReused).toEqual([]);
    // 2024 in one segment, sorted throughout; 2025 holds January only, its open month.
    await checkYear(db, out, 2024, null);
    expect(gzipMembers(join(out, 'downloads/complaints-2024.csv.gz'))).toBe(1);
    await checkYear(db, out, 2025, null);
    await expectRawCounts(result);
    await expectSameAsFull();
  }, 120_000);

  it('rebuilds the closed months when a day opens a new month, then reuses them', async () => {
    const february = firstHolding('2025-02');
    for (const f of files.slice(0, files.indexOf(february) + 1)) add(f.file);
    const opened = await ingest({ raw, out, cache, progress: quiet });
    expect(opened.yearsRebuilt).toEqual([2025]);
    expect(opened.yearsClosedReused).toEqual([]);
    await checkYear(db, out, 2025, '2025-02-01');
    await expectSameAsFull();

    add(files[files.indexOf(february) + 1]!.file);
    const next = await ingest({ raw, out, cache, progress: quiet });
    expect(next.yearsClosedReused).toEqual([2025]);
    await checkYear(db, out, 2025, '2025-02-01');
    expect(gzipMembers(join(out, 'downloads/complaints-2025.csv.gz'))).toBe(2);
    await expectRawCounts(next);
    await expectSameAsFull();

    // Nothing new: every year restored, the latest one's cube parts from both segments' files.
    const again = await ingest({ raw, out, cache, progress: quiet });
    expect(again.yearsRebuilt).toEqual([]);
    await expectSameAsFull();
  }, 120_000);
});
