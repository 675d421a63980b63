import type { Names } from './view';
import { formatPhone } from './render';

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
