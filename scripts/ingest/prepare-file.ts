/**
 * One raw file, made ready for DuckDB: hashed, its header checked, its records judged by
 * scanCsv, and — only when something in it is malformed — a clean copy written for DuckDB to read
 * instead. The raw file itself is never changed.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import {
  csvField,
  FTC_COLUMNS,
  FTC_HEADER,
  headerLine,
  isFtcHeader,
  isMarkupLine,
} from '../../src/lib/ftc-format';
import { contiguousLineOffset, parseRecordLenient, scanCsv, type RejectReason } from './scan-csv';

export interface QuarantinedRow {
  source_line: number;
  /** The last physical line the record holds (records may span lines). */
  last_line: number;
  reason: RejectReason | 'no parseable Created_Date' | 'created on a date a published file covers';
  detail: string;
  raw_text: string;
}

export interface PreparedFile {
  /** Path relative to the raw folder. */
  file: string;
  sha256: string;
  bytes: number;
  /** Null when the file can be loaded; otherwise why it is not an FTC daily file. */
  problem: string | null;
  /** What DuckDB reads: the raw file, or a clean copy. Null when there is nothing to load. */
  loadPath: string | null;
  /**
   * For a raw file: `source_line = ordinal + lineOffset`. Null for a clean copy, whose first
   * column carries each record's source line.
   */
  lineOffset: number | null;
  /** Records (complaints or not) after the header; blank lines are not records. */
  rowsRead: number;
  blankLines: number;
  /** Physical lines, the header included. */
  physicalLines: number;
  /** Records handed to DuckDB. */
  rowsAccepted: number;
  /** Records repaired on the way (invalid UTF-8 replaced, stray quotes kept as text). */
  rowsRepaired: number;
  quarantined: QuarantinedRow[];
  /** Byte ranges and start lines of accepted records, to quote the raw text of rows rejected later. */
  starts: Uint32Array;
  ends: Uint32Array;
  lines: Uint32Array;
}

export function sha256(buf: Uint8Array): string {
  return createHash('sha256').update(buf).digest('hex');
}

/** The one FTC-header predicate lives with the format (fetch uses it too); re-exported for existing callers. */
export { isFtcHeader };

export function describeNotFtc(buf: Uint8Array, header: string): string {
  if (buf.length === 0) return 'empty file (0 bytes)';
  const looksHtml = isMarkupLine(header);
  const shown = header.length > 80 ? `${header.slice(0, 80)}…` : header;
  return looksHtml
    ? `not an FTC CSV: it is an HTML page or XML document (first line: ${JSON.stringify(shown)})`
    : `not an FTC CSV: the first line is not the FTC header ${JSON.stringify(FTC_HEADER)} (found ${JSON.stringify(shown)})`;
}

export function prepareFile(
  file: string,
  rawPath: string,
  buf: Buffer,
  cleanCopyPath: string,
): PreparedFile {
  const base = { file, sha256: sha256(buf), bytes: buf.length };
  const scan = scanCsv(buf, FTC_COLUMNS.length);
  // The header verdict is fetch's too (src/lib/ftc-format.ts), taken from the bytes, not the scan.
  const header = headerLine(buf);
  if (!isFtcHeader(header)) {
    return {
      ...base,
      problem: describeNotFtc(buf, header),
      loadPath: null,
      lineOffset: null,
      rowsRead: 0,
      blankLines: 0,
      physicalLines: scan.physicalLines,
      rowsAccepted: 0,
      rowsRepaired: 0,
      quarantined: [],
      starts: new Uint32Array(0),
      ends: new Uint32Array(0),
      lines: new Uint32Array(0),
    };
  }
  const { good } = scan;
  const quarantined: QuarantinedRow[] = scan.rejected.map((r) => ({
    source_line: r.line,
    last_line: r.lastLine,
    reason: r.reason,
    detail: r.detail,
    raw_text: buf.toString('utf8', r.start, r.end),
  }));

  let loadPath: string | null = null;
  const lineOffset = contiguousLineOffset(good.lines, good.count);
  if (good.count > 0) {
    const asPublished =
      scan.rejected.length === 0 && scan.needsRepair.length === 0 && lineOffset !== null;
    if (asPublished) loadPath = rawPath;
    else {
      writeCleanCopy(buf, scan.good, scan.needsRepair, cleanCopyPath);
      loadPath = cleanCopyPath;
    }
  }
  return {
    ...base,
    problem: null,
    loadPath,
    lineOffset: loadPath === rawPath ? lineOffset : null,
    rowsRead: scan.records,
    blankLines: scan.blankLines,
    physicalLines: scan.physicalLines,
    rowsAccepted: good.count,
    rowsRepaired: scan.needsRepair.length,
    quarantined,
    starts: good.starts.subarray(0, good.count),
    ends: good.ends.subarray(0, good.count),
    lines: good.lines.subarray(0, good.count),
  };
}

/**
 * `source_line` then the accepted records; repaired records re-quoted so every reader splits them
 * alike. Carrying the line in the row is what lets rejected lines and multi-line records be skipped
 * without losing track of where each row came from.
 */
function writeCleanCopy(
  buf: Buffer,
  good: { starts: Uint32Array; ends: Uint32Array; lines: Uint32Array; count: number },
  needsRepair: number[],
  path: string,
): void {
  const repair = new Set(needsRepair);
  const parts: Buffer[] = [Buffer.from(`source_line,${FTC_HEADER}\n`)];
  for (let k = 0; k < good.count; k++) {
    const start = good.starts[k]!;
    const end = good.ends[k]!;
    parts.push(Buffer.from(`${good.lines[k]},`));
    if (repair.has(k)) {
      // toString replaces invalid UTF-8 with U+FFFD: the row is kept, the bad bytes are not.
      const fields = parseRecordLenient(buf.toString('utf8', start, end));
      parts.push(Buffer.from(`${fields.map(csvField).join(',')}\n`));
    } else {
      parts.push(buf.subarray(start, end), Buffer.from('\n'));
    }
  }
  writeFileSync(path, Buffer.concat(parts));
}
