/**
 * The tables the pipeline writes and the site reads: one catalog, from which the ingest's table
 * definitions and column lists (scripts/ingest), the explorer's row columns, the data dictionary on
 * /data/, download READMEs, table headers and the reference tables' row types are all made.
 *
 * Files (docs/DESIGN.md §3): `complaints-<year>.duckdb` holds table `complaints`; `cube.duckdb` holds
 * the aggregate and reference tables. Every `.duckdb` file is written with storage version
 * v1.4.0 so the browser's duckdb-wasm can attach it.
 */
import { CALL_KIND_LABELS, ROBOCALL, ROBOCALL_VALUES } from './enums';

/** The DuckDB types the catalog uses (as `duckdb_columns()` names them). */
export type DuckType = 'VARCHAR' | 'INTEGER' | 'BIGINT' | 'BOOLEAN' | 'DATE' | 'TIMESTAMP';

/** How a value is shown to a reader (src/lib/format.ts does the work). */
export type ColumnFormat =
  | 'text'
  | 'code'
  | 'count'
  | 'integer'
  | 'date'
  | 'timestamp'
  | 'boolean'
  | 'flag'
  | 'phone'
  | 'url';

/** One value of an enumeration: as stored (`TRUE`, `reported`), in URLs where it has one, and its words. */
export interface EnumValue {
  stored: string;
  url?: string;
  label: string;
}

export interface ColumnDef<
  N extends string = string,
  T extends DuckType = DuckType,
  Null extends boolean = boolean,
> {
  name: N;
  type: T;
  /** Its name as a table header or a form says it. */
  label: string;
  description: string;
  /** What one unit of it is (`complaints`, `people`), for numbers. */
  unit?: string;
  format: ColumnFormat;
  /** For enumerations: every value it takes, with its words. */
  values?: readonly EnumValue[];
  /** False where the column never holds NULL. */
  nullable: Null;
  /** For a BOOLEAN read from a reference CSV: the text that means TRUE there (anything else is FALSE). */
  csvTrue?: string;
}

export interface TableDef<C extends readonly ColumnDef[] = readonly ColumnDef[]> {
  name: string;
  /** Which file holds it: `complaints` (the yearly row-level files), `cube`, or `callers` (the caller index). */
  file: 'complaints' | 'cube' | 'callers';
  description: string;
  columns: C;
}

interface ColumnMore {
  unit?: string;
  format?: ColumnFormat;
  values?: readonly EnumValue[];
  /** Never NULL. */
  required?: true;
  csvTrue?: string;
}

const DEFAULT_FORMAT: Record<DuckType, ColumnFormat> = {
  VARCHAR: 'text',
  INTEGER: 'integer',
  BIGINT: 'integer',
  BOOLEAN: 'boolean',
  DATE: 'date',
  TIMESTAMP: 'timestamp',
};

function col<
  const N extends string,
  const T extends DuckType,
  const O extends ColumnMore = ColumnMore,
>(
  name: N,
  type: T,
  label: string,
  description: string,
  more?: O,
): ColumnDef<N, T, O extends { required: true } ? false : true> {
  const { required, format, ...rest } = (more ?? {}) as ColumnMore;
  return {
    name,
    type,
    label,
    description,
    format: format ?? DEFAULT_FORMAT[type],
    nullable: (required !== true) as O extends { required: true } ? false : true,
    ...rest,
  };
}

const table = <const C extends readonly ColumnDef[]>(def: TableDef<C>): TableDef<C> => def;

type JsTypeOf<T extends DuckType> = T extends 'INTEGER' | 'BIGINT'
  ? number
  : T extends 'BOOLEAN'
    ? boolean
    : string;

/** A row of a table as a query hands it over (dates and timestamps as text). */
export type RowOf<D extends TableDef> = {
  [C in D['columns'][number] as C['name']]:
    JsTypeOf<C['type']> | (C['nullable'] extends false ? never : null);
};

/** The robocall flag's values: stored BOOLEAN ↔ URL value ↔ words (enums.ts ROBOCALL). */
export const ROBOCALL_COLUMN_VALUES: readonly EnumValue[] = ROBOCALL_VALUES.map((v) => ({
  stored: ROBOCALL[v].sql,
  url: v,
  label: ROBOCALL[v].label,
}));

const month = col('month', 'DATE', 'Month', 'First day of the month the complaint was created', {
  required: true,
});
const state = col(
  'state',
  'VARCHAR',
  'State',
  'USPS code of the consumer’s state (reported, else from the area code); NULL when neither is known',
  { format: 'code' },
);
const subject = col('subject', 'VARCHAR', 'Subject', 'Subject slug (see the subjects table)', {
  format: 'code',
  required: true,
});
const robocall = col(
  'robocall',
  'BOOLEAN',
  'Robocall or live',
  'TRUE when the consumer said the call was a recorded message or robocall, FALSE when live, NULL when not said',
  { format: 'flag', values: ROBOCALL_COLUMN_VALUES },
);
const complaints = col('complaints', 'BIGINT', 'Complaints', 'Number of complaints', {
  unit: 'complaints',
  format: 'count',
  required: true,
});

export const COMPLAINT_COLUMNS = [
  col(
    'source_file',
    'VARCHAR',
    'Source file',
    'The FTC daily file the row came from, as published',
    {
      required: true,
    },
  ),
  col(
    'source_line',
    'INTEGER',
    'Source line',
    'Line of that file where the row starts (the header is line 1)',
    { required: true },
  ),
  col(
    'created_at',
    'TIMESTAMP',
    'Created',
    'When the complaint was filed (Created_Date; no time zone given by the FTC)',
    { required: true },
  ),
  col('created_date', 'DATE', 'Created on', 'The date part of created_at', { required: true }),
  col(
    'violation_at',
    'TIMESTAMP',
    'Call came',
    'When the consumer says the call came (Violation_Date); NULL when missing or unreadable',
  ),
  col(
    'caller_number',
    'VARCHAR',
    'Caller number',
    'Company_Phone_Number: the number the caller displayed, digits as reported (often spoofed)',
    { format: 'phone' },
  ),
  col(
    'caller_valid',
    'BOOLEAN',
    'Valid caller number',
    'TRUE when caller_number is a 10-digit NANP number',
    {
      required: true,
    },
  ),
  col('city', 'VARCHAR', 'City', 'Consumer_City as typed by the consumer; NULL when empty'),
  state,
  col(
    'state_from',
    'VARCHAR',
    'State from',
    '`reported` (Consumer_State), `area_code` (from the consumer’s area code, as the FTC Data Book does) or `none`',
    {
      format: 'code',
      required: true,
      values: [
        { stored: 'reported', label: 'Reported by the consumer' },
        { stored: 'area_code', label: 'From the consumer’s area code' },
        { stored: 'none', label: 'Not known' },
      ],
    },
  ),
  col(
    'state_reported',
    'VARCHAR',
    'State as reported',
    'Consumer_State as reported, kept only when it named no known state or territory; NULL otherwise',
  ),
  col(
    'area_code',
    'VARCHAR',
    'Area code',
    'Consumer_Area_Code: the consumer’s three-digit area code',
    {
      format: 'code',
    },
  ),
  subject,
  col(
    'subject_reported',
    'VARCHAR',
    'Subject as reported',
    'Subject as reported, kept only when it is not one of the FTC’s labels (subject is then `unrecognized`); NULL otherwise',
  ),
  robocall,
] as const;

export type ComplaintColumn = (typeof COMPLAINT_COLUMNS)[number]['name'];
export type ComplaintRow = RowOf<TableDef<typeof COMPLAINT_COLUMNS>>;

/**
 * The complaint columns the explorer shows as rows (its `table` chart) and puts in a row download,
 * in the order it shows them: when it happened, where, what, who called, then where the row came from.
 */
export const ROW_VIEW_COLUMNS = [
  'created_at',
  'created_date',
  'violation_at',
  'state',
  'state_from',
  'area_code',
  'city',
  'subject',
  'robocall',
  'caller_number',
  'caller_valid',
  'source_file',
  'source_line',
] as const satisfies readonly ComplaintColumn[];

export const COMPLAINTS_TABLE = table({
  name: 'complaints',
  file: 'complaints',
  description:
    'One row per complaint, sorted by (state, created_at); the latest year in two stretches so sorted, its earlier months then its latest month. One file per year of created_date.',
  columns: COMPLAINT_COLUMNS,
});

/**
 * The caller index: slim (what a lookup and the static caller pages read), one file a year. See
 * scripts/ingest/caller-index.ts for why; readers take the number as CALLER_NUMBER_SQL
 * (src/lib/caller/lookup.ts).
 */
export const CALLER_COMPLAINTS_TABLE = table({
  name: 'caller_complaints',
  file: 'callers',
  description:
    'The caller index (callers-<year>.duckdb, one file per year of created_date): every complaint whose caller number is all digits, sorted by the number, so a lookup of one number reads a few small blocks of each year',
  columns: [
    col(
      'caller_key',
      'BIGINT',
      'Caller key',
      'The caller number as an integer (the sort key; exact min/max per row group)',
      { required: true },
    ),
    col(
      'caller_number',
      'VARCHAR',
      'Caller number',
      'The caller number as reported, only where its digits differ from caller_key’s (leading zeros); NULL otherwise, so the number is coalesce(caller_number, caller_key::VARCHAR)',
      { format: 'phone' },
    ),
    col(
      'caller_valid',
      'BOOLEAN',
      'Valid caller number',
      'TRUE when the number is a 10-digit NANP number',
      { required: true },
    ),
    col('created_date', 'DATE', 'Created on', 'The date the complaint was created', {
      required: true,
    }),
    state,
    subject,
    robocall,
  ],
});

export const TABLES: readonly TableDef[] = [
  COMPLAINTS_TABLE,
  CALLER_COMPLAINTS_TABLE,
  table({
    name: 'daily',
    file: 'cube',
    description: 'Complaints per day × state × subject × robocall flag',
    columns: [
      col('day', 'DATE', 'Day', 'The date the complaints were created', { required: true }),
      state,
      subject,
      robocall,
      complaints,
    ],
  }),
  table({
    name: 'monthly',
    file: 'cube',
    description: 'Complaints per month × state × subject × robocall flag',
    columns: [month, state, subject, robocall, complaints],
  }),
  table({
    name: 'area_codes_monthly',
    file: 'cube',
    description: 'Complaints per month × consumer area code × state × robocall flag',
    columns: [
      month,
      col('area_code', 'VARCHAR', 'Area code', 'Consumer’s area code', { format: 'code' }),
      state,
      robocall,
      complaints,
    ],
  }),
  table({
    name: 'callers_monthly',
    file: 'cube',
    description:
      'Complaints per month × state for the most-reported caller numbers (the top numbers overall and per state)',
    columns: [
      month,
      col('caller_number', 'VARCHAR', 'Caller number', 'Caller number as reported', {
        format: 'phone',
        required: true,
      }),
      state,
      robocall,
      complaints,
    ],
  }),
  table({
    name: 'callers_invalid_monthly',
    file: 'cube',
    description:
      'Complaints per month × state × robocall flag that carried no valid caller number (empty, a placeholder such as 0000000000, or not a 10-digit NANP number); they are never ranked',
    columns: [month, state, robocall, complaints],
  }),
  table({
    name: 'pone_complaints_monthly',
    file: 'cube',
    description:
      'Complaints whose caller number is named in a Project Point of No Entry letter, per month × provider × number × state',
    columns: [
      month,
      col('provider', 'VARCHAR', 'Provider', 'Provider whose PoNE letter names the number', {
        required: true,
      }),
      col('caller_number', 'VARCHAR', 'Caller number', 'Caller number named in the letter', {
        format: 'phone',
        required: true,
      }),
      state,
      robocall,
      complaints,
    ],
  }),
];

const text = <const N extends string, const O extends ColumnMore = ColumnMore>(
  name: N,
  label: string,
  description: string,
  more?: O,
) => col(name, 'VARCHAR', label, description, more);

export const STATES_TABLE = table({
  name: 'states',
  file: 'cube',
  description: 'States, DC and territories with their 2020 Census population (U.S. Census Bureau)',
  columns: [
    text('usps', 'USPS code', 'USPS code', { format: 'code', required: true }),
    text('fips', 'FIPS code', 'FIPS state code', { format: 'code', required: true }),
    text('name', 'Name', 'Name as the FTC writes it in Consumer_State', { required: true }),
    col(
      'population_2020',
      'BIGINT',
      'Population (2020)',
      '2020 Census resident population; NULL for territories the Census table leaves out',
      { unit: 'people', format: 'count' },
    ),
    text('kind', 'Kind', '`state`, `district` or `territory`', {
      format: 'code',
      required: true,
      values: [
        { stored: 'state', label: 'State' },
        { stored: 'district', label: 'District' },
        { stored: 'territory', label: 'Territory' },
      ],
    }),
  ],
});

export const SUBJECTS_TABLE = table({
  name: 'subjects',
  file: 'cube',
  description: 'The FTC’s subject labels and the slugs this site uses for them',
  columns: [
    text(
      'ftc_label',
      'The FTC’s label',
      'The label exactly as the FTC publishes it (double space before “&”)',
      { required: true },
    ),
    text('slug', 'Slug', 'Short name used in URLs and tables', { format: 'code', required: true }),
    text('label', 'Subject', 'Display label', { required: true }),
  ],
});

export const AREA_CODES_TABLE = table({
  name: 'area_codes',
  file: 'cube',
  description: 'NANP area codes (NANPA NPA report, 2025-11-26)',
  columns: [
    text('area_code', 'Area code', 'Three-digit area code', { format: 'code', required: true }),
    text('location', 'Location', 'USPS code for US areas; a province or country name otherwise'),
    text('country', 'Country', 'Country'),
    text('use', 'Use', '`G` geographic or `N` non-geographic (toll-free and the like)', {
      format: 'code',
      values: [
        { stored: 'G', label: 'Geographic' },
        { stored: 'N', label: 'Non-geographic' },
      ],
    }),
    col('in_service', 'BOOLEAN', 'In service', 'In service on the report’s date', {
      csvTrue: 'Y',
    }),
    text('overlay_complex', 'Overlay', 'Area codes that overlay the same region'),
    text('time_zone', 'Time zone', 'Time zone letter(s)', { format: 'code' }),
  ],
});

export const ENFORCEMENT_ACTIONS_TABLE = table({
  name: 'enforcement_actions',
  file: 'cube',
  description:
    'FTC, FCC, DOJ and state actions against voice providers, gateway providers and robocall operations, January 2020 to February 2026, with sources',
  columns: [
    text(
      'date',
      'Date',
      '`YYYY-MM-DD`, or `YYYY-MM` where only the month is known; empty where no source gives one',
    ),
    text(
      'provider',
      'Provider',
      'Who the action was against, as the source names it; empty for a batch of unnamed providers (notes start with `batch`)',
    ),
    text('provider_country', 'Country', 'Provider’s country, where known'),
    text('agency', 'Agency', 'FTC, FCC, DOJ or a state'),
    text('action_type', 'Action', 'What kind of action'),
    text('campaigns', 'Campaigns', 'Robocall campaigns named'),
    text('source_url', 'Source', 'Where the action is documented', { format: 'url' }),
    text('notes', 'Notes', 'Notes on the source and date'),
    text(
      'category',
      'Category',
      'What the action targets: `pone_letter` (FTC Project Point of No Entry letter or announcement), `gateway_action` (a gateway provider), `provider_action` (another voice provider), `robocaller_action` (a robocall operation), `sweep` (a multi-party sweep)',
      { format: 'code' },
    ),
    text(
      'source_kind',
      'Kind of source',
      '`primary` when `source_url` is the agency’s or court’s own document, `secondary` when it is reporting on it',
      { format: 'code' },
    ),
  ],
});

export const PONE_LETTERS_TABLE = table({
  name: 'pone_letters',
  file: 'cube',
  description:
    'The 31 Project Point of No Entry letters the FTC published (via NC State’s public-domain dataset)',
  columns: [
    text('pdf_file', 'Letter file', 'Letter file name', { required: true }),
    text('provider', 'Provider', 'Provider the letter was sent to', { required: true }),
    text('letter_type', 'Kind of letter', '`warning` or `cease-and-desist`', {
      format: 'code',
      values: [
        { stored: 'warning', label: 'Warning' },
        { stored: 'cease-and-desist', label: 'Cease and desist' },
      ],
    }),
    text('recordings', 'Recordings', 'Example recordings attached to the letter'),
    text('caller_ids', 'Caller IDs', 'Caller numbers first found in this letter'),
    text('ftc_url', 'FTC page', 'The FTC’s page for the letter, where known', { format: 'url' }),
    text('letter_date', 'Date', 'Date where a source states it (`YYYY-MM-DD` or `YYYY-MM`)'),
    text('source_url', 'Source', 'Source of the date', { format: 'url' }),
    text('case_details', 'FTC slug', 'FTC slug for the letter', { format: 'code' }),
    text('notes', 'Notes', 'Notes on dates and sources'),
  ],
});

export const PONE_CALLER_NUMBERS_TABLE = table({
  name: 'pone_caller_numbers',
  file: 'cube',
  description:
    'Caller numbers named in the PoNE letters: the caller IDs campaigns displayed, often spoofed',
  columns: [
    text('caller_number', 'Caller number', '10-digit number', { format: 'phone', required: true }),
    text('provider', 'Provider', 'Provider whose letter names it', { required: true }),
    text('letter_pdf', 'Letter', 'The letter'),
    text('campaign', 'Campaign', 'Campaign label from the letter, where given'),
    col(
      'likely_ftc_staff_number',
      'BOOLEAN',
      'FTC staff number',
      'An FTC staff number from a letterhead; never linked to complaints',
      { csvTrue: 'yes', required: true },
    ),
    text('found_in', 'Found in', 'Where in the letter it was found'),
  ],
});

export const DATABOOK_ANNUAL_TABLE = table({
  name: 'databook_annual',
  file: 'cube',
  description:
    'Complaints and robocall complaints per fiscal year from the FTC’s Do Not Call Data Book',
  columns: [
    col('fiscal_year', 'INTEGER', 'Fiscal year', 'Fiscal year (October to September)', {
      required: true,
    }),
    col('complaints', 'BIGINT', 'Complaints', 'Complaints that year', {
      unit: 'complaints',
      format: 'count',
    }),
    col(
      'robocall_complaints',
      'BIGINT',
      'Robocall complaints',
      'Of which robocalls, where published',
      {
        unit: 'complaints',
        format: 'count',
      },
    ),
    text('precision', 'Precision', 'Which figures are exact and which approximate'),
    text('source', 'Source', 'Data Book page or release'),
  ],
});

/** The reference tables, carried from data/reference into cube.duckdb (and published as CSV). */
export const REFERENCE_TABLES: readonly TableDef[] = [
  STATES_TABLE,
  SUBJECTS_TABLE,
  AREA_CODES_TABLE,
  ENFORCEMENT_ACTIONS_TABLE,
  PONE_LETTERS_TABLE,
  PONE_CALLER_NUMBERS_TABLE,
  DATABOOK_ANNUAL_TABLE,
];

/** The reference tables' rows, as a query over cube.duckdb hands them over: declared here only. */
export type StateRow = RowOf<typeof STATES_TABLE>;
export type SubjectRow = RowOf<typeof SUBJECTS_TABLE>;
export type AreaCodeRow = RowOf<typeof AREA_CODES_TABLE>;
export type EnforcementActionRow = RowOf<typeof ENFORCEMENT_ACTIONS_TABLE>;
export type PoneLetterRow = RowOf<typeof PONE_LETTERS_TABLE>;
export type PoneCallerNumberRow = RowOf<typeof PONE_CALLER_NUMBERS_TABLE>;
export type DatabookAnnualRow = RowOf<typeof DATABOOK_ANNUAL_TABLE>;

export function tableDef(name: string): TableDef {
  const def = [...TABLES, ...REFERENCE_TABLES].find((t) => t.name === name);
  if (!def) throw new Error(`no table named ${name} in the catalog`);
  return def;
}

export function columnDef(table: string, name: string): ColumnDef {
  const def = tableDef(table).columns.find((c) => c.name === name);
  if (!def) throw new Error(`no column ${name} in table ${table} of the catalog`);
  return def;
}

/** A complaint column's definition (the yearly files, the caller index and row downloads share them). */
export function complaintColumn(name: string): ColumnDef | undefined {
  return (COMPLAINT_COLUMNS as readonly ColumnDef[]).find((c) => c.name === name);
}

/** The series codes the chart data uses for the flag, with their labels (for the dictionary's words). */
export const CALL_KIND_VALUES = CALL_KIND_LABELS;
