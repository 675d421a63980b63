/**
 * check:deploy: fails on a file over a host's limit (and on the other limits), passes on the
 * default build.
 */
import { mkdirSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkDeploy, judgeDeploy, listDeployFiles } from '../../scripts/deploy/check-deploy';
import { HOSTS } from '../../scripts/deploy/hosts';
import { projectBuild } from '../../scripts/deploy/project';
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

  it('projects a build to years it does not hold from its fullest year’s bytes per complaint', () => {
    const table = (name: string, file: string, rows: number, bytes: number, year?: number) => ({
      name,
      file,
      rows,
      bytes,
      sha256: '',
      columns: [],
      date_min: '2025-07-01',
      date_max: '2026-06-30',
      ...(year === undefined ? {} : { year }),
    });
    const manifest = {
      sources: Array.from({ length: 261 }, () => ({}) as never),
      tables: [
        // 2025 is the fuller year: 25 bytes a complaint (2026's 30 carries more fixed overhead).
        table('complaints', 'complaints-2025.duckdb', 1_000_000, 25_000_000, 2025),
        table('complaints', 'complaints-2026.duckdb', 100_000, 3_000_000, 2026),
        table('caller_complaints', 'callers-2025.duckdb', 950_000, 14_000_000, 2025),
        table('caller_complaints', 'callers-2026.duckdb', 95_000, 1_600_000, 2026),
        table('daily', 'cube.duckdb', 365, 5_000_000),
      ],
      downloads: [
        {
          file: 'downloads/complaints-2025.parquet',
          format: 'parquet' as const,
          year: 2025,
          rows: 1_000_000,
          bytes: 18_000_000,
          sha256: '',
        },
      ],
    };
    const files = [
      { path: 'data/complaints-2025.duckdb', bytes: 25_000_000 },
      { path: 'data/complaints-2026.duckdb', bytes: 3_000_000 },
      { path: 'data/callers-2025.duckdb', bytes: 14_000_000 },
      { path: 'data/callers-2026.duckdb', bytes: 1_600_000 },
      { path: 'data/cube.duckdb', bytes: 5_000_000 },
      { path: 'data/manifest.json', bytes: 300_000 },
      { path: 'index.html', bytes: 20_000 },
    ];
    const { files: projected } = projectBuild(files, manifest, {
      years: 3,
      complaintsPerYear: 2_000_000,
    });
    const size = (path: string) => projected.find((f) => f.path === path)?.bytes;
    // By hand: 25 B × 2M = 50 MB and 14 B × 2M = 28 MB for each of 2024–2026.
    for (const year of [2024, 2025, 2026]) {
      expect(size(`data/complaints-${year}.duckdb`)).toBe(50_000_000);
      expect(size(`data/callers-${year}.duckdb`)).toBe(28_000_000);
    }
    expect(size('data/complaints-2023.duckdb')).toBeUndefined();
    // The download is not in the site (published elsewhere): not projected into it.
    expect(projected.some((f) => f.path.includes('downloads/'))).toBe(false);
    // The cube grows with the days (365 → 3 × 365), the manifest with the files (261 → 3 × 261).
    expect(size('data/cube.duckdb')).toBe(15_000_000);
    expect(size('data/manifest.json')).toBe(900_000);
    expect(size('index.html')).toBe(20_000);
    expect(projected).toHaveLength(3 + 3 + 3);
  });

  it('judges the projected site with --project-years, and says it is a projection', async () => {
    const site = await getSiteBuild();
    const report = out();
    const code = await checkDeploy(
      ['--dir', site.dist, '--host', 'github-pages', '--project-years', '5'],
      report,
    );
    expect(report.text).toMatch(/projected complaints-<year>\.duckdb: [\d.]+ bytes a complaint/);
    expect(report.text).toMatch(/projected to 5 years of 2,600,000 complaints for GitHub Pages/);
    expect([0, 1]).toContain(code);
    expect(await checkDeploy(['--dir', site.dist, '--project-years', 'five'], out())).toBe(2);
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
