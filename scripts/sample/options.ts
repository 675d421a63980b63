/**
 * Command-line options for `npm run data:sample`. Pure: argv in, options or a UsageError out, so
 * the CLI stays a few lines and the parsing is testable.
 */
import {
  DEFAULT_DAYS,
  DEFAULT_END,
  DEFAULT_OUT,
  DEFAULT_SEED,
  DEFAULT_WEEKDAY_VOLUME,
} from './calibration';
import { parseCommandLine, UsageError, type CommandValues } from '../lib/cli';
import { parseDay } from './dates';
import { defaultWorkers, type SampleOptions } from './generate';

export const USAGE = `Usage: npm run data:sample -- [--days N] [--end YYYY-MM-DD] [--seed S] [--out DIR] [--volume N] [--workers N]

  --days N        created dates to generate, ending at --end (default ${DEFAULT_DAYS})
  --end DATE      last created date (default ${DEFAULT_END}); files are published the day after
  --seed S        any string; same seed and options give byte-identical files (default ${DEFAULT_SEED})
  --out DIR       output folder; <DIR>/dnc is replaced (default ${DEFAULT_OUT})
  --volume N      mean complaints on a weekday at mid-window (default ${DEFAULT_WEEKDAY_VOLUME}, FTC Data Book FY2025)
  --workers N     threads writing files (default: one per core, at most 4, fewer for small samples);
                  the output does not depend on it
  -h, --help      this text

Exit code: 0 written, 2 bad arguments.`;

export const SAMPLE_COMMAND = {
  name: 'data:sample',
  usage: USAGE,
  options: {
    days: { type: 'string' },
    end: { type: 'string' },
    seed: { type: 'string' },
    out: { type: 'string' },
    volume: { type: 'string' },
    workers: { type: 'string' },
  },
} as const;

export type ParsedArgs = { help: true } | { help: false; options: SampleOptions };

function positive(name: string, text: string, integer: boolean): number {
  const value = Number(text);
  if (
    text.trim() === '' ||
    !Number.isFinite(value) ||
    value <= 0 ||
    (integer && !Number.isInteger(value))
  ) {
    throw new UsageError(
      `${name} must be a positive ${integer ? 'integer' : 'number'}, not "${text}"`,
    );
  }
  return value;
}

function nonEmpty(name: string, text: string): string {
  if (text === '') throw new UsageError(`${name} must not be empty`);
  return text;
}

function calendarDay(name: string, text: string): string {
  try {
    parseDay(text);
  } catch (error) {
    throw new UsageError(`${name}: ${(error as Error).message}`);
  }
  return text;
}

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const line = parseCommandLine(SAMPLE_COMMAND, argv);
  return line.help ? { help: true } : { help: false, options: sampleOptions(line.values) };
}

/** The command line's values, checked, with the defaults filled in. */
export function sampleOptions(v: CommandValues<typeof SAMPLE_COMMAND.options>): SampleOptions {
  const options: SampleOptions = {
    days: v.days === undefined ? DEFAULT_DAYS : positive('--days', v.days, true),
    end: v.end === undefined ? DEFAULT_END : calendarDay('--end', v.end),
    seed: v.seed === undefined ? DEFAULT_SEED : nonEmpty('--seed', v.seed),
    out: v.out === undefined ? DEFAULT_OUT : nonEmpty('--out', v.out),
    volume: v.volume === undefined ? DEFAULT_WEEKDAY_VOLUME : positive('--volume', v.volume, false),
  };
  options.workers =
    v.workers === undefined
      ? defaultWorkers(options.days, options.volume)
      : positive('--workers', v.workers, true);
  return options;
}
