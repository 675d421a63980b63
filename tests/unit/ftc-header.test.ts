/**
 * One FTC-header rule at both doors: fetch (strict: a download's first bytes, then its whole body)
 * and ingest (lenient: loads a file with the header and quarantines bad rows) take the header
 * line the same way (`headerLine`) and judge it with the same predicate (`isFtcHeader`). Held to
 * it on every case of the malformed corpus and on edge cases the corpus does not have.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FtcBodyCheck } from '../../scripts/fetch/ftc-body-check';
import { checkFtcCsvHead, HEAD_BYTES } from '../../scripts/fetch/ftc-csv-check';
import { prepareFile } from '../../scripts/ingest/prepare-file';
import { FTC_HEADER, headerLine, isFtcHeader } from '../../src/lib/ftc-format';
import { corpusCases } from '../fixtures/malformed-corpus';

const tmp = mkdtempSync(join(tmpdir(), 'ftc-header-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function fetchVerdicts(bytes: Uint8Array): { head: string; body: string; reason: string } {
  const head = checkFtcCsvHead(
    bytes.subarray(0, HEAD_BYTES),
    'text/csv',
    bytes.length <= HEAD_BYTES,
  );
  const check = new FtcBodyCheck();
  check.push(bytes);
  const body = check.finish();
  return { head: head.kind, body: body.kind, reason: body.kind === 'rejected' ? body.reason : '' };
}

function ingestLoads(name: string, bytes: Uint8Array): boolean {
  const buf = Buffer.from(bytes);
  return (
    prepareFile(`${name}.csv`, join(tmp, `${name}.csv`), buf, join(tmp, `${name}.clean.csv`))
      .problem === null
  );
}

const row = '2125550100,2026-05-14 10:00:00,2026-05-14 09:00:00,Austin,Texas,512,Other,Y';
const edgeCases: [string, string, boolean][] = [
  ['BOM, CRLF', `\uFEFF${FTC_HEADER}\r\n${row}\r\n`, true],
  [
    'quoted names, other case',
    `${FTC_HEADER.split(',')
      .map((n) => `"${n.toUpperCase()}"`)
      .join(',')}\n${row}\n`,
    true,
  ],
  // String.trim drops U+FEFF, so a stray second mark reads as spacing: loaded at both doors.
  ['two byte order marks', `\uFEFF\uFEFF${FTC_HEADER}\n${row}\n`, true],
  ['a column more', `${FTC_HEADER},Extra\n${row},x\n`, false],
  ['columns swapped', `${FTC_COLUMNS_SWAPPED()}\n${row}\n`, false],
  ['the header alone, no line end', FTC_HEADER, true],
  ['an XML error', `<?xml version="1.0"?><Error><Code>AccessDenied</Code></Error>`, false],
];

function FTC_COLUMNS_SWAPPED(): string {
  const names = FTC_HEADER.split(',');
  [names[1], names[2]] = [names[2]!, names[1]!];
  return names.join(',');
}

describe('headerLine', () => {
  it('skips one byte order mark, stops at the line feed and drops its carriage return', () => {
    const bytes = (text: string) => new TextEncoder().encode(text);
    expect(headerLine(bytes('\uFEFFa,b\r\nc'))).toBe('a,b');
    expect(headerLine(bytes('a,b'))).toBe('a,b');
    expect(headerLine(bytes('\uFEFF\uFEFFa'))).toBe('\uFEFFa');
    expect(headerLine(bytes(''))).toBe('');
  });
});

describe('fetch and ingest agree on the header', () => {
  const cases = [
    ...corpusCases().map((c) => ({
      name: c.name,
      bytes: new Uint8Array(c.bytes),
      ftc: c.expect.status !== 'not_ftc_csv',
    })),
    ...edgeCases.map(([name, text, ftc]) => ({ name, bytes: new TextEncoder().encode(text), ftc })),
  ];

  it.each(cases)('$name', ({ name, bytes, ftc }) => {
    const fetched = fetchVerdicts(bytes);
    const loads = ingestLoads(name.replace(/\W+/g, '-'), bytes);
    expect(isFtcHeader(headerLine(bytes)), 'the shared predicate').toBe(ftc);
    expect(loads, 'ingest loads it').toBe(ftc);
    // Fetch's first look: an FTC header is accepted at once; anything else is never.
    expect(fetched.head === 'ok', 'fetch head check').toBe(ftc);
    if (ftc) {
      // Strict fetch may still refuse the body (junk after a valid header), never the header.
      if (fetched.body === 'rejected')
        expect(fetched.reason).toMatch(/after a valid header|not a single/);
      else expect(fetched.body).toBe('ftc');
    } else expect(fetched.body).not.toBe('ftc');
  });
});
