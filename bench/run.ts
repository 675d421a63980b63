/** npm run bench -- <suite> [--option value]: suites per docs/DESIGN.md §6. */
import { runCommand, UsageError } from '../scripts/lib/cli';

type Suite = (args: Map<string, string>) => Promise<void>;
interface SuiteEntry {
  /** The `--name value` options the suite reads; any other is a bad argument. */
  options: string[];
  // Loaded on demand: each suite pulls in heavy modules (DuckDB, Chromium) the others do not need.
  load: () => Promise<Suite>;
}
const SUITES: Record<string, SuiteEntry> = {
  ingest: { options: ['days'], load: async () => (await import('./ingest')).benchIngest },
  site: { options: ['days', 'runs'], load: async () => (await import('./site')).benchSite },
  explorer: {
    options: ['large-volume', 'only'],
    load: async () => (await import('./explorer')).benchExplorer,
  },
  downloads: {
    options: ['days', 'volume', 'sizes', 'runs', 'chunk-rows', 'neutralise'],
    load: async () => (await import('./downloads')).benchDownloads,
  },
  lookup: {
    options: ['large-volume', 'only'],
    load: async () => (await import('./lookup')).benchLookup,
  },
  update: { options: ['days', 'added'], load: async () => (await import('./update')).benchUpdate },
};

const USAGE = `usage: npm run bench -- <suite> [--option value]

Each suite prints a table with ratios against a baseline measured in the same run and writes
bench/results/<suite>.json.

${Object.entries(SUITES)
  .map(([name, { options }]) => `  ${name.padEnd(10)} ${options.map((o) => `--${o} V`).join(' ')}`)
  .join('\n')}
  -h, --help this text

Exit code: 2 bad arguments (an unknown suite or option).`;

const [suite = '', ...rest] = process.argv.slice(2);
const entry = SUITES[suite];
const options = Object.fromEntries(
  (entry?.options ?? []).map((name) => [name, { type: 'string' as const }]),
);
process.exitCode = await runCommand(
  { name: 'bench', usage: USAGE, options },
  entry ? rest : suite.startsWith('-') ? process.argv.slice(2) : [],
  async (values) => {
    if (!entry) throw new UsageError(suite ? `unknown suite "${suite}"` : 'which suite?');
    const args = new Map(
      Object.entries(values).filter((pair): pair is [string, string] => pair[1] !== undefined),
    );
    await (
      await entry.load()
    )(args);
    return 0;
  },
);
