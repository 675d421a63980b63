/**
 * Progress on stderr (stdout stays free for anything a caller may want to pipe).
 *
 * Plain lines that read well in a CI log: which file, n of total, bytes, retries, outcome. On a
 * terminal, the bytes of the file in flight also tick on one self-overwriting line.
 */
import { formatDuration, type RetryNotice } from './http';

export interface Output {
  write(text: string): unknown;
  isTTY?: boolean;
}

export class Progress {
  private liveShown = false;
  private lastLive = 0;

  constructor(
    private readonly out: Output,
    private readonly now: () => number = Date.now,
  ) {}

  line(text: string): void {
    this.clearLive();
    this.out.write(`${text}\n`);
  }

  /** A warning that must not scroll by unnoticed (a changed file, a failure). */
  loud(lines: string[]): void {
    for (const text of lines) this.line(`!! ${text}`);
  }

  /** Bytes of the file in flight; terminals only, at most ten times a second. */
  live(text: string): void {
    if (!this.out.isTTY) return;
    const now = this.now();
    if (now - this.lastLive < 100) return;
    this.lastLive = now;
    this.out.write(`\r\x1b[2K${text}`);
    this.liveShown = true;
  }

  retry(label: string, notice: RetryNotice): void {
    const why = notice.fromRetryAfter ? 'as Retry-After asks' : 'backoff';
    this.line(
      `${label} attempt ${notice.attempt}/${notice.maxAttempts} failed: ${notice.reason}; retrying in ${formatDuration(notice.delayMs)} (${why})`,
    );
  }

  private clearLive(): void {
    if (this.liveShown) this.out.write('\r\x1b[2K');
    this.liveShown = false;
  }
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/** `[ 3/12]`: files done so far out of the total, aligned. */
export function counter(index: number, total: number): string {
  const width = String(total).length;
  return `[${String(index).padStart(width)}/${total}]`;
}

export function shortHash(sha256: string | null): string {
  return sha256 ? sha256.slice(0, 12) : '-';
}
