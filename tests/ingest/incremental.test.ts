/**
 * Issue 9.3, the ingest side: with a cache, a new day rebuilds only its year, and what comes out
 * is what a full ingest of the same files makes (tables row for row and in order, downloads byte
 * for byte, quarantine, manifest apart from generated_at).
 */
import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  mkdirSync,
  readdirSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listFiles } from '../../scripts/lib/files';
import { createProgress } from '../../scripts/lib/progress';
import { defaultCacheDir, ingest, type IngestResult } from '../../scripts/ingest/run-ingest';
import { writeCorpus } from '../fixtures/malformed-corpus';
import { tempDir } from '../helpers/temp';
import { snapshot } from './snapshot';

const quiet = createProgress(process.stderr, true);

describe('incremental ingest', () => {
  const tmp = tempDir('incremental');
  const sample = join(tmp.dir, 'sample');
  const raw = join(tmp.dir, 'raw');
  const out = join(tmp.dir, 'build');
  const cache = defaultCacheDir(out);
  let dailyFiles: string[];
  let first: IngestResult;

  const add = (file: string) => {
    mkdirSync(dirname(join(raw, file)), { recursive: true });
    copyFileSync(join(sample, file), join(raw, file));
  };

  beforeAll(async () => {
    // Three weeks across a new year, then the malformed corpus (2024) beside it.
    execFileSync(
      'npx',
      [
        'tsx',
        'scripts/sample.ts',
        '--out',
        sample,
        '--days',
        '21',
        '--end',
        '2025-01-10',
        '--volume',
        '60',
        '--seed',
        'incremental',
      ],
      { stdio: 'ignore' },
    );
    dailyFiles = (await listFiles(sample, '.csv')).filter((f) => f.startsWith('dnc/'));
    mkdirSync(raw, { recursive: true });
    copyFileSync(join(sample, 'synthetic.json'), join(raw, 'synthetic.json'));
    for (const file of dailyFiles.slice(0, -1)) add(file);
    writeCorpus(raw);
    first = await ingest({ raw, out, cache, progress: quiet });
  }, 120_000);
  afterAll(() => tmp.cleanup());

  it('builds every year the first time', () => {
    expect(first.yearsRebuilt).toEqual([2024, 2025]);
    expect(dailyFiles.at(-1)).toMatch(/2025-01-1\d\.csv$/);
  });

  it('rebuilds only the year of a new day, with the outputs of a full ingest', async () => {
    add(dailyFiles.at(-1)!);
    const update = await ingest({ raw, out, cache, progress: quiet });
    expect(update.yearsRebuilt).toEqual([2025]);
    // From 2025's cached rows and the new day's, not every 2025 source's.
    expect(update.yearsGrown).toEqual([2025]);
    const full = join(tmp.dir, 'full');
    await ingest({ raw, out: full, progress: quiet });
    const [a, b] = [await snapshot(out), await snapshot(full)];
    expect(a).toEqual(b);
    expect(a.manifest.downloads.map((d) => d.sha256)).toEqual(
      b.manifest.downloads.map((d) => d.sha256),
    );
    expect(a.manifest.totals.rows_loaded).toBeGreaterThan(first.manifest.totals.rows_loaded);
  }, 120_000);

  it('rebuilds nothing when nothing changed, and still gives the same outputs', async () => {
    const before = await snapshot(out);
    const again = await ingest({ raw, out, cache, progress: quiet });
    expect(again.yearsRebuilt).toEqual([]);
    expect(await snapshot(out)).toEqual(before);
  }, 120_000);

  it('reads a file again when its bytes change, and forgets a file that is gone', async () => {
    // An earlier 2025 day republished with one complaint fewer (same name, new bytes, new mtime).
    const day = dailyFiles.at(-2)!; // a January 2025 day
    const text = readText(join(raw, day));
    const lines = text.split('\r\n');
    writeFileSync(join(raw, day), [...lines.slice(0, 2), ...lines.slice(3)].join('\r\n'));
    utimesSync(join(raw, day), new Date(), new Date(Date.now() + 5_000));
    const removed = dailyFiles.find((f) => f.includes('2024-12-2'))!;
    rmSync(join(raw, removed));
    const update = await ingest({ raw, out, cache, progress: quiet });
    expect(update.yearsRebuilt).toEqual([2024, 2025]);
    // A changed or removed source is in the cached years' rows: they cannot be grown from.
    expect(update.yearsGrown).toEqual([]);
    const full = join(tmp.dir, 'full-2');
    await ingest({ raw, out: full, progress: quiet });
    expect(await snapshot(out)).toEqual(await snapshot(full));
    expect(update.manifest.sources.some((s) => s.file === removed)).toBe(false);
    // The cache holds this archive's entries only.
    expect(readdirSync(join(cache, 'sources')).length).toBe(update.manifest.sources.length);
  }, 120_000);

  it('leaves a folder copied elsewhere working: the cache is never inside the build', () => {
    expect(cache.startsWith(`${out}/`)).toBe(false);
    cpSync(out, join(tmp.dir, 'copy'), { recursive: true });
    expect(readdirSync(join(tmp.dir, 'copy')).sort()).toEqual(readdirSync(out).sort());
  });
});

function readText(path: string): string {
  return execFileSync('cat', [path]).toString('utf8');
}
