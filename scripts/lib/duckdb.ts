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
      return reader.getRowObjectsJson().map((row) => {
        const out: Record<string, unknown> = {};
        for (const [key, value] of Object.entries(row)) {
          // getRowObjectsJson writes BIGINT/HUGEINT as strings; counts here always fit a double.
          out[key] =
            typeof value === 'string' && /^-?\d+$/.test(value) && isIntegerColumn(reader, key)
              ? Number(value)
              : value;
        }
        return out as T;
      });
    },
    close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

function isIntegerColumn(
  reader: { columnNames(): string[]; columnTypes(): { typeId: number }[] },
  key: string,
): boolean {
  const index = reader.columnNames().indexOf(key);
  const type = reader.columnTypes()[index];
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
