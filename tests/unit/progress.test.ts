/** The one progress reporter (scripts/lib/progress.ts): what a terminal and a CI log each get. */
import { describe, expect, it } from 'vitest';
import { counter, formatBytes, Progress } from '../../scripts/lib/progress';

function output(isTTY: boolean): { text: string; isTTY: boolean; write(chunk: string): void } {
  return {
    text: '',
    isTTY,
    write(chunk) {
      this.text += chunk;
    },
  };
}

describe('Progress', () => {
  it('on a terminal rewrites one update line at most ten times a second, and a log line clears it', () => {
    let now = 0;
    const out = output(true);
    const progress = new Progress(out, { now: () => now });
    now = 100;
    progress.update('1 of 3');
    now = 150;
    progress.update('dropped: too soon');
    now = 200;
    progress.update('2 of 3');
    progress.log('done');
    expect(out.text).toBe('\r\x1b[2K1 of 3\r\x1b[2K2 of 3\r\x1b[2Kdone\n');
  });

  it('elsewhere writes an update as a plain line at most every two seconds', () => {
    let now = 0;
    const out = output(false);
    const progress = new Progress(out, { now: () => now });
    now = 1999;
    progress.update('too soon after the start');
    now = 2000;
    progress.update('a');
    now = 3000;
    progress.update('too soon after a');
    now = 4000;
    progress.update('b');
    progress.log('done');
    progress.loud(['changed file']);
    expect(out.text).toBe('a\nb\ndone\n!! changed file\n');
  });

  it('writes nothing when quiet', () => {
    const out = output(true);
    const progress = new Progress(out, { quiet: true, now: () => 10_000 });
    progress.update('x');
    progress.log('y');
    progress.loud(['z']);
    expect(out.text).toBe('');
  });
});

describe('progress words', () => {
  it('aligns counters and sizes bytes', () => {
    expect(counter(3, 12)).toBe('[ 3/12]');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(3 * 1024 * 1024)).toBe('3.0 MiB');
  });
});
