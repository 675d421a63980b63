/**
 * Real-format files for more days than the real ones: each file in the FTC's cadence (weekdays,
 * Monday's holding Friday to Sunday; calendar.ts `dailyFilePlan`) is a seeded draw of the real
 * file's own records, byte for byte, with only their Created_Date moved to the target day (same
 * time of day) and their Violation_Date moved by the same number of days. Every other field, the
 * quoting and the line ends are the FTC's, so a build from them goes through the real-data path
 * (no synthetic marker is written: that is the point, for tests of how a real build reads with one
 * day, one month or one year). Not a sample to show anyone: the rows are the one real day's.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dailyFileName, FTC_NEWLINE, headerLine, isFtcHeader } from '../../src/lib/ftc-format';
import { dailyFilePlan } from './calendar';
import { formatDay, parseDay, yearOf } from './dates';
import { rngFor } from './random';

export interface RealFormatOptions {
  /** First and last created day, `YYYY-MM-DD`. */
  first: string;
  last: string;
  /** Records drawn for each created day. */
  perDay: number;
  seed: string;
  /** Publication dates (`YYYY-MM-DD`) whose files are left out, to make gaps. */
  skipFiles?: readonly string[];
}

const DATE_TIME = /^(\d{4}-\d{2}-\d{2})( \d{2}:\d{2}:\d{2})$/;

/** Splits the real file into its header and its records (one line each in the FTC's files). */
export function realRecords(bytes: Uint8Array): { header: string; records: string[] } {
  const header = headerLine(bytes);
  if (!isFtcHeader(header)) throw new Error('not an FTC daily file: the header differs');
  const text = Buffer.from(bytes).toString('utf8');
  const records = text
    .split(FTC_NEWLINE)
    .slice(1)
    .filter((line) => line !== '');
  if (records.some((line) => line.includes('\n') || line.includes('\r')))
    throw new Error('a record spans lines: this resampler keeps one record a line');
  return { header, records };
}

/**
 * One record moved to `day`: Created_Date's date becomes `day`, Violation_Date (when it is a date
 * and time) moves by as many days. The dates are never quoted; the number before them may be (the
 * real file has `"4242972172,347284638"`).
 */
export function moveRecord(record: string, day: number): string {
  const c1 = firstFieldEnd(record);
  const c2 = record.indexOf(',', c1 + 1);
  const c3 = record.indexOf(',', c2 + 1);
  const created = DATE_TIME.exec(record.slice(c1 + 1, c2));
  if (!created) throw new Error(`no Created_Date in: ${record.slice(0, 60)}`);
  const shift = day - parseDay(created[1]!);
  const violationText = record.slice(c2 + 1, c3);
  const violation = DATE_TIME.exec(violationText);
  const moved = violation
    ? `${formatDay(parseDay(violation[1]!) + shift)}${violation[2]}`
    : violationText;
  return `${record.slice(0, c1 + 1)}${formatDay(day)}${created[2]},${moved}${record.slice(c3)}`;
}

/** Where the first field ends (the comma after it), a quoted field's doubled quotes included. */
function firstFieldEnd(record: string): number {
  if (!record.startsWith('"')) return record.indexOf(',');
  for (let i = 1; ;) {
    const quote = record.indexOf('"', i);
    if (quote === -1) throw new Error(`an unclosed quote in: ${record.slice(0, 60)}`);
    if (record[quote + 1] === '"') i = quote + 2;
    else return quote + 1;
  }
}

/** Writes `<out>/dnc/<year>/DNC_Complaint_Numbers_<published>.csv`; returns the files written. */
export function writeRealFormat(
  realFile: Uint8Array,
  out: string,
  options: RealFormatOptions,
): string[] {
  const { header, records } = realRecords(realFile);
  const skip = new Set(options.skipFiles ?? []);
  const written: string[] = [];
  for (const file of dailyFilePlan(parseDay(options.first), parseDay(options.last))) {
    const published = formatDay(file.published);
    if (skip.has(published)) continue;
    const lines = [header];
    for (const day of file.created) {
      const rng = rngFor(options.seed, `real-format:${formatDay(day)}`);
      // Drawn in the real file's order (it is almost sorted by time), so the day reads as one.
      const picks = Array.from({ length: options.perDay }, () =>
        Math.floor(rng.next() * records.length),
      ).sort((a, b) => a - b);
      for (const i of picks) lines.push(moveRecord(records[i]!, day));
    }
    const dir = join(out, 'dnc', String(yearOf(file.published)));
    mkdirSync(dir, { recursive: true });
    const path = join(dir, dailyFileName(published));
    writeFileSync(path, lines.join(FTC_NEWLINE) + FTC_NEWLINE);
    written.push(path);
  }
  return written;
}
