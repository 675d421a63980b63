/**
 * The SQL console's query in the explorer's address, so a console result can be shared the way
 * Datasette shares one: `/explore/?state=OH&sql=SELECT…`. The key belongs to /explore/ only (an
 * embed has no console, and reports `sql` as a key it does not know); it sits after the view's
 * keys, and the view's grammar never sees it.
 */
export const CONSOLE_KEY = 'sql';

/** The view's part of a query string: everything but the console's key. */
export function viewParams(search: string): URLSearchParams {
  const params = new URLSearchParams(search);
  params.delete(CONSOLE_KEY);
  return params;
}

/** The view's part of a query string as written (its encoding kept), without the leading `?`. */
export function viewQuery(search: string): string {
  return search
    .replace(/^\?/, '')
    .split('&')
    .filter((part) => part !== '' && !part.startsWith(`${CONSOLE_KEY}=`) && part !== CONSOLE_KEY)
    .join('&');
}

/** The console's query in a query string, or null. */
export function consoleQuery(search: string): string | null {
  const sql = new URLSearchParams(search).get(CONSOLE_KEY);
  return sql && sql.trim() ? sql : null;
}

/** A view's canonical query string with the console's query after it (or without one). */
export function withConsoleQuery(viewQuery: string, sql: string | null): string {
  if (!sql || !sql.trim()) return viewQuery;
  const part = new URLSearchParams({ [CONSOLE_KEY]: sql.trim() }).toString();
  return viewQuery ? `${viewQuery}&${part}` : part;
}
