/**
 * Command-line options for `npm run data:sample`. Pure: argv in, options or an error out, so the
 * CLI stays a few lines and the parsing is testable.
 */
import {
  DEFAULT_DAYS,
  DEFAULT_END,
  DEFAULT_OUT,
  DEFAULT_SEED,
  DEFAULT_WEEKDAY_VOLUME,
} from './calibration';
import { parseDay } from './dates';
import { defaultWorkers, type SampleOptions } from './generate';

export const USAGE = `Usage: npm run data:sample -- [--days N] [--end YYYY-MM-DD] [--seed S] [--out DIR] [--volume N]

  --days N        created dates to generate, ending at --end (default ${DEFAULT_DAYS})
  --end DATE      last created date (default ${DEFAULT_END}); files are published the day after
  --seed S        any string; same seed and options give byte-identical files (default ${DEFAULT_SEED})
  --out DIR       output folder; <DIR>/dnc is replaced (default ${DEFAULT_OUT})
  --volume N      mean complaints on a weekday at mid-window (default ${DEFAULT_WEEKDAY_VOLUME}, FTC Data Book FY2025)
  --workers N     threads writing files (default: one per core, at most 4, fewer for small samples);
                  the output does not depend on it`;

export type ParsedArgs = { help: true } | { help: false; options: SampleOptions };

function positive(name: string, text: string, integer: boolean): number {
  const value = Number(text);
  if (
    text.trim() === '' ||
    !Number.isFinite(value) ||
    value <= 0 ||
    (integer && !Number.isInteger(value))
  ) {
    throw new Error(`${name} must be a positive ${integer ? 'integer' : 'number'}, not "${text}"`);
  }
  return value;
}

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const options: SampleOptions = {
    days: DEFAULT_DAYS,
    end: DEFAULT_END,
    seed: DEFAULT_SEED,
    out: DEFAULT_OUT,
    volume: DEFAULT_WEEKDAY_VOLUME,
  };
  let workers: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') return { help: true };
    const eq = arg.indexOf('=');
    const name = eq >= 0 ? arg.slice(0, eq) : arg;
    const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined) throw new Error(`${name} needs a value`);
    switch (name) {
      case '--days':
        options.days = positive(name, value, true);
        break;
      case '--end':
        parseDay(value);
        options.end = value;
        break;
      case '--seed':
        if (value === '') throw new Error('--seed must not be empty');
        options.seed = value;
        break;
      case '--out':
        if (value === '') throw new Error('--out must not be empty');
        options.out = value;
        break;
      case '--volume':
        options.volume = positive(name, value, false);
        break;
      case '--workers':
        workers = positive(name, value, true);
        break;
      default:
        throw new Error(`unknown option ${arg}`);
    }
  }
  options.workers = workers ?? defaultWorkers(options.days, options.volume);
  return { help: false, options };
}
