/**
 * The catalog as SQL: the column lists the ingest writes its tables with, so a table's columns,
 * their order and their types come from tables.ts and nowhere else. Pure string building; the
 * expressions passed in are the ingest's own SQL, never values.
 */
import { tableDef, type TableDef } from './tables';

/**
 * A SELECT list in the table's column order: each column as itself, or as `<expression> AS name`
 * where the caller says how it is computed. An expression for a column the table lacks is a
 * mistake worth stopping for (the table would silently lose it).
 */
export function selectColumns(
  table: string | TableDef,
  expressions: Readonly<Record<string, string>> = {},
): string {
  const def = typeof table === 'string' ? tableDef(table) : table;
  const names = new Set(def.columns.map((c) => c.name));
  const unknown = Object.keys(expressions).filter((name) => !names.has(name));
  if (unknown.length)
    throw new Error(`no column ${unknown.join(', ')} in table ${def.name} of the catalog`);
  return def.columns
    .map((c) => (expressions[c.name] ? `${expressions[c.name]} AS ${c.name}` : c.name))
    .join(', ');
}

/**
 * A reference CSV read as text (`all_varchar`) → the table's types: numbers by `try_cast` (an
 * empty cell is NULL), booleans by the text the CSV writes for true (`Y`, `yes`).
 */
export function referenceSelect(table: string | TableDef): string {
  const def = typeof table === 'string' ? tableDef(table) : table;
  return def.columns
    .map((c) => {
      if (c.type === 'VARCHAR') return c.name;
      if (c.type === 'BOOLEAN') {
        if (!c.csvTrue) throw new Error(`${def.name}.${c.name}: a BOOLEAN needs its csvTrue text`);
        return `${c.name} = '${c.csvTrue.replace(/'/g, "''")}' AS ${c.name}`;
      }
      return `try_cast(${c.name} AS ${c.type}) AS ${c.name}`;
    })
    .join(', ');
}
