/**
 * The real published files live outside the repository (../shared/data/real); .ci/run points
 * ROBOCALL_REAL_DATA at them. Without the variable those tests skip; with it, a missing file is a
 * failure, never a skip.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const REAL_DATA_DIR = process.env.ROBOCALL_REAL_DATA ?? null;

export function realDataFile(name: string): string {
  if (!REAL_DATA_DIR) throw new Error('ROBOCALL_REAL_DATA is not set');
  const path = join(REAL_DATA_DIR, name);
  if (!existsSync(path)) throw new Error(`ROBOCALL_REAL_DATA=${REAL_DATA_DIR} has no ${name}`);
  return path;
}
