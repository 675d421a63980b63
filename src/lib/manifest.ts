/**
 * manifest.json: the contract between the pipeline (writer) and the site (reader).
 * docs/DESIGN.md §3 lists the minimum; fields beyond it are documented here.
 *
 * The schema is the one declaration of the shape: the types are inferred from it, and every
 * reader goes through parseManifest, so a manifest from another version of the pipeline (or a
 * hand-edited one) fails with the field that is wrong instead of as `undefined` pages later.
 * Fields the schema does not list are kept as they are (a newer writer may add some).
 */
import { z } from 'astro/zod';

export const MANIFEST_SCHEMA_VERSION = 1;

const count = z.number().int().nonnegative();
const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'expected 64 lower-case hex digits');
/** Starts with `YYYY-MM-DD` (a day, or a timestamp); null when a file or table holds no dated row. */
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}/, 'expected a date YYYY-MM-DD')
  .nullable();
const countsBy = z.record(z.string(), count);

export const SourceEntrySchema = z.object({
  /** Path of the raw file relative to the raw folder, as published (e.g. `dnc/2026/DNC_Complaint_Numbers_2026-05-15.csv`). */
  file: z.string().min(1),
  sha256,
  bytes: count,
  /** CSV records after the header (a record may span lines; blank lines are not records). */
  rows_read: count,
  rows_loaded: count,
  rows_rejected: count,
  /** Lines holding nothing (or only spaces): counted apart, never as rows. */
  blank_lines: count,
  /**
   * Physical lines in the file, the header included, and those held by rejected records:
   * `lines = 1 + blank_lines + lines of loaded records + lines_rejected` (0 for an empty file).
   */
  lines: count,
  lines_rejected: count,
  /** Rejected rows by reason. */
  rejected_by_reason: countsBy,
  /** Loaded rows with a value that was kept but flagged, by flag (e.g. `unknown_state`). */
  flagged: countsBy,
  created_min: day,
  created_max: day,
  /**
   * `loaded`; `duplicate` (same bytes as `duplicate_of`, counted once); `superseded` (another version
   * of the same publication date, `superseded_by`, replaces it); `not_ftc_csv` (named, not loaded).
   */
  status: z.enum(['loaded', 'duplicate', 'superseded', 'not_ftc_csv']),
  duplicate_of: z.string().optional(),
  superseded_by: z.string().optional(),
  /** Why a file was not loaded, in words. */
  problem: z.string().optional(),
  /** Path of this file's quarantine CSV relative to the output folder, when it has rejected rows. */
  quarantine: z.string().optional(),
});

export const TableEntrySchema = z.object({
  name: z.string().min(1),
  /** For the yearly row-level files: the year of created_date they hold. */
  year: z.number().int().optional(),
  /** Path relative to the output folder. */
  file: z.string().min(1),
  rows: count,
  bytes: count,
  sha256,
  columns: z.array(z.object({ name: z.string(), type: z.string() })),
  date_min: day,
  date_max: day,
});

export const DownloadEntrySchema = z.object({
  file: z.string().min(1),
  format: z.enum(['parquet', 'csv.gz']),
  year: z.number().int(),
  rows: count,
  bytes: count,
  sha256,
});

export const ManifestSchema = z.object({
  schema_version: z.literal(MANIFEST_SCHEMA_VERSION),
  /** Hash of the inputs (raw files' hashes and the reference tables): same inputs, same version. */
  data_version: z.string().min(1),
  generated_at: z.string().min(1),
  /** True when built from generated sample data. */
  synthetic: z.boolean(),
  totals: z.object({ rows_read: count, rows_loaded: count, rows_rejected: count, files: count }),
  /**
   * Weekdays between the first and last created date on which no loaded source (published file
   * or API backfill) has a single complaint, with the publication date of the daily file expected
   * to hold them. Complaints are reconciled by created date, so this is what is missing.
   */
  gaps: z.array(z.object({ created_date: z.string(), expected_file_date: z.string() })),
  /** The assumption behind `expected_file_date`: Monday's file holds Saturday's and Sunday's complaints. */
  gaps_assume_monday_file_holds_weekend: z.boolean(),
  sources: z.array(SourceEntrySchema),
  tables: z.array(TableEntrySchema),
  downloads: z.array(DownloadEntrySchema),
});

export type SourceEntry = z.infer<typeof SourceEntrySchema>;
export type TableEntry = z.infer<typeof TableEntrySchema>;
export type DownloadEntry = z.infer<typeof DownloadEntrySchema>;
export type Manifest = z.infer<typeof ManifestSchema>;

/** `sources[3].rows_loaded` from zod's path `['sources', 3, 'rows_loaded']`. */
export function issuePath(path: readonly PropertyKey[]): string {
  return path
    .map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`))
    .join('');
}

/**
 * A manifest checked against the schema. `where` names the file in the error, which lists every
 * field that is wrong (`manifest.json: sources[3].rows_loaded: expected number, received string`).
 * The value returned is the parsed JSON itself, so fields the schema does not know survive.
 */
export function parseManifest(text: string, where = 'manifest.json'): Manifest {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`${where}: not JSON (${(error as Error).message})`, { cause: error });
  }
  const result = ManifestSchema.safeParse(json);
  if (!result.success) {
    const problems = result.error.issues.map(
      (issue) => `${issuePath(issue.path) || '(top level)'}: ${issue.message}`,
    );
    throw new Error(`${where} does not match the manifest schema:\n  ${problems.join('\n  ')}`);
  }
  return json as Manifest;
}
