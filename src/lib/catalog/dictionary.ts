/**
 * The data dictionary on /data/: every table the pipeline writes, column for column, straight from
 * the catalog (the same definitions the ingest writes the tables with). Pure.
 */
import { REFERENCE_TABLES, TABLES, type ColumnDef, type TableDef } from './tables';

export interface DictionaryColumn {
  name: string;
  type: string;
  label: string;
  description: string;
  /** An enumeration's values with their words: `TRUE` Robocall (`robocall=yes`) … */
  values: string | null;
  unit: string | null;
}

export interface DictionaryTable {
  name: string;
  /** Where it is published: `complaints-<year>.duckdb, downloads`, `cube.duckdb`… */
  where: string;
  description: string;
  columns: DictionaryColumn[];
}

export function valuesText(column: ColumnDef): string | null {
  if (!column.values?.length) return null;
  return column.values
    .map(
      (v) => `${v.stored}: ${v.label}${v.url ? ` (${column.name}=${v.url} in the explorer)` : ''}`,
    )
    .join('; ');
}

function entry(table: TableDef): DictionaryTable {
  return {
    name: table.name,
    where:
      table.file === 'complaints'
        ? 'complaints-<year>.duckdb, downloads'
        : table.file === 'callers'
          ? 'callers-<year>.duckdb'
          : `${table.file}.duckdb`,
    description: table.description.replace(/\.?$/, '.'),
    columns: table.columns.map((c) => ({
      name: c.name,
      type: c.type,
      label: c.label,
      description: c.description,
      values: valuesText(c),
      unit: c.unit ?? null,
    })),
  };
}

/** The data tables, then the reference tables. */
export function dataDictionary(): DictionaryTable[] {
  return [...TABLES, ...REFERENCE_TABLES].map(entry);
}
