/** A small synthetic build (data:sample, then ingest) for tests that need many states and subjects. */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { createProgress } from '../../scripts/lib/progress';
import { ingest, type IngestResult } from '../../scripts/ingest/run-ingest';

export async function buildSample(
  dir: string,
  options: { days?: number; end?: string; seed?: number; volume?: number } = {},
): Promise<{ raw: string; out: string; result: IngestResult }> {
  const raw = join(dir, 'sample');
  const out = join(dir, 'build');
  const args = [
    'tsx',
    'scripts/sample.ts',
    '--out',
    raw,
    '--days',
    String(options.days ?? 10),
    '--end',
    options.end ?? '2026-10-31',
    '--seed',
    String(options.seed ?? 7),
  ];
  if (options.volume) args.push('--volume', String(options.volume));
  execFileSync('npx', args, { stdio: ['ignore', 'ignore', 'inherit'] });
  const result = await ingest({ raw, out, progress: createProgress(process.stderr, true) });
  return { raw, out, result };
}
