/**
 * A byte-level pass over one daily file that decides, before DuckDB sees it, which records are
 * complaints and which are not — and remembers the line each record starts on.
 *
 * DuckDB's CSV reader is what makes ingest fast, but it cannot report the source line of the rows
 * it loads and it resolves some malformed input differently from RFC 4180. So this pass is the
 * single judge: records it rejects are quarantined here; records it accepts must all come out of
 * DuckDB again (the ingest checks the counts), in order, which is how `source_line` is restored.
 */
import { isUtf8 } from 'node:buffer';

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;

/** Records longer than this are not complaints (the longest real field is a few hundred bytes). */
export const MAX_RECORD_BYTES = 1_000_000;

export type RejectReason =
  | 'blank line'
  | 'too few columns'
  | 'too many columns'
  | 'unterminated quoted field'
  | 'record longer than 1 MB';

export interface RejectedRecord {
  line: number;
  reason: RejectReason;
  detail: string;
  start: number;
  end: number;
}

export interface ScanResult {
  /** The first line without BOM and line ending; empty for an empty file. */
  header: string;
  hasBom: boolean;
  /** Data records seen (the header excluded): good + rejected. */
  records: number;
  /** Accepted records, in file order: byte range [start, end) without the line ending, and start line. */
  good: { starts: Uint32Array; ends: Uint32Array; lines: Uint32Array; count: number };
  /** Indexes (into `good`) of accepted records DuckDB must not see verbatim: odd quoting, a lone CR or invalid UTF-8. */
  needsRepair: number[];
  rejected: RejectedRecord[];
  /** Byte offset where the data records begin (after the header line). */
  dataStart: number;
}

/** Splits a file into records (RFC 4180: quoted fields may hold commas, quotes and newlines). */
export function scanCsv(buf: Uint8Array, expectedFields: number): ScanResult {
  const hasBom = buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf;
  const begin = hasBom ? 3 : 0;
  let headerEnd = indexOfByte(buf, LF, begin);
  const dataStart = headerEnd === -1 ? buf.length : headerEnd + 1;
  if (headerEnd === -1) headerEnd = buf.length;
  const header = Buffer.from(buf.buffer, buf.byteOffset + begin, trimCr(buf, begin, headerEnd) - begin).toString('utf8');

  // Worst case one record per two bytes; typed arrays keep 5 million records cheap.
  const capacity = Math.max(16, Math.ceil((buf.length - dataStart) / 40));
  let starts: Uint32Array<ArrayBuffer> = new Uint32Array(capacity);
  let ends: Uint32Array<ArrayBuffer> = new Uint32Array(capacity);
  let lines: Uint32Array<ArrayBuffer> = new Uint32Array(capacity);
  let count = 0;
  const needsRepair: number[] = [];
  const rejected: RejectedRecord[] = [];
  const utf8Valid = isUtf8(buf);

  let line = 2; // the header is line 1
  let i = dataStart;
  const n = buf.length;
  while (i < n) {
    const recordStart = i;
    const recordLine = line;
    let fields = 1;
    let inQuotes = false;
    let atFieldStart = true;
    let odd = false;
    // Walk one record.
    while (i < n) {
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
          line++;
        }
        i++;
        continue;
      }
      if (c === COMMA) {
        fields++;
        atFieldStart = true;
        i++;
        continue;
      }
      if (c === LF) break;
      if (c === QUOTE) {
        if (atFieldStart) inQuotes = true;
        else odd = true; // a bare quote inside an unquoted field
      } else if (c === CR && buf[i + 1] !== LF) {
        odd = true; // a lone CR, which some readers take for a line end
      }
      atFieldStart = false;
      i++;
    }
    const recordEnd = trimCr(buf, recordStart, i);
    const length = recordEnd - recordStart;
    if (i < n) {
      i++; // past the LF
      line++;
    }

    let reason: RejectReason | null = null;
    let detail = '';
    if (inQuotes) {
      reason = 'unterminated quoted field';
      detail = 'a quoted field runs to the end of the file (truncated file?)';
    } else if (length === 0) {
      reason = 'blank line';
    } else if (length > MAX_RECORD_BYTES) {
      reason = 'record longer than 1 MB';
      detail = `${length} bytes`;
    } else if (fields < expectedFields) {
      reason = 'too few columns';
      detail = `${fields} of ${expectedFields} columns`;
    } else if (fields > expectedFields) {
      reason = 'too many columns';
      detail = `${fields} columns, ${expectedFields} expected`;
    }
    if (reason) {
      rejected.push({ line: recordLine, reason, detail, start: recordStart, end: recordEnd });
      continue;
    }
    if (count === starts.length) {
      starts = grow(starts);
      ends = grow(ends);
      lines = grow(lines);
    }
    if (odd || (!utf8Valid && !isUtf8(buf.subarray(recordStart, recordEnd)))) needsRepair.push(count);
    starts[count] = recordStart;
    ends[count] = recordEnd;
    lines[count] = recordLine;
    count++;
  }

  return {
    header,
    hasBom,
    records: count + rejected.length,
    good: { starts, ends, lines, count },
    needsRepair,
    rejected,
    dataStart,
  };
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
