/**
 * `npm run check:deploy -- [--dir DIR] [--host NAME]`: can this build be published on that host?
 * Every file against the per-file limit, the whole against the site limit and file count, the
 * Range and HEAD the explorer needs for its .duckdb files, and the engine's .wasm sent compressed.
 * Exit 0 when it fits, 1 when it does not (each problem named), 2 on bad arguments.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { ParseArgsOptionsConfig } from 'node:util';
import { runCommand, UsageError, type CommandOutput, type CommandSpec } from '../lib/cli';
import { parseManifest } from '../../src/lib/manifest';
import { HOSTS, type HostLimits } from './hosts';
import { projectBuild } from './project';

export interface DeployFile {
  path: string;
  bytes: number;
}

export interface DeployReport {
  host: HostLimits;
  files: number;
  totalBytes: number;
  largest: DeployFile[];
  problems: string[];
  notes: string[];
}

export async function listDeployFiles(dir: string): Promise<DeployFile[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files: DeployFile[] = [];
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const full = join(entry.parentPath, entry.name);
    files.push({ path: relative(dir, full).split(sep).join('/'), bytes: (await stat(full)).size });
  }
  return files.sort((a, b) => b.bytes - a.bytes || (a.path < b.path ? -1 : 1));
}

/** Pure: the files against the host's limits. */
export function judgeDeploy(files: readonly DeployFile[], host: HostLimits): DeployReport {
  const totalBytes = files.reduce((sum, f) => sum + f.bytes, 0);
  const problems: string[] = [];
  const notes: string[] = [];
  for (const file of files) {
    if (file.bytes > host.maxFileBytes) {
      problems.push(
        `${file.path} is ${mib(file.bytes)}, over ${host.label}'s ${mib(host.maxFileBytes)} per file (${host.maxFileSource})`,
      );
    }
  }
  if (host.maxTotalBytes !== null && totalBytes > host.maxTotalBytes) {
    problems.push(
      `the site is ${mib(totalBytes)}, over ${host.label}'s ${mib(host.maxTotalBytes)} (${host.maxTotalSource})`,
    );
  }
  if (host.maxFiles !== null && files.length > host.maxFiles)
    problems.push(`${files.length} files, over ${host.label}'s ${host.maxFiles}`);
  const duckdb = files.filter((f) => f.path.endsWith('.duckdb'));
  if (duckdb.length > 0 && !(host.range && host.head)) {
    problems.push(
      `${host.label} does not answer Range and HEAD, which the explorer needs for ${duckdb.length} .duckdb file(s)`,
    );
  }
  for (const wasm of files.filter((f) => f.path.endsWith('.wasm'))) {
    const twin = files.find((f) => f.path === `${wasm.path}.gz`);
    if (!host.compressesWasm && twin === undefined) {
      problems.push(
        `${wasm.path} (${mib(wasm.bytes)}) would be sent uncompressed: ${host.label} does not compress application/wasm and there is no .gz twin`,
      );
    } else {
      notes.push(
        `${wasm.path}: ${mib(wasm.bytes)}, sent compressed${twin ? ` (about ${mib(twin.bytes)} gzipped)` : ''}`,
      );
    }
  }
  return { host, files: files.length, totalBytes, largest: files.slice(0, 5), problems, notes };
}

export function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

export const CHECK_DEPLOY_USAGE = `usage: npm run check:deploy -- [--dir DIR] [--host NAME] [--project-years N]

Checks a built site (default dist/) against a static host's limits: size per file and in all,
file count, Range and HEAD (the explorer's .duckdb files), compressed .wasm.

  --dir DIR    the built site (default dist)
  --host NAME  the host whose limits apply (default github-pages)
  --project-years N
               check the site as it would be with N years of complaints, extrapolated from
               the build's own bytes per complaint (scripts/deploy/project.ts), not as built
  --complaints-per-year C
               complaints a year for --project-years (default 2600000, the FTC's FY2025)
  -h, --help   this text

Hosts: ${Object.keys(HOSTS).join(', ')} (default github-pages). Exit 0 fits, 1 does not, 2 bad arguments.`;

export const CHECK_DEPLOY_COMMAND = {
  name: 'check:deploy',
  usage: CHECK_DEPLOY_USAGE,
  options: {
    dir: { type: 'string', default: 'dist' },
    host: { type: 'string', default: 'github-pages' },
    'project-years': { type: 'string' },
    'complaints-per-year': { type: 'string', default: '2600000' },
  },
} as const satisfies CommandSpec<ParseArgsOptionsConfig>;

export async function checkDeploy(
  argv: readonly string[],
  out: CommandOutput = process.stderr,
  stdout: CommandOutput = process.stdout,
): Promise<number> {
  return runCommand(
    CHECK_DEPLOY_COMMAND,
    argv,
    async (values) => {
      const host = HOSTS[values.host];
      if (!host)
        throw new UsageError(
          `unknown host "${values.host}"; known: ${Object.keys(HOSTS).join(', ')}`,
        );
      let files: DeployFile[];
      try {
        files = await listDeployFiles(values.dir);
      } catch (error) {
        throw new UsageError(`cannot read ${values.dir}: ${(error as Error).message}`);
      }
      let label = values.dir;
      if (values['project-years'] !== undefined) {
        const years = Number(values['project-years']);
        const perYear = Number(values['complaints-per-year']);
        if (!Number.isInteger(years) || years < 1 || !Number.isInteger(perYear) || perYear < 1)
          throw new UsageError('--project-years and --complaints-per-year take positive integers');
        const where = join(values.dir, 'data', 'manifest.json');
        let manifest;
        try {
          manifest = parseManifest(await readFile(where, 'utf8'), where);
        } catch (error) {
          throw new UsageError(`cannot project: ${(error as Error).message}`);
        }
        const projection = projectBuild(files, manifest, { years, complaintsPerYear: perYear });
        files = projection.files;
        label = `${values.dir} projected to ${years} years of ${perYear.toLocaleString('en-US')} complaints`;
        for (const note of projection.notes) out.write(`  projected ${note}\n`);
      }
      return report(label, host, files, out);
    },
    { stdout, stderr: out },
  );
}

function report(dir: string, host: HostLimits, files: DeployFile[], out: CommandOutput): number {
  const verdict = judgeDeploy(files, host);
  out.write(
    `check:deploy: ${dir} for ${host.label}: ${verdict.files} files, ${mib(verdict.totalBytes)}` +
      `${host.maxTotalBytes === null ? '' : ` of ${mib(host.maxTotalBytes)}`}; largest ${verdict.largest.map((f) => `${f.path} ${mib(f.bytes)}`).join(', ')}\n`,
  );
  for (const note of verdict.notes) out.write(`  ${note}\n`);
  for (const problem of verdict.problems) out.write(`  ✗ ${problem}\n`);
  out.write(
    verdict.problems.length === 0
      ? `check:deploy: fits ${host.label}\n`
      : `check:deploy: does NOT fit ${host.label} (${verdict.problems.length} problem(s))\n`,
  );
  return verdict.problems.length === 0 ? 0 : 1;
}
