/**
 * What both fetch modes (published files, API backfill) share: where the archive is, how to talk
 * to the network, where progress goes, and the tally that decides the exit code.
 */
import { digestFile } from './archive';
import type { Clock, RequestOptions, RetryPolicy } from './http';
import type { LedgerEntry, LedgerFile, Outcome } from './ledger';
import type { Progress } from '../lib/progress';
import { retryLine } from './progress';

export interface NetworkSettings {
  userAgent?: string;
  idleTimeoutMs: number;
  attemptTimeoutMs: number;
  policy: RetryPolicy;
}

export interface RunContext {
  /** The `--raw` directory. */
  raw: string;
  network: NetworkSettings;
  clock: Clock;
  progress: Progress;
  ledger: LedgerFile;
  signal?: AbortSignal;
}

export interface RunSummary {
  counts: Record<Outcome, number>;
  /** Bytes received in response bodies this run. */
  bytes: number;
  /** One line per file that failed. */
  failures: string[];
  /** Set when the run could not even start (landing page unreachable, no links on it). */
  fatal: string | null;
  /** Things archived but worth a human's look (a changed header), one line each. */
  warnings: string[];
  /** Archive paths (relative to --raw) of files new in the archive this run. */
  added: string[];
  /** Set when the API's limit stopped the run early (not a failure: the next run resumes). */
  stopped: string | null;
  /** Days not reached because the run stopped (the one in progress included). */
  deferred: number;
}

export function emptySummary(): RunSummary {
  return {
    counts: { downloaded: 0, 'skipped-present': 0, 'changed-kept-both': 0, failed: 0 },
    bytes: 0,
    failures: [],
    fatal: null,
    warnings: [],
    added: [],
    stopped: null,
    deferred: 0,
  };
}

/** Non-zero when anything failed: a cron job must notice, even though the other files were fetched. */
export function exitCodeFor(summary: RunSummary): number {
  return summary.fatal !== null || summary.counts.failed > 0 ? 1 : 0;
}

export async function record(
  context: RunContext,
  summary: RunSummary,
  entry: LedgerEntry,
): Promise<void> {
  await context.ledger.append(entry);
  // Recording a file found on disk is bookkeeping, not a fetch outcome.
  if (entry.source !== 'disk') summary.counts[entry.outcome] += 1;
  if (entry.outcome === 'failed')
    summary.failures.push(`${entry.file}: ${entry.reason ?? 'failed'}`);
  if (
    entry.source !== 'disk' &&
    (entry.outcome === 'downloaded' || entry.outcome === 'changed-kept-both')
  )
    summary.added.push(entry.file);
  if (entry.warning !== undefined) summary.warnings.push(`${entry.file}: ${entry.warning}`);
}

/** A file already in the archive that the ledger does not know: hash it and record it, once. */
export async function recordFoundOnDisk(
  context: RunContext,
  summary: RunSummary,
  url: string,
  file: string,
  path: string,
): Promise<{ sha256: string; bytes: number }> {
  const digest = await digestFile(path);
  await record(context, summary, {
    url,
    file,
    bytes: digest.bytes,
    sha256: digest.sha256,
    fetched_at: new Date(context.clock.now()).toISOString(),
    http_status: null,
    outcome: 'skipped-present',
    source: 'disk',
    reason: 'found in the archive but not in the ledger: hashed and recorded',
  });
  return digest;
}

export function requestOptions(
  context: RunContext,
  label: string,
  extra: Partial<RequestOptions> = {},
): RequestOptions {
  return {
    idleTimeoutMs: context.network.idleTimeoutMs,
    attemptTimeoutMs: context.network.attemptTimeoutMs,
    policy: context.network.policy,
    clock: context.clock,
    ...(context.network.userAgent === undefined ? {} : { userAgent: context.network.userAgent }),
    ...(context.signal ? { signal: context.signal } : {}),
    onRetry: (notice) => context.progress.log(retryLine(label, notice)),
    ...extra,
  };
}

export function summaryLines(summary: RunSummary, formatBytes: (n: number) => string): string[] {
  const { counts } = summary;
  const lines = [
    `done: ${counts.downloaded} downloaded, ${counts['skipped-present']} already archived, ` +
      `${counts['changed-kept-both']} changed (both kept), ${counts.failed} failed; ${formatBytes(summary.bytes)} received`,
  ];
  if (summary.fatal !== null) lines.push(`FAILED: ${summary.fatal}`);
  for (const warning of summary.warnings) lines.push(`WARNING: ${warning}`);
  if (summary.stopped !== null)
    lines.push(`STOPPED: ${summary.stopped}; ${summary.deferred} day(s) left for the next run`);
  for (const failure of summary.failures) lines.push(`FAILED: ${failure}`);
  return lines;
}
