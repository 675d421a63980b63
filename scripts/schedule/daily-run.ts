/**
 * The daily job, every step the workflow (.github/workflows/daily.yml) runs, in one command so
 * that the very same steps run locally against the fake FTC in tests/schedule/daily-run.test.ts:
 *
 *   1. restore the raw archive from its branch (scripts/schedule/archive-branch.ts);
 *   2. `npm run update` on it (verify against the ledger, fetch, ingest, build);
 *   3. judge what changed: only new files, a ledger that only grew, and working state;
 *   4. commit and push the archive (never forced), also when the build failed: fetched files are
 *      the only copy there is once the FTC drops them;
 *   5. tell the workflow whether to deploy (`deploy=true|false` in $GITHUB_OUTPUT when set).
 *
 * Options and exit codes: DAILY_USAGE below (`npx tsx scripts/daily.ts --help`).
 */
import { appendFile, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ParseArgsOptionsConfig } from 'node:util';
import { runCommand, type CommandSpec, type CommandValues } from '../lib/cli';
import { update, UPDATE_EXIT, type UpdateDeps, type UpdateSummary } from '../update/run-update';
import {
  appendOnlyViolations,
  restoreArchive,
  saveArchive,
  type ArchiveRepo,
} from './archive-branch';

export const APPEND_ONLY_BROKEN = 6;

export const DAILY_USAGE = `usage: npx tsx scripts/daily.ts [options] [-- update options]

The scheduled workflow's one step: restore the raw archive from its branch, run \`npm run update\`
on it, commit and push the new files (never forced), and say whether to deploy.

  --repo DIR          the repository holding the archive branch (default .)
  --remote NAME       the remote to push to (default origin)
  --branch NAME       the archive branch (default archive)
  --raw DIR           where the archive is restored (default data/raw)
  --summary-json F    update's summary as JSON (default a temporary file)
  -h, --help          this text
  after --: passed to update (--url, --user-agent, --file-host, --out, --no-build)

Exit code: update's (npm run update -- --help; 2 bad arguments), or ${APPEND_ONLY_BROKEN} when the run would
have modified or deleted an archived file (nothing pushed).`;

export const DAILY_COMMAND = {
  name: 'daily',
  usage: DAILY_USAGE,
  positionals: true,
  options: {
    repo: { type: 'string', default: '.' },
    remote: { type: 'string', default: 'origin' },
    branch: { type: 'string', default: 'archive' },
    raw: { type: 'string', default: 'data/raw' },
    'summary-json': { type: 'string' },
  },
} as const satisfies CommandSpec<ParseArgsOptionsConfig>;

export async function dailyRun(
  argv: readonly string[],
  deps: UpdateDeps & { githubOutput?: string } = {},
): Promise<number> {
  return runCommand(
    DAILY_COMMAND,
    argv,
    (values, positionals) => daily(values, positionals, deps),
    {
      ...(deps.stdout ? { stdout: deps.stdout } : {}),
      ...(deps.stderr ? { stderr: deps.stderr } : {}),
    },
  );
}

async function daily(
  values: CommandValues<typeof DAILY_COMMAND.options>,
  positionals: string[],
  deps: UpdateDeps & { githubOutput?: string },
): Promise<number> {
  const say = (line: string): void => void (deps.stderr ?? process.stderr).write(`${line}\n`);
  const target: ArchiveRepo = {
    repo: values.repo,
    remote: values.remote,
    branch: values.branch,
    raw: values.raw,
  };

  say(`daily: restoring the archive from ${target.remote}/${target.branch} into ${target.raw}`);
  const restored = await restoreArchive(target);
  say(
    restored === null
      ? 'daily: no archive branch yet; starting a new one'
      : `daily: archive at ${restored.slice(0, 12)}`,
  );

  const summaryPath =
    values['summary-json'] ?? join(await mkdtemp(join(tmpdir(), 'daily-')), 'summary.json');
  const code = await update(
    ['--raw', target.raw, '--summary-json', summaryPath, ...positionals],
    deps,
  );
  const summary = JSON.parse(await readFile(summaryPath, 'utf8')) as UpdateSummary;

  let exit = code;
  if (code !== UPDATE_EXIT.archiveDamaged && code !== UPDATE_EXIT.usage) {
    const judgement = await appendOnlyViolations(target.raw);
    if (judgement.violations.length > 0) {
      for (const violation of judgement.violations)
        say(`daily: REFUSED to save the archive: ${violation}`);
      exit = APPEND_ONLY_BROKEN;
    } else {
      const day = new Date(deps.clock?.now() ?? Date.now()).toISOString().slice(0, 10);
      const commit = await saveArchive(
        target,
        `archive ${day}: ${judgement.added.length} new file(s)${summary.files_new.length > 0 ? ` (${summary.files_new.map((f) => f.slice(f.lastIndexOf('/') + 1)).join(', ')})` : ''}`,
      );
      say(
        commit === null
          ? 'daily: archive unchanged, nothing pushed'
          : `daily: archive pushed as ${commit.slice(0, 12)} (${judgement.added.length} new file(s))`,
      );
    }
  }
  const deploy =
    exit === UPDATE_EXIT.ok || exit === UPDATE_EXIT.partial
      ? summary.changed && summary.built
      : false;
  say(`daily: deploy ${deploy ? 'yes' : 'no'}`);
  const output = deps.githubOutput ?? process.env['GITHUB_OUTPUT'];
  if (output)
    await appendFile(output, `deploy=${deploy}\nchanged=${summary.changed}\nexit_code=${exit}\n`);
  return exit;
}
