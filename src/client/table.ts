/** Rows as an HTML table, built with DOM calls and textContent only (values may come from the data). */

export function renderTable(
  rows: Record<string, unknown>[],
  options: {
    columns?: string[];
    caption: string;
    format?: (column: string, value: unknown) => string;
    /** The header's words for a column (default: its name); the name stays in `data-column` and as a tooltip. */
    header?: (column: string) => string;
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
    th.textContent = options.header?.(column) ?? column;
    th.dataset.column = column;
    if (options.header) th.title = column;
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
