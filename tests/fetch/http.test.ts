import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  backoffDelay,
  DEFAULT_POLICY,
  FetchFailedError,
  parseRetryAfter,
  readText,
  requestWithRetries,
  USER_AGENT,
  type RequestOptions,
} from '../../scripts/fetch/http';
import { spacedLimiter } from '../../scripts/fetch/rate-limit';
import { fakeClock, FakeServer, type FakeClock } from './helpers';

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-05-16T12:00:00Z');

  it('reads delta-seconds', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
  });

  it('reads an HTTP date, relative to the injected clock, and clamps past dates to 0', () => {
    expect(parseRetryAfter('Sat, 16 May 2026 12:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Sat, 16 May 2026 11:00:00 GMT', now)).toBe(0);
  });

  it('gives null for a missing or unreadable value (backoff applies instead)', () => {
    expect(parseRetryAfter(null, now)).toBeNull();
    expect(parseRetryAfter('-5', now)).toBeNull();
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter('1.5', now)).toBeNull();
  });
});

describe('backoffDelay', () => {
  const policy = { ...DEFAULT_POLICY, baseDelayMs: 1_000, maxDelayMs: 8_000 };

  it('doubles per attempt, with half of it jittered', () => {
    expect([1, 2, 3].map((n) => backoffDelay(n, policy, 0))).toEqual([500, 1_000, 2_000]);
    expect([1, 2, 3].map((n) => backoffDelay(n, policy, 1))).toEqual([1_000, 2_000, 4_000]);
  });

  it('never exceeds the cap', () => {
    expect(backoffDelay(10, policy, 1)).toBe(8_000);
    expect(backoffDelay(10, policy, 0)).toBe(4_000);
  });
});

describe('spacedLimiter', () => {
  it('spaces requests 3600/N seconds apart on the injected clock', async () => {
    const clock = fakeClock();
    const limiter = spacedLimiter(30, clock);
    const starts: number[] = [];
    for (let i = 0; i < 4; i += 1) {
      await limiter.acquire();
      starts.push(clock.now());
    }
    expect(starts.map((at) => at - starts[0]!)).toEqual([0, 120_000, 240_000, 360_000]);
  });

  it('does not wait when the caller was slower than the spacing anyway', async () => {
    const clock = fakeClock();
    const limiter = spacedLimiter(3600, clock);
    await limiter.acquire();
    await clock.sleep(5_000);
    clock.sleeps.length = 0;
    await limiter.acquire();
    expect(clock.sleeps).toEqual([]);
  });
});

describe('requestWithRetries against a local server', () => {
  let server: FakeServer;
  let clock: FakeClock;
  const options = (extra: Partial<RequestOptions> = {}): RequestOptions => ({
    idleTimeoutMs: 600,
    attemptTimeoutMs: 5_000,
    policy: { ...DEFAULT_POLICY, maxAttempts: 3, baseDelayMs: 1_000 },
    clock,
    ...extra,
  });

  beforeEach(async () => {
    server = await new FakeServer().start();
    clock = fakeClock();
  });
  afterEach(async () => {
    await server.stop();
  });

  it('sends the User-Agent, retries a 500 with backoff and returns the body', async () => {
    server.route('/x', { kind: 'status', status: 500 }, { kind: 'ok', body: 'hello' });
    const result = await requestWithRetries(server.url('/x'), options(), readText);
    expect(result).toEqual({ value: 'hello', status: 200, attempts: 2 });
    expect(clock.sleeps).toEqual([750]);
    expect(server.requests.map((request) => request.headers['user-agent'])).toEqual([
      USER_AGENT,
      USER_AGENT,
    ]);
  });

  it('times out a request that never answers, then succeeds', async () => {
    server.route('/x', { kind: 'hang' }, { kind: 'ok', body: 'late but fine' });
    const notices: string[] = [];
    const result = await requestWithRetries(
      server.url('/x'),
      options({ onRetry: (n) => notices.push(n.reason) }),
      readText,
    );
    expect(result.value).toBe('late but fine');
    expect(notices).toEqual(['timed out: nothing received for 600 ms']);
  });

  it('honours Retry-After on 429 and on 503', async () => {
    server.route(
      '/x',
      { kind: 'status', status: 429, headers: { 'retry-after': '42' } },
      {
        kind: 'status',
        status: 503,
        headers: {
          'retry-after': new Date(Date.parse('2026-05-16T12:00:42Z') + 9_000).toUTCString(),
        },
      },
      { kind: 'ok', body: 'ok' },
    );
    const result = await requestWithRetries(server.url('/x'), options(), readText);
    expect(result.attempts).toBe(3);
    expect(clock.sleeps).toEqual([42_000, 9_000]);
  });

  it('gives up after maxAttempts with the last reason and status', async () => {
    server.route('/x', { kind: 'status', status: 502 });
    const error = await requestWithRetries(server.url('/x'), options(), readText).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(FetchFailedError);
    expect((error as FetchFailedError).message).toBe(
      'gave up after 3 attempts: HTTP 502 Bad Gateway',
    );
    expect((error as FetchFailedError).status).toBe(502);
    expect((error as FetchFailedError).attempts).toBe(3);
    expect(server.requests).toHaveLength(3);
  });

  it('does not retry a 404, and shows an api.data.gov error message', async () => {
    server.route('/x', {
      kind: 'status',
      status: 403,
      body: '{"error":{"code":"API_KEY_INVALID","message":"An invalid api_key was supplied."}}',
    });
    const error = (await requestWithRetries(server.url('/x'), options(), readText).catch(
      (e: unknown) => e,
    )) as FetchFailedError;
    expect(error.message).toBe('HTTP 403 Forbidden: An invalid api_key was supplied.');
    expect(server.requests).toHaveLength(1);
    server.route('/y', { kind: 'status', status: 404 });
    await expect(requestWithRetries(server.url('/y'), options(), readText)).rejects.toThrow(
      'HTTP 404 Not Found',
    );
  });

  it('refuses a Retry-After longer than it is willing to wait', async () => {
    server.route('/x', { kind: 'status', status: 429, headers: { 'retry-after': '8013' } });
    const error = (await requestWithRetries(server.url('/x'), options(), readText).catch(
      (e: unknown) => e,
    )) as FetchFailedError;
    expect(error.message).toMatch(
      /^HTTP 429 Too Many Requests; the server asks us to wait 2\.2 h, longer than the 15 min we wait/,
    );
    expect(clock.sleeps).toEqual([]);
  });

  it('retries a network error (connection refused)', async () => {
    const url = server.url('/x');
    await server.stop();
    const error = (await requestWithRetries(url, options(), readText).catch(
      (e: unknown) => e,
    )) as FetchFailedError;
    expect(error.message).toMatch(/gave up after 3 attempts: fetch failed \(ECONNREFUSED/);
    expect(error.status).toBeNull();
  });
});
