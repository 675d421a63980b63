/**
 * `npm run check:deploy -- [--dir DIR] [--host NAME]`: can this build be published on that host?
 * Every file against the per-file limit, the whole against the site limit and file count, the
 * Range and HEAD the explorer needs for its .duckdb files, and the engine's .wasm sent compressed.
 * Exit 0 when it fits, 1 when it does not (each problem named), 2 on bad arguments.
 */
import { readdir, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { HOSTS, type HostLimits } from './hosts';

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

export const CHECK_DEPLOY_USAGE = `usage: npm run check:deploy -- [--dir DIR] [--host NAME]

Checks a built site (default dist/) against a static host's limits: size per file and in all,
file count, Range and HEAD (the explorer's .duckdb files), compressed .wasm.
Hosts: ${Object.keys(HOSTS).join(', ')} (default github-pages). Exit 0 fits, 1 does not, 2 bad arguments.`;

export async function checkDeploy(
  argv: readonly string[],
  out: { write(text: string): unknown } = process.stderr,
): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      options: {
        dir: { type: 'string', default: 'dist' },
        host: { type: 'string', default: 'github-pages' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error) {
    out.write(`check:deploy: ${(error as Error).message}\n\n${CHECK_DEPLOY_USAGE}\n`);
    return 2;
  }
  if (values.help) {
    out.write(`${CHECK_DEPLOY_USAGE}\n`);
    return 0;
  }
  const host = HOSTS[values.host];
  if (!host) {
    out.write(
      `check:deploy: unknown host "${values.host}"; known: ${Object.keys(HOSTS).join(', ')}\n`,
    );
    return 2;
  }
  let files: DeployFile[];
  try {
    files = await listDeployFiles(values.dir);
  } catch (error) {
    out.write(`check:deploy: cannot read ${values.dir}: ${(error as Error).message}\n`);
    return 2;
  }
  const report = judgeDeploy(files, host);
  out.write(
    `check:deploy: ${values.dir} for ${host.label}: ${report.files} files, ${mib(report.totalBytes)}` +
      `${host.maxTotalBytes === null ? '' : ` of ${mib(host.maxTotalBytes)}`}; largest ${report.largest.map((f) => `${f.path} ${mib(f.bytes)}`).join(', ')}\n`,
  );
  for (const note of report.notes) out.write(`  ${note}\n`);
  for (const problem of report.problems) out.write(`  ✗ ${problem}\n`);
  out.write(
    report.problems.length === 0
      ? `check:deploy: fits ${host.label}\n`
      : `check:deploy: does NOT fit ${host.label} (${report.problems.length} problem(s))\n`,
  );
  return report.problems.length === 0 ? 0 : 1;
}
