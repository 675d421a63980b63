/**
 * `npm run update` against the fake FTC, with the real ingest: fetch, then ingest and build only
 * when something new arrived; the second run in a row changes nothing and says so.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Manifest } from '../../src/lib/manifest';
import { update, type UpdateSummary } from '../../scripts/update/run-update';
import { FakeFtc } from '../fetch/fake-ftc';
import { Captured, fakeClock, listFiles, removeDir, tempRaw } from '../fetch/helpers';

let dir: string;
let ftc: FakeFtc;
let builds: string[];

beforeEach(async () => {
  dir = await tempRaw();
  builds = [];
});
afterEach(async () => {
  await ftc?.stop();
  await removeDir(dir);
});

async function run(
  ...extra: string[]
): Promise<{ code: number; text: string; summary: UpdateSummary }> {
  const stderr = new Captured();
  const summaryPath = join(dir, 'summary.json');
  const code = await update(
    [
      '--url',
      ftc.landingUrl(),
      '--raw',
      join(dir, 'raw'),
      '--out',
      join(dir, 'build'),
      '--summary-json',
      summaryPath,
      ...extra,
    ],
    { stderr, clock: fakeClock(), build: async (dataDir) => void builds.push(dataDir) },
  );
  return {
    code,
    text: stderr.text,
    summary: JSON.parse(await readFile(summaryPath, 'utf8')) as UpdateSummary,
  };
}

describe('npm run update', () => {
  it('ingests and builds what arrived; run again at once it changes nothing and says so', async () => {
    ftc = await new FakeFtc({
      firstDay: '2026-05-04',
      lastDay: '2026-05-08',
      perWeekday: 20,
      today: '2026-05-08',
    }).start();
    const first = await run();
    expect(first.code).toBe(0);
    // Files 05-05..05-08 are out by 05-08 (Friday's complaints wait for Monday's file).
    expect(first.summary).toMatchObject({
      changed: true,
      ingested: true,
      built: true,
      rows_new: 80,
      rows_total: 80,
      failures: [],
    });
    expect(first.summary.files_new).toHaveLength(4);
    expect(first.summary.coverage).toEqual({
      first_day: '2026-05-04',
      last_day: '2026-05-07',
      days_missing: [],
    });
    expect(builds).toEqual([join(dir, 'build')]);
    expect(first.text).toContain('changed: yes');
    expect(first.text).toContain('files new: 4 (DNC_Complaint_Numbers_2026-05-05.csv');
    expect(first.text).toContain('rows new: 80 (80 in all)');

    const manifest = await readFile(join(dir, 'build', 'manifest.json'), 'utf8');
    const archive = await listFiles(join(dir, 'raw'));
    const second = await run();
    expect(second.code).toBe(0);
    expect(second.summary).toMatchObject({
      changed: false,
      ingested: false,
      built: false,
      files_new: [],
      rows_new: 0,
      rows_total: 80,
    });
    expect(second.text).toContain(
      'changed: no (nothing new since the last build; nothing ingested or built)',
    );
    expect(builds).toHaveLength(1);
    expect(await readFile(join(dir, 'build', 'manifest.json'), 'utf8')).toBe(manifest);
    expect((await listFiles(join(dir, 'raw'))).filter((f) => f.endsWith('.csv'))).toEqual(
      archive.filter((f) => f.endsWith('.csv')),
    );

    // Monday: one new file with Friday to Sunday, a gap-free coverage to Sunday.
    ftc.advanceTo('2026-05-11');
    const third = await run();
    expect(third.code).toBe(0);
    expect(third.summary).toMatchObject({
      changed: true,
      files_new: ['dnc/2026/DNC_Complaint_Numbers_2026-05-11.csv'],
      rows_new: 20,
      rows_total: 100,
    });
    const rows = (
      JSON.parse(await readFile(join(dir, 'build', 'manifest.json'), 'utf8')) as Manifest
    ).totals.rows_loaded;
    expect(rows).toBe(ftc.complaints.length);
  });

  it('lists gaps, exits 1 when a file failed, and 5 (fetching nothing) when the archive does not match its ledger', async () => {
    ftc = await new FakeFtc({
      firstDay: '2026-05-04',
      lastDay: '2026-05-08',
      perWeekday: 5,
      today: '2026-05-11',
    }).start();
    ftc.server.route('/sites/default/files/DNC_Complaint_Numbers_2026-05-06.csv', {
      kind: 'status',
      status: 404,
    });
    const first = await run('--no-build');
    expect(first.code).toBe(1);
    expect(first.summary.coverage).toEqual({
      first_day: '2026-05-04',
      last_day: '2026-05-08',
      days_missing: ['2026-05-05'],
    });
    expect(first.text).toMatch(/gaps: 1 day\(s\) missing \(2026-05-05\)/);
    expect(first.summary.failures[0]).toMatch(/DNC_Complaint_Numbers_2026-05-06\.csv: HTTP 404/);
    expect(builds).toEqual([]);

    const archived = join(dir, 'raw', 'dnc', '2026', 'DNC_Complaint_Numbers_2026-05-07.csv');
    await writeFile(archived, `${await readFile(archived, 'utf8')}tampered\r\n`);
    const requests = ftc.server.requests.length;
    const damaged = await run();
    expect(damaged.code).toBe(5);
    expect(damaged.text).toMatch(
      /CHANGED: dnc\/2026\/DNC_Complaint_Numbers_2026-05-07\.csv: sha256 [0-9a-f]{64}, the ledger says/,
    );
    expect(ftc.server.requests.length).toBe(requests);
  });

  it('exits 3 when the FTC refuses the client, naming --user-agent', async () => {
    ftc = await new FakeFtc({
      firstDay: '2026-05-04',
      lastDay: '2026-05-05',
      blockedUserAgent: /RobocallAtlas/,
    }).start();
    const blocked = await run();
    expect(blocked.code).toBe(3);
    expect(blocked.text).toContain('--user-agent');
    const ok = await run('--user-agent', 'Mozilla/5.0 (compatible; test)');
    expect(ok.code).toBe(0);
    expect(ok.summary.changed).toBe(true);
  });
});

describe('scripts/update.ts (the entry npm run update runs)', () => {
  it('run twice in a row as a child process: the second says nothing changed', async () => {
    const { execFile } = await import('node:child_process');
    const { fileURLToPath } = await import('node:url');
    const root = fileURLToPath(new URL('../../', import.meta.url));
    // Asynchronous: the fake FTC answers from this very process.
    const spawnAsync = (argv: string[]): Promise<{ status: number; stderr: string }> =>
      new Promise((resolve) => {
        execFile(
          process.execPath,
          argv,
          { cwd: root, encoding: 'utf8' },
          (error, _stdout, stderr) =>
            resolve({ status: error ? Number(error.code ?? 1) : 0, stderr }),
        );
      });
    ftc = await new FakeFtc({
      firstDay: '2026-05-04',
      lastDay: '2026-05-05',
      perWeekday: 3,
    }).start();
    const args = [
      '--import',
      'tsx',
      'scripts/update.ts',
      '--url',
      ftc.landingUrl(),
      '--raw',
      join(dir, 'raw'),
      '--out',
      join(dir, 'build'),
      '--no-build',
    ];
    const first = await spawnAsync(args);
    expect(first.status).toBe(0);
    expect(first.stderr).toContain('changed: yes');
    const second = await spawnAsync(args);
    expect(second.status).toBe(0);
    expect(second.stderr).toContain('changed: no');
    expect(second.stderr).toContain('files new: 0');
  });
});
