/**
 * Progressive enhancement for `table[data-sortable]`: each column header becomes a button that
 * sorts the rows by the cells' `data-value` (numbers for `data-type="number"` columns) and sets
 * `aria-sort`. The table is complete and in a sensible order without it.
 */
import { compareValues } from '../lib/site-data/sort-table';

export function enhanceSortableTables(root: Document): void {
  for (const table of root.querySelectorAll<HTMLTableElement>('table[data-sortable]')) {
    if (table.dataset.enhanced) continue;
    table.dataset.enhanced = 'true';
    const headers = [...table.querySelectorAll<HTMLTableCellElement>('thead th')];
    headers.forEach((th, index) => {
      const button = root.createElement('button');
      button.type = 'button';
      button.append(...th.childNodes);
      th.append(button);
      button.addEventListener('click', () => {
        const numeric = th.dataset.type === 'number';
        const current = th.getAttribute('aria-sort');
        const direction =
          current === 'descending'
            ? 'ascending'
            : current === 'ascending'
              ? 'descending'
              : numeric
                ? 'descending'
                : 'ascending';
        const body = table.tBodies[0];
        if (!body) return;
        const rows = [...body.rows];
        const value = (row: HTMLTableRowElement) =>
          row.cells[index]?.dataset.value ?? row.cells[index]?.textContent ?? '';
        rows.sort(
          (a, b) =>
            compareValues(value(a), value(b), numeric) * (direction === 'ascending' ? 1 : -1),
        );
        body.append(...rows);
        for (const other of headers) other.removeAttribute('aria-sort');
        th.setAttribute('aria-sort', direction);
      });
    });
  }
}
