/** The manifest's `sources[]`: one entry per raw file, from its summary and the role it was given. */
import type { SourceEntry } from '../../src/lib/manifest';
import type { SourceSummary } from './cache';
import type { SourceRole } from './sources';

/** `leftOut`: complaints of the source not loaded because a published file has their dates (reconcile.ts). */
export function sourceEntry(
  s: SourceSummary,
  role: SourceRole | undefined,
  quarantine: string | undefined,
  leftOut = 0,
): SourceEntry {
  const entry: SourceEntry = {
    file: s.file,
    sha256: s.sha256,
    bytes: s.bytes,
    rows_read: 0,
    rows_loaded: 0,
    rows_rejected: 0,
    blank_lines: 0,
    lines: s.physicalLines,
    lines_rejected: 0,
    rejected_by_reason: {},
    flagged: {},
    created_min: null,
    created_max: null,
    status: 'loaded',
  };
  if (s.problem) return { ...entry, status: 'not_ftc_csv', problem: s.problem };
  if (role?.role === 'duplicate')
    return {
      ...entry,
      status: 'duplicate',
      duplicate_of: role.of,
      problem: `same content as ${role.of}: counted once`,
    };
  if (role?.role === 'superseded') {
    const why = s.file.includes('DNC_API_')
      ? `a published file (${role.by}) holds the complaints of every date it has`
      : `a later version of the same publication (${role.by}) replaces it`;
    return { ...entry, status: 'superseded', superseded_by: role.by, problem: why };
  }
  const rejected_by_reason: Record<string, number> = {};
  for (const q of s.quarantined)
    rejected_by_reason[q.reason] = (rejected_by_reason[q.reason] ?? 0) + 1;
  const flagged: Record<string, number> = { ...(s.stats?.flags ?? {}) };
  if (s.rowsRepaired > 0) flagged.repaired_encoding_or_quoting = s.rowsRepaired;
  const dates = Object.keys(s.stats?.dates ?? {});
  return {
    ...entry,
    rows_read: s.rowsRead,
    rows_loaded: (s.stats?.rows_loaded ?? 0) - leftOut,
    rows_rejected: s.quarantined.length,
    blank_lines: s.blankLines,
    lines_rejected: s.quarantined.reduce((n, q) => n + q.last_line - q.source_line + 1, 0),
    rejected_by_reason,
    flagged,
    created_min: dates.length ? (s.stats?.created_min ?? null) : null,
    created_max: dates.length ? (s.stats?.created_max ?? null) : null,
    ...(s.bytes === 0 ? { problem: 'empty file (0 bytes)' } : {}),
    ...(quarantine ? { quarantine } : {}),
  };
}
