/**
 * check:deploy: fails on a file over a host's limit (and on the other limits), passes on the
 * default build.
 */
import { mkdirSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkDeploy, judgeDeploy, listDeployFiles } from '../../scripts/deploy/check-deploy';
import { HOSTS } from '../../scripts/deploy/hosts';
import { getSiteBuild } from '../helpers/site-build';
import { tempDir } from '../helpers/temp';

const MiB = 1024 * 1024;
const out = (): { text: string; write(t: string): void } => ({
  text: '',
  write(t: string) {
    this.text += t;
  },
});

describe('check:deploy', () => {
  const tmp = tempDir('deploy');
  afterAll(() => tmp.cleanup());

  /** A fake dist/ of sparse files: sizes without the disk. */
  function dist(name: string, files: Record<string, number>): string {
    const dir = join(tmp.dir, name);
    for (const [path, bytes] of Object.entries(files)) {
      mkdirSync(join(dir, path, '..'), { recursive: true });
      writeFileSync(join(dir, path), '');
      truncateSync(join(dir, path), bytes);
    }
    return dir;
  }

  it('fails on a file over the host limit, naming it, and passes the same files on a host that takes them', async () => {
    const dir = dist('big-file', {
      'index.html': 2_000,
      'data/complaints-2026.duckdb': 30 * MiB,
      'data/cube.duckdb': 4 * MiB,
    });
    const cloudflare = out();
    expect(await checkDeploy(['--dir', dir, '--host', 'cloudflare-pages'], cloudflare)).toBe(1);
    expect(cloudflare.text).toMatch(
      /✗ data\/complaints-2026\.duckdb is 30\.0 MiB, over Cloudflare Pages's 25\.0 MiB per file/,
    );
    expect(cloudflare.text).toContain('does NOT fit Cloudflare Pages (1 problem(s))');
    const github = out();
    expect(await checkDeploy(['--dir', dir, '--host', 'github-pages'], github)).toBe(0);
    expect(github.text).toContain('fits GitHub Pages');
  });

  it('fails on the total size, the file count, a host without Range, and uncompressed wasm', async () => {
    const years = Object.fromEntries(
      Array.from({ length: 12 }, (_, i) => [`data/complaints-${2020 + i}.duckdb`, 90 * MiB]),
    );
    const files = await listDeployFiles(dist('total', { ...years, 'engine.wasm': 34 * MiB }));
    expect(judgeDeploy(files, HOSTS['github-pages']!).problems).toEqual([
      expect.stringMatching(/^the site is 1114\.0 MiB, over GitHub Pages's 953\.7 MiB/),
    ]);
    const noRange = {
      ...HOSTS['github-pages']!,
      label: 'a plain host',
      range: false,
      compressesWasm: false,
      maxTotalBytes: null,
    };
    expect(judgeDeploy(files, noRange).problems).toEqual([
      'a plain host does not answer Range and HEAD, which the explorer needs for 12 .duckdb file(s)',
      'engine.wasm (34.0 MiB) would be sent uncompressed: a plain host does not compress application/wasm and there is no .gz twin',
    ]);
    const many = Array.from({ length: 20_001 }, (_, i) => ({ path: `p/${i}.html`, bytes: 10 }));
    expect(judgeDeploy(many, HOSTS['cloudflare-pages']!).problems).toEqual([
      "20001 files, over Cloudflare Pages's 20000",
    ]);
  });

  it('exits 2 on an unknown host or a missing folder', async () => {
    expect(await checkDeploy(['--host', 'geocities'], out())).toBe(2);
    expect(await checkDeploy(['--dir', join(tmp.dir, 'nope')], out())).toBe(2);
  });

  it('passes on the default build for GitHub Pages', async () => {
    const site = await getSiteBuild();
    const report = out();
    expect(await checkDeploy(['--dir', site.dist, '--host', 'github-pages'], report)).toBe(0);
    expect(report.text).toMatch(/\.wasm: [\d.]+ MiB, sent compressed/);
  });
});
