/** Progress on stderr: one rewritten line on a terminal, a line every few seconds otherwise. */
export interface Progress {
  update(message: string): void;
  log(message: string): void;
}

export function createProgress(
  stream: NodeJS.WriteStream = process.stderr,
  quiet = false,
): Progress {
  const tty = Boolean(stream.isTTY);
  let last = 0;
  let pending = false;
  return {
    update(message) {
      if (quiet) return;
      const now = Date.now();
      if (tty) {
        stream.write(`\r\x1b[K${message}`);
        pending = true;
      } else if (now - last > 2000) {
        stream.write(`${message}\n`);
        last = now;
      }
    },
    log(message) {
      if (quiet) return;
      if (pending) stream.write('\n');
      pending = false;
      stream.write(`${message}\n`);
    },
  };
}

export function formatRate(rows: number, ms: number): string {
  return `${Math.round(rows / Math.max(ms / 1000, 1e-3)).toLocaleString('en-US')} rows/s`;
}
