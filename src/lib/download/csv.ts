/**
 * CSV for downloads: RFC 4180 text that a spreadsheet opens safely and code reads exactly. Pure.
 *
 * Spreadsheet safety (docs/PEERS.md §12.3, OWASP "CSV Injection"): a *text* cell that starts with
 * `=`, `+`, `-`, `@`, `|`, a full-width `＝ ＋ － ＠`, a tab, CR or LF — also after blank or
 * invisible leading characters — could be read as a formula by Excel, LibreOffice or Google Sheets, and the FTC's free-text fields (city, the caller number as reported) are typed
 * by anyone. Such a cell gets a leading apostrophe (`=HYPERLINK(…)` → `'=HYPERLINK(…)`), which the
 * spreadsheets show as text. Only text columns are ever touched: a column of numeric, boolean, date
 * or timestamp type is written exactly as DuckDB holds it (Grafana once "fixed" this by corrupting
 * negative numbers, grafana/grafana#17363), and a phone number is digits, which need nothing.
 * Code that wants the raw text can switch neutralising off (`neutralise: false`), or read Parquet.
 *
 * Values are written the way DuckDB's own `COPY … TO 'x.csv'` writes them, so a file made in the
 * browser and one made by the DuckDB CLI from the README's SQL compare cell for cell: NULL is an
 * empty field, an empty string is `""`, booleans are `true`/`false`, dates `YYYY-MM-DD`,
 * timestamps `YYYY-MM-DD HH:MM:SS` (no zone; the FTC gives none). Numbers are the same values in
 * their shortest exact form (`100` where DuckDB writes a DOUBLE as `100.0`, `2.5e-7` for
 * `2.5e-07`): the browser engine hands BIGINT counts over as doubles, so the two cannot be told
 * apart, and `100` is right for both. Lines end in CRLF (RFC 4180); the text is UTF-8, with an
 * optional byte-order mark for Excel on Windows.
 */
import { dayKey } from '../dates';
import { csvField } from '../ftc-format';

export type ColumnKind = 'number' | 'boolean' | 'date' | 'timestamp' | 'text';

export interface CsvColumn {
  name: string;
  kind: ColumnKind;
}

export interface CsvOptions {
  /** Prefix formula-looking text cells with `'`. Default: true. */
  neutralise?: boolean;
  /** When given, counts the cells that were prefixed. */
  stats?: { neutralised: number };
}

/** The UTF-8 byte-order mark Excel looks for to read a CSV as UTF-8. */
export const BOM = '\uFEFF';
export const NEWLINE = '\r\n';

/**
 * Characters that make a spreadsheet read a cell as a formula (or a DDE command) when they come
 * first: the ASCII ones, their full-width forms (Excel and LibreOffice take `＝1+1` for `=1+1` in
 * some locales), the pipe of DDE payloads, and the line and tab characters OWASP names.
 */
export const FORMULA_TRIGGERS: readonly string[] = [
  '=',
  '+',
  '-',
  '@',
  '|',
  '\t',
  '\r',
  '\n',
  '\uFF1D',
  '\uFF0B',
  '\uFF0D',
  '\uFF20',
];

/**
 * Blank or invisible characters a spreadsheet may skip before a trigger, so that ` =1+1`,
 * `\u00A0=1+1` or a byte-order mark then `=1+1` are formulas too: spaces (ASCII, no-break,
 * the Unicode space separators), zero-width characters, the word joiner and the BOM.
 */
export const FORMULA_LEADERS: readonly string[] = [
  ' ',
  '\f',
  '\v',
  '\u00A0',
  '\u1680',
  '\u180E',
  '\u2000',
  '\u2001',
  '\u2002',
  '\u2003',
  '\u2004',
  '\u2005',
  '\u2006',
  '\u2007',
  '\u2008',
  '\u2009',
  '\u200A',
  '\u200B',
  '\u200C',
  '\u200D',
  '\u2028',
  '\u2029',
  '\u202F',
  '\u205F',
  '\u2060',
  '\u3000',
  '\uFEFF',
];

/** One character inside a regular-expression class, written so both JavaScript and RE2 (DuckDB) read it alike. */
function classChar(c: string): string {
  const escapes: Record<string, string> = {
    '\t': '\\t',
    '\r': '\\r',
    '\n': '\\n',
    '\f': '\\f',
    '\v': '\\v',
    '\\': '\\\\',
    ']': '\\]',
    '[': '\\[',
    '^': '\\^',
    '-': '\\-',
  };
  return escapes[c] ?? c;
}

/**
 * The one rule, as a regular expression both engines run: any blank or invisible leaders, then a
 * trigger. `looksLikeFormula` runs it in JavaScript, `neutraliseSql` in DuckDB (RE2), and a test
 * holds the two to the same answers on a corpus of payloads.
 */
export const FORMULA_PATTERN = `^[${FORMULA_LEADERS.map(classChar).join('')}]*[${FORMULA_TRIGGERS.map(classChar).join('')}]`;
const FORMULA_REGEXP = new RegExp(FORMULA_PATTERN);

/** The rule in words, for READMEs and pages. */
export const FORMULA_RULE_TEXT =
  "a text cell that starts with `=`, `+`, `-`, `@`, `|` (or their full-width forms `＝ ＋ － ＠`), a tab, a carriage return or a line feed, also after leading spaces, no-break or zero-width spaces or a byte-order mark, gets an apostrophe (`'`) put in front";

/** True when a text cell would be read as a formula (or a DDE command) by a spreadsheet. */
export function looksLikeFormula(text: string): boolean {
  return FORMULA_REGEXP.test(text);
}

/** `=1+2` → `'=1+2`; anything else unchanged. For text cells only. */
export function neutraliseText(text: string): string {
  return looksLikeFormula(text) ? `'${text}` : text;
}

/**
 * The same as `neutraliseText`, as a DuckDB SQL expression over a VARCHAR expression (NULL stays
 * NULL), for files written by `COPY … TO` (ingest's bulk CSV downloads, the browser's downloads).
 */
export function neutraliseSql(expression: string): string {
  return `CASE WHEN ${mayStartFormulaSql(expression)} AND regexp_matches(${expression}, '${FORMULA_PATTERN.replace(/'/g, "''")}') THEN '''' || ${expression} ELSE ${expression} END`;
}

/**
 * A test of the first character that every cell the rule changes passes (the ASCII leaders and
 * triggers by code, anything from U+00A0 up in one comparison), so the regular expression runs on
 * almost no cell: a `COPY` of 1.5 M rows with nine text columns, native DuckDB, took 945-981 ms
 * with the expression alone, 592-666 ms with this in front, 569-578 ms with no neutralising.
 * Only in `CASE`: as an aggregate's `FILTER` it was slower than the expression alone.
 */
function mayStartFormulaSql(expression: string): string {
  const codes = [...FORMULA_LEADERS, ...FORMULA_TRIGGERS].map((c) => c.codePointAt(0)!);
  const ascii = [...new Set(codes.filter((c) => c < FIRST_WIDE_CODE))].sort((a, b) => a - b);
  const wide = codes.some((c) => c >= FIRST_WIDE_CODE);
  const first = `ascii(${expression})`;
  return `(${first} IN (${ascii.join(', ')})${wide ? ` OR ${first} >= ${FIRST_WIDE_CODE}` : ''})`;
}
/** U+00A0, the first leader outside ASCII. */
const FIRST_WIDE_CODE = 0xa0;

/**
 * A query's rows as CSV written by the engine itself (`COPY … TO file`), byte for byte what
 * `csvRows` writes for the same values: CRLF line ends, RFC 4180 quoting (DuckDB quotes a field
 * holding the delimiter, a quote or a line break, and writes the empty string as `""`), NULL as
 * the empty field, text cells neutralised by `neutraliseSql` when asked. No header (`csvHeader`
 * writes it once, before the first piece). Parameters stay bound: COPY takes them in duckdb-wasm.
 * `USE_TMP_FILE false`: the engine would otherwise write `tmp_<file>` and rename it, and only the
 * file itself is registered (and allowed) in the browser.
 */
export function csvCopyQuery(
  query: { sql: string; params: readonly (string | number | boolean)[] },
  columns: readonly CsvColumn[],
  file: string,
  options: { neutralise: boolean },
): { sql: string; params: (string | number | boolean)[] } {
  if (!/^[\w./-]+$/.test(file)) throw new Error(`not a plain file name: ${file}`);
  const select = columns
    .map((c) => {
      if (!/^[a-z_][a-z0-9_]*$/.test(c.name)) throw new Error(`not a plain column name: ${c.name}`);
      return c.kind === 'text' && options.neutralise
        ? `${neutraliseSql(c.name)} AS ${c.name}`
        : c.name;
    })
    .join(', ');
  return {
    sql: `COPY (SELECT ${select}\nFROM (\n${query.sql}\n) AS matching) TO '${file}' (FORMAT csv, HEADER false, NEW_LINE '\\r\\n', USE_TMP_FILE false)`,
    params: [...query.params],
  };
}

/**
 * A download's text field: the one quoter (`csvField`), and the empty string written `""`, since a
 * bare empty field reads back as NULL (DuckDB, pandas) and `""` as empty text.
 */
export function quoteField(text: string): string {
  return text === '' ? '""' : csvField(text);
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Epoch milliseconds (or a Date) → `YYYY-MM-DD`, in UTC (DuckDB DATE values have no zone). */
export function formatDateValue(value: number | Date): string {
  return dayKey(typeof value === 'number' ? new Date(value) : value);
}

/** Epoch milliseconds (or a Date) → `YYYY-MM-DD HH:MM:SS[.fff]`, in UTC, as DuckDB prints a TIMESTAMP. */
export function formatTimestampValue(value: number | Date): string {
  const d = typeof value === 'number' ? new Date(value) : value;
  const ms = d.getUTCMilliseconds();
  return `${formatDateValue(d)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}${ms ? `.${pad(ms, 3)}` : ''}`;
}

/** A number as DuckDB's CSV writer prints it: integers in full, others in their shortest exact form. */
export function formatNumberValue(value: number | bigint): string {
  if (typeof value === 'bigint') return value.toString();
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  if (Number.isInteger(value) && Math.abs(value) < 1e21) return value.toFixed(0);
  return String(value);
}

/** One cell's text, quoted as needed. `null`/`undefined` is the empty field. */
export function formatCell(value: unknown, kind: ColumnKind, options: CsvOptions = {}): string {
  if (value === null || value === undefined) return '';
  switch (kind) {
    case 'number':
      // Never neutralised, never reformatted beyond printing: a numeric column is data, not text.
      if (typeof value === 'number' || typeof value === 'bigint') return formatNumberValue(value);
      return quoteField(String(value));
    case 'boolean':
      return typeof value === 'boolean' ? String(value) : quoteField(String(value));
    case 'date':
      return typeof value === 'number' || value instanceof Date
        ? formatDateValue(value)
        : quoteField(String(value));
    case 'timestamp':
      return typeof value === 'number' || value instanceof Date
        ? formatTimestampValue(value)
        : quoteField(String(value));
    case 'text': {
      const text = String(value);
      if (options.neutralise === false || !FORMULA_REGEXP.test(text)) return quoteField(text);
      if (options.stats) options.stats.neutralised++;
      return quoteField(`'${text}`);
    }
  }
}

/** The header line (with the byte-order mark first when asked). Column names are text like any other. */
export function csvHeader(
  columns: readonly CsvColumn[],
  options: CsvOptions & { bom?: boolean } = {},
): string {
  const { stats: _, ...rest } = options;
  return `${options.bom ? BOM : ''}${columns.map((c) => formatCell(c.name, 'text', rest)).join(',')}${NEWLINE}`;
}

/** Rows given as arrays in column order → CSV lines (each ending in CRLF). */
export function csvRows(
  columns: readonly CsvColumn[],
  rows: readonly (readonly unknown[])[],
  options: CsvOptions = {},
): string {
  let out = '';
  for (const row of rows) {
    let line = '';
    for (let c = 0; c < columns.length; c++)
      line += (c ? ',' : '') + formatCell(row[c], columns[c]!.kind, options);
    out += line + NEWLINE;
  }
  return out;
}

/** Columns given as arrays (column-major, as Arrow holds them) → CSV lines for `count` rows. */
export function csvFromColumns(
  columns: readonly CsvColumn[],
  values: readonly ArrayLike<unknown>[],
  count: number,
  options: CsvOptions = {},
): string {
  if (values.length !== columns.length)
    throw new Error(`expected ${columns.length} columns of values, got ${values.length}`);
  const parts: string[] = new Array<string>(count);
  for (let r = 0; r < count; r++) {
    let line = '';
    for (let c = 0; c < columns.length; c++)
      line += (c ? ',' : '') + formatCell(values[c]![r], columns[c]!.kind, options);
    parts[r] = line;
  }
  return count ? parts.join(NEWLINE) + NEWLINE : '';
}

/** Objects (as query results come) → a whole CSV document, header first. */
export function toCsv(
  columns: readonly CsvColumn[],
  rows: readonly Record<string, unknown>[],
  options: CsvOptions & { bom?: boolean } = {},
): string {
  return (
    csvHeader(columns, options) +
    csvRows(
      columns,
      rows.map((r) => columns.map((c) => r[c.name])),
      options,
    )
  );
}

/** The kind of a DuckDB type name (`BIGINT`, `DECIMAL(18,3)`, `TIMESTAMP`, `VARCHAR`…). */
export function kindOfDuckDbType(type: string): ColumnKind {
  const t = type.toUpperCase().trim();
  if (
    /^(TINYINT|SMALLINT|INTEGER|INT|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|REAL|DOUBLE|DECIMAL|NUMERIC)\b/.test(
      t,
    )
  )
    return 'number';
  if (/^(BOOLEAN|BOOL)\b/.test(t)) return 'boolean';
  if (/^DATE$/.test(t)) return 'date';
  if (/^TIMESTAMP/.test(t) || /^DATETIME$/.test(t)) return 'timestamp';
  return 'text';
}

/** The kind of a value seen in a column when no type is known: for small, untyped tables. */
export function kindOfValues(values: readonly unknown[]): ColumnKind {
  const seen = values.filter((v) => v !== null && v !== undefined);
  if (seen.length === 0) return 'text';
  if (seen.every((v) => typeof v === 'number' || typeof v === 'bigint')) return 'number';
  if (seen.every((v) => typeof v === 'boolean')) return 'boolean';
  return 'text';
}
