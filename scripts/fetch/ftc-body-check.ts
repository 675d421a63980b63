/**
 * "Is this whole body an FTC daily file, or at least a CSV the FTC could have changed?" — judged
 * while it streams to its temp file, before anything is archived.
 *
 * Two duties pull against each other here. Nothing hostile may enter the archive: an HTML page,
 * binary data, a valid header followed by megabytes of junk (a decompression bomb's payload), a
 * body larger than any daily file could be. And nothing the FTC really published may be lost:
 * public files roll off its site after a few weeks, so a file whose header or column count the
 * FTC changed must still be kept byte for byte (the ingest quarantines what it cannot read),
 * with a loud warning. So there are three verdicts:
 *
 * - `ftc`: the FTC header (`isFtcHeader`, the predicate ingest uses) and most lines have its
 *   8 fields: archived.
 * - `changed`: not the FTC header or not its field count, but plausibly a CSV export (a header
 *   of printable column names, and most lines share one field count of 2 or more): archived,
 *   loudly.
 * - `rejected`: anything else, with the reason. Nothing is kept.
 *
 * Lines are judged one physical line at a time with quotes balanced within the line: a quoted
 * field with a line break in it, or one stray quote, only makes those lines count as odd, it
 * cannot swallow the file (the FTC's files have a handful of such lines at most).
 */
import { FTC_COLUMNS, headerLine, isFtcHeader, isMarkupLine } from '../../src/lib/ftc-format';

/**
 * The largest real daily file we know is 1.4 MB (14,034 complaints, 2021-07-08); 2026 files hold
 * 11,000 to 13,000. 64 MiB is over 40 times that: room for a surge of complaints or a wider
 * export, and still far from filling a disk with a decompressed bomb.
 */
export const DEFAULT_MAX_FILE_BYTES = 64 * 1024 * 1024;

/** At least this share of data lines must share the expected (or modal) field count. */
const MIN_REGULAR_SHARE = 0.5;
/** Lines longer than this are not CSV records of this data set (a real line is under 300 bytes). */
const MAX_LINE_BYTES = 64 * 1024;

export type BodyVerdict =
  | { kind: 'ftc'; rows: number; oddLines: number; warning: string | null }
  | { kind: 'changed'; rows: number; warning: string }
  | { kind: 'rejected'; reason: string };

export class TooLargeError extends Error {
  override name = 'TooLargeError';
}

const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;
const COMMA = 0x2c;

export class FtcBodyCheck {
  private bytes = 0;
  private headerBytes: number[] = [];
  private inHeader = true;
  private nulAt = -1;
  private controlBytes = 0;
  // The line being read.
  private fields = 1;
  private quotes = 0;
  private lineBytes = 0;
  private lineHasContent = false;
  // Tallies over finished data lines.
  private dataLines = 0;
  private blankLines = 0;
  private longLines = 0;
  private unbalancedLines = 0;
  private readonly fieldCounts = new Map<number, number>();

  constructor(readonly maxBytes: number = DEFAULT_MAX_FILE_BYTES) {}

  /** Feed the next chunk. Throws TooLargeError past `maxBytes` (the caller deletes what it wrote). */
  push(chunk: Uint8Array): void {
    this.bytes += chunk.byteLength;
    if (this.bytes > this.maxBytes) {
      throw new TooLargeError(
        `not an FTC CSV: the body passed ${formatMiB(this.maxBytes)} (decoded), more than any daily file could hold; download aborted and nothing kept`,
      );
    }
    for (let i = 0; i < chunk.length; i += 1) {
      const byte = chunk[i]!;
      if (byte === 0 && this.nulAt === -1) this.nulAt = this.bytes - chunk.length + i;
      else if (byte < 0x20 && byte !== LF && byte !== CR && byte !== 0x09) this.controlBytes += 1;
      if (this.inHeader) {
        // The header's bytes as they came (a byte order mark included): headerLine reads them.
        if (byte === LF) this.inHeader = false;
        else if (this.headerBytes.length < MAX_LINE_BYTES) this.headerBytes.push(byte);
        continue;
      }
      if (byte === LF) {
        this.endLine();
        continue;
      }
      this.lineBytes += 1;
      if (byte === CR) continue;
      this.lineHasContent = true;
      if (byte === QUOTE) this.quotes += 1;
      else if (byte === COMMA && this.quotes % 2 === 0) this.fields += 1;
    }
  }

  finish(): BodyVerdict {
    if (!this.inHeader && (this.lineBytes > 0 || this.lineHasContent)) this.endLine();
    if (this.bytes === 0) return { kind: 'rejected', reason: 'not an FTC CSV: the body is empty' };
    if (this.nulAt !== -1)
      return {
        kind: 'rejected',
        reason: `not an FTC CSV: binary data (a NUL byte at offset ${this.nulAt})`,
      };
    if (this.controlBytes > Math.max(8, this.bytes / 1000)) {
      return {
        kind: 'rejected',
        reason: `not an FTC CSV: ${this.controlBytes} control bytes, binary rather than text`,
      };
    }
    const header = headerLine(Uint8Array.from(this.headerBytes));
    const ftcHeader = isFtcHeader(header);
    const expected = ftcHeader ? FTC_COLUMNS.length : header.split(',').length;
    const regular = this.fieldCounts.get(expected) ?? 0;
    const [modal, modalLines] = this.modalFieldCount();
    const rows = this.dataLines;
    const odd = rows - regular;
    const share = (n: number): string => `${n} of ${rows} line${rows === 1 ? '' : 's'}`;

    if (ftcHeader && (rows === 0 || regular >= rows * MIN_REGULAR_SHARE)) {
      const warning =
        rows === 0
          ? 'the FTC header and not a single complaint line'
          : odd > 0
            ? `${share(odd)} do not have the FTC's ${expected} fields; the ingest will judge (and quarantine) them`
            : null;
      return { kind: 'ftc', rows, oddLines: odd, warning };
    }
    if (isMarkupLine(header))
      return { kind: 'rejected', reason: 'not an FTC CSV: an HTML or XML document' };
    if (rows === 0)
      return {
        kind: 'rejected',
        reason: `not an FTC CSV: one line, ${JSON.stringify(excerpt(header))}, and no data`,
      };
    if (ftcHeader) {
      return {
        kind: 'rejected',
        reason:
          `not an FTC CSV: the FTC header, then only ${share(regular)} with its ${expected} fields ` +
          `(${describeLines(this.longLines, this.unbalancedLines, modal, modalLines)}): junk after a valid header`,
      };
    }
    if (looksLikeCsvHeader(header) && modal >= 2 && modalLines >= rows * MIN_REGULAR_SHARE) {
      return {
        kind: 'changed',
        rows,
        warning:
          `the header is not the FTC's: ${JSON.stringify(excerpt(header, 240))} (${expected} columns); ` +
          `${share(modalLines)} have ${modal} fields. Kept byte for byte as published; the ingest quarantines what it cannot read`,
      };
    }
    return {
      kind: 'rejected',
      reason: `not an FTC CSV: first line is ${JSON.stringify(excerpt(header))} and the lines after it are not CSV records of one shape`,
    };
  }

  private endLine(): void {
    if (!this.lineHasContent) {
      this.blankLines += 1;
    } else {
      this.dataLines += 1;
      if (this.lineBytes > MAX_LINE_BYTES) this.longLines += 1;
      else if (this.quotes % 2 !== 0) this.unbalancedLines += 1;
      else this.fieldCounts.set(this.fields, (this.fieldCounts.get(this.fields) ?? 0) + 1);
    }
    this.fields = 1;
    this.quotes = 0;
    this.lineBytes = 0;
    this.lineHasContent = false;
  }

  private modalFieldCount(): [number, number] {
    let best: [number, number] = [0, 0];
    for (const [fields, lines] of this.fieldCounts) if (lines > best[1]) best = [fields, lines];
    return best;
  }
}

function describeLines(
  long: number,
  unbalanced: number,
  modal: number,
  modalLines: number,
): string {
  const parts: string[] = [];
  if (modalLines > 0)
    parts.push(`most common: ${modalLines} with ${modal} field${modal === 1 ? '' : 's'}`);
  if (long > 0) parts.push(`${long} longer than ${MAX_LINE_BYTES / 1024} KiB`);
  if (unbalanced > 0) parts.push(`${unbalanced} with unbalanced quotes`);
  return parts.join(', ') || 'no regular lines';
}

/** Column names: printable text, no markup, none empty or absurdly long. */
function looksLikeCsvHeader(line: string): boolean {
  const names = line.split(',');
  return (
    names.length >= 2 &&
    names.every((name) => /^\s*"?[\p{L}\p{N} _\-./()#&%'’]{1,64}"?\s*$/u.test(name))
  );
}

function excerpt(text: string, max = 80): string {
  const printable = text.replace(/[^\x20-\x7e]/g, '?');
  return printable.length > max ? `${printable.slice(0, max - 3)}...` : printable;
}

function formatMiB(bytes: number): string {
  return `${Math.round(bytes / 1024 / 1024)} MiB`;
}
