/**
 * The fetcher's working state between runs, apart from the archive: `<raw>/dnc/state/`. Unlike
 * archived files these are rewritten and removed as work progresses (the API budget, a day's
 * pages collected so far); they are not history, but a scheduled job must keep them with the
 * archive so that an interrupted backfill resumes where it stopped.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { isErrno, removeQuietly, toAbsolute } from './archive';

export function stateRelPath(name: string): string {
  return `dnc/state/${name}`;
}

export function apiBudgetPath(raw: string): string {
  return toAbsolute(raw, stateRelPath('api-budget.json'));
}

/** Pages of a day collected so far, for a backfill that stopped at the API's limit. */
export function apiPartialPath(raw: string, day: string): string {
  return toAbsolute(raw, stateRelPath(`api-partial/${day}.json`));
}

/** Write JSON through a temp file and a rename: a crash leaves the old file or the new one. */
export async function writeJsonAtomic(path: string, value: unknown): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = join(
    dirname(path),
    `.${basename(path)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`,
  );
  try {
    const handle = await open(temp, 'wx');
    try {
      await handle.writeFile(`${JSON.stringify(value, null, 2)}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } finally {
    await removeQuietly(temp);
  }
}

/** Parsed JSON, or null when the file does not exist. */
export async function readJsonOrNull<T>(path: string): Promise<T | null> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as T;
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return null;
    throw error;
  }
}
