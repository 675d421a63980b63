/**
 * The read-only SQL console: one statement that reads (SELECT, WITH, FROM, DESCRIBE, SUMMARIZE,
 * SHOW, EXPLAIN), a row limit, results as a table, errors in words. The data files are attached
 * read-only and external access is off, so even a statement that slipped past this check could
 * neither change the data nor reach another server.
 */
import type { Engine } from './engine';
import { renderTable } from './table';

const READING = /^(select|with|from|describe|summarize|show|explain|values|table|pivot|unpivot)\b/i;

export function checkConsoleSql(sql: string): string | null {
  const text = stripComments(sql).trim().replace(/;\s*$/, '');
  if (text === '') return 'Write a query first.';
  if (text.includes(';')) return 'One statement at a time, please.';
  if (!READING.test(text)) return 'The console only runs queries that read (SELECT, WITH, FROM, DESCRIBE, SUMMARIZE, SHOW, EXPLAIN).';
  return null;
}

export async function runConsole(engine: Engine, sql: string, limit: number, result: HTMLElement, errorBox: HTMLElement): Promise<void> {
  const problem = checkConsoleSql(sql);
  errorBox.hidden = problem === null;
  errorBox.textContent = problem ?? '';
  result.replaceChildren();
  if (problem) return;
  const rowLimit = Number.isInteger(limit) && limit > 0 ? Math.min(limit, 10_000) : 200;
  try {
    const query = stripComments(sql).trim().replace(/;\s*$/, '');
    const table = await engine.connection.query(`SELECT * FROM (${query}) LIMIT ${rowLimit + 1}`);
    const rows = table.toArray().map((row) => ({ ...(row as { toJSON(): Record<string, unknown> }).toJSON() }));
    const shown = rows.slice(0, rowLimit);
    const element = renderTable(shown, {
      columns: table.schema.fields.map((f) => f.name),
      caption: rows.length > rowLimit ? `The first ${rowLimit} rows` : `${shown.length} row${shown.length === 1 ? '' : 's'}`,
    });
    result.replaceChildren(element);
  } catch (error) {
    errorBox.hidden = false;
    errorBox.textContent = error instanceof Error ? error.message : String(error);
  }
}

function stripComments(sql: string): string {
  return sql.replace(/--[^\n]*/g, '').replace(/\/\*[\s\S]*?\*\//g, '');
}
