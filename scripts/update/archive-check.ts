/**
 * The raw archive checked against its ledger: every file the ledger vouches for is on disk with
 * the bytes the ledger hashed. Run after the archive is restored from wherever it lives between
 * runs and before anything is fetched: a file missing or changed means the restore (or someone)
 * damaged the only history there is, and nothing should be added on top until a human looks.
 * Files on disk the ledger does not know are listed too (data:fetch records them when it sees them).
 */
import { readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { digestFile, exists, ledgerRelPath, toAbsolute } from '../fetch/archive';
import { readLedger } from '../fetch/ledger';

export interface ArchiveCheck {
  /** Files whose bytes match the ledger. */
  verified: number;
  missing: string[];
  changed: { file: string; expected: string; actual: string }[];
  /** Archive files (CSV and API rejects) the ledger does not mention. */
  unrecorded: string[];
}

/** Everything under dnc/ that is archive (not the ledger, not dnc/state/, not temp files). */
export async function archiveFiles(raw: string): Promise<string[]> {
  const root = toAbsolute(raw, 'dnc');
  if (!(await exists(root))) return [];
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && !entry.name.startsWith('.'))
    .map(
      (entry) => `dnc/${relative(root, join(entry.parentPath, entry.name)).split(sep).join('/')}`,
    )
    .filter(
      (rel) =>
        rel !== ledgerRelPath() && !rel.startsWith('dnc/state/') && /\.(csv|json)$/i.test(rel),
    )
    .sort();
}

export async function checkArchive(raw: string): Promise<ArchiveCheck> {
  const ledger = await readLedger(toAbsolute(raw, ledgerRelPath()));
  // The latest hash the ledger holds for each file (a file is written once, so all agree).
  const expected = new Map<string, string>();
  for (const entry of ledger.entries) {
    if (entry.outcome === 'failed') continue;
    if (entry.sha256 !== null) expected.set(entry.file, entry.sha256);
    if (entry.rejected_file !== undefined && entry.rejected_sha256 !== undefined)
      expected.set(entry.rejected_file, entry.rejected_sha256);
  }
  const result: ArchiveCheck = { verified: 0, missing: [], changed: [], unrecorded: [] };
  for (const [file, sha256] of [...expected].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const path = toAbsolute(raw, file);
    if (!(await exists(path))) {
      result.missing.push(file);
      continue;
    }
    const actual = (await digestFile(path)).sha256;
    if (actual === sha256) result.verified += 1;
    else result.changed.push({ file, expected: sha256, actual });
  }
  result.unrecorded = (await archiveFiles(raw)).filter((file) => !expected.has(file));
  return result;
}

export function archiveIsIntact(check: ArchiveCheck): boolean {
  return check.missing.length === 0 && check.changed.length === 0;
}

export function describeArchiveCheck(check: ArchiveCheck): string[] {
  const lines = [`archive: ${check.verified} file(s) match the ledger's sha256`];
  for (const file of check.missing)
    lines.push(`MISSING: ${file} is in the ledger but not in the archive`);
  for (const change of check.changed)
    lines.push(
      `CHANGED: ${change.file}: sha256 ${change.actual}, the ledger says ${change.expected}`,
    );
  if (check.unrecorded.length > 0)
    lines.push(
      `${check.unrecorded.length} file(s) not in the ledger yet (data:fetch records them): ${check.unrecorded.slice(0, 5).join(', ')}${check.unrecorded.length > 5 ? ', …' : ''}`,
    );
  return lines;
}
