/**
 * What the SQL console agrees to run: one statement that reads (SELECT, WITH, FROM, DESCRIBE,
 * SUMMARIZE, SHOW, EXPLAIN, VALUES, TABLE, PIVOT), and none of the table functions that write,
 * read whole files, or run SQL hidden in a string. Pure.
 *
 * This is the first of three walls: the console's engine also has the data attached read-only,
 * external access off and its configuration locked (src/client/engine.ts), and it runs in a worker
 * of its own that Stop or the time limit ends (src/client/console.ts).
 */

export type ConsoleCheck = { ok: true; sql: string } | { ok: false; problem: string };

const READING = /^(select|with|from|describe|summarize|show|explain|values|table|pivot|unpivot)\b/i;

/** Table functions the console refuses, with why in words. */
export const REFUSED_FUNCTIONS: Readonly<Record<string, string>> = {
  checkpoint: 'writes to the database (a side effect)',
  force_checkpoint: 'writes to the database (a side effect)',
  read_blob: 'reads a whole file',
  read_text: 'reads a whole file',
  read_csv: 'reads a file',
  read_csv_auto: 'reads a file',
  sniff_csv: 'reads a file',
  read_json: 'reads a file',
  read_json_auto: 'reads a file',
  read_json_objects: 'reads a file',
  read_json_objects_auto: 'reads a file',
  read_ndjson: 'reads a file',
  read_ndjson_auto: 'reads a file',
  read_ndjson_objects: 'reads a file',
  read_parquet: 'reads a file',
  parquet_scan: 'reads a file',
  parquet_metadata: 'reads a file',
  parquet_schema: 'reads a file',
  parquet_file_metadata: 'reads a file',
  parquet_kv_metadata: 'reads a file',
  glob: 'lists files',
  query: 'runs SQL from a string',
  query_table: 'runs SQL from a string',
  json_execute_serialized_sql: 'runs SQL from a string',
};

export function checkConsoleSql(input: string): ConsoleCheck {
  const { code, sql } = lex(input);
  const text = code.trim().replace(/;\s*$/, '');
  if (text === '') return { ok: false, problem: 'Write a query first.' };
  if (text.includes(';')) return { ok: false, problem: 'One statement at a time, please.' };
  if (!READING.test(text))
    return {
      ok: false,
      problem:
        'The console only runs queries that read (SELECT, WITH, FROM, DESCRIBE, SUMMARIZE, SHOW, EXPLAIN).',
    };
  const refused = [...text.matchAll(/([a-z_][a-z0-9_$]*)\s*\(/gi)]
    .map((m) => m[1]!.toLowerCase())
    .filter((name, i, all) => name in REFUSED_FUNCTIONS && all.indexOf(name) === i);
  if (refused.length > 0) {
    return {
      ok: false,
      problem: `The console does not run ${refused.map((name) => `${name}() (it ${REFUSED_FUNCTIONS[name]})`).join(', ')}. Query the attached tables instead.`,
    };
  }
  // `FROM 'file.csv'` reads a file by name, as read_csv would. lex() left U+0000 where each
  // string literal was, so the control character is the point of this pattern.
  // eslint-disable-next-line no-control-regex
  if (/\b(from|join)\s*\(*\s*\u0000/i.test(text))
    return {
      ok: false,
      problem:
        "The console does not read files by name (FROM '…'). Query the attached tables instead.",
    };
  return { ok: true, sql: sql.trim().replace(/;\s*$/, '').trim() };
}

/**
 * The statement with comments removed (`sql`, what runs), and a copy for checking (`code`) where
 * every string literal is one NUL and every quoted identifier is its plain lower-case name, so
 * `"READ_BLOB"(…)` is seen as `read_blob(` and a function name inside a string is not seen at all.
 */
function lex(input: string): { code: string; sql: string } {
  let code = '';
  let sql = '';
  let i = 0;
  while (i < input.length) {
    const c = input[i]!;
    const next = input[i + 1];
    if (c === '-' && next === '-') {
      const end = input.indexOf('\n', i);
      i = end === -1 ? input.length : end;
      continue;
    }
    if (c === '/' && next === '*') {
      const end = input.indexOf('*/', i + 2);
      i = end === -1 ? input.length : end + 2;
      code += ' ';
      sql += ' ';
      continue;
    }
    if (c === "'" || c === '"') {
      // E'…' strings take backslash escapes (E'\''): skip what a backslash escapes, or the check
      // would end the string early and miss what follows it.
      const escapes = c === "'" && /(^|[^a-z0-9_$])e$/i.test(input.slice(Math.max(0, i - 2), i));
      let j = i + 1;
      let value = '';
      for (; j < input.length; j++) {
        if (escapes && input[j] === '\\') {
          value += input[j + 1] ?? '';
          j++;
          continue;
        }
        if (input[j] === c) {
          if (input[j + 1] === c) {
            value += c;
            j++;
            continue;
          }
          break;
        }
        value += input[j];
      }
      sql += input.slice(i, j + 1);
      code +=
        c === "'" ? '\u0000' : /^[a-z_][a-z0-9_$]*$/i.test(value) ? value.toLowerCase() : '\u0001';
      i = j + 1;
      continue;
    }
    if (c === '$') {
      // Dollar-quoted strings: $$…$$ or $tag$…$tag$.
      const tag = /^\$([a-z_][a-z0-9_]*)?\$/i.exec(input.slice(i));
      if (tag) {
        const end = input.indexOf(tag[0], i + tag[0].length);
        const stop = end === -1 ? input.length : end + tag[0].length;
        sql += input.slice(i, stop);
        code += '\u0000';
        i = stop;
        continue;
      }
    }
    code += c;
    sql += c;
    i++;
  }
  return { code, sql };
}
