/**
 * The one progress reporter of the command-line tools (fetch, ingest, sample, update). It writes
 * to stderr, so stdout stays free for anything a caller may want to pipe.
 *
 * Two kinds of message: `log` lines stay (which file, n of total, outcome: they read well in a CI
 * log); `update` lines say how far a long step has got and are replaced by the next. On a
 * terminal an update rewrites one line, at most ten times a second; elsewhere (a CI log, a file)
 * it is written as a plain line at most every few seconds, so a log shows the run is moving
 * without a line per row or per chunk.
 */

export interface Output {
  write(text: string): unknown;
  isTTY?: boolean;
}

export interface ProgressOptions {
  /** Milliseconds since some start (a fake clock in tests). */
  now?: () => number;
  /** Nothing is written (benchmarks and tests that build data). */
  quiet?: boolean;
}

const TERMINAL_UPDATE_MS = 100;
const PLAIN_UPDATE_MS = 2000;

export class Progress {
  private readonly now: () => number;
  private readonly quiet: boolean;
  private readonly terminal: boolean;
  private updateShown = false;
  private lastUpdate: number;

  constructor(
    private readonly out: Output = process.stderr,
    options: ProgressOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.quiet = options.quiet ?? false;
    this.terminal = Boolean(out.isTTY);
    this.lastUpdate = this.now();
  }

  /** A line that stays. */
  log(text: string): void {
    if (this.quiet) return;
    this.clearUpdate();
    this.out.write(`${text}\n`);
  }

  /** A warning that must not scroll by unnoticed (a changed file, a failure). */
  loud(lines: readonly string[]): void {
    for (const text of lines) this.log(`!! ${text}`);
  }

  /** How far a long step has got; replaced by the next update or line. */
  update(text: string): void {
    if (this.quiet) return;
    const now = this.now();
    if (now - this.lastUpdate < (this.terminal ? TERMINAL_UPDATE_MS : PLAIN_UPDATE_MS)) return;
    this.lastUpdate = now;
    if (this.terminal) {
      this.out.write(`\r\x1b[2K${text}`);
      this.updateShown = true;
    } else this.out.write(`${text}\n`);
  }

  private clearUpdate(): void {
    if (this.updateShown) this.out.write('\r\x1b[2K');
    this.updateShown = false;
  }
}

/** A reporter on `stream` (stderr by default); `quiet` writes nothing. */
export function createProgress(stream: Output = process.stderr, quiet = false): Progress {
  return new Progress(stream, { quiet });
}

export function formatRate(rows: number, ms: number): string {
  return `${Math.round(rows / Math.max(ms / 1000, 1e-3)).toLocaleString('en-US')} rows/s`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/** `[ 3/12]`: done so far out of the total, aligned. */
export function counter(index: number, total: number): string {
  const width = String(total).length;
  return `[${String(index).padStart(width)}/${total}]`;
}
