/** Rows as an HTML table, built with DOM calls and textContent only (values may come from the data). */
import type { Names } from '../lib/explore/view';
import { formatPhone } from '../lib/explore/render';

export function renderTable(
  rows: Record<string, unknown>[],
  options: {
    columns?: string[];
    caption: string;
    format?: (column: string, value: unknown) => string;
    numeric?: (column: string) => boolean;
    role?: string;
    empty?: string;
  },
): HTMLTableElement {
  const table = document.createElement('table');
  if (options.role) table.dataset.role = options.role;
  table.createCaption().textContent = options.caption;
  const columns = options.columns ?? (rows[0] ? Object.keys(rows[0]) : []);
  const format =
    options.format ?? ((_, value) => (value === null || value === undefined ? '' : String(value)));
  const head = table.createTHead().insertRow();
  for (const column of columns) {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = column;
    if (options.numeric?.(column)) th.className = 'num';
    head.append(th);
  }
  const body = table.createTBody();
  for (const row of rows) {
    const tr = body.insertRow();
    for (const column of columns) {
      const td = tr.insertCell();
      td.textContent = format(column, row[column]);
      if (options.numeric?.(column)) td.className = 'num';
    }
  }
  if (rows.length === 0 && options.empty) body.insertRow().insertCell().textContent = options.empty;
  return table;
}

/** A query value as a reader wants it: names for codes, phone numbers grouped, timestamps in UTC. */
export function formatCell(column: string, value: unknown, names: Names): string {
  if (value === null || value === undefined) return '';
  if (column === 'usps' || column === 'state')
    return `${names.state(String(value))} (${String(value)})`;
  if (column === 'subject') return names.subject(String(value));
  if (column === 'caller_number') return formatPhone(String(value));
  if ((column === 'created_at' || column === 'violation_at') && typeof value === 'number')
    return new Date(value).toISOString().replace('T', ' ').slice(0, 19);
  if (column === 'created_date' && typeof value === 'number')
    return new Date(value).toISOString().slice(0, 10);
  if (typeof value === 'number') return value.toLocaleString('en-US', { maximumFractionDigits: 4 });
  return String(value);
}
