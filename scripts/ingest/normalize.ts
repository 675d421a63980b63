/**
 * Raw FTC records → canonical complaint rows, in DuckDB SQL. Every rule carries its reason;
 * together they are the methodology the /about/ page describes.
 */
import { FTC_COLUMNS } from '../../src/lib/ftc-format';
import { sqlString, type Db } from '../lib/duckdb';
import type { PreparedFile } from './prepare-file';

const FTC_DATETIME = '%Y-%m-%d %H:%M:%S';

/** Lookup tables from data/reference: state names and codes, subject labels, area codes. */
export async function loadReference(db: Db, referenceDir: string): Promise<void> {
  const csv = (name: string) => `read_csv(${sqlString(`${referenceDir}/${name}`)}, header = true, all_varchar = true)`;
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
  `);
}

/** Reads every accepted record into `stage`, in file order. */
export async function loadStage(db: Db, files: PreparedFile[]): Promise<void> {
  const columns = `{${FTC_COLUMNS.map((c) => `'${c}': 'VARCHAR'`).join(', ')}}`;
  const paths = files.map((f) => sqlString(f.loadPath!)).join(', ');
  if (files.length === 0) {
    // Nothing to read (an empty archive, or only header-only files): the same tables, empty.
    await db.run(`
      CREATE OR REPLACE TEMP TABLE stage (${FTC_COLUMNS.map((c) => `"${c}" VARCHAR`).join(', ')}, filename VARCHAR);
      CREATE OR REPLACE TEMP TABLE stage_rejects (line BIGINT);
    `);
  } else await db.run(`
    CREATE OR REPLACE TEMP TABLE stage AS
    SELECT * FROM read_csv([${paths}],
      columns = ${columns}, header = true, auto_detect = false,
      delim = ',', quote = '"', escape = '"', filename = true,
      store_rejects = true, rejects_table = 'stage_rejects', rejects_scan = 'stage_scans');
  `);
  const values = (rows: string[]) => (rows.length ? rows.join(', ') : null);
  const fileRows = values(files.map((f) => `(${sqlString(f.loadPath!)}, ${sqlString(f.file)})`));
  const runRows = values(files.flatMap((f) => f.runs.map((r) => `(${sqlString(f.loadPath!)}, ${r.from}, ${r.offset})`)));
  await db.run(`
    CREATE OR REPLACE TEMP TABLE load_files (path VARCHAR, source_file VARCHAR);
    CREATE OR REPLACE TEMP TABLE line_runs (path VARCHAR, ordinal_from BIGINT, line_offset BIGINT);
    ${fileRows ? `INSERT INTO load_files VALUES ${fileRows};` : ''}
    ${runRows ? `INSERT INTO line_runs VALUES ${runRows};` : ''}
  `);
}

/** Canonical rows, with the raw Created_Date kept until rows without a date are set aside. */
export async function normalize(db: Db): Promise<void> {
  await db.run(`
    CREATE OR REPLACE TEMP TABLE state_map AS
      SELECT raw, k.usps FROM (SELECT DISTINCT coalesce(Consumer_State, '') AS raw FROM stage) r
      LEFT JOIN state_keys k ON k.key = lower(regexp_replace(trim(raw), '\\s+', ' ', 'g'));
    CREATE OR REPLACE TEMP TABLE subject_map AS
      SELECT raw, k.slug FROM (SELECT DISTINCT coalesce(Subject, '') AS raw FROM stage) r
      LEFT JOIN subject_keys k ON k.key = lower(regexp_replace(trim(raw), '\\s+', ' ', 'g'));

    CREATE OR REPLACE TEMP TABLE normalized AS
    WITH numbered AS (
      -- rowid follows insertion order, which follows file order: the ordinal of a record in its file.
      SELECT s.*, s.rowid - f.first_rowid AS ordinal
      FROM stage s JOIN (SELECT filename, min(rowid) AS first_rowid FROM stage GROUP BY filename) f USING (filename)
    ),
    parsed AS (
      SELECT
        lf.source_file,
        CAST(n.ordinal + r.line_offset AS INTEGER) AS source_line,
        n.ordinal,
        n.Created_Date AS created_raw,
        coalesce(try_strptime(trim(n.Created_Date), '${FTC_DATETIME}'), try_cast(trim(n.Created_Date) AS TIMESTAMP)) AS created_at,
        nullif(trim(n.Violation_Date), '') AS violation_raw,
        coalesce(try_strptime(trim(n.Violation_Date), '${FTC_DATETIME}'), try_cast(trim(n.Violation_Date) AS TIMESTAMP)) AS violation_at,
        nullif(trim(n.Company_Phone_Number), '') AS caller_number,
        nullif(trim(n.Consumer_City), '') AS city,
        nullif(trim(n.Consumer_State), '') AS state_raw,
        sm.usps AS state_reported_usps,
        nullif(trim(n.Consumer_Area_Code), '') AS area_code,
        nullif(trim(n.Subject), '') AS subject_raw,
        subj.slug AS subject_slug,
        upper(trim(coalesce(n.Recorded_Message_Or_Robocall, ''))) AS robocall_raw
      FROM numbered n
      JOIN load_files lf ON lf.path = n.filename
      ASOF JOIN line_runs r ON r.path = n.filename AND n.ordinal >= r.ordinal_from
      LEFT JOIN state_map sm ON sm.raw = coalesce(n.Consumer_State, '')
      LEFT JOIN subject_map subj ON subj.raw = coalesce(n.Subject, '')
    )
    SELECT
      p.source_file,
      p.source_line,
      p.ordinal,
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
  `);
}

/** The canonical columns, in order (DESIGN.md §3 plus the two `*_reported` columns). */
export const CANONICAL_SELECT = `source_file, source_line, created_at, created_date, violation_at, caller_number,
  caller_valid, city, state, state_from, state_reported, area_code, subject, subject_reported, robocall`;
