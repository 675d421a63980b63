/**
 * Console results for people: dates as dates, timestamps as date and time, numbers with thousands
 * separators (right-aligned by the table), and the same rows as a spreadsheet-safe CSV. Pure.
 * Values arrive as the browser engine gives them: DATE and TIMESTAMP as epoch milliseconds.
 */
import {
  formatDateValue,
  formatTimestampValue,
  toCsv,
  type ColumnKind,
  type CsvColumn,
} from '../download/csv';

export type ConsoleColumn = CsvColumn;

/** How the console shows one value of a column of the given kind. */
export function displayValue(value: unknown, kind: ColumnKind): string {
  if (value === null || value === undefined) return '';
  switch (kind) {
    case 'date':
      return typeof value === 'number' || value instanceof Date
        ? formatDateValue(value)
        : String(value);
    case 'timestamp':
      return typeof value === 'number' || value instanceof Date
        ? formatTimestampValue(value)
        : String(value);
    case 'number':
      if (typeof value === 'bigint') return value.toLocaleString('en-US');
      if (typeof value === 'number')
        return Number.isFinite(value)
          ? value.toLocaleString('en-US', { maximumFractionDigits: 6 })
          : String(value);
      return String(value);
    case 'boolean':
      return String(value);
    case 'text':
      return typeof value === 'object'
        ? JSON.stringify(value, (_, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))
        : String(value);
  }
}

/** The rows as a CSV document: dates and numbers as DuckDB writes them, text cells neutralised. */
export function consoleCsv(
  columns: readonly ConsoleColumn[],
  rows: readonly Record<string, unknown>[],
): string {
  const textual = rows.map((row) => {
    const out: Record<string, unknown> = { ...row };
    for (const c of columns)
      if (c.kind === 'text' && out[c.name] !== null && typeof out[c.name] === 'object')
        out[c.name] = displayValue(out[c.name], 'text');
    return out;
  });
  return toCsv(columns, textual);
}

/** `console-<data version>.csv`. */
export function consoleCsvName(dataVersion: string): string {
  return `robocall-atlas-console-${dataVersion.replace(/[^0-9a-f]/gi, '')}.csv`;
}
