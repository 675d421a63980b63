/** File helpers for outputs that must appear whole or not at all. */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, rename, rm, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

/** Every file below `dir` whose name ends with `suffix`, as paths relative to `dir` with `/`. */
export async function listFiles(dir: string, suffix: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return [];
      throw error;
    },
  );
  return entries
    .filter((e) => e.isFile() && e.name.toLowerCase().endsWith(suffix))
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'))
    .sort();
}

export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export async function fileSize(path: string): Promise<number> {
  return (await stat(path)).size;
}

/** Puts a finished folder in place of `target`: the old one is moved aside, then removed. */
export async function replaceDir(finished: string, target: string): Promise<void> {
  const aside = `${target}.old-${process.pid}`;
  const hadTarget = await stat(target).then(
    () => true,
    () => false,
  );
  if (hadTarget) await rename(target, aside);
  await rename(finished, target);
  if (hadTarget) await rm(aside, { recursive: true, force: true });
}
