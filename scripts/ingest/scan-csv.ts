/**
 * A byte-level pass over one daily file that decides, before DuckDB sees it, which records are
 * complaints and which are not — and remembers the line each record starts on.
 *
 * DuckDB's CSV reader is what makes ingest fast, but it cannot report the source line of the rows
 * it loads and it resolves some malformed input differently from RFC 4180. So this pass is the
 * single judge: records it rejects are quarantined here; records it accepts must all come out of
 * DuckDB again (the ingest checks the counts), in order, which is how `source_line` is restored.
 *
 * DuckDB alone (strict, with its rejects table) was tried instead (issue 12.5): it agrees on most
 * of the malformed corpus, but loses the complaints after a stray quote, rejects records with
 * invalid UTF-8 or a quote inside an unquoted field, stops on a line of spaces among mixed line
 * ends, and cannot say on which line a multi-line record starts. Each such case carries
 * `needs_scanner` in its tests/fixtures/malformed/<case>/expected.json, and
 * tests/ingest/duckdb-reader.test.ts fails when DuckDB stops differing on one of them.
 */
import { isUtf8 } from 'node:buffer';

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const TAB = 0x09;

/** Records longer than this are not complaints (the longest real field is a few hundred bytes). */
export const MAX_RECORD_BYTES = 1_000_000;

export type RejectReason =
  'too few columns' | 'too many columns' | 'unterminated quoted field' | 'record longer than 1 MB';

export interface RejectedRecord {
  /** The physical line the record starts on, and the last one it holds. */
  line: number;
  lastLine: number;
  reason: RejectReason;
  detail: string;
  start: number;
  end: number;
}

export interface ScanResult {
  /** The first line without BOM and line ending; empty for an empty file. */
  header: string;
  hasBom: boolean;
  /** Data records seen (the header and blank lines excluded): good + rejected. */
  records: number;
  /** Lines holding nothing but spaces or tabs: not records, counted apart. */
  blankLines: number;
  /** Physical lines in the file, the header included (a last line without a line end counts). */
  physicalLines: number;
  /** Accepted records, in file order: byte range [start, end) without the line ending, and start line. */
  good: { starts: Uint32Array; ends: Uint32Array; lines: Uint32Array; count: number };
  /** Indexes (into `good`) of accepted records DuckDB must not see verbatim: odd quoting, a lone CR or invalid UTF-8. */
  needsRepair: number[];
  rejected: RejectedRecord[];
  /** Byte offset where the data records begin (after the header line). */
  dataStart: number;
}

/** One record as RFC 4180 reads it from `from`: where it ends and what it looked like. */
interface Walk {
  /** Index of the LF that ends the record, or the end of the input. */
  stop: number;
  fields: number;
  /** Still inside a quoted field where the walk stopped (end of input or `limit`). */
  inQuotes: boolean;
  /** Quoting a strict reader would take differently (a bare quote, text after a closing quote, a lone CR). */
  odd: boolean;
  /** Line ends inside quoted fields. */
  innerLines: number;
  /** Only spaces and tabs. */
  blank: boolean;
}

export function walkRecord(buf: Uint8Array, from: number, limit: number): Walk {
  let i = from;
  let fields = 1;
  let inQuotes = false;
  let atFieldStart = true;
  let odd = false;
  let innerLines = 0;
  let blank = true;
  while (i < limit) {
    const c = buf[i]!;
    if (inQuotes) {
      if (c === QUOTE) {
        if (buf[i + 1] === QUOTE) {
          i += 2;
          continue;
        }
        inQuotes = false;
        const next = buf[i + 1];
        // After a closing quote only a separator or a line end may follow.
        if (next !== undefined && next !== COMMA && next !== LF && next !== CR) odd = true;
      } else if (c === LF) {
        innerLines++;
      }
      i++;
      continue;
    }
    if (c === COMMA) {
      fields++;
      atFieldStart = true;
      blank = false;
      i++;
      continue;
    }
    if (c === LF) break;
    if (c === QUOTE) {
      blank = false;
      if (atFieldStart) inQuotes = true;
      else odd = true; // a bare quote inside an unquoted field
    } else if (c === CR) {
      if (buf[i + 1] !== LF) odd = true; // a lone CR, which some readers take for a line end
    } else if (c !== SPACE && c !== TAB) {
      blank = false;
    }
    atFieldStart = false;
    i++;
  }
  return { stop: i, fields, inQuotes, odd, innerLines, blank: blank && !inQuotes };
}

/**
 * The walk of a record that is one plain line — no quote, and no CR but the one before its LF —
 * which nearly every record is. For such a line the walk's answer follows from where the next
 * quote, CR and LF are and how many commas it holds, all found by Buffer.indexOf in native code
 * (about twice as fast as walking every byte in JavaScript, measured on the bench sample). Anything else (a quote, a stray CR, a line with no
 * comma that may be blank, the last line without a line end) returns null: walkRecord decides.
 */
export class PlainLines {
  private nextQuote = -1;
  private nextCr = -1;
  private readonly bytes: Buffer;

  constructor(buf: Uint8Array) {
    this.bytes = Buffer.from(buf.buffer, buf.byteOffset, buf.length);
  }

  walk(from: number): Walk | null {
    const { bytes } = this;
    const n = bytes.length;
    if (this.nextQuote < from) this.nextQuote = indexOrEnd(bytes, QUOTE, from);
    if (this.nextCr < from) this.nextCr = indexOrEnd(bytes, CR, from);
    const lf = indexOrEnd(bytes, LF, from);
    if (lf === n || this.nextQuote < lf) return null;
    if (this.nextCr < lf - 1) return null;
    let fields = 1;
    for (let k = bytes.indexOf(COMMA, from); k !== -1 && k < lf; k = bytes.indexOf(COMMA, k + 1))
      fields++;
    if (fields === 1) return null;
    return { stop: lf, fields, inQuotes: false, odd: false, innerLines: 0, blank: false };
  }
}

function indexOrEnd(bytes: Buffer, byte: number, from: number): number {
  const at = bytes.indexOf(byte, from);
  return at === -1 ? bytes.length : at;
}

/**
 * Splits a file into records (RFC 4180: quoted fields may hold commas, quotes and newlines).
 *
 * A record that runs over several lines and then does not come out as one complaint (a quote that
 * never closes, or closes lines later leaving the wrong number of columns) is a stray quote, not a
 * multi-line field: the scan picks up again at the first following line that on its own reads as a
 * whole record, so one bad quote costs one record, not the rest of the day.
 */
export function scanCsv(buf: Uint8Array, expectedFields: number): ScanResult {
  const hasBom = buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf;
  const begin = hasBom ? 3 : 0;
  let headerEnd = indexOfByte(buf, LF, begin);
  const dataStart = headerEnd === -1 ? buf.length : headerEnd + 1;
  if (headerEnd === -1) headerEnd = buf.length;
  const header = Buffer.from(
    buf.buffer,
    buf.byteOffset + begin,
    trimCr(buf, begin, headerEnd) - begin,
  ).toString('utf8');

  // Worst case one record per two bytes; typed arrays keep 5 million records cheap.
  const capacity = Math.max(16, Math.ceil((buf.length - dataStart) / 40));
  let starts: Uint32Array<ArrayBuffer> = new Uint32Array(capacity);
  let ends: Uint32Array<ArrayBuffer> = new Uint32Array(capacity);
  let lines: Uint32Array<ArrayBuffer> = new Uint32Array(capacity);
  let count = 0;
  let blankLines = 0;
  const needsRepair: number[] = [];
  const rejected: RejectedRecord[] = [];
  const utf8Valid = isUtf8(buf);

  let line = 2; // the header is line 1
  let i = dataStart;
  const n = buf.length;
  const plain = new PlainLines(buf);
  while (i < n) {
    const recordStart = i;
    const recordLine = line;
    const walk = plain.walk(i) ?? walkRecord(buf, i, n);
    let stop = walk.stop;
    let lastLine = recordLine + walk.innerLines;
    let reason: RejectReason | null = null;
    let detail = '';

    if (walk.innerLines > 0 && (walk.inQuotes || walk.fields !== expectedFields)) {
      const resume = nextRecordStart(buf, recordStart, stop, expectedFields);
      if (resume !== -1) {
        stop = resume - 1; // the LF before the line that starts a record
        lastLine = recordLine + countLf(buf, recordStart, stop);
        reason = 'unterminated quoted field';
        detail =
          lastLine === recordLine
            ? `a quote opened on line ${recordLine} does not close on it; line ${lastLine + 1} starts a new record`
            : `a quote opened on line ${recordLine} does not close before line ${lastLine + 1}, which starts a new record`;
      }
    }
    const recordEnd = trimCr(buf, recordStart, stop);
    const length = recordEnd - recordStart;
    i = stop < n ? stop + 1 : n;
    line = lastLine + 1;

    if (reason) {
      // set above: a stray quote, cut at the next record
    } else if (walk.inQuotes) {
      reason = 'unterminated quoted field';
      detail = 'a quoted field runs to the end of the file (truncated file?)';
    } else if (walk.blank) {
      blankLines++;
      continue;
    } else if (length > MAX_RECORD_BYTES) {
      reason = 'record longer than 1 MB';
      detail = `${length} bytes`;
    } else if (walk.fields < expectedFields) {
      reason = 'too few columns';
      detail = `${walk.fields} of ${expectedFields} columns`;
    } else if (walk.fields > expectedFields) {
      reason = 'too many columns';
      detail = `${walk.fields} columns, ${expectedFields} expected`;
    }
    if (reason) {
      rejected.push({
        line: recordLine,
        lastLine,
        reason,
        detail,
        start: recordStart,
        end: recordEnd,
      });
      continue;
    }
    if (count === starts.length) {
      starts = grow(starts);
      ends = grow(ends);
      lines = grow(lines);
    }
    if (walk.odd || (!utf8Valid && !isUtf8(buf.subarray(recordStart, recordEnd))))
      needsRepair.push(count);
    starts[count] = recordStart;
    ends[count] = recordEnd;
    lines[count] = recordLine;
    count++;
  }

  return {
    header,
    hasBom,
    records: count + rejected.length,
    blankLines,
    physicalLines: buf.length === 0 ? 0 : countLf(buf, 0, n) + (buf[n - 1] === LF ? 0 : 1),
    good: { starts, ends, lines, count },
    needsRepair,
    rejected,
    dataStart,
  };
}

/**
 * The first line start in (recordStart, stop] from which one whole, well-formed record can be
 * read on its own: the expected number of fields and no quote left open. -1 when there is none,
 * so the record stays whole. Each try reads at most one record's worth of bytes.
 */
function nextRecordStart(
  buf: Uint8Array,
  recordStart: number,
  stop: number,
  expectedFields: number,
): number {
  let lf = indexOfByte(buf, LF, recordStart);
  while (lf !== -1 && lf < stop) {
    const candidate = lf + 1;
    const walk = walkRecord(buf, candidate, Math.min(buf.length, candidate + MAX_RECORD_BYTES));
    if (!walk.inQuotes && !walk.blank && walk.fields === expectedFields) return candidate;
    lf = indexOfByte(buf, LF, candidate);
  }
  return -1;
}

function countLf(buf: Uint8Array, from: number, to: number): number {
  let lines = 0;
  for (let at = indexOfByte(buf, LF, from); at !== -1 && at < to; at = indexOfByte(buf, LF, at + 1))
    lines++;
  return lines;
}

/**
 * Fields of one record, read leniently: what a person would take each field to be when the
 * quoting is off (a bare quote is a character; text after a closing quote belongs to the field).
 */
export function parseRecordLenient(text: string): string[] {
  const fields: string[] = [];
  let field = '';
  let inQuotes = false;
  let atFieldStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inQuotes) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else inQuotes = false;
      } else field += c;
      continue;
    }
    if (c === ',') {
      fields.push(field);
      field = '';
      atFieldStart = true;
      continue;
    }
    if (c === '"' && atFieldStart) inQuotes = true;
    else field += c;
    atFieldStart = false;
  }
  fields.push(field);
  return fields;
}

/**
 * When every record is one line long, `source_line = ordinal + offset` for one offset: returns it.
 * Null when a record spans lines or lines were skipped, so line numbers must travel with the rows.
 */
export function contiguousLineOffset(lines: Uint32Array, count: number): number | null {
  if (count === 0) return 2;
  const offset = lines[0]!;
  for (let k = 1; k < count; k++) if (lines[k]! - k !== offset) return null;
  return offset;
}

function trimCr(buf: Uint8Array, start: number, end: number): number {
  return end > start && buf[end - 1] === CR ? end - 1 : end;
}

function indexOfByte(buf: Uint8Array, byte: number, from: number): number {
  return Buffer.from(buf.buffer, buf.byteOffset, buf.length).indexOf(byte, from);
}

function grow(array: Uint32Array<ArrayBuffer>): Uint32Array<ArrayBuffer> {
  const bigger = new Uint32Array(array.length * 2);
  bigger.set(array);
  return bigger;
}
