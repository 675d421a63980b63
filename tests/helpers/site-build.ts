/**
 * One synthetic site build shared by every test that needs the built site: sample data
 * (`--days 400 --volume 300`), ingest, `astro build` with ROBOCALL_DATA_DIR and `--outDir` in
 * `.tmp/site-test/<key>/`. The key hashes everything the build reads (src, scripts, reference
 * data, config), so test files in one run, and later runs with nothing changed, reuse one build;
 * a lock directory makes concurrent workers wait for the one that builds.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join, relative, resolve } from 'node:path';
import { createStaticServer } from '../../scripts/serve/static-server';
import { createProgress } from '../../scripts/lib/progress';
import { ingest } from '../../scripts/ingest/run-ingest';

const ROOT = resolve(import.meta.dirname, '../..');
const CACHE = join(ROOT, '.tmp/site-test');
const INPUTS = [
  'src',
  'scripts',
  'data/reference',
  'public',
  'astro.config.mjs',
  'package-lock.json',
  'tsconfig.json',
];

/** The sample the site tests run on: 400 days ending 2024-03-31, so the year-earlier comparison and the three months either side of the November 2023 PoNE letters and FCC notices are all in the data. */
export const SITE_SAMPLE = { days: 400, end: '2024-03-31', seed: '7', volume: 300 };

/** What a site build is made from: a name (its cache folder), what it depends on, and how to write its raw files. */
export interface SiteDataset {
  name: string;
  /** Everything the raw files depend on beyond the repository's files (hashed into the key). */
  inputs: string;
  writeRaw(raw: string): void;
}

/** The default: the synthetic sample above. */
export const SAMPLE_DATASET: SiteDataset = {
  name: 'sample',
  inputs: JSON.stringify(SITE_SAMPLE),
  writeRaw(raw) {
    const s = SITE_SAMPLE;
    execFileSync(
      'npx',
      [
        'tsx',
        'scripts/sample.ts',
        '--out',
        raw,
        '--days',
        String(s.days),
        '--end',
        s.end,
        '--seed',
        s.seed,
        '--volume',
        String(s.volume),
      ],
      { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] },
    );
  },
};

/** Each dataset's builds in a folder of its own, so that pruning one never removes another's. */
const cacheOf = (dataset: SiteDataset) =>
  dataset.name === SAMPLE_DATASET.name ? CACHE : `${CACHE}-${dataset.name}`;

export interface SiteBuild {
  /** The built site. */
  dist: string;
  /** The ingest output the build read (cube.duckdb, manifest.json…). */
  data: string;
  /** Seconds the build took, or 0 when it was reused. */
  seconds: number;
}

function listInputs(path: string, out: string[]): void {
  const info = statSync(path, { throwIfNoEntry: false });
  if (!info) return;
  if (info.isFile()) out.push(path);
  else if (info.isDirectory())
    for (const name of readdirSync(path).sort()) listInputs(join(path, name), out);
}

/** A hash of every file the build reads. */
export function buildKey(dataset: SiteDataset = SAMPLE_DATASET): string {
  const hash = createHash('sha256');
  hash.update(dataset.inputs);
  const files: string[] = [];
  for (const input of INPUTS) listInputs(join(ROOT, input), files);
  for (const file of files) {
    if (file.includes(`${join(ROOT, 'public', 'data')}`)) continue;
    hash.update(relative(ROOT, file));
    hash.update(readFileSync(file));
  }
  return hash.digest('hex').slice(0, 16);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const pending = new Map<string, Promise<SiteBuild>>();

/** The shared build of a dataset (the sample by default): made once, then reused while nothing it reads changes. */
export function getSiteBuild(dataset: SiteDataset = SAMPLE_DATASET): Promise<SiteBuild> {
  let build = pending.get(dataset.name);
  if (!build) {
    build = ensureBuild(dataset);
    pending.set(dataset.name, build);
  }
  return build;
}

async function ensureBuild(dataset: SiteDataset): Promise<SiteBuild> {
  const cache = cacheOf(dataset);
  const key = buildKey(dataset);
  const dir = join(cache, key);
  const ready = join(dir, 'ready.json');
  const lock = join(cache, `${key}.lock`);
  mkdirSync(cache, { recursive: true });
  for (const started = Date.now(); !existsSync(ready);) {
    try {
      mkdirSync(lock);
    } catch {
      // Someone else is building; steal the lock only when it is clearly abandoned.
      const age = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 15 * 60_000) rmSync(lock, { recursive: true, force: true });
      if (Date.now() - started > 20 * 60_000)
        throw new Error(`timed out waiting for the site build in ${dir}`);
      await sleep(500);
      continue;
    }
    try {
      if (!existsSync(ready)) await build(dir, ready, dataset);
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
  const marker = JSON.parse(readFileSync(ready, 'utf8')) as SiteBuild;
  pruneOld(cache, key);
  return marker;
}

async function build(dir: string, ready: string, dataset: SiteDataset): Promise<void> {
  const t0 = performance.now();
  rmSync(dir, { recursive: true, force: true });
  const raw = join(dir, 'sample');
  const data = join(dir, 'build');
  const dist = join(dir, 'dist');
  dataset.writeRaw(raw);
  await ingest({ raw, out: data, progress: createProgress(process.stderr, true) });
  execFileSync('npx', ['astro', 'build', '--outDir', dist], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, ROBOCALL_DATA_DIR: data },
  });
  const marker: SiteBuild = { dist, data, seconds: (performance.now() - t0) / 1000 };
  writeFileSync(ready, JSON.stringify(marker));
}

/** Keeps the three newest builds. */
function pruneOld(cache: string, current: string): void {
  const builds = readdirSync(cache)
    .filter((name) => !name.endsWith('.lock') && name !== current)
    .map((name) => ({ name, mtime: statSync(join(cache, name)).mtimeMs }))
    .sort((a, b) => b.mtime - a.mtime);
  for (const old of builds.slice(2))
    rmSync(join(cache, old.name), { recursive: true, force: true });
}

export interface ServedSite extends SiteBuild {
  /** `http://127.0.0.1:<port>` (no trailing slash). */
  base: string;
  close(): Promise<void>;
}

/** The shared build, served with the project's Range-capable static server on a free port. */
export async function serveSite(dataset: SiteDataset = SAMPLE_DATASET): Promise<ServedSite> {
  const site = await getSiteBuild(dataset);
  const server = createStaticServer(site.dist);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    ...site,
    base: `http://127.0.0.1:${port}`,
    close: () => new Promise((done) => server.close(() => done())),
  };
}

/** Every `.html` file under `dir`, as paths relative to it. */
export function htmlFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.html')) out.push(relative(dir, path));
    }
  };
  walk(dir);
  return out.sort();
}
