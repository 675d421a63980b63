/**
 * npm start: the main job on a fresh clone. Sample data when data/raw holds no FTC files, ingest
 * when the build is missing or older than its inputs, build the site, serve it.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { positiveInteger, runCommand } from './lib/cli';
import { fileSize, listFiles } from './lib/files';
import { ingest } from './ingest/run-ingest';
import { createStaticServer } from './serve/static-server';
import { parseManifest } from '../src/lib/manifest';

const COMMAND = {
  name: 'start',
  usage: `usage: npm start -- [--reingest] [--port N]

Sample data when data/raw holds no FTC files, ingest when the build is missing or stale, build
the site, serve it on 127.0.0.1.

  --reingest   ingest even when the build is up to date
  --port N     the port (default $PORT, else 4321)
  -h, --help   this text

Exit code: 2 bad arguments; otherwise it serves until stopped.`,
  options: {
    reingest: { type: 'boolean', default: false },
    port: { type: 'string', default: process.env.PORT ?? '4321' },
  },
} as const;

const out = 'data/build';

process.exitCode = await runCommand(COMMAND, process.argv.slice(2), async (values) => {
  const port = positiveInteger('--port', values.port);
  let raw = 'data/raw';
  if ((await listFiles(raw, '.csv')).length === 0) {
    raw = 'data/sample';
    if (!existsSync(`${raw}/synthetic.json`)) {
      console.error(
        'start: data/raw has no FTC files; writing synthetic sample data to data/sample (npm run data:sample)',
      );
      execFileSync('npx', ['tsx', 'scripts/sample.ts', '--out', raw], { stdio: 'inherit' });
    }
    console.error('start: using synthetic sample data (every page will say so)');
  }

  if (values.reingest || !(await buildIsCurrent(raw))) {
    const result = await ingest({ raw, out });
    if (result.problems.length > 0)
      console.error(
        `start: ${result.problems.length} file(s) not loaded, see ${out}/manifest.json`,
      );
  } else {
    console.error(`start: ${out} is up to date with ${raw}`);
  }

  execFileSync('npx', ['astro', 'build'], {
    stdio: 'inherit',
    env: { ...process.env, ROBOCALL_DATA_DIR: out },
  });

  createStaticServer('dist').listen(port, '127.0.0.1', () => {
    console.log(`\nRobocall Atlas is at http://localhost:${port}/  (Ctrl-C to stop)`);
  });
  return 0;
});

/** The build is current when its manifest lists exactly the raw files there are now, at the same sizes. */
async function buildIsCurrent(rawDir: string): Promise<boolean> {
  if (!existsSync(`${out}/manifest.json`)) return false;
  const manifest = parseManifest(
    readFileSync(`${out}/manifest.json`, 'utf8'),
    `${out}/manifest.json`,
  );
  const files = await listFiles(rawDir, '.csv');
  if (files.length !== manifest.sources.length) return false;
  const bySource = new Map(manifest.sources.map((s) => [s.file, s.bytes]));
  for (const file of files)
    if (bySource.get(file) !== (await fileSize(`${rawDir}/${file}`))) return false;
  return true;
}
