/**
 * The raw archive between scheduled runs lives on a git branch of the project's own repository
 * (default `archive`, an orphan branch holding only `dnc/`): see the README for why. This module
 * is the only code that touches it:
 *
 * - `restoreArchive`: fetch the branch and check it out as a worktree at the raw folder (a new,
 *   empty orphan branch the first time);
 * - `appendOnlyViolations`: what the run changed, judged before anything is committed: new files
 *   are fine, the ledger may only grow (its earlier entries unchanged), `dnc/state/` is working
 *   state; any other archive file modified, deleted or renamed is a violation;
 * - `saveArchive`: commit and push, never forced, so a push that is not a fast-forward fails
 *   instead of replacing history.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { Ledger } from '../fetch/ledger';

const run = promisify(execFile);

export interface ArchiveRepo {
  /** The project's git checkout (where `origin` is configured). */
  repo: string;
  remote: string;
  branch: string;
  /** Where the archive is checked out (the update's --raw). */
  raw: string;
}

async function git(cwd: string, ...args: string[]): Promise<string> {
  const { stdout } = await run('git', args, { cwd, maxBuffer: 256 * 1024 * 1024 });
  return stdout;
}

async function remoteHasBranch(target: ArchiveRepo): Promise<boolean> {
  const out = await git(target.repo, 'ls-remote', '--heads', target.remote, target.branch);
  return out.trim() !== '';
}

/** Check the archive branch out at `raw`; returns the commit restored (null for a new archive). */
export async function restoreArchive(target: ArchiveRepo): Promise<string | null> {
  const raw = resolve(target.raw);
  if (await remoteHasBranch(target)) {
    await git(
      target.repo,
      'fetch',
      '--no-tags',
      target.remote,
      `+refs/heads/${target.branch}:refs/remotes/${target.remote}/${target.branch}`,
    );
    await git(
      target.repo,
      'worktree',
      'add',
      '-B',
      target.branch,
      raw,
      `${target.remote}/${target.branch}`,
    );
    return (await git(raw, 'rev-parse', 'HEAD')).trim();
  }
  // A new, empty orphan branch (git < 2.42 has no `worktree add --orphan`).
  await git(target.repo, 'worktree', 'add', '--no-checkout', '--detach', raw);
  await git(raw, 'checkout', '-q', '--orphan', target.branch);
  await git(raw, 'rm', '-r', '-q', '--cached', '--ignore-unmatch', '.');
  // The worktree is brand new (git refuses a non-empty folder): what is left is the project's files.
  await git(raw, 'clean', '-fdxq');
  return null;
}

export interface ChangeJudgement {
  added: string[];
  violations: string[];
}

/** Judge the worktree's changes against the append-only rule (see the module comment). */
export async function appendOnlyViolations(raw: string): Promise<ChangeJudgement> {
  await git(raw, 'add', '-A');
  const hasHead = await git(raw, 'rev-parse', '--verify', '-q', 'HEAD').then(
    () => true,
    () => false,
  );
  const status = hasHead
    ? await git(raw, 'diff', '--cached', '--name-status', '--no-renames', 'HEAD')
    : await git(raw, 'diff', '--cached', '--name-status', '--no-renames', '--root');
  const judgement: ChangeJudgement = { added: [], violations: [] };
  for (const line of status.split('\n').filter((l) => l.trim() !== '')) {
    const [code, file] = line.split('\t') as [string, string];
    if (file.startsWith('dnc/state/')) continue;
    if (code === 'A') {
      judgement.added.push(file);
    } else if (code === 'M' && file === 'dnc/ledger.json') {
      const problem = await ledgerOnlyGrew(raw);
      if (problem !== null) judgement.violations.push(`dnc/ledger.json: ${problem}`);
    } else {
      judgement.violations.push(
        `${file}: ${code === 'D' ? 'deleted' : code === 'M' ? 'modified' : `changed (${code})`}`,
      );
    }
  }
  return judgement;
}

async function ledgerOnlyGrew(raw: string): Promise<string | null> {
  const before = JSON.parse(await git(raw, 'show', 'HEAD:dnc/ledger.json')) as Ledger;
  const after = JSON.parse(await readFile(join(raw, 'dnc', 'ledger.json'), 'utf8')) as Ledger;
  if (after.entries.length < before.entries.length)
    return `has ${after.entries.length} entries, had ${before.entries.length}`;
  for (const [i, entry] of before.entries.entries()) {
    if (JSON.stringify(after.entries[i]) !== JSON.stringify(entry))
      return `entry ${i + 1} was rewritten`;
  }
  return null;
}

/** Commit what the run added and push it (not forced). Returns the new commit, or null when nothing changed. */
export async function saveArchive(target: ArchiveRepo, message: string): Promise<string | null> {
  const raw = resolve(target.raw);
  await git(raw, 'add', '-A');
  const staged = await git(raw, 'diff', '--cached', '--name-only');
  if (staged.trim() === '') return null;
  await git(
    raw,
    '-c',
    'user.name=robocall-atlas-archiver',
    '-c',
    'user.email=archiver@users.noreply.github.com',
    'commit',
    '-q',
    '-m',
    message,
  );
  await git(raw, 'push', target.remote, `HEAD:refs/heads/${target.branch}`);
  return (await git(raw, 'rev-parse', 'HEAD')).trim();
}

export async function removeWorktree(target: ArchiveRepo): Promise<void> {
  await git(target.repo, 'worktree', 'remove', '--force', resolve(target.raw)).catch(
    () => undefined,
  );
}
