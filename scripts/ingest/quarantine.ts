/** quarantine/<source file>.csv: every rejected record with its first and last line, reason and raw text. */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { QuarantinedRow } from './prepare-file';
import { csvField } from '../../src/lib/ftc-format';

export const QUARANTINE_HEADER = 'source_file,source_line,last_line,reason,detail,raw_text';

/** Writes one file per source with rejected rows; returns source file → path relative to the output. */
export async function writeQuarantine(
  outDir: string,
  files: { file: string; quarantined: QuarantinedRow[] }[],
): Promise<Map<string, string>> {
  const written = new Map<string, string>();
  const used = new Set<string>();
  for (const file of files) {
    if (file.quarantined.length === 0) continue;
    const base = file.file.slice(file.file.lastIndexOf('/') + 1);
    let name = base;
    for (let n = 2; used.has(name); n++) name = base.replace(/\.csv$/i, `~${n}.csv`);
    used.add(name);
    const lines = [QUARANTINE_HEADER];
    for (const row of file.quarantined) {
      lines.push(
        [
          file.file,
          String(row.source_line),
          String(row.last_line),
          row.reason,
          row.detail,
          row.raw_text,
        ]
          .map(csvField)
          .join(','),
      );
    }
    await writeFile(join(outDir, 'quarantine', name), `${lines.join('\r\n')}\r\n`);
    written.set(file.file, `quarantine/${name}`);
  }
  return written;
}
