/**
 * An independent oracle for caller lookups: the raw FTC-format daily files read with papaparse and
 * counted in plain TypeScript, without DuckDB or any of the pipeline's code.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';

export interface RawCallerStats {
  complaints: number;
  firstDay: string;
  lastDay: string;
  byMonth: Map<string, number>;
  /** State names as the FTC writes them (full names). */
  byStateName: Map<string, number>;
  /** Subject labels as the FTC writes them. */
  bySubjectLabel: Map<string, number>;
  robocall: { yes: number; no: number; unknown: number };
}

function csvFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) csvFiles(path, out);
    else if (name.endsWith('.csv')) out.push(path);
  }
  return out;
}

const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);

/** Every caller number of the raw files (trimmed, as ingest keeps it) → what its complaints say. */
export function rawCallerStats(rawDir: string): Map<string, RawCallerStats> {
  const stats = new Map<string, RawCallerStats>();
  for (const file of csvFiles(rawDir)) {
    const parsed = Papa.parse<Record<string, string>>(readFileSync(file, 'utf8'), {
      header: true,
      skipEmptyLines: true,
    });
    for (const row of parsed.data) {
      const number = (row.Company_Phone_Number ?? '').trim();
      const created = (row.Created_Date ?? '').trim();
      if (number === '' || !/^\d{4}-\d{2}-\d{2}/.test(created)) continue;
      const day = created.slice(0, 10);
      let s = stats.get(number);
      if (!s) {
        s = {
          complaints: 0,
          firstDay: day,
          lastDay: day,
          byMonth: new Map(),
          byStateName: new Map(),
          bySubjectLabel: new Map(),
          robocall: { yes: 0, no: 0, unknown: 0 },
        };
        stats.set(number, s);
      }
      s.complaints++;
      if (day < s.firstDay) s.firstDay = day;
      if (day > s.lastDay) s.lastDay = day;
      bump(s.byMonth, day.slice(0, 7));
      bump(s.byStateName, (row.Consumer_State ?? '').trim());
      bump(s.bySubjectLabel, (row.Subject ?? '').trim());
      const flag = (row.Recorded_Message_Or_Robocall ?? '').trim().toUpperCase();
      if (flag === 'Y') s.robocall.yes++;
      else if (flag === 'N') s.robocall.no++;
      else s.robocall.unknown++;
    }
  }
  return stats;
}
