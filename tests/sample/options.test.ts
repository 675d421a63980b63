import { describe, expect, it } from 'vitest';
import {
  DEFAULT_DAYS,
  DEFAULT_END,
  DEFAULT_OUT,
  DEFAULT_SEED,
  DEFAULT_WEEKDAY_VOLUME,
} from '../../scripts/sample/calibration';
import { defaultWorkers } from '../../scripts/sample/generate';
import { parseArgs } from '../../scripts/sample/options';

describe('parseArgs', () => {
  it('defaults to a reproducible two years ending 2026-10-31', () => {
    const parsed = parseArgs([]);
    expect(parsed).toMatchObject({
      help: false,
      options: {
        days: DEFAULT_DAYS,
        end: DEFAULT_END,
        seed: DEFAULT_SEED,
        out: DEFAULT_OUT,
        volume: DEFAULT_WEEKDAY_VOLUME,
      },
    });
    expect(DEFAULT_DAYS).toBe(730);
    expect(DEFAULT_END).toBe('2026-10-31');
    expect(DEFAULT_SEED).toBe('20261129');
  });

  it('reads every option, with a space or an equals sign', () => {
    const parsed = parseArgs([
      '--days',
      '20',
      '--end=2025-01-31',
      '--seed',
      'abc',
      '--out',
      '/tmp/x',
      '--volume',
      '100.5',
      '--workers=1',
    ]);
    expect(parsed).toEqual({
      help: false,
      options: {
        days: 20,
        end: '2025-01-31',
        seed: 'abc',
        out: '/tmp/x',
        volume: 100.5,
        workers: 1,
      },
    });
  });

  it('rejects what it cannot use', () => {
    expect(() => parseArgs(['--days', '0'])).toThrow(/--days/);
    expect(() => parseArgs(['--days', '1.5'])).toThrow(/--days/);
    expect(() => parseArgs(['--end', '2025-02-30'])).toThrow(/calendar date/);
    expect(() => parseArgs(['--volume', '-3'])).toThrow(/--volume/);
    expect(() => parseArgs(['--seed'])).toThrow(/needs a value/);
    expect(() => parseArgs(['--colour', 'red'])).toThrow(/unknown option/);
  });

  it('asks for help', () => {
    expect(parseArgs(['--help'])).toEqual({ help: true });
  });
});

describe('defaultWorkers', () => {
  it('keeps small samples in one thread and spreads big ones over the cores, at most 4', () => {
    expect(defaultWorkers(10, 8200, 8)).toBe(1);
    expect(defaultWorkers(730, 8200, 2)).toBe(2);
    expect(defaultWorkers(730, 8200, 16)).toBe(4);
    expect(defaultWorkers(730, 8200, 1)).toBe(1);
  });
});
