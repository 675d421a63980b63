/** The shape every data table on the site takes, so charts' number tables and page tables render alike. */
import { formatNumber } from '../format';

export interface Column {
  label: string;
  /** Right-aligned, sorted as numbers. */
  numeric?: boolean;
  /** Decimals for numeric cells given as numbers. Default: 0. */
  digits?: number;
}

export interface RichCell {
  text: string;
  /** What the column sorts on (numbers for numeric columns). Default: the text. */
  value?: string | number;
  href?: string;
  /** Extra words read after the text (e.g. a unit), visually hidden. */
  note?: string;
  /** Set in the monospace face, breaking anywhere (hashes, file names). */
  mono?: boolean;
  /** Keep on one line (phone numbers, dates). */
  nowrap?: boolean;
  /** A second, smaller line under the text (a checksum under a file name). */
  sub?: string;
}

export type Cell = string | number | null | RichCell;

export interface TableSpec {
  caption: string;
  columns: Column[];
  /** `attrs`: data attributes for the row (`data-action`…), so scripts and tests can find what it lists. */
  rows: { cells: Cell[]; highlight?: boolean; attrs?: Record<string, string> }[];
  /** Adds sort buttons when JavaScript runs; the table is complete without them. */
  sortable?: boolean;
  /** Index of the column the rows are sorted by as given, and the direction. */
  sortedBy?: { column: number; direction: 'ascending' | 'descending' };
}

export function cellText(cell: Cell, column: Column): string {
  if (cell === null) return '–';
  if (typeof cell === 'number') return formatNumber(cell, column.digits ?? 0);
  if (typeof cell === 'string') return cell;
  return cell.text;
}

export function cellValue(cell: Cell): string | number {
  if (cell === null) return '';
  if (typeof cell === 'number' || typeof cell === 'string') return cell;
  return cell.value ?? cell.text;
}

export function richCell(cell: Cell): RichCell | null {
  return cell !== null && typeof cell === 'object' ? cell : null;
}
