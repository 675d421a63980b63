/**
 * One raw file, made ready for DuckDB: hashed, its header checked, its records judged by
 * scanCsv, and — only when something in it is malformed — a clean copy written for DuckDB to read
 * instead. The raw file itself is never changed.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { FTC_COLUMNS, FTC_HEADER } from '../../src/lib/ftc-format';
import { formatCsvField, lineRuns, parseRecordLenient, scanCsv, type RejectReason } from './scan-csv';

export interface QuarantinedRow {
  source_line: number;
  reason: RejectReason | 'no parseable Created_Date';
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
  rowsRead: number;
  /** Records handed to DuckDB. */
  rowsAccepted: number;
  /** Records repaired on the way (invalid UTF-8 replaced, stray quotes kept as text). */
  rowsRepaired: number;
  runs: { from: number; offset: number }[];
  quarantined: QuarantinedRow[];
  /** Byte ranges of accepted records, to quote the raw text of rows rejected later. */
  starts: Uint32Array;
  ends: Uint32Array;
}

export function sha256(buf: Uint8Array): string {
  return createHash('sha256').update(buf).digest('hex');
}

/** Compares header names the way a reader would: quotes, spacing and case do not matter. */
export function isFtcHeader(header: string): boolean {
  const names = header.split(',').map((name) => name.trim().replace(/^"(.*)"$/, '$1').trim().toLowerCase());
  return names.length === FTC_COLUMNS.length && names.every((name, i) => name === FTC_COLUMNS[i]!.toLowerCase());
}

export function describeNotFtc(buf: Uint8Array, header: string): string {
  if (buf.length === 0) return 'empty file (0 bytes)';
  const looksHtml = /^\s*(<!doctype|<html|<\?xml|<head|<body)/i.test(header);
  const shown = header.length > 80 ? `${header.slice(0, 80)}…` : header;
  return looksHtml
    ? `not an FTC CSV: it is an HTML page (first line: ${JSON.stringify(shown)})`
    : `not an FTC CSV: the first line is not the FTC header ${JSON.stringify(FTC_HEADER)} (found ${JSON.stringify(shown)})`;
}

export function prepareFile(file: string, rawPath: string, buf: Buffer, cleanCopyPath: string): PreparedFile {
  const base = { file, sha256: sha256(buf), bytes: buf.length };
  const scan = scanCsv(buf, FTC_COLUMNS.length);
  if (!isFtcHeader(scan.header)) {
    return {
      ...base,
      problem: describeNotFtc(buf, scan.header),
      loadPath: null,
      rowsRead: 0,
      rowsAccepted: 0,
      rowsRepaired: 0,
      runs: [],
      quarantined: [],
      starts: new Uint32Array(0),
      ends: new Uint32Array(0),
    };
  }
  const { good } = scan;
  const quarantined: QuarantinedRow[] = scan.rejected.map((r) => ({
    source_line: r.line,
    reason: r.reason,
    detail: r.detail,
    raw_text: buf.toString('utf8', r.start, r.end),
  }));

  let loadPath: string | null = null;
  if (good.count > 0) {
    const clean = scan.rejected.length === 0 && scan.needsRepair.length === 0;
    if (clean) loadPath = rawPath;
    else {
      writeCleanCopy(buf, scan.good, scan.needsRepair, cleanCopyPath);
      loadPath = cleanCopyPath;
    }
  }
  return {
    ...base,
    problem: null,
    loadPath,
    rowsRead: scan.records,
    rowsAccepted: good.count,
    rowsRepaired: scan.needsRepair.length,
    runs: lineRuns(good.lines, good.count),
    quarantined,
    starts: good.starts.subarray(0, good.count),
    ends: good.ends.subarray(0, good.count),
  };
}

/** Header plus accepted records; repaired records re-quoted so every reader splits them alike. */
function writeCleanCopy(
  buf: Buffer,
  good: { starts: Uint32Array; ends: Uint32Array; count: number },
  needsRepair: number[],
  path: string,
): void {
  const repair = new Set(needsRepair);
  const parts: Buffer[] = [Buffer.from(`${FTC_HEADER}\n`)];
  for (let k = 0; k < good.count; k++) {
    const start = good.starts[k]!;
    const end = good.ends[k]!;
    if (repair.has(k)) {
      // toString replaces invalid UTF-8 with U+FFFD: the row is kept, the bad bytes are not.
      const fields = parseRecordLenient(buf.toString('utf8', start, end));
      parts.push(Buffer.from(`${fields.map(formatCsvField).join(',')}\n`));
    } else {
      parts.push(buf.subarray(start, end), Buffer.from('\n'));
    }
  }
  writeFileSync(path, Buffer.concat(parts));
}
