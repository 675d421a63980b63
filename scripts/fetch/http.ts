/**
 * HTTP with retries, for a public-data archiver that runs unattended.
 *
 * What counts as "try again": timeouts (no response or no body bytes for a while), network
 * errors, a body cut short, 408, 429 and 5xx. 429 and 503 may carry `Retry-After` (seconds or an
 * HTTP date) and we wait exactly that long (the server knows its limits better than our backoff);
 * otherwise exponential backoff with jitter. Anything else (404, 403, a body that is not what we
 * asked for) fails at once: repeating it would only repeat the answer.
 *
 * Time is injected (`sleep`, `now`, `random`) so tests run the whole schedule in milliseconds.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { MAX_REDIRECTS } from './hosts';

/** Sent on every request: the FTC (and api.data.gov) can see who is fetching and why. */
export const USER_AGENT = 'RobocallAtlas/0.1 (+public-data archive; contact via repository)';

export interface RetryPolicy {
  /** Attempts in all, the first one included. */
  maxAttempts: number;
  /** Backoff before the second attempt; doubled for each further one. */
  baseDelayMs: number;
  /** Backoff never exceeds this (before jitter). */
  maxDelayMs: number;
  /**
   * The longest `Retry-After` we are willing to sit through. api.data.gov answers an exhausted
   * demo key with waits of hours; past this bound we give up with a message instead of hanging.
   */
  maxRetryAfterMs: number;
}

export const DEFAULT_POLICY: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 2_000,
  maxDelayMs: 60_000,
  maxRetryAfterMs: 15 * 60_000,
};

export interface Clock {
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  now(): number;
  random(): number;
}

export interface RetryNotice {
  url: string;
  /** The attempt that just failed (1-based). */
  attempt: number;
  maxAttempts: number;
  delayMs: number;
  reason: string;
  /** True when the delay came from the server's `Retry-After`. */
  fromRetryAfter: boolean;
}

export interface RequestOptions {
  headers?: Record<string, string>;
  /** Sent as `User-Agent` (default USER_AGENT; `--user-agent` changes it). */
  userAgent?: string;
  /**
   * Judges every URL before it is requested, the first and each redirect target: a reason to
   * refuse it, or null. Redirects are followed by hand (at most MAX_REDIRECTS hops) so that no hop
   * escapes this check; a refused hop fails the request at once (another attempt would repeat it).
   */
  checkHop?: (url: URL) => Promise<string | null>;
  /** No response headers, or no body bytes, for this long: the attempt failed (and is retried). */
  idleTimeoutMs: number;
  /** An attempt may not take longer than this in all, however steadily bytes trickle in. */
  attemptTimeoutMs: number;
  policy: RetryPolicy;
  clock: Clock;
  /** Cancels the whole request (Ctrl-C); never retried. */
  signal?: AbortSignal;
  /** Runs before every attempt, retries included: where a rate limiter waits its turn. */
  beforeAttempt?: () => Promise<void>;
  onRetry?: (notice: RetryNotice) => void;
}

export interface AttemptContext {
  /** The URL that answered, after any redirects (for the ledger). */
  url: string;
  /** Aborts when this attempt times out or the run is cancelled. */
  signal: AbortSignal;
  /** Call on every body chunk: resets the idle timeout. */
  touch(): void;
}

export interface RequestResult<T> {
  value: T;
  status: number;
  attempts: number;
}

/** Thrown by a response handler for a failure worth another attempt (a body cut short). */
export class RetryableError extends Error {
  override name = 'RetryableError';
}

/** Thrown by a response handler for an answer that another attempt would only repeat. */
export class PermanentError extends Error {
  override name = 'PermanentError';
}

/** The request did not succeed: after `attempts` tries, or at once for a permanent failure. */
export class FetchFailedError extends Error {
  override name = 'FetchFailedError';
  constructor(
    message: string,
    readonly status: number | null,
    readonly attempts: number,
  ) {
    super(message);
  }
}

/** Statuses that say "not now" rather than "no". */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || (status >= 500 && status <= 599);
}

/**
 * `Retry-After` as a delay in milliseconds: delta-seconds or an HTTP date (RFC 9110 §10.2.3).
 * A date in the past means "now" (0); anything unreadable is null (fall back to backoff).
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | null {
  if (value === null || value === undefined) return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  if (!/[a-z]/i.test(text)) return null;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - nowMs);
}

/**
 * Exponential backoff with "equal jitter": half the delay is fixed, half random, so retries stay
 * spaced out while many clients hitting the same outage do not come back in lockstep.
 */
export function backoffDelay(failedAttempt: number, policy: RetryPolicy, random: number): number {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (failedAttempt - 1));
  return Math.round(exponential / 2 + (random * exponential) / 2);
}

interface Failure {
  reason: string;
  status: number | null;
  retryAfterMs: number | null;
}

/**
 * GET `url`, retrying per `options.policy`, and hand a successful (2xx or 304) response to
 * `handle`, which reads the body. The handler runs inside the attempt: if it throws
 * `RetryableError` (or the body stalls), the whole request is tried again.
 */
export async function requestWithRetries<T>(
  url: string,
  options: RequestOptions,
  handle: (response: Response, context: AttemptContext) => Promise<T>,
): Promise<RequestResult<T>> {
  const { policy, clock } = options;
  for (let attempt = 1; ; attempt += 1) {
    options.signal?.throwIfAborted();
    if (options.beforeAttempt) await options.beforeAttempt();
    const failure = await attemptOnce(url, options, attempt, handle);
    if ('value' in failure) return failure;

    if (attempt >= policy.maxAttempts) {
      throw new FetchFailedError(
        `gave up after ${attempt} attempts: ${failure.reason}`,
        failure.status,
        attempt,
      );
    }
    if (failure.retryAfterMs !== null && failure.retryAfterMs > policy.maxRetryAfterMs) {
      throw new FetchFailedError(
        `${failure.reason}; the server asks us to wait ${formatDuration(failure.retryAfterMs)}, longer than the ` +
          `${formatDuration(policy.maxRetryAfterMs)} we wait: try again later`,
        failure.status,
        attempt,
      );
    }
    const delayMs = failure.retryAfterMs ?? backoffDelay(attempt, policy, clock.random());
    options.onRetry?.({
      url,
      attempt,
      maxAttempts: policy.maxAttempts,
      delayMs,
      reason: failure.reason,
      fromRetryAfter: failure.retryAfterMs !== null,
    });
    await clock.sleep(delayMs, options.signal);
  }
}

async function attemptOnce<T>(
  url: string,
  options: RequestOptions,
  attempt: number,
  handle: (response: Response, context: AttemptContext) => Promise<T>,
): Promise<RequestResult<T> | Failure> {
  const idle = new AbortController();
  const idleTimer = setTimeout(() => idle.abort(), options.idleTimeoutMs);
  const whole = AbortSignal.timeout(options.attemptTimeoutMs);
  const signals = [idle.signal, whole];
  if (options.signal) signals.push(options.signal);
  const signal = AbortSignal.any(signals);
  const touch = (): void => {
    idleTimer.refresh();
  };
  let status: number | null = null;
  try {
    const { response, finalUrl } = await fetchFollowingRedirects(url, options, signal, attempt);
    touch();
    status = response.status;
    if (isRetryableStatus(response.status)) {
      await response.body?.cancel().catch(() => undefined);
      const retryAfterMs =
        response.status === 429 || response.status === 503
          ? parseRetryAfter(response.headers.get('retry-after'), options.clock.now())
          : null;
      return { reason: `HTTP ${response.status}${statusText(response)}`, status, retryAfterMs };
    }
    if (!response.ok && response.status !== 304) {
      const detail = await errorDetail(response);
      throw new FetchFailedError(
        `HTTP ${response.status}${statusText(response)}${detail}`,
        response.status,
        attempt,
      );
    }
    const value = await handle(response, { url: finalUrl, signal, touch });
    return { value, status: response.status, attempts: attempt };
  } catch (error) {
    if (options.signal?.aborted) throw options.signal.reason;
    if (error instanceof FetchFailedError) throw error;
    if (error instanceof PermanentError) throw new FetchFailedError(error.message, status, attempt);
    if (idle.signal.aborted) {
      return {
        reason: `timed out: nothing received for ${formatDuration(options.idleTimeoutMs)}`,
        status,
        retryAfterMs: null,
      };
    }
    if (whole.aborted) {
      return {
        reason: `timed out: attempt took over ${formatDuration(options.attemptTimeoutMs)}`,
        status,
        retryAfterMs: null,
      };
    }
    // fetch reports network failures (refused, reset, DNS) as TypeError with the cause inside.
    if (error instanceof RetryableError || error instanceof TypeError) {
      return { reason: describeError(error), status, retryAfterMs: null };
    }
    throw error;
  } finally {
    clearTimeout(idleTimer);
  }
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** GET, following redirects by hand so that every hop passes `options.checkHop`. */
async function fetchFollowingRedirects(
  url: string,
  options: RequestOptions,
  signal: AbortSignal,
  attempt: number,
): Promise<{ response: Response; finalUrl: string }> {
  let current = new URL(url);
  for (let hop = 0; ; hop += 1) {
    const refused = options.checkHop ? await options.checkHop(current) : null;
    if (refused !== null) {
      throw new FetchFailedError(
        `refused to request ${hop === 0 ? '' : `the redirect target (hop ${hop}) `}${current.href}: ${refused}`,
        null,
        attempt,
      );
    }
    const response = await fetch(current, {
      headers: { ...options.headers, 'user-agent': options.userAgent ?? USER_AGENT },
      signal,
      redirect: 'manual',
    });
    const location = response.headers.get('location');
    if (!REDIRECT_STATUSES.has(response.status) || location === null)
      return { response, finalUrl: current.href };
    await response.body?.cancel().catch(() => undefined);
    if (hop >= MAX_REDIRECTS)
      throw new FetchFailedError(
        `more than ${MAX_REDIRECTS} redirects, last to ${location}`,
        response.status,
        attempt,
      );
    let next: URL;
    try {
      next = new URL(location, current);
    } catch {
      throw new FetchFailedError(
        `HTTP ${response.status} redirect to an unreadable Location ${JSON.stringify(location.slice(0, 200))}`,
        response.status,
        attempt,
      );
    }
    if (current.protocol === 'https:' && next.protocol === 'http:') {
      throw new FetchFailedError(
        `refused the redirect from https to plain http (${next.href})`,
        response.status,
        attempt,
      );
    }
    current = next;
  }
}

function statusText(response: Response): string {
  return response.statusText ? ` ${response.statusText}` : '';
}

/** api.data.gov explains 403s and 429s in a small JSON body; show its message when there is one. */
async function errorDetail(response: Response): Promise<string> {
  try {
    const text = (await response.text()).slice(0, 2_000);
    const parsed: unknown = JSON.parse(text);
    const message = (parsed as { error?: { message?: unknown } } | null)?.error?.message;
    return typeof message === 'string' ? `: ${message}` : '';
  } catch {
    return '';
  }
}

/** A network error's useful part is usually its cause (`ECONNRESET`, `other side closed`). */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause;
  if (cause instanceof Error) {
    const code = (cause as { code?: unknown }).code;
    return `${error.message} (${typeof code === 'string' ? `${code}: ` : ''}${cause.message})`;
  }
  return error.message;
}

export function formatDuration(ms: number): string {
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  if (ms < 120_000) return `${(ms / 1_000).toFixed(ms < 10_000 ? 1 : 0)} s`;
  if (ms < 2 * 3_600_000) return `${Math.round(ms / 60_000)} min`;
  return `${(ms / 3_600_000).toFixed(1)} h`;
}

/** Read a whole (small) body as text, keeping the idle timeout alive while bytes arrive. */
export async function readText(response: Response, context: AttemptContext): Promise<string> {
  const chunks: Uint8Array[] = [];
  await readChunks(response, context, (chunk) => {
    chunks.push(chunk);
  });
  const declared = declaredLength(response);
  const bytes = Buffer.concat(chunks);
  if (declared !== null && bytes.length !== declared) {
    throw new RetryableError(`body cut short: ${bytes.length} of ${declared} bytes`);
  }
  return new TextDecoder().decode(bytes);
}

/**
 * Stream the body chunk by chunk. A stream that breaks off (socket closed mid-body) is a
 * `RetryableError`; errors thrown by `onChunk` pass through unchanged.
 */
export async function readChunks(
  response: Response,
  context: AttemptContext,
  onChunk: (chunk: Uint8Array) => void | Promise<void>,
): Promise<number> {
  if (!response.body) return 0;
  const reader = response.body.getReader();
  let received = 0;
  try {
    for (;;) {
      let next: ReadableStreamReadResult<Uint8Array>;
      try {
        next = await reader.read();
      } catch (error) {
        throw new RetryableError(
          `connection broke after ${received} bytes: ${describeError(error)}`,
        );
      }
      if (next.done) return received;
      context.touch();
      received += next.value.byteLength;
      await onChunk(next.value);
    }
  } finally {
    // Releases the connection when we stop early (a rejected file): no point reading the rest.
    await reader.cancel().catch(() => undefined);
  }
}

/**
 * Content-Length, when it describes the bytes we receive. With a Content-Encoding, fetch hands us
 * decoded bytes while the header counts encoded ones, so there is nothing to compare.
 */
export function declaredLength(response: Response): number | null {
  const encoding = response.headers.get('content-encoding');
  if (encoding && encoding.trim().toLowerCase() !== 'identity') return null;
  const header = response.headers.get('content-length');
  if (header === null || !/^\d+$/.test(header.trim())) return null;
  return Number(header.trim());
}

/** The real clock. */
export const systemClock: Clock = {
  async sleep(ms, signal) {
    await delay(ms, undefined, signal ? { signal } : {});
  },
  now: () => Date.now(),
  random: () => Math.random(),
};
