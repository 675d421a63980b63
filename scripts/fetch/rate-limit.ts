/**
 * Staying inside an hourly request budget by spacing requests evenly.
 *
 * api.data.gov counts requests per key per rolling hour (DEMO_KEY: 30). Spacing them 3600/N
 * seconds apart never exceeds the budget in any window, needs no bookkeeping of past requests, and
 * leaves room for the odd retry; a burst-then-wait scheme would hit 429 whenever our idea of the
 * window and the gateway's disagree. Time comes from the injected clock, so tests do not wait.
 */
import type { Clock } from './http';

export interface RateLimiter {
  /** Resolves when the next request may start. */
  acquire(): Promise<void>;
}

export function spacedLimiter(
  requestsPerHour: number,
  clock: Pick<Clock, 'now' | 'sleep'>,
  signal?: AbortSignal,
): RateLimiter {
  if (!(requestsPerHour > 0))
    throw new Error(`requests per hour must be positive, got ${requestsPerHour}`);
  const intervalMs = spacingMs(requestsPerHour);
  let nextAt = Number.NEGATIVE_INFINITY;
  return {
    async acquire() {
      const wait = nextAt - clock.now();
      if (wait > 0) await clock.sleep(wait, signal);
      nextAt = Math.max(clock.now(), nextAt) + intervalMs;
    },
  };
}

/** No limit (tests that are not about the limiter). */
export const unlimited: RateLimiter = { acquire: async () => undefined };

export function spacingMs(requestsPerHour: number): number {
  return Math.ceil(3_600_000 / requestsPerHour);
}
