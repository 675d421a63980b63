/**
 * Which raw files count: every `*.csv` below the raw folder is a candidate; a file with the same
 * bytes as an earlier one (the FTC's `_0` republications) counts once, and of several different
 * versions of one publication date (or of the API's copy of one day) the latest replaces the
 * others. Between published files and API backfills, created dates decide (reconcile.ts).
 */
import { parseDailyFileName } from '../../src/lib/ftc-format';

export interface CandidateFile {
  /** Path relative to the raw folder, with `/` separators. */
  file: string;
  sha256: string;
}

export type SourceRole =
  { role: 'load' } | { role: 'duplicate'; of: string } | { role: 'superseded'; by: string };

/** A name that `data:fetch` gives to changed content it keeps beside the archived file. */
const REFETCHED = /^(.*)\.fetched-([0-9TZ:-]+)\.csv$/i;
/** `data:fetch --api` backfills: complaints created on one day, as the API returned them. */
const API_BACKFILL = /^DNC_API_(\d{4}-\d{2}-\d{2})(?:\.fetched-([0-9TZ:-]+))?\.csv$/i;

export function isApiBackfill(file: string): boolean {
  return API_BACKFILL.test(file.slice(file.lastIndexOf('/') + 1));
}

/**
 * The publication a file belongs to (null for files that are not daily files). API backfills are
 * not publications: which of their complaints count is decided by created dates (reconcile.ts).
 */
export function publicationKey(file: string): { date: string; rank: string } | null {
  const base = file.slice(file.lastIndexOf('/') + 1);
  if (API_BACKFILL.test(base)) return null;
  return dailyVersion(base);
}

/** Versions of one thing: a publication date, or the API's copy of one created date. */
function versionKey(file: string): { group: string; rank: string } | null {
  const base = file.slice(file.lastIndexOf('/') + 1);
  const api = API_BACKFILL.exec(base);
  if (api) return { group: `api ${api[1]}`, rank: api[2] ?? '' };
  const daily = dailyVersion(base);
  return daily && { group: daily.date, rank: daily.rank };
}

function dailyVersion(base: string): { date: string; rank: string } | null {
  const refetched = REFETCHED.exec(base);
  const parsed = parseDailyFileName(refetched ? `${refetched[1]}.csv` : base);
  if (!parsed) return null;
  // Later versions rank higher: the plain name, then `_0`, `_1` …, then copies fetched later.
  const rank = `${parsed.suffix === null ? '0' : `1${parsed.suffix.padStart(6, '0')}`}|${refetched?.[2] ?? ''}`;
  return { date: parsed.published, rank };
}

/** Decides each file's role. Input order does not matter; the result follows `files`. */
export function assignRoles(files: CandidateFile[]): Map<string, SourceRole> {
  const roles = new Map<string, SourceRole>();
  const firstWithHash = new Map<string, string>();
  const sorted = [...files].sort((a, b) => compareVersions(a.file, b.file));
  for (const f of sorted) {
    const original = firstWithHash.get(f.sha256);
    if (original) roles.set(f.file, { role: 'duplicate', of: original });
    else {
      firstWithHash.set(f.sha256, f.file);
      roles.set(f.file, { role: 'load' });
    }
  }
  // Among distinct contents of one publication date, the latest version wins.
  const latestByDate = new Map<string, string>();
  for (const f of sorted) {
    if (roles.get(f.file)?.role !== 'load') continue;
    const key = versionKey(f.file);
    if (key) latestByDate.set(key.group, f.file);
  }
  for (const f of sorted) {
    if (roles.get(f.file)?.role !== 'load') continue;
    const key = versionKey(f.file);
    const latest = key ? latestByDate.get(key.group) : undefined;
    if (latest && latest !== f.file) roles.set(f.file, { role: 'superseded', by: latest });
  }
  return roles;
}

function compareVersions(a: string, b: string): number {
  const ka = versionKey(a);
  const kb = versionKey(b);
  if (ka && kb && ka.group === kb.group) return ka.rank < kb.rank ? -1 : ka.rank > kb.rank ? 1 : 0;
  return a < b ? -1 : a > b ? 1 : 0;
}
