/** A thin layer over @duckdb/node-api: open, run, read rows as plain JSON-safe objects. */
import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';

export interface Db {
  connection: DuckDBConnection;
  run(sql: string, params?: DuckDBValue[]): Promise<void>;
  /** Rows with BIGINT as number, dates and timestamps as ISO-like strings. */
  all<T = Record<string, unknown>>(sql: string, params?: DuckDBValue[]): Promise<T[]>;
  close(): void;
}

export async function openDb(path = ':memory:', options: Record<string, string> = {}): Promise<Db> {
  const instance = await DuckDBInstance.create(path, options);
  const connection = await instance.connect();
  // No extension may be fetched: there is no network here, and a build must not depend on one.
  await connection.run(
    'SET autoinstall_known_extensions = false; SET autoload_known_extensions = false',
  );
  return {
    connection,
    async run(sql, params) {
      await connection.run(sql, params);
    },
    async all<T>(sql: string, params?: DuckDBValue[]) {
      const reader = await connection.runAndReadAll(sql, params);
      // getRowObjectsJson writes BIGINT/HUGEINT as strings; counts here always fit a double. The
      // integer columns are found once: asking the reader for each value's column made reading
      // the explore cube's ~150,000 cells take seconds.
      const types = reader.columnTypes();
      const integers = reader.columnNames().filter((_, i) => isIntegerType(types[i]));
      const rows = reader.getRowObjectsJson() as Record<string, unknown>[];
      if (integers.length > 0)
        for (const row of rows)
          for (const key of integers) {
            const value = row[key];
            if (typeof value === 'string') row[key] = Number(value);
          }
      return rows as T[];
    },
    close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

function isIntegerType(type: { typeId: number } | undefined): boolean {
  // DuckDBTypeId: TINYINT 2 … UBIGINT 9, HUGEINT 16, UHUGEINT 32.
  return (
    type !== undefined &&
    ((type.typeId >= 2 && type.typeId <= 9) || type.typeId === 16 || type.typeId === 32)
  );
}

/** A SQL string literal; only for paths and names the pipeline itself made, never for user input. */
export function sqlString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
