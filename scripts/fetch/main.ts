/**
 * `npm run data:fetch`, as a function: argv and injectable surroundings in, exit code out.
 * `scripts/fetch-dnc.ts` calls it with the real ones; tests call it with a fake clock and a
 * local server, so the very code path a user runs is the one tested.
 */
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { DEMO_KEY_REQUESTS_PER_HOUR, REGISTERED_KEY_REQUESTS_PER_HOUR } from './api';
import { fetchFromApi } from './api-backfill';
import { ledgerRelPath, toAbsolute } from './archive';
import { refuseArguments } from '../lib/cli';
import { FETCH_COMMAND, parseCommand, USAGE } from './args';
import { DEFAULT_POLICY, formatDuration, systemClock, type Clock, type RetryPolicy } from './http';
import { LedgerFile } from './ledger';
import { formatBytes, Progress, type Output } from '../lib/progress';
import { fetchPublished } from './published';
import { budgetLimiter, DEMO_KEY_REQUESTS_PER_DAY } from './api-budget';
import { spacingMs, type RateLimiter } from './rate-limit';
import { apiBudgetPath } from './state';
import {
  exitCodeFor,
  summaryLines,
  type NetworkSettings,
  type RunContext,
  type RunSummary,
} from './run-context';

export interface MainDeps {
  clock?: Clock;
  /** Progress and errors (default process.stderr). */
  stderr?: Output;
  /** Help text (default process.stdout). */
  stdout?: Output;
  env?: Record<string, string | undefined>;
  /** Aborting it stops the run cleanly (temp files removed, ledger consistent). */
  signal?: AbortSignal;
  /** Replaces the API rate limiter (tests). */
  limiter?: RateLimiter;
  /** Overrides of the retry policy (tests shrink nothing here but may change delays). */
  policy?: Partial<RetryPolicy>;
  /** Overrides the whole-attempt cap (tests). */
  attemptTimeoutMs?: number;
}

export async function main(argv: readonly string[], deps: MainDeps = {}): Promise<number> {
  return (await runFetch(argv, deps)).code;
}

/** `main`, also handing back the run's tally (null when the run did not get that far). */
export async function runFetch(
  argv: readonly string[],
  deps: MainDeps = {},
): Promise<{ code: number; summary: RunSummary | null }> {
  const done = (
    code: number,
    summary: RunSummary | null = null,
  ): { code: number; summary: RunSummary | null } => ({ code, summary });
  const stderr = deps.stderr ?? process.stderr;
  const clock = deps.clock ?? systemClock;
  const env = deps.env ?? process.env;

  let command;
  try {
    command = parseCommand(argv);
  } catch (error) {
    return done(refuseArguments(FETCH_COMMAND, error, stderr));
  }
  if (command.mode === 'help') {
    (deps.stdout ?? process.stdout).write(`${USAGE}\n`);
    return done(0);
  }

  const raw = resolve(command.raw);
  const progress = new Progress(stderr, { now: () => clock.now() });
  const network: NetworkSettings = {
    userAgent: command.network.userAgent,
    idleTimeoutMs: command.network.idleTimeoutMs,
    // Generous: a slow but steady download is fine; only a stalled one (idle timeout) is not.
    attemptTimeoutMs:
      deps.attemptTimeoutMs ?? Math.max(10 * 60_000, command.network.idleTimeoutMs * 10),
    policy: { ...DEFAULT_POLICY, maxAttempts: command.network.attempts, ...deps.policy },
  };

  let ledger: LedgerFile;
  try {
    await mkdir(toAbsolute(raw, 'dnc'), { recursive: true });
    ledger = await LedgerFile.open(toAbsolute(raw, ledgerRelPath()));
  } catch (error) {
    stderr.write(`data:fetch: ${(error as Error).message}\n`);
    return done(1);
  }
  const context: RunContext = {
    raw,
    network,
    clock,
    progress,
    ledger,
    ...(deps.signal ? { signal: deps.signal } : {}),
  };

  let summary: RunSummary;
  try {
    if (command.mode === 'published') {
      summary = await fetchPublished(
        {
          url: command.url,
          since: command.since,
          limit: command.limit,
          fileHosts: command.fileHosts,
          maxFileBytes: command.maxFileBytes,
        },
        context,
      );
    } else {
      const apiKey = env['FTC_API_KEY']?.trim() || 'DEMO_KEY';
      const perHour =
        command.requestsPerHour ??
        (apiKey === 'DEMO_KEY' ? DEMO_KEY_REQUESTS_PER_HOUR : REGISTERED_KEY_REQUESTS_PER_HOUR);
      progress.log(
        `API key ${apiKey === 'DEMO_KEY' ? 'DEMO_KEY (also capped at 50 requests/day; set FTC_API_KEY for more)' : 'from FTC_API_KEY'}: ` +
          `${perHour} requests/hour, one every ${formatDuration(spacingMs(perHour))}`,
      );
      const perDay =
        command.requestsPerDay ?? (apiKey === 'DEMO_KEY' ? DEMO_KEY_REQUESTS_PER_DAY : null);
      const limiter =
        deps.limiter ??
        (await budgetLimiter({
          requestsPerHour: perHour,
          requestsPerDay: perDay,
          clock,
          statePath: apiBudgetPath(raw),
          ...(deps.signal ? { signal: deps.signal } : {}),
        }));
      summary = await fetchFromApi(
        {
          apiUrl: command.apiUrl,
          apiKey,
          from: command.from,
          to: command.to,
          limit: command.limit,
          refresh: command.refresh,
          limiter,
        },
        context,
      );
    }
  } catch (error) {
    if (deps.signal?.aborted) {
      progress.log(
        'data:fetch: interrupted; no partial files left, the ledger has every finished attempt',
      );
      return done(130);
    }
    throw error;
  }

  for (const line of summaryLines(summary, formatBytes)) progress.log(line);
  return done(exitCodeFor(summary), summary);
}
