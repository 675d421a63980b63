import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../scripts/lib/duckdb';
import { checkConsoleSql } from '../../src/lib/console/check';
import { consoleCsv, displayValue } from '../../src/lib/console/format';
import { consoleQuery, viewParams, viewQuery, withConsoleQuery } from '../../src/lib/console/url';

let db: Db;
beforeAll(async () => {
  db = await openDb();
});
afterAll(() => db?.close());

describe('checkConsoleSql', () => {
  it.each([
    'SELECT state, sum(complaints) FROM cube.monthly GROUP BY ALL',
    '  with t as (select 1 as x) select * from t;  ',
    'FROM cube.states',
    'DESCRIBE cube.monthly',
    'SELECT \'read_blob(x)\' AS text, "read_text" FROM (SELECT 1 AS read_text)',
    "SELECT 'a;b' AS semicolon_in_a_string",
    'SELECT sum((i*7919) % 13) FROM range(10000000000) t(i)',
  ])('runs %j', (sql) => {
    expect(checkConsoleSql(sql).ok).toBe(true);
  });

  it('runs the statement without its comments and trailing semicolon', () => {
    expect(checkConsoleSql('-- note\nSELECT 1 /* one */;')).toEqual({ ok: true, sql: 'SELECT 1' });
  });

  it.each([
    ['', /Write a query first/],
    ['CREATE TABLE x AS SELECT 1', /only runs queries that read/],
    ['SET lock_configuration = false', /only runs queries that read/],
    ["ATTACH 'x.duckdb'", /only runs queries that read/],
    ['SELECT 1; DROP TABLE cube.monthly', /One statement/],
  ])('refuses %j', (sql, problem) => {
    const check = checkConsoleSql(sql);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.problem).toMatch(problem);
  });

  // Each of these is a real call of the function as DuckDB parses it (checked below), however it is dressed.
  const hostile: [string, string][] = [
    ['SELECT * FROM checkpoint()', 'checkpoint'],
    ['SELECT * FROM force_checkpoint()', 'force_checkpoint'],
    ["SELECT * FROM read_blob('cube.duckdb')", 'read_blob'],
    ["SELECT * FROM read_text('complaints-2024.duckdb')", 'read_text'],
    ['SELECT * FROM "READ_BLOB"(\'cube.duckdb\')', 'read_blob'],
    ["SELECT * FROM Read_Blob /* hi */ ('cube.duckdb')", 'read_blob'],
    ["SELECT * FROM main.read_text\n('cube.duckdb')", 'read_text'],
    ["SELECT E'\\'' AS a, (SELECT count(*) FROM read_blob('cube.duckdb')) --'", 'read_blob'],
    ["SELECT * FROM query('SELECT * FROM read_blob(''cube.duckdb'')')", 'query'],
    ["SELECT * FROM read_csv('https://example.com/x.csv')", 'read_csv'],
    ["SELECT * FROM glob('*')", 'glob'],
  ];
  it.each(hostile)('refuses %j and names %s', (sql, name) => {
    const check = checkConsoleSql(sql);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.problem).toContain(`${name}()`);
  });

  it.each(hostile)('(%j is a call of %s to DuckDB’s own parser)', async (sql, name) => {
    const [row] = await db.all<{ tree: string }>('SELECT json_serialize_sql($1::VARCHAR) AS tree', [
      sql,
    ]);
    const tree = JSON.parse(row!.tree) as { error: boolean };
    expect(tree.error).toBe(false);
    expect(JSON.stringify(tree).toLowerCase()).toContain(`"function_name":"${name}"`);
  });

  it('refuses reading a file by name', () => {
    const check = checkConsoleSql("SELECT * FROM 'cube.duckdb'");
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.problem).toMatch(/files by name/);
  });
});

describe('console results', () => {
  it('shows dates and timestamps as dates and times, numbers with separators', async () => {
    const [row] = await db.all<{ d: string; t: string; ms: number; tms: number }>(
      `SELECT DATE '2024-11-01' AS d, TIMESTAMP '2024-11-01 13:05:09' AS t, epoch_ms(DATE '2024-11-01') AS ms, epoch_ms(TIMESTAMP '2024-11-01 13:05:09') AS tms`,
    );
    // The browser engine hands DATE and TIMESTAMP over as these epoch milliseconds.
    expect(displayValue(row!.ms, 'date')).toBe(row!.d);
    expect(displayValue(row!.tms, 'timestamp')).toBe(row!.t.replace('T', ' '));
    expect(displayValue(1234567.5, 'number')).toBe('1,234,567.5');
    expect(displayValue(1730419200000, 'date')).toBe('2024-11-01');
    expect(displayValue(null, 'number')).toBe('');
  });

  it('downloads rows as a CSV that reads back to the same values, formulas neutralised', () => {
    const columns = [
      { name: 'day', kind: 'date' as const },
      { name: 'n', kind: 'number' as const },
      { name: 'city', kind: 'text' as const },
    ];
    const rows = [
      { day: Date.UTC(2024, 10, 1), n: 1234567, city: '=HYPERLINK("http://x")' },
      { day: null, n: -5, city: 'Dallas, TX' },
    ];
    const parsed = Papa.parse<Record<string, string>>(consoleCsv(columns, rows), {
      header: true,
      skipEmptyLines: true,
    }).data;
    expect(parsed).toEqual([
      { day: '2024-11-01', n: '1234567', city: `'=HYPERLINK("http://x")` },
      { day: '', n: '-5', city: 'Dallas, TX' },
    ]);
  });
});

describe('the console’s query in the address', () => {
  it('travels after the view’s keys and comes back as written', () => {
    const sql =
      "SELECT state, count(*) AS n\nFROM c2024.complaints\nWHERE subject = 'other' AND n > 1 -- #&?\nGROUP BY ALL";
    const query = withConsoleQuery('state=OH&from=2024-01', sql);
    expect(query.startsWith('state=OH&from=2024-01&sql=')).toBe(true);
    expect(consoleQuery(`?${query}`)).toBe(sql);
    expect([...viewParams(`?${query}`).keys()]).toEqual(['state', 'from']);
    expect(withConsoleQuery('', sql)).toBe(new URLSearchParams({ sql }).toString());
  });

  it('keeps the view’s part of an address as written when the query changes', () => {
    const search = `?from=2025-13&state=OH,PA&${withConsoleQuery('', 'SELECT 1')}&area=61%2Cx`;
    expect(viewQuery(search)).toBe('from=2025-13&state=OH,PA&area=61%2Cx');
    expect(withConsoleQuery(viewQuery(search), 'SELECT 2')).toBe(
      'from=2025-13&state=OH,PA&area=61%2Cx&sql=SELECT+2',
    );
    expect(viewQuery('?sql=SELECT+1')).toBe('');
  });

  it('leaves the address alone without a query', () => {
    expect(withConsoleQuery('state=OH', null)).toBe('state=OH');
    expect(withConsoleQuery('state=OH', '  \n')).toBe('state=OH');
    expect(consoleQuery('?state=OH&sql=')).toBeNull();
  });
});
