/** Seeded sample archives for the ingest benchmarks, generated once into bench/.cache. */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The folder of a `days`-day sample (seed 1) and its row count; generated when missing. */
export function sampleArchive(days: number): { dir: string; rows: number } {
  const dir = resolve(`bench/.cache/sample-${days}d`);
  if (!existsSync(join(dir, 'synthetic.json'))) {
    console.error(`bench: generating ${days} days of sample data into ${dir}`);
    execFileSync(
      'npx',
      ['tsx', 'scripts/sample.ts', '--out', dir, '--days', String(days), '--seed', '1'],
      { stdio: 'inherit' },
    );
  }
  const marker = JSON.parse(readFileSync(join(dir, 'synthetic.json'), 'utf8')) as {
    rows: number;
  };
  return { dir, rows: marker.rows };
}

/** `scan 1.2 s, load 2.4 s, …`: where an ingest's time went. */
export function formatStages(stages: Record<string, number>): string {
  return Object.entries(stages)
    .map(([stage, seconds]) => `${stage} ${seconds.toFixed(2)} s`)
    .join(', ');
}
