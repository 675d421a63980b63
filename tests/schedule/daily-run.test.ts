/**
 * A dry run of the daily workflow's steps (scripts/daily.ts, what .github/workflows/daily.yml
 * calls), locally: a bare git repository plays GitHub (the archive branch), the fake FTC plays
 * the FTC. Restore, verify, fetch, ingest, keep the archive append-only, push, decide to deploy.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  appendOnlyViolations,
  removeWorktree,
  restoreArchive,
} from '../../scripts/schedule/archive-branch';
import { APPEND_ONLY_BROKEN, dailyRun } from '../../scripts/schedule/daily-run';
import { FakeFtc } from '../fetch/fake-ftc';
import { Captured, fakeClock, removeDir, tempRaw } from '../fetch/helpers';

let tmp: string;
let origin: string;
let repo: string;
let raw: string;
let ftc: FakeFtc;

const git = (cwd: string, ...args: string[]): string =>
  execFileSync('git', args, { cwd, encoding: 'utf8' });

beforeEach(async () => {
  tmp = await tempRaw();
  origin = join(tmp, 'origin.git');
  repo = join(tmp, 'project');
  raw = join(tmp, 'raw');
  git(tmp, 'init', '-q', '--bare', origin);
  await mkdir(repo);
  git(repo, 'init', '-q', '-b', 'main');
  await writeFile(join(repo, 'README.md'), 'project\n');
  git(repo, 'add', '.');
  git(repo, '-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-q', '-m', 'project');
  git(repo, 'remote', 'add', 'origin', origin);
  git(repo, 'push', '-q', 'origin', 'main');
});
afterEach(async () => {
  await ftc?.stop();
  await removeDir(tmp);
});

async function daily(
  day: string,
  ...updateArgs: string[]
): Promise<{ code: number; text: string; output: string }> {
  const stderr = new Captured();
  const output = join(tmp, `github-output-${day}`);
  await writeFile(output, '');
  const code = await dailyRun(
    [
      '--repo',
      repo,
      '--raw',
      raw,
      '--',
      '--url',
      ftc.landingUrl(),
      '--out',
      join(tmp, 'build'),
      ...updateArgs,
    ],
    {
      stderr,
      clock: fakeClock(Date.parse(`${day}T14:00:00Z`)),
      githubOutput: output,
      build: async () => undefined,
    },
  );
  // Each scheduled run starts on a fresh machine: the worktree goes, only the branch remains.
  await removeWorktree({ repo, remote: 'origin', branch: 'archive', raw });
  await rm(raw, { recursive: true, force: true });
  return { code, text: stderr.text, output: await readFile(output, 'utf8') };
}

const archiveFiles = (): string[] =>
  git(origin, 'ls-tree', '-r', '--name-only', 'archive').trim().split('\n');

describe('the daily workflow, dry run', () => {
  it('starts an archive branch, adds only new files each day, and says when to deploy', async () => {
    ftc = await new FakeFtc({
      firstDay: '2026-05-04',
      lastDay: '2026-05-08',
      perWeekday: 6,
      today: '2026-05-07',
    }).start();
    const first = await daily('2026-05-07');
    expect(first.code).toBe(0);
    expect(first.text).toContain('no archive branch yet; starting a new one');
    expect(first.output).toContain('deploy=true');
    expect(archiveFiles()).toEqual([
      'dnc/2026/DNC_Complaint_Numbers_2026-05-05.csv',
      'dnc/2026/DNC_Complaint_Numbers_2026-05-06.csv',
      'dnc/2026/DNC_Complaint_Numbers_2026-05-07.csv',
      'dnc/ledger.json',
    ]);
    const firstCommit = git(origin, 'rev-parse', 'archive').trim();

    // Same day again: nothing new; the ledger grows (re-checks are provenance too), no deploy.
    const again = await daily('2026-05-07');
    expect(again.code).toBe(0);
    expect(again.output).toContain('deploy=false');

    ftc.advanceTo('2026-05-11');
    const monday = await daily('2026-05-11');
    expect(monday.code).toBe(0);
    expect(monday.output).toContain('deploy=true');
    // Since the first day's commit, only additions and the ledger: nothing archived was touched.
    const changes = git(origin, 'diff', '--name-status', firstCommit, 'archive').trim().split('\n');
    expect(changes).toEqual([
      'A\tdnc/2026/DNC_Complaint_Numbers_2026-05-08.csv',
      'A\tdnc/2026/DNC_Complaint_Numbers_2026-05-11.csv',
      'M\tdnc/ledger.json',
    ]);
    // The history is linear: every run's commit is a fast-forward of the one before.
    expect(git(origin, 'rev-list', '--count', 'archive').trim()).toBe('3');
    expect(git(origin, 'show', 'archive:dnc/2026/DNC_Complaint_Numbers_2026-05-11.csv')).toBe(
      ftc.fileBody(ftc.allFiles().find((f) => f.published === '2026-05-11')!).toString(),
    );
  });

  it('verifies the restored archive against the ledger and pushes nothing when it does not match', async () => {
    ftc = await new FakeFtc({
      firstDay: '2026-05-04',
      lastDay: '2026-05-05',
      perWeekday: 4,
    }).start();
    expect((await daily('2026-05-06')).code).toBe(0);
    // Someone rewrites an archived file on the branch.
    const clone = join(tmp, 'clone');
    git(tmp, 'clone', '-q', '-b', 'archive', origin, clone);
    const file = join(clone, 'dnc/2026/DNC_Complaint_Numbers_2026-05-05.csv');
    await writeFile(
      file,
      `${await readFile(file, 'utf8')}8005550100,2026-05-05 10:00:00,,,Ohio,614,Other,Y\r\n`,
    );
    git(clone, '-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-q', '-am', 'tamper');
    git(clone, 'push', '-q', 'origin', 'archive');
    const head = git(origin, 'rev-parse', 'archive').trim();
    const damaged = await daily('2026-05-07');
    expect(damaged.code).toBe(5);
    expect(damaged.text).toMatch(/CHANGED: dnc\/2026\/DNC_Complaint_Numbers_2026-05-05\.csv/);
    expect(damaged.output).toContain('deploy=false');
    expect(git(origin, 'rev-parse', 'archive').trim()).toBe(head);
  });

  it('refuses a change that deletes or rewrites an archived file', async () => {
    ftc = await new FakeFtc({
      firstDay: '2026-05-04',
      lastDay: '2026-05-05',
      perWeekday: 4,
    }).start();
    expect((await daily('2026-05-06')).code).toBe(0);
    const target = { repo, remote: 'origin', branch: 'archive', raw };
    await restoreArchive(target);
    await unlink(join(raw, 'dnc/2026/DNC_Complaint_Numbers_2026-05-05.csv'));
    const ledgerPath = join(raw, 'dnc/ledger.json');
    const ledger = JSON.parse(await readFile(ledgerPath, 'utf8')) as {
      entries: { reason?: string }[];
    };
    ledger.entries[0]!.reason = 'rewritten';
    await writeFile(ledgerPath, JSON.stringify(ledger));
    await mkdir(join(raw, 'dnc/state'), { recursive: true });
    await writeFile(join(raw, 'dnc/state/api-budget.json'), '{}');
    const judgement = await appendOnlyViolations(raw);
    expect(judgement.violations).toEqual([
      'dnc/2026/DNC_Complaint_Numbers_2026-05-05.csv: deleted',
      'dnc/ledger.json: entry 1 was rewritten',
    ]);
    expect(APPEND_ONLY_BROKEN).toBe(6);
  });
});
