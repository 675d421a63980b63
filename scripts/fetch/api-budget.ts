/**
 * The API's request budget, both limits, kept across runs.
 *
 * api.data.gov documents two limits for DEMO_KEY: 30 requests an hour and 50 a day (a registered
 * key: 1,000 an hour, no daily limit). A real day of ~12,000 complaints is 240 pages, so on the
 * demo key one day's backfill takes several days of runs: the limits are facts of life, not
 * errors. This limiter
 * - spaces requests 3600/N seconds apart (the hourly limit is never reached, see rate-limit.ts),
 *   counting from the last request of an earlier run too;
 * - refuses a request once the rolling 24 hours hold the daily number (assumed rolling: the docs
 *   do not say when "a day" starts), with `ApiLimitReached` saying when the next one is possible;
 * - remembers every request in `<raw>/dnc/state/api-budget.json` (written after each one), so a
 *   run that starts an hour after the last one knows what is left.
 * A wait longer than `maxWaitMs` is not sat through: the run stops cleanly and resumes next time.
 */
import { readFile } from 'node:fs/promises';
import { isErrno } from './archive';
import type { Clock } from './http';
import { writeJsonAtomic } from './state';
import type { RateLimiter } from './rate-limit';
import { spacingMs } from './rate-limit';

export const DEMO_KEY_REQUESTS_PER_DAY = 50;
const DAY_MS = 86_400_000;

/** The budget is spent for now; `resumeAt` is when the next request may go (epoch ms). */
export class ApiLimitReached extends Error {
  override name = 'ApiLimitReached';
  constructor(
    message: string,
    readonly resumeAt: number,
  ) {
    super(message);
  }
}

export interface BudgetOptions {
  requestsPerHour: number;
  /** null: no daily limit (registered key). */
  requestsPerDay: number | null;
  clock: Pick<Clock, 'now' | 'sleep'>;
  /** Where the request times are kept between runs; null keeps them in memory only. */
  statePath: string | null;
  /** Longest wait for the next slot before stopping the run instead (default 15 minutes). */
  maxWaitMs?: number;
  signal?: AbortSignal;
}

interface BudgetState {
  schema_version: 1;
  /** Epoch ms of requests in the last 24 hours, oldest first. */
  requests: number[];
}

export async function budgetLimiter(
  options: BudgetOptions,
): Promise<RateLimiter & { used24h(): number }> {
  const { clock } = options;
  const intervalMs = spacingMs(options.requestsPerHour);
  const maxWaitMs = options.maxWaitMs ?? 15 * 60_000;
  const state =
    options.statePath === null
      ? { schema_version: 1 as const, requests: [] }
      : await readState(options.statePath);
  const prune = (): void => {
    const since = clock.now() - DAY_MS;
    while (state.requests.length > 0 && state.requests[0]! <= since) state.requests.shift();
  };
  return {
    used24h() {
      prune();
      return state.requests.length;
    },
    async acquire() {
      prune();
      const now = clock.now();
      if (options.requestsPerDay !== null && state.requests.length >= options.requestsPerDay) {
        const resumeAt = state.requests[state.requests.length - options.requestsPerDay]! + DAY_MS;
        throw new ApiLimitReached(
          `the API's daily limit (${options.requestsPerDay} requests in 24 hours) is used up; the next request is possible at ${new Date(resumeAt).toISOString()}`,
          resumeAt,
        );
      }
      const last = state.requests.at(-1);
      const wait = last === undefined ? 0 : last + intervalMs - now;
      if (wait > maxWaitMs) {
        throw new ApiLimitReached(
          `the API's hourly limit (${options.requestsPerHour} requests an hour) needs a wait of ${Math.ceil(wait / 60_000)} min; stopping instead`,
          last! + intervalMs,
        );
      }
      if (wait > 0) await clock.sleep(wait, options.signal);
      state.requests.push(clock.now());
      if (options.statePath !== null) await writeJsonAtomic(options.statePath, state);
    },
  };
}

async function readState(path: string): Promise<BudgetState> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return { schema_version: 1, requests: [] };
    throw error;
  }
  const parsed = JSON.parse(text) as Partial<BudgetState>;
  const requests = Array.isArray(parsed.requests)
    ? parsed.requests.filter((n): n is number => typeof n === 'number').sort((a, b) => a - b)
    : [];
  return { schema_version: 1, requests };
}
