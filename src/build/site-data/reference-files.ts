/**
 * Build time: the reference CSV files the build publishes under /data/reference/ (states and their
 * populations, subjects, area codes, PoNE letters and caller numbers, enforcement actions), with
 * size, checksum and rows, so /data/ can link every file "Show the SQL" reads beside the Parquet.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dataDir } from './db';

export interface ReferenceFile {
  name: string;
  /** Site-relative URL. */
  href: string;
  bytes: number;
  sha256: string;
  /** Data rows (the header not counted). */
  rows: number;
}

/** Data lines of a CSV: line breaks outside quotes, less the header (quoted fields may hold newlines). */
export function csvRowCount(text: string): number {
  let lines = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (c === '\n' && !quoted) lines++;
  }
  if (text.length > 0 && !text.endsWith('\n')) lines++;
  return Math.max(0, lines - 1);
}

export function referenceFiles(dir = join(dataDir(), 'reference')): ReferenceFile[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.csv'))
    .sort()
    .map((name) => {
      const bytes = readFileSync(join(dir, name));
      return {
        name,
        href: `/data/reference/${name}`,
        bytes: bytes.length,
        sha256: createHash('sha256').update(bytes).digest('hex'),
        rows: csvRowCount(bytes.toString('utf8')),
      };
    });
}
