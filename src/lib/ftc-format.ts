/**
 * The FTC's Do Not Call "reported calls" daily CSV, as published.
 *
 * One file per business day; the header and the value formats below are exactly what the FTC
 * writes (see docs/DESIGN.md §2). Both the sample generator and the ingest read these
 * constants, so a synthetic file and a real one go through the same door.
 */

/** The header row, in order, exactly as published. */
export const FTC_COLUMNS = [
  'Company_Phone_Number',
  'Created_Date',
  'Violation_Date',
  'Consumer_City',
  'Consumer_State',
  'Consumer_Area_Code',
  'Subject',
  'Recorded_Message_Or_Robocall',
] as const;

export type FtcColumn = (typeof FTC_COLUMNS)[number];

export const FTC_HEADER = FTC_COLUMNS.join(',');

/**
 * The header of a file as every reader here takes it: the bytes after a UTF-8 byte order mark up
 * to the first line feed (or the end), a carriage return before it dropped, decoded as UTF-8.
 * Fetch (on a download's first bytes) and ingest (on the archived file) both call this and then
 * `isFtcHeader`, so the same bytes get the same verdict at both doors.
 */
export function headerLine(bytes: Uint8Array): string {
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const newline = bytes.indexOf(0x0a, start);
  let end = newline === -1 ? bytes.length : newline;
  if (end > start && bytes[end - 1] === 0x0d) end -= 1;
  // ignoreBOM: the mark was skipped above; a second one is part of the line (and not the header).
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.subarray(start, end));
}

/**
 * Is this header line the FTC header? Compared the way a reader would: quotes around names,
 * spacing and case do not matter; order and count do. The one predicate for fetch (is this
 * download an FTC file?) and ingest (can this file be loaded?).
 */
export function isFtcHeader(line: string): boolean {
  const names = line.split(',').map((name) =>
    name
      .trim()
      .replace(/^"(.*)"$/, '$1')
      .trim()
      .toLowerCase(),
  );
  return (
    names.length === FTC_COLUMNS.length &&
    names.every((name, i) => name === FTC_COLUMNS[i]!.toLowerCase())
  );
}

/** A first line that opens markup (`<!doctype html>`, `<html>`, `<?xml …>`): a web page or an XML error, not a CSV. */
export function isMarkupLine(line: string): boolean {
  return /^\s*</.test(line);
}

/** The FTC ends lines with CRLF. */
export const FTC_NEWLINE = '\r\n';

/**
 * Daily file names: `DNC_Complaint_Numbers_2026-05-15.csv` (current), sometimes republished with
 * a `_0` suffix, and the older lower-case `dnc_complaint_numbers_2021-07-08.csv`.
 * The date in the name is the publication date; complaints in it were created the day before.
 */
const DAILY_FILE_PATTERN =
  /^(dnc_complaint_numbers|DNC_Complaint_Numbers)_(\d{4}-\d{2}-\d{2})(?:_(\d+))?\.csv$/i;

export interface DailyFileName {
  /** Publication date from the name, `YYYY-MM-DD`. */
  published: string;
  /** The republication suffix (`0` for `_0`), or null for the first publication. */
  suffix: string | null;
}

export function parseDailyFileName(name: string): DailyFileName | null {
  const match = DAILY_FILE_PATTERN.exec(name);
  if (!match) return null;
  return { published: match[2]!, suffix: match[3] ?? null };
}

export function dailyFileName(
  published: string,
  style: 'current' | 'legacy' = 'current',
  suffix?: string,
): string {
  const stem = style === 'current' ? 'DNC_Complaint_Numbers' : 'dnc_complaint_numbers';
  return `${stem}_${published}${suffix === undefined ? '' : `_${suffix}`}.csv`;
}

/**
 * The one CSV field quoter, RFC 4180 as the FTC writes it: quote a field only if it holds a comma,
 * a quote, CR or LF; double inner quotes. Used for files in the FTC's format (sample, API
 * backfill, quarantine, clean copies) and, through `quoteField`, for the site's downloads.
 */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** `YYYY-MM-DD HH:MM:SS`, no time zone: how the FTC writes Created_Date and Violation_Date. */
export const FTC_DATETIME_PATTERN = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
