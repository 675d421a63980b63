/**
 * The one command-line rule for every script: options are read by `node:util` `parseArgs`
 * (strict: an unknown option or a missing value is an error, not a guess); `-h`/`--help` prints
 * the command's usage on stdout and exits 0; bad arguments print what is wrong and the usage on
 * stderr and exit 2, so a scheduler can tell "you called me wrong" from "the work failed".
 */
import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';

/** Exit code for bad arguments, in every command. */
export const EXIT_BAD_ARGUMENTS = 2;

/** A bad argument: the message says exactly which and why; the command exits 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export interface CommandSpec<O extends ParseArgsOptionsConfig> {
  /** As the user knows the command (`data:fetch`): starts every message. */
  name: string;
  /** What `--help` prints: every option. */
  usage: string;
  /** The command's own options; `-h`/`--help` is added to every command. */
  options: O;
  /** Arguments that are not options are refused unless this says otherwise. */
  positionals?: boolean;
}

const HELP = { help: { type: 'boolean', short: 'h' } } as const;

type Config<O extends ParseArgsOptionsConfig> = {
  options: O & typeof HELP;
  strict: true;
  allowPositionals: boolean;
};
export type CommandValues<O extends ParseArgsOptionsConfig> = Omit<
  ReturnType<typeof parseArgs<Config<O>>>['values'],
  'help'
>;

export type CommandLine<O extends ParseArgsOptionsConfig> =
  { help: true } | { help: false; values: CommandValues<O>; positionals: string[] };

/** argv → the command's values, `{ help: true }`, or a UsageError in our words. */
export function parseCommandLine<O extends ParseArgsOptionsConfig>(
  spec: CommandSpec<O>,
  argv: readonly string[],
): CommandLine<O> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: { ...spec.options, ...HELP },
      strict: true,
      allowPositionals: spec.positionals ?? false,
    } as Config<O>);
  } catch (error) {
    throw new UsageError(plainMessage(error as Error & { code?: string }));
  }
  const { help, ...values } = parsed.values as { help?: boolean } & CommandValues<O>;
  if (help) return { help: true };
  return { help: false, values: values as CommandValues<O>, positionals: parsed.positionals };
}

export interface CommandOutput {
  write(text: string): unknown;
}

/** Says what is wrong and how to call the command; rethrows anything that is not a UsageError. */
export function refuseArguments(
  spec: Pick<CommandSpec<ParseArgsOptionsConfig>, 'name' | 'usage'>,
  error: unknown,
  stderr: CommandOutput = process.stderr,
): number {
  if (!(error instanceof UsageError)) throw error;
  stderr.write(`${spec.name}: ${error.message}\n\n${spec.usage}\n`);
  return EXIT_BAD_ARGUMENTS;
}

/**
 * Parses argv and runs `body` with the values, applying the rule: `--help` → usage, exit 0; a
 * UsageError (from parsing or from `body`'s own checks of the values) → message and usage, exit 2.
 */
export async function runCommand<O extends ParseArgsOptionsConfig>(
  spec: CommandSpec<O>,
  argv: readonly string[],
  body: (values: CommandValues<O>, positionals: string[]) => number | Promise<number>,
  io: { stdout?: CommandOutput; stderr?: CommandOutput } = {},
): Promise<number> {
  try {
    const line = parseCommandLine(spec, argv);
    if (line.help) {
      (io.stdout ?? process.stdout).write(`${spec.usage}\n`);
      return 0;
    }
    return await body(line.values, line.positionals);
  } catch (error) {
    return refuseArguments(spec, error, io.stderr);
  }
}

/** `parseArgs`'s messages name the API ("positional arguments", "<value>"); these name the command line. */
function plainMessage(error: Error & { code?: string }): string {
  const quoted = /'([^']*)'/.exec(error.message)?.[1] ?? '';
  const option = quoted.split(' ')[0]!;
  switch (error.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${option}`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unexpected argument ${JSON.stringify(quoted)} (options start with --)`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      if (/does not take an argument/.test(error.message)) return `${option} takes no value`;
      return `${option} needs a value`;
    default:
      return error.message;
  }
}

/** A whole number of at least 1, or a UsageError naming the option. */
export function positiveInteger(option: string, value: string): number {
  if (!/^\d+$/.test(value.trim()) || Number(value) < 1)
    throw new UsageError(`${option} wants a whole number of at least 1, got "${value}"`);
  return Number(value);
}

/** A number above 0 (fractions allowed), or a UsageError naming the option. */
export function positiveNumber(option: string, value: string): number {
  const number = Number(value);
  if (value.trim() === '' || !Number.isFinite(number) || number <= 0)
    throw new UsageError(`${option} wants a positive number, got "${value}"`);
  return number;
}
