/** npm run bench -- <suite> [--option value]: suites per DESIGN.md §6. */
import { parseArgs } from '../scripts/lib/args';

type Suite = (args: Map<string, string>) => Promise<void>;
// Loaded on demand: each suite pulls in heavy modules (DuckDB, Chromium) the others do not need.
const SUITES: Record<string, () => Promise<Suite>> = {
  ingest: async () => (await import('./ingest')).benchIngest,
  site: async () => (await import('./site')).benchSite,
  explorer: async () => (await import('./explorer')).benchExplorer,
  downloads: async () => (await import('./downloads')).benchDownloads,
  lookup: async () => (await import('./lookup')).benchLookup,
  update: async () => (await import('./update')).benchUpdate,
};

const [suite, ...rest] = process.argv.slice(2);
const load = suite ? SUITES[suite] : undefined;
if (!load) {
  console.error(
    `usage: npm run bench -- <suite> [--option value]\nsuites: ${Object.keys(SUITES).join(', ')}`,
  );
  process.exit(2);
}
await (
  await load()
)(parseArgs(rest).values);
