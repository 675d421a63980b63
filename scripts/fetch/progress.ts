/**
 * What fetch says about its files, on the shared reporter (scripts/lib/progress.ts): a retry in
 * words, and a file's hash in short.
 */
import { formatDuration, type RetryNotice } from './http';

/** `<label> attempt 2/5 failed: <reason>; retrying in 4 s (backoff)`. */
export function retryLine(label: string, notice: RetryNotice): string {
  const why = notice.fromRetryAfter ? 'as Retry-After asks' : 'backoff';
  return `${label} attempt ${notice.attempt}/${notice.maxAttempts} failed: ${notice.reason}; retrying in ${formatDuration(notice.delayMs)} (${why})`;
}

export function shortHash(sha256: string | null): string {
  return sha256 ? sha256.slice(0, 12) : '-';
}
