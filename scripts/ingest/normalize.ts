/**
 * Raw FTC records → canonical complaint rows, in DuckDB SQL. Every rule carries its reason;
 * together they are the methodology the /about/ page describes.
 */
import { FORMULA_PATTERN } from '../../src/lib/download/csv';
import { FTC_COLUMNS } from '../../src/lib/ftc-format';
import { referenceSelect, selectColumns } from '../../src/lib/catalog/sql';
import { COMPLAINTS_TABLE } from '../../src/lib/catalog/tables';
import { sqlString, type Db } from '../lib/duckdb';
import type { PreparedFile } from './prepare-file';

/** Lookup tables from data/reference: state names and codes, subject labels, area codes. */
export async function loadReference(db: Db, referenceDir: string): Promise<void> {
  const csv = (name: string) =>
    `read_csv(${sqlString(`${referenceDir}/${name}`)}, header = true, all_varchar = true)`;
  await db.run(`
    CREATE OR REPLACE TEMP TABLE ref_states AS SELECT * FROM ${csv('states.csv')};
    CREATE OR REPLACE TEMP TABLE ref_subjects AS SELECT * FROM ${csv('subjects.csv')};
    CREATE OR REPLACE TEMP TABLE ref_area_codes AS SELECT * FROM ${csv('area_codes.csv')};
    -- A state may be typed as its name or its USPS code, in any case and spacing.
    CREATE OR REPLACE TEMP TABLE state_keys AS
      SELECT DISTINCT lower(name) AS key, usps FROM ref_states
      UNION SELECT DISTINCT lower(usps), usps FROM ref_states;
    -- The FTC's files put two spaces before '&', its API one: compare labels with spacing folded.
    CREATE OR REPLACE TEMP TABLE subject_keys AS
      SELECT lower(regexp_replace(trim(ftc_label), '\\s+', ' ', 'g')) AS key, slug FROM ref_subjects;
    -- Only US geographic codes name a state; NANPA writes the Northern Mariana Islands as CNMI.
    CREATE OR REPLACE TEMP TABLE area_states AS
      SELECT area_code, CASE location WHEN 'CNMI' THEN 'MP' ELSE location END AS usps
      FROM ref_area_codes
      WHERE country = 'US' AND use = 'G' AND (CASE location WHEN 'CNMI' THEN 'MP' ELSE location END) IN (SELECT usps FROM ref_states);
    CREATE OR REPLACE TEMP TABLE ref_pone_caller_numbers AS
      SELECT ${referenceSelect('pone_caller_numbers')} FROM ${csv('pone_caller_numbers.csv')};
  `);
}

/**
 * Reads every accepted record: files as published into `stage_plain` (line = ordinal + offset),
 * clean copies into `stage_clean` (their first column is the source line). Each row carries the
 * reader's `file_index` (its file's place in the list read), not the file's path: a path on every
 * row was a long string to store and to join on.
 */
export async function loadStage(db: Db, files: PreparedFile[]): Promise<void> {
  const ftcColumns = FTC_COLUMNS.map((c) => `'${c}': 'VARCHAR'`).join(', ');
  const read = async (table: string, group: PreparedFile[], withLine: boolean) => {
    const columns = `{${withLine ? `'source_line': 'INTEGER', ` : ''}${ftcColumns}}`;
    if (group.length === 0) {
      await db.run(`CREATE OR REPLACE TEMP TABLE ${table} AS
        SELECT * FROM (SELECT ${withLine ? 'NULL::INTEGER AS source_line, ' : ''}${FTC_COLUMNS.map((c) => `NULL::VARCHAR AS "${c}"`).join(', ')}, NULL::UBIGINT AS file_index) WHERE false;
        CREATE OR REPLACE TEMP TABLE ${table}_rejects (line BIGINT);`);
      return;
    }
    await db.run(`
      CREATE OR REPLACE TEMP TABLE ${table} AS
      SELECT *, file_index FROM read_csv([${group.map((f) => sqlString(f.loadPath!)).join(', ')}],
        columns = ${columns}, header = true, auto_detect = false,
        delim = ',', quote = '"', escape = '"',
        store_rejects = true, rejects_table = '${table}_rejects', rejects_scan = '${table}_scans');`);
  };
  const plain = files.filter((f) => f.lineOffset !== null);
  const clean = files.filter((f) => f.lineOffset === null);
  await read('stage_plain', plain, false);
  await read('stage_clean', clean, true);
  const place = new Map<PreparedFile, string>([
    ...plain.map((f, i) => [f, `'plain', ${i}`] as const),
    ...clean.map((f, i) => [f, `'clean', ${i}`] as const),
  ]);
  // file_id follows the order of source_file, so sorting by it sorts by file name, only faster.
  const ordered = [...files].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const fileRows = ordered.map(
    (f, i) =>
      `(${sqlString(f.loadPath!)}, ${sqlString(f.file)}, ${i}, ${f.lineOffset ?? 'NULL'}, ${place.get(f)!})`,
  );
  await db.run(`
    CREATE OR REPLACE TEMP TABLE load_files (path VARCHAR, source_file VARCHAR, file_id INTEGER, line_offset INTEGER, stage VARCHAR, file_index UBIGINT);
    ${fileRows.length ? `INSERT INTO load_files VALUES ${fileRows.join(', ')};` : ''}
    -- rowid follows insertion order, which follows file order: a record's ordinal in its file.
    CREATE OR REPLACE TEMP TABLE file_rows AS
      SELECT 'plain' AS stage, file_index, min(rowid) AS first_rowid, count(*) AS n FROM stage_plain GROUP BY file_index
      UNION ALL SELECT 'clean', file_index, NULL, count(*) FROM stage_clean GROUP BY file_index;
  `);
}

/** Rows DuckDB read per loaded path, and how many records it rejected (the scan says there are none). */
export async function stageCounts(
  db: Db,
): Promise<{ perPath: Map<string, number>; rejected: number }> {
  const rows = await db.all<{ path: string; n: number }>(
    `SELECT lf.path, fr.n FROM file_rows fr JOIN load_files lf USING (stage, file_index)`,
  );
  const [rejects] = await db.all<{ n: number }>(
    `SELECT ((SELECT count(*) FROM stage_plain_rejects) + (SELECT count(*) FROM stage_clean_rejects))::BIGINT AS n`,
  );
  return { perPath: new Map(rows.map((r) => [r.path, r.n])), rejected: rejects!.n };
}

/** Canonical rows, with the raw Created_Date kept until rows without a date are set aside. */
export async function normalize(db: Db): Promise<void> {
  const ftc = FTC_COLUMNS.map((c) => `s."${c}"`).join(', ');
  await db.run(`
    -- Free text, trimmed, unless it looks like a spreadsheet formula: then it is kept exactly as
    -- typed, so trimming cannot turn ' =1+1' into a live '=1+1' (the CSV downloads neutralise both).
    -- Text with nothing to trim comes out the same either way, so only the rest pays for the
    -- regular expression (it was most of this statement's time).
    CREATE OR REPLACE TEMP MACRO trim_text(x) AS
      CASE WHEN x = trim(x) THEN nullif(x, '')
           WHEN regexp_matches(x, ${sqlString(FORMULA_PATTERN)}) THEN x
           ELSE nullif(trim(x), '') END;
    CREATE OR REPLACE TEMP TABLE state_map AS
      SELECT raw, k.usps FROM (
        SELECT DISTINCT coalesce(Consumer_State, '') AS raw FROM stage_plain
        UNION SELECT DISTINCT coalesce(Consumer_State, '') FROM stage_clean) r
      LEFT JOIN state_keys k ON k.key = lower(regexp_replace(trim(raw), '\\s+', ' ', 'g'));
    CREATE OR REPLACE TEMP TABLE subject_map AS
      SELECT raw, k.slug FROM (
        SELECT DISTINCT coalesce(Subject, '') AS raw FROM stage_plain
        UNION SELECT DISTINCT coalesce(Subject, '') FROM stage_clean) r
      LEFT JOIN subject_keys k ON k.key = lower(regexp_replace(trim(raw), '\\s+', ' ', 'g'));

    CREATE OR REPLACE TEMP TABLE normalized AS
    WITH lined AS (
      SELECT lf.source_file, lf.file_id, CAST(s.rowid - fr.first_rowid + lf.line_offset AS INTEGER) AS source_line, ${ftc}
      FROM stage_plain s JOIN file_rows fr ON fr.stage = 'plain' AND fr.file_index = s.file_index
        JOIN load_files lf ON lf.stage = 'plain' AND lf.file_index = s.file_index
      UNION ALL
      SELECT lf.source_file, lf.file_id, s.source_line, ${ftc}
      FROM stage_clean s JOIN load_files lf ON lf.stage = 'clean' AND lf.file_index = s.file_index
    ),
    parsed AS (
      SELECT
        n.source_file,
        n.file_id,
        n.source_line,
        n.Created_Date AS created_raw,
        -- The FTC writes 'YYYY-MM-DD HH:MM:SS', which a cast reads (as it does ISO variants).
        try_cast(trim(n.Created_Date) AS TIMESTAMP) AS created_at,
        nullif(trim(n.Violation_Date), '') AS violation_raw,
        try_cast(trim(n.Violation_Date) AS TIMESTAMP) AS violation_at,
        trim_text(n.Company_Phone_Number) AS caller_number,
        trim_text(n.Consumer_City) AS city,
        trim_text(n.Consumer_State) AS state_raw,
        sm.usps AS state_reported_usps,
        trim_text(n.Consumer_Area_Code) AS area_code,
        trim_text(n.Subject) AS subject_raw,
        subj.slug AS subject_slug,
        upper(trim(coalesce(n.Recorded_Message_Or_Robocall, ''))) AS robocall_raw
      FROM lined n
      LEFT JOIN state_map sm ON sm.raw = coalesce(n.Consumer_State, '')
      LEFT JOIN subject_map subj ON subj.raw = coalesce(n.Subject, '')
    )
    SELECT
      p.source_file,
      p.file_id,
      p.source_line,
      p.created_raw,
      p.created_at,
      CAST(p.created_at AS DATE) AS created_date,
      p.violation_at,
      p.caller_number,
      -- A dialable US number: 10 digits, area code and exchange not starting with 0 or 1.
      coalesce(regexp_full_match(p.caller_number, '[2-9][0-9]{2}[2-9][0-9]{6}'), false) AS caller_valid,
      p.city,
      -- Reported state first, else the state of the consumer's area code (as the FTC Data Book does).
      coalesce(p.state_reported_usps, a.usps) AS state,
      CASE WHEN p.state_reported_usps IS NOT NULL THEN 'reported'
           WHEN a.usps IS NOT NULL THEN 'area_code'
           ELSE 'none' END AS state_from,
      -- What the consumer typed, kept only when it named no state we know.
      CASE WHEN p.state_reported_usps IS NULL THEN p.state_raw END AS state_reported,
      p.area_code,
      -- An empty subject is the FTC's own 'No Subject Provided'; an unknown label is kept, not guessed.
      CASE WHEN p.subject_slug IS NOT NULL THEN p.subject_slug
           WHEN p.subject_raw IS NULL THEN 'none'
           ELSE 'unrecognized' END AS subject,
      CASE WHEN p.subject_slug IS NULL THEN p.subject_raw END AS subject_reported,
      CASE p.robocall_raw WHEN 'Y' THEN true WHEN 'N' THEN false END AS robocall,
      -- Flags: odd values that were kept.
      p.violation_raw IS NOT NULL AND p.violation_at IS NULL AS flag_bad_violation_date,
      p.robocall_raw NOT IN ('', 'Y', 'N') AS flag_unknown_robocall_flag,
      p.area_code IS NOT NULL AND NOT regexp_full_match(p.area_code, '[0-9]{3}') AS flag_bad_area_code
    FROM parsed p
    LEFT JOIN area_states a ON a.area_code = p.area_code;
    DROP TABLE stage_plain;
    DROP TABLE stage_clean;
  `);
}

/**
 * The order of every row-level output: by the explorer's main filter (state) and time, so a
 * one-state query reads a few contiguous blocks of a yearly file; source file and line make it total.
 */
const ROW_ORDER_KEYS = ['state NULLS LAST', 'created_at', 'source_file', 'source_line'];
export const ROW_ORDER = ROW_ORDER_KEYS.join(', ');

/**
 * `query`'s rows (canonical columns) in ROW_ORDER, its file names compared by their rank in the
 * table `source_order` (createSourceOrder) instead of as strings: fixed-width sort keys sorted a
 * year of 2.3 M rows in 0.9 s instead of 1.2 s. A rank by name orders as the names do, so the
 * order is ROW_ORDER's (tests/ingest/row-order.test.ts, ties broken by the file, against a sort in
 * TypeScript). A LEFT JOIN: a file missing from `source_order` would sort out of place, never lose
 * its rows; writeYears ranks every counted file, and rowsOf reads no other.
 */
export function inRowOrder(query: string): string {
  const keys = ROW_ORDER_KEYS.map((k) => (k === 'source_file' ? 'o.file_order' : `q.${k}`));
  return `SELECT q.* FROM (${query}) q LEFT JOIN source_order o ON o.source_file = q.source_file
    ORDER BY ${keys.join(', ')}`;
}

/** The table inRowOrder ranks file names by: every file whose rows it will sort. */
export async function createSourceOrder(db: Db, files: string[]): Promise<void> {
  await db.run(`CREATE OR REPLACE TEMP TABLE source_order AS
    SELECT source_file, (row_number() OVER (ORDER BY source_file))::INTEGER AS file_order
    FROM (SELECT DISTINCT unnest([${files.map(sqlString).join(', ')}]::VARCHAR[]) AS source_file)`);
}

/** The canonical columns, in order (docs/DESIGN.md §3 plus the two `*_reported` columns): the catalog's. */
export const CANONICAL_SELECT = selectColumns(COMPLAINTS_TABLE);
