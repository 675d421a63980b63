/** npm run bench -- <suite> [--option value]: suites per DESIGN.md §6. */
import { parseArgs } from '../scripts/lib/args';
import { benchIngest } from './ingest';

const [suite, ...rest] = process.argv.slice(2);
const SUITES: Record<string, (args: Map<string, string>) => Promise<void>> = {
  ingest: benchIngest,
};
const run = suite ? SUITES[suite] : undefined;
if (!run) {
  console.error(`usage: npm run bench -- <suite>\nsuites: ${Object.keys(SUITES).join(', ')} (site, explorer and downloads come with their issues)`);
  process.exit(2);
}
await run(parseArgs(rest).values);
