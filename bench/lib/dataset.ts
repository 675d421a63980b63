/** Sample data, an ingested build and a built site for a benchmark, cached under bench/.cache. */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface BenchDataset {
  label: string;
  raw: string;
  build: string;
  site: string;
}

/** The newest modification time under `path`. */
function newest(path: string): number {
  const info = statSync(path, { throwIfNoEntry: false });
  if (!info) return 0;
  if (!info.isDirectory()) return info.mtimeMs;
  return Math.max(info.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

/**
 * `days` × `volume` (mean complaints per weekday) of sample data, ingested and built into a site.
 * The site is rebuilt when the site's code (src/, public/) changed since it was built, so a
 * benchmark never measures the code of an earlier commit; the sample and its ingest are kept.
 */
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
  const marker = `${site}/explore/index.html`;
  if (
    !existsSync(marker) ||
    statSync(marker).mtimeMs < Math.max(newest(resolve('src')), newest(resolve('public')))
  ) {
    console.error(`bench ${label}: (re)building the site`);
    rmSync(site, { recursive: true, force: true });
    run(['astro', 'build', '--outDir', site], { ROBOCALL_DATA_DIR: build });
  }
  return { label, raw, build, site };
}
