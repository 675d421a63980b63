import { COMPLAINT_COLUMNS } from '../catalog/tables';
import type { Names } from './view';
import { formatPhone } from './render';

const COMPLAINT_LABELS: ReadonlyMap<string, string> = new Map(
  COMPLAINT_COLUMNS.map((c) => [c.name, c.label]),
);

/** Enumerations' words by column and stored value (`robocall` TRUE → "Robocall", `state_from` area_code → …). */
const VALUE_LABELS: ReadonlyMap<string, ReadonlyMap<string, string>> = new Map(
  COMPLAINT_COLUMNS.flatMap((c) =>
    'values' in c && c.values ? [[c.name, new Map(c.values.map((v) => [v.stored, v.label]))]] : [],
  ),
);

/** A stored value as the catalog's enumerations spell it: booleans and NULL in SQL's words. */
const storedText = (value: unknown): string =>
  value === null || value === undefined
    ? 'NULL'
    : typeof value === 'boolean'
      ? String(value).toUpperCase()
      : String(value);

/**
 * A row table's header: the catalog's label for a complaint column ("Created", "Call came"), the
 * name itself for anything else (a console query's own columns keep the names its SQL gave them).
 */
export function columnHeader(column: string): string {
  return COMPLAINT_LABELS.get(column) ?? column;
}

/** A query value as a reader wants it: names for codes, phone numbers grouped, timestamps in UTC. */
export function formatCell(column: string, value: unknown, names: Names): string {
  const label = VALUE_LABELS.get(column)?.get(storedText(value));
  if (label !== undefined) return label;
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
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
