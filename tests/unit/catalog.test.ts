/**
 * The catalog generates the ingest's column lists, the explorer's row columns, the /data/
 * dictionary and the words of the robocall flag: each artefact is held here to the catalog, so a
 * column added, renamed or reordered in one place and not the other fails. (The tables as DuckDB
 * writes them are held to the catalog in tests/ingest/malformed.test.ts, the built /data/ page in
 * tests/site/pages.test.ts.)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REFERENCE_DIR, readReferenceCsv } from '../../scripts/lib/reference';
import { CANONICAL_SELECT } from '../../scripts/ingest/normalize';
import { CUBE_PARTS } from '../../scripts/ingest/outputs';
import { referenceSelect, selectColumns } from '../../src/lib/catalog/sql';
import {
  COMPLAINT_COLUMNS,
  REFERENCE_TABLES,
  ROW_VIEW_COLUMNS,
  TABLES,
  tableDef,
} from '../../src/lib/catalog/tables';
import { dataDictionary } from '../../src/lib/catalog/dictionary';
import { REFERENCE_SCHEMAS, type ReferenceFileName } from '../../src/lib/reference-schema';
import {
  CALL_KIND_LABELS,
  ROBOCALL,
  ROBOCALL_VALUES,
  SUBJECT_SHORT_LABELS,
  UNRECOGNIZED_SUBJECT,
  robocallCaseSql,
  robocallValueOf,
} from '../../src/lib/catalog/enums';
import { ROW_COLUMNS } from '../../src/lib/explore/queries';
import { urlKey } from '../../src/lib/explore/filters';
import { SqlWriter } from '../../src/lib/explore/sql';
import { DEFAULT_VIEW } from '../../src/lib/explore/view';

/** The names a SELECT list gives its columns: `expr AS name` or a bare name. */
function selectedNames(select: string): string[] {
  const names: string[] = [];
  let depth = 0;
  let part = '';
  for (const ch of `${select},`) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      const m = /(?:\bAS\s+)?([a-z_0-9]+)\s*$/i.exec(part.trim());
      names.push(m![1]!);
      part = '';
    } else part += ch;
  }
  return names;
}

const csvHeader = (name: string) =>
  readFileSync(join(REFERENCE_DIR, name), 'utf8').split(/\r?\n/)[0]!.split(',');

describe('the catalog generates', () => {
  it('the ingest’s complaint columns, in the catalog’s order', () => {
    expect(selectedNames(CANONICAL_SELECT)).toEqual(COMPLAINT_COLUMNS.map((c) => c.name));
  });

  it('the cube’s part tables with the columns of the table each becomes', () => {
    const becomes: Record<string, string> = {
      part_daily: 'daily',
      part_area_codes: 'area_codes_monthly',
      part_pone: 'pone_complaints_monthly',
      part_callers_invalid: 'callers_invalid_monthly',
    };
    for (const [part, table] of Object.entries(becomes)) {
      const select = CUBE_PARTS[part]!.replace(/^SELECT\s+/, '').replace(/\s+FROM[\s\S]*$/, '');
      expect(selectedNames(select), part).toEqual(tableDef(table).columns.map((c) => c.name));
    }
  });

  it('a reference table’s typed columns from the CSV the ingest reads, column for column', () => {
    for (const table of REFERENCE_TABLES) {
      expect(csvHeader(`${table.name}.csv`), table.name).toEqual(table.columns.map((c) => c.name));
      expect(selectedNames(referenceSelect(table)), table.name).toEqual(
        table.columns.map((c) => c.name),
      );
    }
    expect(referenceSelect('states')).toContain('try_cast(population_2020 AS BIGINT)');
    expect(referenceSelect('pone_caller_numbers')).toContain(
      "likely_ftc_staff_number = 'yes' AS likely_ftc_staff_number",
    );
  });

  it('reference columns it says are never empty are filled in every row of the CSV', () => {
    for (const table of REFERENCE_TABLES) {
      const rows = readReferenceCsv(`${table.name}.csv`);
      for (const c of table.columns.filter((c) => !c.nullable))
        for (const [i, row] of rows.entries())
          expect(row[c.name]?.trim(), `${table.name}.${c.name} row ${i + 2}`).toBeTruthy();
    }
  });

  it('the reference files’ schemas check the catalog’s columns and enumerations', () => {
    for (const table of REFERENCE_TABLES) {
      const schema = REFERENCE_SCHEMAS[`${table.name}.csv` as ReferenceFileName];
      expect(Object.keys(schema.shape), table.name).toEqual(table.columns.map((c) => c.name));
      for (const c of table.columns) {
        const field = (schema.shape as Record<string, { options?: readonly string[] }>)[c.name]!;
        if (c.values)
          expect([...field.options!].sort(), `${table.name}.${c.name}`).toEqual(
            c.values.map((v) => v.stored).sort(),
          );
        if (c.csvTrue) expect(field.options, `${table.name}.${c.name}`).toContain(c.csvTrue);
      }
    }
  });

  it('refuses an expression for a column the table does not have', () => {
    expect(() => selectColumns('daily', { month: 'x' })).toThrow(/no column month in table daily/);
  });

  it('the explorer’s row columns, each a complaint column once', () => {
    expect(ROW_COLUMNS).toBe(ROW_VIEW_COLUMNS);
    expect(new Set(ROW_COLUMNS).size).toBe(ROW_COLUMNS.length);
    const names = new Set(COMPLAINT_COLUMNS.map((c) => c.name));
    for (const c of ROW_COLUMNS) expect(names.has(c), c).toBe(true);
  });

  it('the /data/ dictionary: every table and column, with its type and words', () => {
    const dictionary = dataDictionary();
    const tables = [...TABLES, ...REFERENCE_TABLES];
    expect(dictionary.map((t) => t.name)).toEqual(tables.map((t) => t.name));
    for (const [i, t] of dictionary.entries())
      expect(
        t.columns.map((c) => [c.name, c.type, c.label, c.description]),
        t.name,
      ).toEqual(tables[i]!.columns.map((c) => [c.name, c.type, c.label, c.description]));
    const robocall = dictionary
      .find((t) => t.name === 'complaints')!
      .columns.find((c) => c.name === 'robocall')!;
    expect(robocall.values).toBe(
      'TRUE: Robocall (robocall=yes in the explorer); FALSE: Live caller (robocall=no in the explorer); NULL: Not said (robocall=unknown in the explorer)',
    );
  });

  it('a label for every column, and a short label for every subject the data can hold', () => {
    for (const t of [...TABLES, ...REFERENCE_TABLES])
      for (const c of t.columns) expect(c.label, `${t.name}.${c.name}`).toMatch(/^[A-Z]/);
    const slugs = readReferenceCsv('subjects.csv').map((s) => s.slug!);
    expect(Object.keys(SUBJECT_SHORT_LABELS).sort()).toEqual(
      [...slugs, UNRECOGNIZED_SUBJECT.slug].sort(),
    );
  });
});

describe('the robocall flag, one set of words', () => {
  it('TRUE/FALSE/NULL ↔ yes/no/unknown ↔ Robocall/Live caller/Not said', () => {
    expect(ROBOCALL_VALUES.map((v) => [ROBOCALL[v].sql, v, ROBOCALL[v].label])).toEqual([
      ['TRUE', 'yes', 'Robocall'],
      ['FALSE', 'no', 'Live caller'],
      ['NULL', 'unknown', 'Not said'],
    ]);
    expect([true, false, null].map(robocallValueOf)).toEqual(['yes', 'no', 'unknown']);
    expect(CALL_KIND_LABELS).toEqual({
      robocall: 'Robocall',
      live: 'Live caller',
      unknown: 'Not said',
    });
  });

  it('the SQL that groups by it and the SQL that filters by it read the stored value the same way', () => {
    const filter = urlKey('robocall').filter!;
    for (const v of ROBOCALL_VALUES) {
      const where = filter.where(
        { ...DEFAULT_VIEW, robocall: [v] },
        { w: new SqlWriter('literal'), col: (c) => c, date: 'created_date' },
      );
      expect(where).toBe(
        `(robocall ${ROBOCALL[v].sql === 'NULL' ? 'IS NULL' : `= ${ROBOCALL[v].sql}`})`,
      );
    }
    expect(robocallCaseSql('r', 'series')).toBe(
      "CASE WHEN r THEN 'robocall' WHEN NOT r THEN 'live' ELSE 'unknown' END",
    );
    expect(robocallCaseSql('r', 'value')).toBe(
      "CASE WHEN r THEN 'yes' WHEN NOT r THEN 'no' ELSE 'unknown' END",
    );
  });
});
