import { describe, expect, it } from 'vitest';
import {
  contiguousLineOffset,
  parseRecordLenient,
  PlainLines,
  scanCsv,
  walkRecord,
} from '../../scripts/ingest/scan-csv';

const scan = (text: string | Buffer) =>
  scanCsv(typeof text === 'string' ? Buffer.from(text) : text, 3);
const goodLines = (text: string) => {
  const s = scan(text);
  return Array.from(s.good.lines.subarray(0, s.good.count));
};

describe('scanCsv(buf, fields)', () => {
  it('reads the header and counts records with CRLF and LF endings alike', () => {
    expect(scan('a,b,c\r\n1,2,3\r\n4,5,6\r\n')).toMatchObject({
      header: 'a,b,c',
      records: 2,
      rejected: [],
    });
    expect(scan('a,b,c\n1,2,3\n4,5,6')).toMatchObject({
      header: 'a,b,c',
      records: 2,
      rejected: [],
    });
  });

  it('skips a UTF-8 BOM before the header', () => {
    const s = scan(
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('a,b,c\r\n1,2,3\r\n')]),
    );
    expect(s).toMatchObject({ header: 'a,b,c', hasBom: true, records: 1 });
  });

  it('keeps quoted commas and newlines inside one record and numbers lines by where records start', () => {
    expect(goodLines('h,h,h\n1,"x,y",3\n2,"multi\nline\nfield",3\n4,5,6\n')).toEqual([2, 3, 6]);
  });

  // Issue 8.6 changes this case: a blank line is no longer a rejected record but counted apart.
  it('rejects too few and too many columns and an unterminated quote, and counts blank lines apart', () => {
    const s = scan('h,h,h\r\n1,2\r\n\r\n1,2,3,4\r\n1,2,3\r\n1,"open,3\r\n');
    expect(s.rejected.map((r) => [r.line, r.reason])).toEqual([
      [2, 'too few columns'],
      [4, 'too many columns'],
      [6, 'unterminated quoted field'],
    ]);
    expect(s.blankLines).toBe(1);
    expect(s.records).toBe(4);
    expect(s.good.count).toBe(1);
    expect(s.physicalLines).toBe(6);
  });

  it('resumes after a stray quote at the next line that reads as a whole record (issue 14.3)', () => {
    const s = scan('h,h,h\n1,"open,3\n4,5,6\n7,"a\nb",9\n1,2,3\n');
    expect(s.rejected.map((r) => [r.line, r.lastLine, r.reason])).toEqual([
      [2, 2, 'unterminated quoted field'],
    ]);
    expect(Array.from(s.good.lines.subarray(0, s.good.count))).toEqual([3, 4, 6]);
  });

  it('marks records with stray quotes, lone CRs or invalid UTF-8 for repair, not rejection', () => {
    const s = scan(
      Buffer.concat([
        Buffer.from('h,h,h\n1,a"b,3\n1,"q"x,3\n1,a\rb,3\n1,'),
        Buffer.from([0xff]),
        Buffer.from(',3\n1,2,3\n'),
      ]),
    );
    expect(s.rejected).toEqual([]);
    expect(s.needsRepair).toEqual([0, 1, 2, 3]);
  });
});

describe('parseRecordLenient(text)', () => {
  it('reads RFC 4180 fields and keeps stray quotes as text', () => {
    expect(parseRecordLenient('1,"a,b","say ""hi""",')).toEqual(['1', 'a,b', 'say "hi"', '']);
    expect(parseRecordLenient('a"b,"q"x')).toEqual(['a"b', 'qx']);
  });
});

describe('contiguousLineOffset(lines, count)', () => {
  it('gives the one offset when every record is one line, null otherwise', () => {
    expect(contiguousLineOffset(Uint32Array.from([2, 3, 4]), 3)).toBe(2);
    expect(contiguousLineOffset(Uint32Array.from([2, 3, 5]), 3)).toBeNull();
  });
});

describe('PlainLines (the fast path for one-line records)', () => {
  // Seeded: lines made of the bytes that steer the walk (quotes, commas, CR, LF, spaces, tabs).
  function randomText(seed: number, length: number): Buffer {
    const alphabet = [
      0x22,
      0x0d,
      0x0a,
      0x0a,
      0x0a,
      0x2c,
      0x2c,
      0x2c,
      0x2c,
      0x20,
      0x09,
      ...Buffer.from('abc123xyz9'),
    ];
    let state = seed;
    const bytes = new Uint8Array(length);
    for (let k = 0; k < length; k++) {
      state = (state * 1103515245 + 12345) % 2 ** 31;
      bytes[k] = alphabet[state % alphabet.length]!;
    }
    return Buffer.from(bytes);
  }

  it('answers exactly as the full walk wherever it answers, at every line start', () => {
    let answered = 0;
    for (let seed = 1; seed <= 200; seed++) {
      const buf = randomText(seed, 400);
      const plain = new PlainLines(buf);
      for (let from = 0; from < buf.length; from++) {
        if (from > 0 && buf[from - 1] !== 0x0a) continue;
        const fast = plain.walk(from);
        if (fast === null) continue;
        answered++;
        expect(fast).toEqual(walkRecord(buf, from, buf.length));
      }
    }
    // The comparison must have happened often enough to mean something.
    expect(answered).toBeGreaterThan(500);
  });

  it('leaves quotes, stray CRs, comma-less lines and a last line without LF to the full walk', () => {
    const at = (text: string) => new PlainLines(Buffer.from(text)).walk(0);
    expect(at('1,2,3\r\nx')).toEqual({
      stop: 6,
      fields: 3,
      inQuotes: false,
      odd: false,
      innerLines: 0,
      blank: false,
    });
    expect(at('1,"2",3\nx')).toBeNull();
    expect(at('1,2\r,3\nx')).toBeNull();
    expect(at('   \nx')).toBeNull();
    expect(at('1,2,3')).toBeNull();
  });
});
