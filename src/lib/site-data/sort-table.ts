/**
 * The order a sortable table's column puts its cells' `data-value`s in (numbers for
 * `data-type="number"` columns); the buttons that apply it are in src/client/sort-table.ts.
 */

export function compareValues(a: string, b: string, numeric: boolean): number {
  if (numeric) {
    const x = a === '' ? Number.NEGATIVE_INFINITY : Number(a);
    const y = b === '' ? Number.NEGATIVE_INFINITY : Number(b);
    return x - y;
  }
  return a.localeCompare(b, 'en', { sensitivity: 'base', numeric: true });
}
