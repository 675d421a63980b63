/**
 * The ingest cache: what lets `ingest({ cache })` redo only what changed (issue 9.3), so that a
 * new day in an archive of years costs a day and a year, not the archive.
 *
 *   <cache>/hashes.json          raw file → size, mtime, sha256 (as git's index: an archived file is
 *                                never edited, so unchanged size and mtime mean unchanged bytes)
 *   <cache>/sources/<key>.json   one source's judgement: counts, quarantined records, statistics
 *   <cache>/rows/<key>/          its normalised, loaded rows (Parquet)
 *   <cache>/years/<key>/         one year's outputs (hard links to the files of the build that made
 *                                them), its parts of the cube and year.json (the sources it holds,
 *                                so that a year with one more day is grown from it)
 *   <cache>/years/<key>/         or the latest year's closed segment (segments.ts): its .duckdb
 *                                files, cube parts, the downloads it was written in, closed.json
 *
 * A source's key hashes its path, its bytes' sha256 and the version of everything that decides
 * what ingest makes of it (the ingest code, DuckDB, the reference tables); a year's key hashes the
 * keys of the sources with rows in that year. Change any of them and the entry is simply not found.
 * Entries not used by a run are deleted at its end, so the cache holds one archive's worth.
 */
import { createHash } from 'node:crypto';
import {
  copyFile,
  link,
  mkdir,
  readdir,
  readFile,
  rename,
  rm,
  stat,
  writeFile,
} from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { listFiles } from '../lib/files';
import type { QuarantinedRow } from './prepare-file';

/** Per-source statistics of its loaded rows, as the manifest reports them. */
export interface SourceStats {
  rows_loaded: number;
  created_min: string | null;
  created_max: string | null;
  flags: Record<string, number>;
  /** Loaded complaints per created date, `YYYY-MM-DD`. */
  dates: Record<string, number>;
}

/** Everything ingest needs to know about one raw file without reading it again. */
export interface SourceSummary {
  file: string;
  sha256: string;
  bytes: number;
  problem: string | null;
  rowsRead: number;
  blankLines: number;
  physicalLines: number;
  rowsRepaired: number;
  quarantined: QuarantinedRow[];
  /** Null for a file that is not loaded (not an FTC CSV). */
  stats: SourceStats | null;
}

/** A year's outputs as written: path relative to the build → size and checksum. */
export type YearFiles = Record<string, { bytes: number; sha256: string }>;

/** What a year's entry was made from: its year key's parts. */
interface YearEntry {
  version: string;
  year: number;
  options: string;
  sources: string[];
}

interface HashEntry {
  size: number;
  mtimeMs: number;
  sha256: string;
}

const here = dirname(fileURLToPath(import.meta.url));
/** The code that decides what ingest makes of a file: any change to it is a new cache version. */
const CODE_FILES = [
  ...[
    'cache.ts',
    'caller-index.ts',
    'normalize.ts',
    'outputs.ts',
    'prepare-file.ts',
    'read-sources.ts',
    'scan-csv.ts',
    'quarantine.ts',
    'years.ts',
    'reconcile.ts',
    'segments.ts',
    'sources.ts',
  ].map((f) => join(here, f)),
  join(here, '../lib/duckdb.ts'),
  join(here, '../../src/lib/ftc-format.ts'),
  join(here, '../../src/lib/download/csv.ts'),
  join(here, '../../src/lib/catalog/tables.ts'),
  join(here, '../../src/lib/catalog/sql.ts'),
  join(here, '../../src/lib/caller/lookup.ts'),
  // The block sizes the database files are written in.
  join(here, '../../src/lib/engine/worker-config.ts'),
];

export async function codeVersion(duckdbVersion: string, referenceDir: string): Promise<string> {
  const hash = createHash('sha256').update(`duckdb ${duckdbVersion}\n`);
  for (const file of CODE_FILES)
    hash
      .update(`${file.slice(here.length)}\n`)
      .update(await readFile(file).catch(() => Buffer.from('missing')));
  for (const name of await listFiles(referenceDir, '.csv'))
    hash.update(`${name}\n`).update(await readFile(join(referenceDir, name)));
  return hash.digest('hex').slice(0, 16);
}

export function keyOf(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 24);
}

export class IngestCache {
  private hashes: Record<string, HashEntry> = {};
  private readonly used = { sources: new Set<string>(), years: new Set<string>() };

  private constructor(
    readonly dir: string,
    readonly version: string,
  ) {}

  static async open(dir: string, version: string): Promise<IngestCache> {
    const cache = new IngestCache(dir, version);
    for (const sub of ['sources', 'rows', 'years'])
      await mkdir(join(dir, sub), { recursive: true });
    cache.hashes = JSON.parse(
      await readFile(join(dir, 'hashes.json'), 'utf8').catch(() => '{}'),
    ) as Record<string, HashEntry>;
    return cache;
  }

  /**
   * The sha256 of a raw file, read again only when its size or mtime changed. When it was read,
   * its bytes come back too, so that a new file is read once for its hash and its records.
   */
  async sha256(
    rel: string,
    path: string,
  ): Promise<{ sha256: string; bytes: number; buf?: Buffer }> {
    const s = await stat(path);
    const known = this.hashes[rel];
    if (known && known.size === s.size && known.mtimeMs === s.mtimeMs)
      return { sha256: known.sha256, bytes: s.size };
    const buf = await readFile(path);
    const sha256 = createHash('sha256').update(buf).digest('hex');
    this.hashes[rel] = { size: s.size, mtimeMs: s.mtimeMs, sha256 };
    return { sha256, bytes: s.size, buf };
  }

  sourceKey(file: string, sha256: string): string {
    return keyOf('source', this.version, file, sha256);
  }

  /** The folder of a source's rows. */
  rowsPath(key: string): string {
    return join(this.dir, 'rows', key);
  }

  /** A pattern DuckDB's read_parquet takes for a source's rows. */
  rowsGlob(key: string): string {
    return join(this.rowsPath(key), '*.parquet');
  }

  async readSource(key: string): Promise<SourceSummary | null> {
    const text = await readFile(join(this.dir, 'sources', `${key}.json`), 'utf8').catch(() => null);
    if (text === null) return null;
    const summary = JSON.parse(text) as SourceSummary;
    if ((summary.stats?.rows_loaded ?? 0) > 0 && !(await exists(this.rowsPath(key)))) return null;
    this.used.sources.add(key);
    return summary;
  }

  /** Call after the rows are at `rowsPath(key)`: the summary is what marks the entry complete. */
  async writeSource(key: string, summary: SourceSummary): Promise<void> {
    this.used.sources.add(key);
    await writeAtomic(join(this.dir, 'sources', `${key}.json`), JSON.stringify(summary));
  }

  yearKey(year: number, sourceKeys: string[], options: string): string {
    return keyOf('year', this.version, String(year), options, ...[...sourceKeys].sort());
  }

  yearDir(key: string): string {
    return join(this.dir, 'years', key);
  }

  /** An empty folder for a year about to be written. */
  async startYear(key: string): Promise<string> {
    await rm(this.yearDir(key), { recursive: true, force: true });
    await mkdir(this.yearDir(key), { recursive: true });
    return this.yearDir(key);
  }

  /**
   * The year's files, linked into `outDir`, or null when the cache does not have them all (or lacks
   * one of `alsoNeeded`, names in the year's folder).
   */
  async restoreYear(key: string, outDir: string, alsoNeeded: string[]): Promise<YearFiles | null> {
    const text = await readFile(join(this.yearDir(key), 'files.json'), 'utf8').catch(() => null);
    if (text === null) return null;
    for (const name of alsoNeeded) if (!(await exists(join(this.yearDir(key), name)))) return null;
    const files = JSON.parse(text) as YearFiles;
    for (const [rel, { bytes }] of Object.entries(files)) {
      const cached = join(this.yearDir(key), 'files', rel);
      if (
        (await stat(cached).then(
          (s) => s.size,
          () => -1,
        )) !== bytes
      )
        return null;
    }
    for (const rel of Object.keys(files))
      await linkOrCopy(join(this.yearDir(key), 'files', rel), join(outDir, rel));
    this.used.years.add(key);
    return files;
  }

  /**
   * Keeps a year's freshly written files (hard links, so no bytes are copied) and their checksums;
   * `files.json` marks it complete. `sources` (the year key's parts) let a later run find this
   * entry as the same year with fewer sources (`earlierYear`).
   */
  async storeYear(
    key: string,
    outDir: string,
    files: YearFiles,
    year: number,
    options: string,
    sources: string[],
  ): Promise<void> {
    const dir = this.yearDir(key);
    for (const rel of Object.keys(files))
      await linkOrCopy(join(outDir, rel), join(dir, 'files', rel));
    const entry: YearEntry = { version: this.version, year, options, sources: [...sources].sort() };
    await writeAtomic(join(dir, 'year.json'), JSON.stringify(entry));
    await writeAtomic(join(dir, 'files.json'), JSON.stringify(files));
    this.used.years.add(key);
  }

  /**
   * The key of the latest year's closed segment: the year, the open month it ends at, and the
   * sources with rows before that month (their keys and excluded dates).
   */
  closedKey(year: number, openMonth: string, sourceKeys: string[], options: string): string {
    return keyOf(
      'closed',
      this.version,
      String(year),
      openMonth,
      options,
      ...[...sourceKeys].sort(),
    );
  }

  /**
   * A cached closed segment with all its files (`files`, names in its folder), or null. Its
   * `closed.json` holds the sizes of those files and what the segment needs to be reused.
   */
  async readClosed<T extends object>(key: string): Promise<(T & { dir: string }) | null> {
    const dir = this.yearDir(key);
    const text = await readFile(join(dir, 'closed.json'), 'utf8').catch(() => null);
    if (text === null) return null;
    const entry = JSON.parse(text) as { sizes: Record<string, number>; meta: T };
    for (const [name, bytes] of Object.entries(entry.sizes)) {
      const size = await stat(join(dir, name)).then(
        (s) => s.size,
        () => -1,
      );
      if (size !== bytes) return null;
    }
    this.used.years.add(key);
    return { ...entry.meta, dir };
  }

  /**
   * Completes a closed segment written into `startYear(key)`'s folder: `links` (name in the
   * folder → file of the build) are hard-linked, then `closed.json` records every file's size.
   */
  async storeClosed(key: string, links: Record<string, string>, meta: object): Promise<void> {
    const dir = this.yearDir(key);
    for (const [name, from] of Object.entries(links)) await linkOrCopy(from, join(dir, name));
    const sizes: Record<string, number> = {};
    for (const name of await readdir(dir)) sizes[name] = (await stat(join(dir, name))).size;
    await writeAtomic(join(dir, 'closed.json'), JSON.stringify({ sizes, meta }));
    this.used.years.add(key);
  }

  /**
   * The complete cached entry of `year` whose sources are the most of `sources` and nothing else:
   * yesterday's year when one day arrived. Its row file `rowsFile` (relative to the build) holds
   * exactly those sources' rows of the year, so only the sources it lacks need reading. Null when
   * no entry qualifies (a source changed or is gone, or its excluded dates changed).
   */
  async earlierYear(
    year: number,
    options: string,
    sources: string[],
    rowsFile: string,
  ): Promise<{ path: string; sources: Set<string> } | null> {
    const wanted = new Set(sources);
    let best: { path: string; sources: Set<string> } | null = null;
    for (const name of await readdir(join(this.dir, 'years'))) {
      const dir = join(this.dir, 'years', name);
      const text = await readFile(join(dir, 'year.json'), 'utf8').catch(() => null);
      if (text === null || !(await exists(join(dir, 'files.json')))) continue;
      const entry = JSON.parse(text) as YearEntry;
      if (entry.version !== this.version || entry.year !== year || entry.options !== options)
        continue;
      if (!entry.sources.every((s) => wanted.has(s))) continue;
      if (best && best.sources.size >= entry.sources.length) continue;
      const path = join(dir, 'files', rowsFile);
      if (await exists(path)) best = { path, sources: new Set(entry.sources) };
    }
    return best;
  }

  /** Hard-links a file of the cache (or the build) to `to`, for an entry that shares it. */
  async linkInto(from: string, to: string): Promise<void> {
    await linkOrCopy(from, to);
  }

  /** Saves the hash index and deletes every entry this run did not use. */
  async finish(): Promise<void> {
    await writeAtomic(join(this.dir, 'hashes.json'), JSON.stringify(this.hashes));
    const prune = async (sub: string, keep: Set<string>, keyFromName: (name: string) => string) => {
      for (const name of await readdir(join(this.dir, sub))) {
        if (!keep.has(keyFromName(name)))
          await rm(join(this.dir, sub, name), { recursive: true, force: true });
      }
    };
    await prune('sources', this.used.sources, (n) => n.replace(/\.json$/, ''));
    await prune('rows', this.used.sources, (n) => n);
    await prune('years', this.used.years, (n) => n);
  }
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

async function writeAtomic(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}`;
  await writeFile(tmp, text);
  await rename(tmp, path);
}

async function linkOrCopy(from: string, to: string): Promise<void> {
  await mkdir(dirname(to), { recursive: true });
  await rm(to, { force: true });
  // A hard link costs nothing and cannot go stale: outputs are never written to in place.
  await link(from, to).catch(() => copyFile(from, to));
}
