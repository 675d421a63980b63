/**
 * Complaints → the FTC's CSV bytes: its header, `YYYY-MM-DD HH:MM:SS` dates, CRLF after every
 * line (the last one too) and RFC 4180 quoting only where a field needs it.
 *
 * A day's file is written straight into one growing byte buffer: the generator emits millions of
 * rows, and building a string per field and per line (then encoding it) cost more than generating
 * the rows. Pooled text (cities, states, subjects) is encoded once and copied; anything that is not
 * ASCII is written as UTF-8.
 */
import { renameSync, writeFileSync } from 'node:fs';
import { csvField, FTC_HEADER, FTC_NEWLINE } from '../../src/lib/ftc-format';
import type { Complaint } from './complaint';
import { formatDay } from './dates';

const COMMA = 44;
const QUOTE = 34;
const CR = 13;
const LF = 10;
const SPACE = 32;
const COLON = 58;
const ZERO = 48;

/** '00'…'99' as byte pairs: two-digit fields are a lookup, not arithmetic per digit. */
const TWO_DIGITS = Uint8Array.from(
  { length: 200 },
  (_, i) => ZERO + (i % 2 === 0 ? Math.floor(i / 20) : (i >> 1) % 10),
);

/** Writes `value` (0 ≤ value < 100) as two digits at `at`; returns the next position. */
function twoDigits(buffer: Uint8Array, at: number, value: number): number {
  buffer[at] = TWO_DIGITS[value * 2]!;
  buffer[at + 1] = TWO_DIGITS[value * 2 + 1]!;
  return at + 2;
}

/** Writes a 10-digit number; split in two halves so the arithmetic stays in small integers. */
function tenDigits(buffer: Uint8Array, at: number, value: number): number {
  const high = Math.floor(value / 100_000);
  let low = value - high * 100_000;
  let rest = high;
  for (let i = at + 9; i >= at + 5; i--) {
    const next = (low / 10) | 0;
    buffer[i] = ZERO + low - next * 10;
    low = next;
  }
  for (let i = at + 4; i >= at; i--) {
    const next = (rest / 10) | 0;
    buffer[i] = ZERO + rest - next * 10;
    rest = next;
  }
  return at + 10;
}

/** Bytes `value` may take at most in the file: quoted, every quote doubled, 3 bytes a char. */
function worstCase(value: string): number {
  return value.length * 6 + 2;
}

export class DailyFileBuilder {
  private buffer: Buffer;
  private length = 0;
  /** `YYYY-MM-DD` bytes per day number: violation dates repeat a few thousand days at most. */
  private readonly dates = new Map<number, Uint8Array>();
  /** Encoded (and if need be quoted) bytes of the pooled strings: cities, states, subjects. */
  private readonly pooled = new Map<string, Uint8Array>();

  constructor(capacity = 1 << 20) {
    this.buffer = Buffer.allocUnsafe(capacity);
    this.reset();
  }

  get size(): number {
    return this.length;
  }

  /** The file's bytes so far: a view into the builder's buffer, valid until the next reset(). */
  bytes(): Buffer {
    return this.buffer.subarray(0, this.length);
  }

  /** Starts a new file (header only). */
  reset(): void {
    this.length = 0;
    this.ensure(FTC_HEADER.length + FTC_NEWLINE.length);
    this.length = this.buffer.write(FTC_HEADER + FTC_NEWLINE, 0, 'latin1');
  }

  private ensure(extra: number): void {
    if (this.length + extra <= this.buffer.length) return;
    let capacity = this.buffer.length * 2;
    while (capacity < this.length + extra) capacity *= 2;
    const grown = Buffer.allocUnsafe(capacity);
    this.buffer.copy(grown, 0, 0, this.length);
    this.buffer = grown;
  }

  /**
   * A text field that is not from a small set (odd caller numbers) at `at`: plain ASCII is copied
   * as is, ASCII with a comma, quote or line break is quoted, anything else goes through the
   * general (UTF-8) path. Returns the next position.
   */
  private text(at: number, value: string): number {
    const buffer = this.buffer;
    let plain = true;
    for (let i = 0; i < value.length; i++) {
      const code = value.charCodeAt(i);
      if (code > 127) return at + buffer.write(csvField(value), at, 'utf8');
      if (code === COMMA || code === QUOTE || code === CR || code === LF) plain = false;
    }
    if (plain) {
      for (let i = 0; i < value.length; i++) buffer[at++] = value.charCodeAt(i);
      return at;
    }
    buffer[at++] = QUOTE;
    for (let i = 0; i < value.length; i++) {
      const code = value.charCodeAt(i);
      if (code === QUOTE) buffer[at++] = QUOTE;
      buffer[at++] = code;
    }
    buffer[at++] = QUOTE;
    return at;
  }

  /** A field from a small set of values: encoded once, then copied. */
  private pooledText(at: number, value: string): number {
    let bytes = this.pooled.get(value);
    if (bytes === undefined) {
      bytes = Buffer.from(csvField(value), 'utf8');
      // Unbounded growth would mean the values are not pooled after all: stop caching then.
      if (this.pooled.size < 50_000) this.pooled.set(value, bytes);
    }
    const buffer = this.buffer;
    for (let i = 0; i < bytes.length; i++) buffer[at++] = bytes[i]!;
    return at;
  }

  private dateBytes(day: number): Uint8Array {
    let bytes = this.dates.get(day);
    if (bytes === undefined) {
      bytes = Buffer.from(formatDay(day), 'latin1');
      this.dates.set(day, bytes);
    }
    return bytes;
  }

  /** `YYYY-MM-DD HH:MM:SS` at `at`; returns the next position. */
  private timestamp(at: number, day: number, second: number): number {
    const buffer = this.buffer;
    const date = this.dateBytes(day);
    for (let i = 0; i < 10; i++) buffer[at++] = date[i]!;
    buffer[at++] = SPACE;
    at = twoDigits(buffer, at, Math.floor(second / 3600));
    buffer[at++] = COLON;
    at = twoDigits(buffer, at, Math.floor(second / 60) % 60);
    buffer[at++] = COLON;
    return twoDigits(buffer, at, second % 60);
  }

  row(c: Complaint): void {
    const caller = c.callerNumber >= 0 ? '' : c.callerText;
    // One capacity check per row: two timestamps, area code, flag and separators fit in 64.
    this.ensure(
      64 +
        worstCase(caller) +
        worstCase(c.city) +
        worstCase(c.state) +
        worstCase(c.subject) +
        c.areaCode.length,
    );
    const buffer = this.buffer;
    let at = this.length;
    at = c.callerNumber >= 0 ? tenDigits(buffer, at, c.callerNumber) : this.text(at, caller);
    buffer[at++] = COMMA;
    at = this.timestamp(at, c.createdDay, c.createdSecond);
    buffer[at++] = COMMA;
    if (!Number.isNaN(c.violationDay)) at = this.timestamp(at, c.violationDay, c.violationSecond);
    buffer[at++] = COMMA;
    at = this.pooledText(at, c.city);
    buffer[at++] = COMMA;
    at = this.pooledText(at, c.state);
    buffer[at++] = COMMA;
    for (let i = 0; i < c.areaCode.length; i++) buffer[at++] = c.areaCode.charCodeAt(i);
    buffer[at++] = COMMA;
    at = this.pooledText(at, c.subject);
    buffer[at++] = COMMA;
    if (c.flag !== '') buffer[at++] = c.flag.charCodeAt(0);
    buffer[at++] = CR;
    buffer[at++] = LF;
    this.length = at;
  }
}

/** A whole daily file from records (tests and small days; the generator streams instead). */
export function formatDailyFile(rows: Iterable<Complaint>): string {
  const builder = new DailyFileBuilder();
  for (const row of rows) builder.row(row);
  return builder.bytes().toString('utf8');
}

/** Write via a temporary file in the same directory and rename, so no reader sees half a file. */
export function writeFileAtomic(path: string, content: string | Uint8Array): void {
  const temporary = `${path}.tmp-${process.pid}`;
  writeFileSync(temporary, content);
  renameSync(temporary, path);
}
