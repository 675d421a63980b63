/**
 * The raw archive on disk: where each file goes, and how a new file gets there without ever
 * leaving a partial file or replacing an archived one.
 *
 * Layout (docs/DESIGN.md §3): `<raw>/dnc/<year>/<file as published>`, year from the publication date
 * in the name; API backfills in `<raw>/dnc/<year>/api/DNC_API_<created date>.csv` so they can
 * never collide with a published name. The FTC purges old files, so this archive is the only
 * history: files are written once, never edited, never deleted.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { link, mkdir, open, readdir, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { parseDailyFileName } from '../../src/lib/ftc-format';

/** Ledger and archive paths are relative to `--raw`, with `/` on every platform. */
export function archiveRelPath(fileName: string): string {
  const parsed = parseDailyFileName(fileName);
  if (!parsed) throw new Error(`not an FTC daily file name: ${fileName}`);
  return `dnc/${parsed.published.slice(0, 4)}/${fileName}`;
}

/** Where an API backfill for complaints created on `createdDate` (`YYYY-MM-DD`) goes. */
export function apiRelPath(createdDate: string): string {
  return `dnc/${createdDate.slice(0, 4)}/api/DNC_API_${createdDate}.csv`;
}

export function ledgerRelPath(): string {
  return 'dnc/ledger.json';
}

export function toAbsolute(raw: string, rel: string): string {
  return join(raw, ...rel.split('/'));
}

/** `20260516T120102Z`: sortable, and legal in file names on every OS. */
export function compactUtcTimestamp(at: Date): string {
  return at
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}

/**
 * The name a changed re-publication is saved under, beside the archived original:
 * `DNC_Complaint_Numbers_2026-05-15.fetched-20260516T120102Z.csv`. The `.fetched-` part keeps it
 * from parsing as a daily file name, so nothing mistakes it for the original.
 */
export function keptBesideName(fileName: string, at: Date): string {
  const stem = fileName.replace(/\.csv$/i, '');
  return `${stem}.fetched-${compactUtcTimestamp(at)}.csv`;
}

/** Earlier changed versions of `fileName` kept beside it (names only). */
export function isKeptBesideVersion(candidate: string, fileName: string): boolean {
  const stem = fileName.replace(/\.csv$/i, '');
  return candidate.startsWith(`${stem}.fetched-`) && candidate.toLowerCase().endsWith('.csv');
}

/** A temp name in the target's own directory (so the final rename/link never crosses devices). */
export function tempPathFor(finalPath: string): string {
  return join(
    dirname(finalPath),
    `.${basename(finalPath)}.${process.pid}-${randomBytes(4).toString('hex')}.part`,
  );
}

export interface FileDigest {
  sha256: string;
  bytes: number;
}

export async function digestFile(path: string): Promise<FileDigest> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(path)) {
    const buffer = chunk as Buffer;
    hash.update(buffer);
    bytes += buffer.length;
  }
  return { sha256: hash.digest('hex'), bytes };
}

export function digestBytes(content: Uint8Array): FileDigest {
  return { sha256: createHash('sha256').update(content).digest('hex'), bytes: content.byteLength };
}

export async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return false;
    throw error;
  }
}

export async function removeQuietly(path: string): Promise<void> {
  await unlink(path).catch((error: unknown) => {
    if (!isErrno(error, 'ENOENT')) throw error;
  });
}

/** Write `content` to a fresh temp file beside `finalPath`, flushed to disk. Returns its path. */
export async function writeTemp(finalPath: string, content: Uint8Array): Promise<string> {
  await mkdir(dirname(finalPath), { recursive: true });
  const temp = tempPathFor(finalPath);
  const handle = await open(temp, 'wx');
  try {
    await handle.writeFile(content);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await removeQuietly(temp);
    throw error;
  }
  await handle.close();
  return temp;
}

/**
 * Move a finished temp file to `finalPath`, refusing to replace anything there. A hard link
 * fails with EEXIST where a rename would silently overwrite; where the file system has no hard
 * links we fall back to check-then-rename (one process writes the archive at a time).
 */
export async function placeNoClobber(temp: string, finalPath: string): Promise<void> {
  try {
    await link(temp, finalPath);
    await unlink(temp);
    return;
  } catch (error) {
    if (isErrno(error, 'EEXIST'))
      throw new Error(`refusing to overwrite archived file ${finalPath}`, { cause: error });
    if (
      !['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'EXDEV', 'ENOSYS', 'EMLINK'].some((code) =>
        isErrno(error, code),
      )
    )
      throw error;
  }
  if (await exists(finalPath)) throw new Error(`refusing to overwrite archived file ${finalPath}`);
  await rename(temp, finalPath);
}

export type Settled =
  | { outcome: 'downloaded'; rel: string }
  | { outcome: 'skipped-present'; rel: string }
  | { outcome: 'changed-kept-both'; rel: string; original: FileDigest & { rel: string } };

/**
 * Put a verified temp file into the archive at `rel`:
 * - nothing there yet → it becomes the archived file (`downloaded`);
 * - the same bytes are already archived, as the original or as a version kept beside it →
 *   the temp file is dropped (`skipped-present`);
 * - otherwise the content changed since we archived it: the original stays untouched and the new
 *   bytes are saved beside it under a `.fetched-<UTC time>` name (`changed-kept-both`).
 */
export async function settleIntoArchive(
  raw: string,
  rel: string,
  temp: string,
  digest: FileDigest,
  at: Date,
): Promise<Settled> {
  const finalPath = toAbsolute(raw, rel);
  try {
    if (!(await exists(finalPath))) {
      await placeNoClobber(temp, finalPath);
      return { outcome: 'downloaded', rel };
    }
    const original = await digestFile(finalPath);
    if (original.sha256 === digest.sha256) return { outcome: 'skipped-present', rel };

    const dir = dirname(finalPath);
    const name = basename(finalPath);
    const relDir = rel.slice(0, rel.lastIndexOf('/'));
    for (const sibling of (await readdir(dir))
      .filter((entry) => isKeptBesideVersion(entry, name))
      .sort()) {
      if ((await digestFile(join(dir, sibling))).sha256 === digest.sha256) {
        return { outcome: 'skipped-present', rel: `${relDir}/${sibling}` };
      }
    }
    const keptName = await freeName(dir, keptBesideName(name, at));
    await placeNoClobber(temp, join(dir, keptName));
    return {
      outcome: 'changed-kept-both',
      rel: `${relDir}/${keptName}`,
      original: { ...original, rel },
    };
  } finally {
    await removeQuietly(temp);
  }
}

/** Two changes within one second would share a timestamp: number the later one. */
async function freeName(dir: string, name: string): Promise<string> {
  if (!(await exists(join(dir, name)))) return name;
  const stem = name.replace(/\.csv$/i, '');
  for (let n = 2; ; n += 1) {
    const candidate = `${stem}-${n}.csv`;
    if (!(await exists(join(dir, candidate)))) return candidate;
  }
}

export function isErrno(error: unknown, code: string): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === code;
}
