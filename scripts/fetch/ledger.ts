/**
 * `<raw>/dnc/ledger.json`: one entry per attempt to bring a file into the archive, appended across
 * runs, never rewritten. It is the archive's provenance (where each file came from, when, and its
 * hash) and, with the files on disk, how the fetcher knows what the archive already holds.
 *
 * Shape: `{ "schema_version": 1, "entries": [LedgerEntry, …] }`, oldest first.
 * Written atomically (temp file + rename) after every entry, so a crash or Ctrl-C loses at most
 * the attempt in flight and never leaves a half-written ledger.
 */
import { readFile } from 'node:fs/promises';
import { isErrno } from './archive';
import { writeJsonAtomic } from './state';

export type Outcome = 'downloaded' | 'skipped-present' | 'changed-kept-both' | 'failed';

export interface LedgerEntry {
  /** Where the bytes came from (API URLs without the api_key). */
  url: string;
  /** The archived file this entry is about, relative to `--raw`, `/`-separated. */
  file: string;
  bytes: number | null;
  sha256: string | null;
  /** ISO 8601, UTC. */
  fetched_at: string;
  /** Status of the last response; null when no response came (timeouts) or nothing was requested. */
  http_status: number | null;
  outcome: Outcome;
  /**
   * `landing-page`: a published daily file; `api`: rows from the FTC API written by us;
   * `disk`: a file found in the archive that the ledger did not know, hashed and recorded.
   */
  source: 'landing-page' | 'api' | 'disk';
  attempts?: number;
  /** Why it failed, or any other thing a reader of the ledger should know. */
  reason?: string;
  /** The URL that served the bytes when it differs from `url` (redirects followed). */
  final_url?: string;
  /** Archived, but not as expected: a changed header or shape, odd lines. */
  warning?: string;
  /** Validators the server sent, for a conditional request next time. */
  etag?: string;
  last_modified?: string;
  /** For `changed-kept-both`: the archived file that was kept as it was. */
  original_file?: string;
  original_sha256?: string;
  original_bytes?: number;
  /** For API files: complaints written. */
  rows?: number;
  /** For API files: complaints that failed the shape checks, kept in `rejected_file` with reasons. */
  rows_rejected?: number;
  rejected_file?: string;
  rejected_sha256?: string;
}

export interface Ledger {
  schema_version: 1;
  entries: LedgerEntry[];
}

export function emptyLedger(): Ledger {
  return { schema_version: 1, entries: [] };
}

/**
 * Read the ledger; a missing file is an empty ledger. A ledger we cannot read is an error, not
 * an empty ledger: carrying on would replace the archive's history with this run's.
 */
export async function readLedger(path: string): Promise<Ledger> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return emptyLedger();
    throw error;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(
      `${path} is not valid JSON (${(error as Error).message}); fix or move it aside, it is never overwritten blindly`,
      { cause: error },
    );
  }
  const entries = Array.isArray(parsed)
    ? parsed
    : (parsed as { entries?: unknown } | null)?.entries;
  if (!Array.isArray(entries))
    throw new Error(`${path} has no "entries" array; fix or move it aside`);
  return { schema_version: 1, entries: entries as LedgerEntry[] };
}

export async function writeLedger(path: string, ledger: Ledger): Promise<void> {
  await writeJsonAtomic(path, ledger);
}

/** The ledger of one run: entries are appended in memory and the file rewritten atomically. */
export class LedgerFile {
  private constructor(
    readonly path: string,
    private readonly ledger: Ledger,
  ) {}

  static async open(path: string): Promise<LedgerFile> {
    return new LedgerFile(path, await readLedger(path));
  }

  get entries(): readonly LedgerEntry[] {
    return this.ledger.entries;
  }

  async append(entry: LedgerEntry): Promise<void> {
    this.ledger.entries.push(entry);
    await writeLedger(this.path, this.ledger);
  }
}

/** Does the ledger know the content of `file` (a successful entry with a hash)? */
export function ledgerKnows(entries: readonly LedgerEntry[], file: string): boolean {
  return entries.some(
    (entry) => entry.outcome !== 'failed' && entry.sha256 !== null && entry.file === file,
  );
}

export interface Validators {
  etag?: string;
  lastModified?: string;
  /** The archived file those validators describe, and its hash and size. */
  file: string;
  sha256: string;
  bytes: number;
}

/**
 * The validators of the last successful fetch of `url`, for a conditional request
 * (`If-None-Match` / `If-Modified-Since`): a 304 then means "still the file you archived".
 */
export function latestValidators(entries: readonly LedgerEntry[], url: string): Validators | null {
  for (let i = entries.length - 1; i >= 0; i -= 1) {
    const entry = entries[i]!;
    if (
      entry.url !== url ||
      entry.outcome === 'failed' ||
      entry.sha256 === null ||
      entry.bytes === null
    )
      continue;
    if (entry.etag === undefined && entry.last_modified === undefined) return null;
    return {
      ...(entry.etag === undefined ? {} : { etag: entry.etag }),
      ...(entry.last_modified === undefined ? {} : { lastModified: entry.last_modified }),
      file: entry.file,
      sha256: entry.sha256,
      bytes: entry.bytes,
    };
  }
  return null;
}
