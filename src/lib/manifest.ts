/**
 * manifest.json: the contract between the pipeline (writer) and the site (reader).
 * DESIGN.md §3 lists the minimum; fields beyond it are documented here.
 */

export const MANIFEST_SCHEMA_VERSION = 1;

export interface SourceEntry {
  /** Path of the raw file relative to the raw folder, as published (e.g. `dnc/2026/DNC_Complaint_Numbers_2026-05-15.csv`). */
  file: string;
  sha256: string;
  bytes: number;
  /** CSV records after the header (a record may span lines; blank lines are not records). */
  rows_read: number;
  rows_loaded: number;
  rows_rejected: number;
  /** Lines holding nothing (or only spaces): counted apart, never as rows. */
  blank_lines: number;
  /**
   * Physical lines in the file, the header included, and those held by rejected records:
   * `lines = 1 + blank_lines + lines of loaded records + lines_rejected` (0 for an empty file).
   */
  lines: number;
  lines_rejected: number;
  /** Rejected rows by reason. */
  rejected_by_reason: Record<string, number>;
  /** Loaded rows with a value that was kept but flagged, by flag (e.g. `unknown_state`). */
  flagged: Record<string, number>;
  created_min: string | null;
  created_max: string | null;
  /**
   * `loaded`; `duplicate` (same bytes as `duplicate_of`, counted once); `superseded` (another version
   * of the same publication date, `superseded_by`, replaces it); `not_ftc_csv` (named, not loaded).
   */
  status: 'loaded' | 'duplicate' | 'superseded' | 'not_ftc_csv';
  duplicate_of?: string;
  superseded_by?: string;
  /** Why a file was not loaded, in words. */
  problem?: string;
  /** Path of this file's quarantine CSV relative to the output folder, when it has rejected rows. */
  quarantine?: string;
}

export interface TableEntry {
  name: string;
  /** For the yearly row-level files: the year of created_date they hold. */
  year?: number;
  /** Path relative to the output folder. */
  file: string;
  rows: number;
  bytes: number;
  sha256: string;
  columns: { name: string; type: string }[];
  date_min: string | null;
  date_max: string | null;
}

export interface DownloadEntry {
  file: string;
  format: 'parquet' | 'csv.gz';
  year: number;
  rows: number;
  bytes: number;
  sha256: string;
}

export interface Manifest {
  schema_version: number;
  /** Hash of the inputs (raw files' hashes and the reference tables): same inputs, same version. */
  data_version: string;
  generated_at: string;
  /** True when built from generated sample data. */
  synthetic: boolean;
  totals: { rows_read: number; rows_loaded: number; rows_rejected: number; files: number };
  /**
   * Weekdays between the first and last created date on which no loaded source (published file
   * or API backfill) has a single complaint, with the publication date of the daily file expected
   * to hold them. Complaints are reconciled by created date, so this is what is missing.
   */
  gaps: { created_date: string; expected_file_date: string }[];
  /** The assumption behind `expected_file_date`: Monday's file holds Saturday's and Sunday's complaints. */
  gaps_assume_monday_file_holds_weekend: boolean;
  sources: SourceEntry[];
  tables: TableEntry[];
  downloads: DownloadEntry[];
}
