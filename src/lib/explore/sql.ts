/**
 * Two renderings of one query: for execution, with every value bound as a `?` parameter; for
 * people ("Show the SQL"), with values written as SQL literals so it runs as-is in the DuckDB CLI.
 * Values reach SQL only through `value()`; identifiers only come from this module's own constants.
 */

export type SqlValue = string | number | boolean;

export class SqlWriter {
  readonly params: SqlValue[] = [];
  constructor(readonly mode: 'bound' | 'literal') {}

  value(v: SqlValue): string {
    if (this.mode === 'literal') return sqlLiteral(v);
    this.params.push(v);
    return '?';
  }

  list(values: readonly SqlValue[]): string {
    return values.map((v) => this.value(v)).join(', ');
  }
}

export function sqlLiteral(v: SqlValue): string {
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`not a finite number: ${v}`);
    return String(v);
  }
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return `'${v.replace(/'/g, "''")}'`;
}
