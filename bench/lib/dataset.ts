/** Sample data, an ingested build and a built site for a benchmark, cached under bench/.cache. */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export interface BenchDataset {
  label: string;
  raw: string;
  build: string;
  site: string;
}

/** `days` × `volume` (mean complaints per weekday) of sample data, ingested and built into a site. */
export function benchDataset(
  label: string,
  options: { days: number; volume?: number; seed?: number },
): BenchDataset {
  const root = resolve(`bench/.cache/${label}`);
  const raw = `${root}/raw`;
  const build = `${root}/build`;
  const site = `${root}/site`;
  const run = (args: string[], env: Record<string, string> = {}) =>
    execFileSync('npx', args, {
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, ...env },
    });
  if (!existsSync(`${raw}/synthetic.json`)) {
    const args = [
      'tsx',
      'scripts/sample.ts',
      '--out',
      raw,
      '--days',
      String(options.days),
      '--seed',
      String(options.seed ?? 1),
    ];
    if (options.volume) args.push('--volume', String(options.volume));
    run(args);
  }
  if (!existsSync(`${build}/manifest.json`))
    run(['tsx', 'scripts/ingest.ts', '--raw', raw, '--out', build]);
  if (!existsSync(`${site}/explore/index.html`))
    run(['astro', 'build', '--outDir', site], { ROBOCALL_DATA_DIR: build });
  return { label, raw, build, site };
}
