/**
 * The `/data/` page from the manifest alone: every published file with its size and checksum, and
 * the manifest's sources in readable form. Pure.
 */
import type { Manifest, SourceEntry } from '../manifest';

export interface PublishedFile {
  /** Path under `/data/`. */
  file: string;
  kind: string;
  rows: number | null;
  bytes: number;
  sha256: string;
  note: string;
  /** For a DuckDB file: how many tables it holds. */
  tables?: number;
}

/** Downloads first (Parquet, then CSV), then the DuckDB files the explorer reads, by year. */
export function publishedFiles(manifest: Manifest): PublishedFile[] {
  const downloads = [...manifest.downloads]
    .sort(
      (a, b) => b.year - a.year || Number(b.format === 'parquet') - Number(a.format === 'parquet'),
    )
    .map((d) => ({
      file: d.file,
      kind: d.format === 'parquet' ? 'Parquet' : 'CSV (gzip)',
      rows: d.rows,
      bytes: d.bytes,
      sha256: d.sha256,
      note: `Every complaint created in ${d.year}`,
    }));
  const byFile = new Map<string, PublishedFile>();
  for (const t of manifest.tables) {
    const existing = byFile.get(t.file);
    if (existing) {
      existing.tables = (existing.tables ?? 1) + 1;
      existing.note = `The cube: ${existing.tables} tables of aggregates and reference facts (see the data dictionary)`;
      continue;
    }
    byFile.set(t.file, {
      file: t.file,
      kind: 'DuckDB',
      rows: t.name === 'complaints' ? t.rows : null,
      bytes: t.bytes,
      sha256: t.sha256,
      note:
        t.name === 'complaints'
          ? `Table complaints: every complaint created in ${t.year ?? 'the year'}`
          : `Table ${t.name}`,
      tables: 1,
    });
  }
  const duckdb = [...byFile.values()].sort((a, b) =>
    a.file === 'cube.duckdb' ? -1 : b.file === 'cube.duckdb' ? 1 : b.file.localeCompare(a.file),
  );
  return [...downloads, ...duckdb];
}

/** `1.2 MB`, `840 KB`, `512 bytes` (decimal units, as download sizes are usually given). */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} bytes`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

/** `wrong_column_count: 3; no_created_date: 1`, in words. */
export function reasonsText(reasons: Record<string, number>): string {
  const entries = Object.entries(reasons).filter(([, n]) => n > 0);
  return entries.length
    ? entries
        .map(([reason, n]) => `${reason.replace(/_/g, ' ')}: ${n.toLocaleString('en-US')}`)
        .join('; ')
    : '';
}

export interface SourceSummary {
  loaded: number;
  duplicate: number;
  superseded: number;
  notFtc: number;
  withRejects: SourceEntry[];
  flagged: Record<string, number>;
}

export function summariseSources(sources: readonly SourceEntry[]): SourceSummary {
  const flagged: Record<string, number> = {};
  for (const s of sources)
    for (const [k, n] of Object.entries(s.flagged ?? {})) flagged[k] = (flagged[k] ?? 0) + n;
  return {
    loaded: sources.filter((s) => s.status === 'loaded').length,
    duplicate: sources.filter((s) => s.status === 'duplicate').length,
    superseded: sources.filter((s) => s.status === 'superseded').length,
    notFtc: sources.filter((s) => s.status === 'not_ftc_csv').length,
    withRejects: sources.filter((s) => s.rows_rejected > 0),
    flagged,
  };
}
