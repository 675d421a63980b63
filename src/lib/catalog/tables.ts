/**
 * The tables the pipeline writes and the site reads: one catalog, so the ingest's DDL, the data
 * dictionary on /data/ and the download READMEs all describe the same columns.
 *
 * Files (DESIGN.md §3): `complaints-<year>.duckdb` holds table `complaints`; `cube.duckdb` holds
 * the aggregate and reference tables. Every `.duckdb` file is written with storage version
 * v1.4.0 so the browser's duckdb-wasm can attach it.
 */

export interface ColumnDef {
  name: string;
  /** DuckDB type. */
  type: string;
  description: string;
}

export interface TableDef {
  name: string;
  /** Which file holds it: `complaints` (the yearly row-level files) or `cube`. */
  file: 'complaints' | 'cube';
  description: string;
  columns: ColumnDef[];
}

const col = (name: string, type: string, description: string): ColumnDef => ({ name, type, description });

const month = col('month', 'DATE', 'First day of the month the complaint was created');
const state = col('state', 'VARCHAR', 'USPS code of the consumer’s state (reported, else from the area code); NULL when neither is known');
const subject = col('subject', 'VARCHAR', 'Subject slug (see the subjects table)');
const robocall = col('robocall', 'BOOLEAN', 'TRUE when the consumer said the call was a recorded message or robocall, FALSE when live, NULL when not said');
const complaints = col('complaints', 'BIGINT', 'Number of complaints');

export const COMPLAINT_COLUMNS: ColumnDef[] = [
  col('source_file', 'VARCHAR', 'The FTC daily file the row came from, as published'),
  col('source_line', 'INTEGER', 'Line of that file where the row starts (the header is line 1)'),
  col('created_at', 'TIMESTAMP', 'When the complaint was filed (Created_Date; no time zone given by the FTC)'),
  col('created_date', 'DATE', 'The date part of created_at'),
  col('violation_at', 'TIMESTAMP', 'When the consumer says the call came (Violation_Date); NULL when missing or unreadable'),
  col('caller_number', 'VARCHAR', 'Company_Phone_Number: the number the caller displayed, digits as reported (often spoofed)'),
  col('caller_valid', 'BOOLEAN', 'TRUE when caller_number is a 10-digit NANP number'),
  col('city', 'VARCHAR', 'Consumer_City as typed by the consumer; NULL when empty'),
  state,
  col('state_from', 'VARCHAR', '`reported` (Consumer_State), `area_code` (from the consumer’s area code, as the FTC Data Book does) or `none`'),
  col('state_reported', 'VARCHAR', 'Consumer_State as reported, kept only when it named no known state or territory; NULL otherwise'),
  col('area_code', 'VARCHAR', 'Consumer_Area_Code: the consumer’s three-digit area code'),
  subject,
  col('subject_reported', 'VARCHAR', 'Subject as reported, kept only when it is not one of the FTC’s labels (subject is then `unrecognized`); NULL otherwise'),
  robocall,
];

export const TABLES: TableDef[] = [
  {
    name: 'complaints',
    file: 'complaints',
    description: 'One row per complaint, sorted by (state, created_at). One file per year of created_date.',
    columns: COMPLAINT_COLUMNS,
  },
  {
    name: 'daily',
    file: 'cube',
    description: 'Complaints per day × state × subject × robocall flag',
    columns: [col('day', 'DATE', 'The date the complaints were created'), state, subject, robocall, complaints],
  },
  {
    name: 'monthly',
    file: 'cube',
    description: 'Complaints per month × state × subject × robocall flag',
    columns: [month, state, subject, robocall, complaints],
  },
  {
    name: 'area_codes_monthly',
    file: 'cube',
    description: 'Complaints per month × consumer area code × state × robocall flag',
    columns: [month, col('area_code', 'VARCHAR', 'Consumer’s area code'), state, robocall, complaints],
  },
  {
    name: 'callers_monthly',
    file: 'cube',
    description: 'Complaints per month × state for the most-reported caller numbers (the top numbers overall and per state)',
    columns: [month, col('caller_number', 'VARCHAR', 'Caller number as reported'), state, robocall, complaints],
  },
  {
    name: 'pone_complaints_monthly',
    file: 'cube',
    description: 'Complaints whose caller number is named in a Project Point of No Entry letter, per month × provider × number × state',
    columns: [
      month,
      col('provider', 'VARCHAR', 'Provider whose PoNE letter names the number'),
      col('caller_number', 'VARCHAR', 'Caller number named in the letter'),
      state,
      robocall,
      complaints,
    ],
  },
];

export function tableDef(name: string): TableDef {
  const def = TABLES.find((t) => t.name === name);
  if (!def) throw new Error(`no table named ${name} in the catalog`);
  return def;
}
