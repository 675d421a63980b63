/**
 * What travels with every download (docs/PEERS.md §1: OWID's README and `.metadata.json`): a README a
 * person reads and a `metadata.json` code reads, saying exactly what the CSV is — the filters in
 * words and as a URL, the SQL that reproduces it from the published Parquet files, the data version
 * and date range, the sources, when it was made, the licence and how to cite it. Pure.
 */
import { complaintColumn } from '../catalog/tables';
import { CHART_QUERY_COLUMNS } from '../catalog/chart-columns';
import { citationBibtex, citationText, FTC_SOURCE, FTC_SOURCE_URL, type CiteInput } from '../cite';
import { capitalise, MEASURE_LABELS } from '../catalog/enums';
import { FILTERS, URL_KEYS, type UrlKey } from '../explore/filters';
import type { ExploreView, Names } from '../explore/view';
import { FORMULA_LEADERS, FORMULA_RULE_TEXT, FORMULA_TRIGGERS, type ColumnKind } from './csv';

export const METADATA_SCHEMA_VERSION = 1;

/** Build-time facts about the data the page was built from (see page-config.ts). */
export interface DataFacts {
  dataVersion: string;
  synthetic: boolean;
  /** When the data build was made (the manifest's generated_at). */
  builtAt: string;
  /** First and last complaint day in this data version. */
  dateMin: string | null;
  dateMax: string | null;
  sourceFiles: number;
  rowsLoaded: number;
  /** The Parquet files the literal SQL reads, with their checksums. */
  parquet: {
    year: number;
    file: string;
    url: string;
    rows: number;
    bytes: number;
    sha256: string;
  }[];
  /** Reference tables some queries read (`states.csv`, `pone_caller_numbers.csv`). */
  reference: { name: string; file: string; url: string }[];
}

export interface DownloadColumn {
  name: string;
  /** The DuckDB type, or the kind when the type is not known. */
  type: string;
  kind: ColumnKind;
  description: string;
}

export interface DownloadDescription {
  kind: 'rows' | 'aggregate';
  /** The CSV's name inside the zip. */
  csvFile: string;
  view: ExploreView;
  chartTitle: string;
  /** describeFilters(view). */
  filtersText: string;
  /** The view's names for its states and subjects, for the filter list. */
  stateNames: Record<string, string>;
  subjectNames: Record<string, string>;
  /** Absolute URL of the site (origin). */
  site: string;
  /** Absolute URL of the same view in the explorer, pinned to the data version. */
  permalink: string;
  /** The SQL a reader runs in the DuckDB CLI against the Parquet files (literal values). */
  sql: string;
  /** The SQL the browser ran against the DuckDB files, and its bound parameters. */
  boundSql: string;
  boundParams: (string | number | boolean)[];
  columns: DownloadColumn[];
  /** Rows written to the CSV. */
  rows: number;
  /** The count the page showed before the download. */
  expectedRows: number | null;
  csv: { bom: boolean; neutralised: boolean; neutralisedCells: number; bytes: number };
  /** When the file was made: an ISO timestamp. */
  createdAt: string;
  data: DataFacts;
  /** What the chart says beside its numbers: partial periods, numbers left out of a ranking, ties at the cut. */
  notes?: string[];
  /** The CSV is the chart's numbers as the page shows them (labels, clipped periods, percentages), not the SQL's raw rows. */
  shaped?: boolean;
}

/** What a column of a download means: the catalog for row columns, a fixed list for chart columns. */
export function describeColumn(
  name: string,
  kind: 'rows' | 'aggregate',
  view: ExploreView,
): string {
  if (kind === 'rows') return complaintColumn(name)?.description ?? '';
  if (name === 'value')
    return view.chart === 'trend' || view.chart === 'map' || view.chart === 'subjects'
      ? capitalise(MEASURE_LABELS[view.measure])
      : 'Number of complaints';
  return CHART_QUERY_COLUMNS[name] ?? complaintColumn(name)?.description ?? '';
}

/** The DuckDB type of a row column, from the catalog. */
export function catalogType(name: string): string | undefined {
  return complaintColumn(name)?.type;
}

/** The view's filters one by one (each its entry's words), in words a reader can check against the URL. */
export function filterList(
  d: Pick<DownloadDescription, 'view' | 'stateNames' | 'subjectNames' | 'kind'>,
): [string, string][] {
  const names: Names = {
    state: (u) => d.stateNames[u] ?? u,
    subject: (s) => d.subjectNames[s] ?? s,
  };
  const list: [string, string][] = FILTERS.map((k) => [
    k.filter.listLabel,
    k.filter.listText(d.view, names),
  ]);
  if (d.kind === 'aggregate') {
    for (const k of URL_KEYS as readonly UrlKey[]) {
      const text = k.chartSetting?.text(d.view);
      if (k.chartSetting && text != null) list.push([k.chartSetting.label, text]);
    }
  }
  return list;
}

export function citeInputOf(d: DownloadDescription): CiteInput {
  return {
    title: d.kind === 'rows' ? 'FTC Do Not Call complaints' : d.chartTitle,
    description: d.filtersText,
    permalink: d.permalink,
    dataVersion: d.data.dataVersion,
    accessed: d.createdAt.slice(0, 10),
    dataFrom: d.data.dateMin,
    dataTo: d.data.dateMax,
    synthetic: d.data.synthetic,
    kind: 'dataset',
  };
}

/** `metadata.json`: the same facts as the README, for code. */
export function metadataJson(d: DownloadDescription): Record<string, unknown> {
  const cite = citeInputOf(d);
  return {
    schema_version: METADATA_SCHEMA_VERSION,
    title:
      d.kind === 'rows'
        ? `Robocall Atlas: ${d.filtersText}`
        : `Robocall Atlas: ${d.chartTitle}: ${d.filtersText}`,
    kind: d.kind === 'rows' ? 'matching complaints' : 'chart data',
    file: d.csvFile,
    rows: d.rows,
    expected_rows: d.expectedRows,
    created_at: d.createdAt,
    site: d.site,
    permalink: d.permalink,
    filters: {
      text: d.filtersText,
      url: d.permalink,
      ...Object.fromEntries(FILTERS.map((k) => [k.filter.metadataKey, d.view[k.field]])),
      ...(d.kind === 'aggregate'
        ? {
            chart: d.view.chart,
            interval: d.view.interval,
            measure: d.view.measure,
            page: d.view.page,
          }
        : {}),
    },
    data: {
      version: d.data.dataVersion,
      synthetic: d.data.synthetic,
      built_at: d.data.builtAt,
      complaints_created_from: d.data.dateMin,
      complaints_created_to: d.data.dateMax,
      source_files: d.data.sourceFiles,
      rows_loaded: d.data.rowsLoaded,
      parquet_files: d.data.parquet,
      reference_files: d.data.reference,
    },
    sources: [{ name: FTC_SOURCE, url: FTC_SOURCE_URL }],
    sql: d.sql,
    sql_engine: {
      dialect: 'DuckDB',
      runs_on: 'the Parquet files and reference CSV files listed under data, in the current folder',
    },
    browser_query: {
      sql: d.boundSql,
      params: d.boundParams,
      runs_on:
        'the DuckDB files under /data/ (cube.duckdb attached as cube, complaints-<year>.duckdb as c<year>)',
    },
    columns: d.columns,
    ...(d.notes?.length ? { notes: d.notes } : {}),
    csv: {
      encoding: 'UTF-8',
      byte_order_mark: d.csv.bom,
      delimiter: ',',
      line_ending: 'CRLF',
      quoting: 'RFC 4180',
      null: 'empty field',
      empty_string: '""',
      formula_neutralising: d.csv.neutralised
        ? {
            on: true,
            prefix: "'",
            triggers: FORMULA_TRIGGERS,
            also_after_leading: FORMULA_LEADERS,
            applies_to: 'text columns only',
            cells_prefixed: d.csv.neutralisedCells,
          }
        : { on: false },
      bytes: d.csv.bytes,
    },
    licence: licenceText(d.data.synthetic),
    citation: { text: citationText(cite), bibtex: citationBibtex(cite) },
  };
}

export function licenceText(synthetic: boolean): string {
  return synthetic
    ? 'Synthetic sample data generated by Robocall Atlas in the FTC’s format; no rights reserved. The real complaint data are US government works (Federal Trade Commission) in the public domain.'
    : 'The complaint data are US government works (Federal Trade Commission) in the public domain. Robocall Atlas adds no restrictions.';
}

const CAVEATS = [
  'Complaints are unverified reports from consumers who chose to complain; they are not a count of calls.',
  'The caller number is what the consumer’s phone displayed; it is often spoofed and does not identify who called.',
  'The state is the one the consumer reported or, when that is missing or unknown, the state of the consumer’s area code (as the FTC’s Data Book does); `state_from` says which.',
  'The FTC purges complaints older than five years from its own files; this archive keeps every daily file it fetched.',
];

/** `README.md`: what the file is, where it came from, how to reproduce and cite it. */
export function readme(d: DownloadDescription): string {
  const cite = citeInputOf(d);
  const lines: string[] = [];
  const title =
    d.kind === 'rows' ? 'Matching FTC Do Not Call complaints' : `Chart data: ${d.chartTitle}`;
  lines.push(`# Robocall Atlas: ${title}`, '');
  lines.push(`${d.filtersText}.`, '');
  if (d.data.synthetic)
    lines.push(
      '**These are synthetic data, not real FTC complaints.** This build of the site was made from generated sample data shaped like the FTC’s files.',
      '',
    );
  const what =
    d.kind === 'rows'
      ? `one row per complaint that matches the filters below, ordered by created_at, source_file and source_line`
      : `the numbers behind the chart “${d.chartTitle}”, as the explorer shows them${d.shaped ? ': one row per period and series (or per bar), with the code and the label of each' : ''}`;
  lines.push(
    `Made by Robocall Atlas (${d.site}) on ${d.createdAt
      .replace('T', ' ')
      .replace(/\.\d+Z$/, 'Z')
      .replace(/Z$/, ' UTC')} from data version \`${d.data.dataVersion}\`.`,
    '',
  );
  lines.push('## Files', '');
  lines.push(`- \`${d.csvFile}\`: ${d.rows.toLocaleString('en-US')} rows: ${what}.`);
  if (d.expectedRows !== null && d.expectedRows !== d.rows)
    lines.push(
      `  **Note:** the page counted ${d.expectedRows.toLocaleString('en-US')} matching rows before the download; the file has ${d.rows.toLocaleString('en-US')}.`,
    );
  lines.push('- `README.md`: this file.', '- `metadata.json`: the same facts, for code.', '');
  lines.push('## The view', '');
  lines.push(`- In words: ${d.filtersText}.`);
  lines.push(`- As a link (opens the same view, pinned to this data version): ${d.permalink}`);
  for (const [k, v] of filterList(d)) lines.push(`- ${k}: ${v}`);
  lines.push(
    '- Dates are the date the complaint was created (`created_date`); bounds are inclusive.',
    '',
  );
  lines.push('## Data', '');
  lines.push(
    `- Data version: \`${d.data.dataVersion}\` (a hash of the FTC files and reference tables the site was built from; the same inputs give the same version).`,
  );
  lines.push(
    `- Complaints in this data version: created ${d.data.dateMin ?? '?'} to ${d.data.dateMax ?? '?'}, from ${d.data.sourceFiles.toLocaleString('en-US')} FTC daily files (${d.data.rowsLoaded.toLocaleString('en-US')} complaints loaded).`,
  );
  lines.push(`- Data built: ${d.data.builtAt}.`);
  lines.push(
    `- Source: ${FTC_SOURCE}, ${FTC_SOURCE_URL}. Every daily file is listed, with its SHA-256 and the rows read, loaded and rejected, in ${d.site}/data/manifest.json.`,
  );
  lines.push('');
  lines.push('## How to reproduce it', '');
  lines.push(
    `This SQL gives the same ${d.shaped ? 'numbers' : 'rows'}. Download the Parquet files${d.sql.includes('read_csv(') ? ' and reference CSV files' : ''} below from ${d.site}/data/ into one folder, start the DuckDB command line (https://duckdb.org) there, and run it; wrap it in \`COPY (…) TO 'out.csv' (HEADER)\` to write a CSV.`,
    '',
  );
  if (d.shaped)
    lines.push(
      'The SQL gives the numbers themselves; the CSV adds what the chart shows with them: labels beside the codes, each period clipped to the days it holds (and how many those are), shares as percentages, and rankings without invalid caller numbers.',
      '',
    );
  lines.push('```sql', `${d.sql.replace(/;\s*$/, '')};`, '```', '');
  for (const p of d.data.parquet)
    if (d.sql.includes(p.file))
      lines.push(
        `- \`${p.file}\` (${p.rows.toLocaleString('en-US')} rows, ${p.bytes.toLocaleString('en-US')} bytes, SHA-256 \`${p.sha256}\`): ${p.url}`,
      );
  for (const r of d.data.reference)
    if (d.sql.includes(r.file)) lines.push(`- \`${r.file}\`: ${r.url}`);
  lines.push('');
  lines.push('## Columns', '', '| column | type | meaning |', '| --- | --- | --- |');
  for (const c of d.columns)
    lines.push(`| ${c.name} | ${c.type} | ${c.description.replace(/\|/g, '\\|')} |`);
  lines.push('');
  if (d.notes?.length) lines.push('## Notes', '', ...d.notes.map((n) => `- ${n}`), '');
  lines.push('## The CSV file', '');
  lines.push(
    `- UTF-8${d.csv.bom ? ', with a byte-order mark (for Excel)' : ', no byte-order mark'}; comma-separated; lines end in CRLF; fields quoted as RFC 4180 says.`,
  );
  lines.push(
    '- An empty field is NULL (no value); `""` is an empty text. Booleans are `true`/`false`. Timestamps are `YYYY-MM-DD HH:MM:SS` with no time zone, as the FTC gives them.',
  );
  if (d.csv.neutralised)
    lines.push(
      `- Spreadsheet safety: ${FORMULA_RULE_TEXT}, so spreadsheets show it as text instead of running it as a formula. ${d.csv.neutralisedCells.toLocaleString('en-US')} cell${d.csv.neutralisedCells === 1 ? ' was' : 's were'} changed this way. Numeric, boolean, date and timestamp columns are never changed. For the text exactly as reported, download again with this protection off, or use the Parquet files.`,
    );
  else
    lines.push(
      '- Spreadsheet safety was switched off: text is exactly as reported. Do not open this file in a spreadsheet if you do not trust its text.',
    );
  lines.push('');
  lines.push('## Caveats', '', ...CAVEATS.map((c) => `- ${c}`), `- More: ${d.site}/about/`, '');
  lines.push('## Licence', '', licenceText(d.data.synthetic), '');
  lines.push(
    '## How to cite',
    '',
    citationText(cite),
    '',
    '```bibtex',
    citationBibtex(cite),
    '```',
    '',
  );
  return lines.join('\n');
}
