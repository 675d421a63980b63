/** The one command-line rule (scripts/lib/cli.ts), and every script's entry keeping it. */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import {
  EXIT_BAD_ARGUMENTS,
  parseCommandLine,
  runCommand,
  UsageError,
} from '../../scripts/lib/cli';

const spec = {
  name: 'demo',
  usage: 'usage: demo [--count N] [--dry-run]',
  options: {
    count: { type: 'string', default: '3' },
    'dry-run': { type: 'boolean', default: false },
    tag: { type: 'string', multiple: true },
  },
} as const;

function captured(): { text: string; write(chunk: string): void } {
  return {
    text: '',
    write(chunk) {
      this.text += chunk;
    },
  };
}

describe('parseCommandLine', () => {
  it('reads values with a space or an equals sign, flags and repeats, with defaults', () => {
    expect(parseCommandLine(spec, ['--count=5', '--dry-run', '--tag', 'a', '--tag', 'b'])).toEqual({
      help: false,
      values: { count: '5', 'dry-run': true, tag: ['a', 'b'] },
      positionals: [],
    });
    expect(parseCommandLine(spec, [])).toEqual({
      help: false,
      values: { count: '3', 'dry-run': false },
      positionals: [],
    });
  });

  it('answers --help and -h', () => {
    expect(parseCommandLine(spec, ['--help'])).toEqual({ help: true });
    expect(parseCommandLine(spec, ['-h'])).toEqual({ help: true });
  });

  it('refuses, in plain words, what it does not know', () => {
    const cases: [string[], string][] = [
      [['--colour', 'red'], 'unknown option --colour'],
      [['--count'], '--count needs a value'],
      [['--dry-run=yes'], '--dry-run takes no value'],
      [['stray'], 'unexpected argument "stray" (options start with --)'],
    ];
    for (const [argv, message] of cases) {
      expect(() => parseCommandLine(spec, argv), argv.join(' ')).toThrow(UsageError);
      expect(() => parseCommandLine(spec, argv), argv.join(' ')).toThrow(message);
    }
  });

  it('takes arguments after the options only when the command says so', () => {
    expect(
      parseCommandLine({ ...spec, positionals: true }, ['--count', '1', '--', '--url', 'x']),
    ).toMatchObject({ positionals: ['--url', 'x'] });
  });
});

describe('runCommand', () => {
  it('prints the usage on stdout for --help and exits 0 without running the command', async () => {
    const stdout = captured();
    let ran = false;
    const code = await runCommand(spec, ['--help'], () => ((ran = true), 0), { stdout });
    expect(code).toBe(0);
    expect(ran).toBe(false);
    expect(stdout.text).toBe(`${spec.usage}\n`);
  });

  it('exits 2 with the message and the usage on stderr, from parsing or the command’s own checks', async () => {
    for (const [argv, body] of [
      [['--bogus'], () => 0],
      [
        ['--count', 'x'],
        () => {
          throw new UsageError('--count wants a number');
        },
      ],
    ] as const) {
      const stderr = captured();
      expect(await runCommand(spec, argv, body, { stderr })).toBe(EXIT_BAD_ARGUMENTS);
      expect(stderr.text).toMatch(/^demo: (unknown option --bogus|--count wants a number)\n\n/);
      expect(stderr.text).toContain(spec.usage);
    }
  });

  it('hands back the command’s own exit code and lets real failures through', async () => {
    expect(await runCommand(spec, [], () => 7)).toBe(7);
    await expect(
      runCommand(spec, [], () => {
        throw new Error('disk full');
      }),
    ).rejects.toThrow('disk full');
  });
});

describe('every script keeps the rule', () => {
  // Only entries that stop at the argument check: nothing here reads data or opens a port.
  const scripts = [
    'scripts/fetch-dnc.ts',
    'scripts/ingest.ts',
    'scripts/sample.ts',
    'scripts/update.ts',
    'scripts/check-deploy.ts',
    'scripts/serve.ts',
    'scripts/start.ts',
    'scripts/daily.ts',
    'bench/run.ts',
  ];
  it.each(scripts)('%s: --help exits 0 listing its options, a bad option exits 2', (script) => {
    const help = spawnSync('npx', ['tsx', script, '--help'], { encoding: 'utf8' });
    expect(help.status, help.stderr).toBe(0);
    expect(help.stdout).toMatch(/usage:/i);
    expect(help.stdout).toContain('--help');
    const bad = spawnSync('npx', ['tsx', script, '--no-such-option'], { encoding: 'utf8' });
    expect(bad.status, bad.stderr).toBe(2);
    expect(bad.stderr).toMatch(/unknown option --no-such-option/);
    expect(bad.stderr).toMatch(/usage:/i);
  });
});
