/**
 * The tables the pipeline writes and the site reads: one catalog, so the ingest's DDL, the data
 * dictionary on /data/ and the download READMEs all describe the same columns.
 *
 * Files (docs/DESIGN.md §3): `complaints-<year>.duckdb` holds table `complaints`; `cube.duckdb` holds
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
  /** Which file holds it: `complaints` (the yearly row-level files), `cube`, or `callers` (the caller index). */
  file: 'complaints' | 'cube' | 'callers';
  description: string;
  columns: ColumnDef[];
}

const col = (name: string, type: string, description: string): ColumnDef => ({
  name,
  type,
  description,
});

const month = col('month', 'DATE', 'First day of the month the complaint was created');
const state = col(
  'state',
  'VARCHAR',
  'USPS code of the consumer’s state (reported, else from the area code); NULL when neither is known',
);
const subject = col('subject', 'VARCHAR', 'Subject slug (see the subjects table)');
const robocall = col(
  'robocall',
  'BOOLEAN',
  'TRUE when the consumer said the call was a recorded message or robocall, FALSE when live, NULL when not said',
);
const complaints = col('complaints', 'BIGINT', 'Number of complaints');

export const COMPLAINT_COLUMNS: ColumnDef[] = [
  col('source_file', 'VARCHAR', 'The FTC daily file the row came from, as published'),
  col('source_line', 'INTEGER', 'Line of that file where the row starts (the header is line 1)'),
  col(
    'created_at',
    'TIMESTAMP',
    'When the complaint was filed (Created_Date; no time zone given by the FTC)',
  ),
  col('created_date', 'DATE', 'The date part of created_at'),
  col(
    'violation_at',
    'TIMESTAMP',
    'When the consumer says the call came (Violation_Date); NULL when missing or unreadable',
  ),
  col(
    'caller_number',
    'VARCHAR',
    'Company_Phone_Number: the number the caller displayed, digits as reported (often spoofed)',
  ),
  col('caller_valid', 'BOOLEAN', 'TRUE when caller_number is a 10-digit NANP number'),
  col('city', 'VARCHAR', 'Consumer_City as typed by the consumer; NULL when empty'),
  state,
  col(
    'state_from',
    'VARCHAR',
    '`reported` (Consumer_State), `area_code` (from the consumer’s area code, as the FTC Data Book does) or `none`',
  ),
  col(
    'state_reported',
    'VARCHAR',
    'Consumer_State as reported, kept only when it named no known state or territory; NULL otherwise',
  ),
  col('area_code', 'VARCHAR', 'Consumer_Area_Code: the consumer’s three-digit area code'),
  subject,
  col(
    'subject_reported',
    'VARCHAR',
    'Subject as reported, kept only when it is not one of the FTC’s labels (subject is then `unrecognized`); NULL otherwise',
  ),
  robocall,
];

export const TABLES: TableDef[] = [
  {
    name: 'complaints',
    file: 'complaints',
    description:
      'One row per complaint, sorted by (state, created_at). One file per year of created_date.',
    columns: COMPLAINT_COLUMNS,
  },
  {
    name: 'caller_complaints',
    file: 'callers',
    description:
      'The caller index (callers.duckdb): every complaint that gives a caller number, all years in one table sorted by the number, so a lookup of one number reads a few small blocks',
    columns: [
      col(
        'caller_key',
        'BIGINT',
        'caller_number as an integer when it is all digits (the sort key; exact min/max per row group), else NULL',
      ),
      ...COMPLAINT_COLUMNS,
    ],
  },
  {
    name: 'daily',
    file: 'cube',
    description: 'Complaints per day × state × subject × robocall flag',
    columns: [
      col('day', 'DATE', 'The date the complaints were created'),
      state,
      subject,
      robocall,
      complaints,
    ],
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
    columns: [
      month,
      col('area_code', 'VARCHAR', 'Consumer’s area code'),
      state,
      robocall,
      complaints,
    ],
  },
  {
    name: 'callers_monthly',
    file: 'cube',
    description:
      'Complaints per month × state for the most-reported caller numbers (the top numbers overall and per state)',
    columns: [
      month,
      col('caller_number', 'VARCHAR', 'Caller number as reported'),
      state,
      robocall,
      complaints,
    ],
  },
  {
    name: 'callers_invalid_monthly',
    file: 'cube',
    description:
      'Complaints per month × state × robocall flag that carried no valid caller number (empty, a placeholder such as 0000000000, or not a 10-digit NANP number); they are never ranked',
    columns: [month, state, robocall, complaints],
  },
  {
    name: 'pone_complaints_monthly',
    file: 'cube',
    description:
      'Complaints whose caller number is named in a Project Point of No Entry letter, per month × provider × number × state',
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

const text = (name: string, description: string) => col(name, 'VARCHAR', description);

/** The reference tables, carried from data/reference into cube.duckdb (and published as CSV). */
export const REFERENCE_TABLES: TableDef[] = [
  {
    name: 'states',
    file: 'cube',
    description:
      'States, DC and territories with their 2020 Census population (U.S. Census Bureau)',
    columns: [
      text('usps', 'USPS code'),
      text('fips', 'FIPS state code'),
      text('name', 'Name as the FTC writes it in Consumer_State'),
      col(
        'population_2020',
        'BIGINT',
        '2020 Census resident population; NULL for territories the Census table leaves out',
      ),
      text('kind', '`state`, `district` or `territory`'),
    ],
  },
  {
    name: 'subjects',
    file: 'cube',
    description: 'The FTC’s subject labels and the slugs this site uses for them',
    columns: [
      text('ftc_label', 'The label exactly as the FTC publishes it (double space before “&”)'),
      text('slug', 'Short name used in URLs and tables'),
      text('label', 'Display label'),
    ],
  },
  {
    name: 'area_codes',
    file: 'cube',
    description: 'NANP area codes (NANPA NPA report, 2025-11-26)',
    columns: [
      text('area_code', 'Three-digit area code'),
      text('location', 'USPS code for US areas; a province or country name otherwise'),
      text('country', 'Country'),
      text('use', '`G` geographic or `N` non-geographic (toll-free and the like)'),
      col('in_service', 'BOOLEAN', 'In service on the report’s date'),
      text('overlay_complex', 'Area codes that overlay the same region'),
      text('time_zone', 'Time zone letter(s)'),
    ],
  },
  {
    name: 'enforcement_actions',
    file: 'cube',
    description:
      'FTC, FCC, DOJ and state actions against voice providers, gateway providers and robocall operations, January 2020 to February 2026, with sources',
    columns: [
      text(
        'date',
        '`YYYY-MM-DD`, or `YYYY-MM` where only the month is known; empty where no source gives one',
      ),
      text(
        'provider',
        'Who the action was against, as the source names it; empty for a batch of unnamed providers (notes start with `batch`)',
      ),
      text('provider_country', 'Provider’s country, where known'),
      text('agency', 'FTC, FCC, DOJ or a state'),
      text('action_type', 'What kind of action'),
      text('campaigns', 'Robocall campaigns named'),
      text('source_url', 'Where the action is documented'),
      text('notes', 'Notes on the source and date'),
      text(
        'category',
        'What the action targets: `pone_letter` (FTC Project Point of No Entry letter or announcement), `gateway_action` (a gateway provider), `provider_action` (another voice provider), `robocaller_action` (a robocall operation), `sweep` (a multi-party sweep)',
      ),
      text(
        'source_kind',
        '`primary` when `source_url` is the agency’s or court’s own document, `secondary` when it is reporting on it',
      ),
    ],
  },
  {
    name: 'pone_letters',
    file: 'cube',
    description:
      'The 31 Project Point of No Entry letters the FTC published (via NC State’s public-domain dataset)',
    columns: [
      text('pdf_file', 'Letter file name'),
      text('provider', 'Provider the letter was sent to'),
      text('letter_type', '`warning` or `cease-and-desist`'),
      text('recordings', 'Example recordings attached to the letter'),
      text('caller_ids', 'Caller numbers first found in this letter'),
      text('ftc_url', 'The FTC’s page for the letter, where known'),
      text('letter_date', 'Date where a source states it (`YYYY-MM-DD` or `YYYY-MM`)'),
      text('source_url', 'Source of the date'),
      text('case_details', 'FTC slug for the letter'),
      text('notes', 'Notes on dates and sources'),
    ],
  },
  {
    name: 'pone_caller_numbers',
    file: 'cube',
    description:
      'Caller numbers named in the PoNE letters: the caller IDs campaigns displayed, often spoofed',
    columns: [
      text('caller_number', '10-digit number'),
      text('provider', 'Provider whose letter names it'),
      text('letter_pdf', 'The letter'),
      text('campaign', 'Campaign label from the letter, where given'),
      col(
        'likely_ftc_staff_number',
        'BOOLEAN',
        'An FTC staff number from a letterhead; never linked to complaints',
      ),
      text('found_in', 'Where in the letter it was found'),
    ],
  },
  {
    name: 'databook_annual',
    file: 'cube',
    description:
      'Complaints and robocall complaints per fiscal year from the FTC’s Do Not Call Data Book',
    columns: [
      col('fiscal_year', 'INTEGER', 'Fiscal year (October to September)'),
      col('complaints', 'BIGINT', 'Complaints that year'),
      col('robocall_complaints', 'BIGINT', 'Of which robocalls, where published'),
      text('precision', 'Which figures are exact and which approximate'),
      text('source', 'Data Book page or release'),
    ],
  },
];

export function tableDef(name: string): TableDef {
  const def = [...TABLES, ...REFERENCE_TABLES].find((t) => t.name === name);
  if (!def) throw new Error(`no table named ${name} in the catalog`);
  return def;
}
