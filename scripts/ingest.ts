/**
 * npm run data:ingest -- [--raw DIR] [--out DIR] [--no-downloads] [--incremental] [--cache DIR]
 *
 * `--incremental` keeps a cache beside the build (`<out>.cache`, or `--cache DIR`): files seen
 * before are not read again and only the years whose files changed are rebuilt; the outputs are
 * the same as a full ingest's.
 */
import { parseArgs } from './lib/args';
import { defaultCacheDir, ingest } from './ingest/run-ingest';

const { values, flags } = parseArgs(process.argv.slice(2));
try {
  const result = await ingest({
    raw: values.get('raw') ?? 'data/raw',
    out: values.get('out') ?? 'data/build',
    skipDownloads: flags.has('no-downloads'),
    ...(flags.has('incremental') || values.has('cache')
      ? { cache: values.get('cache') ?? defaultCacheDir(values.get('out') ?? 'data/build') }
      : {}),
  });
  if (result.problems.length > 0) {
    console.error(
      `\ndata:ingest: ${result.problems.length} file(s) are not FTC daily CSV files and were not loaded:`,
    );
    for (const problem of result.problems) console.error(`  - ${problem}`);
    console.error(
      'They are named in manifest.json (status "not_ftc_csv"). Everything else was written.',
    );
    process.exitCode = 1;
  }
} catch (error) {
  console.error(`data:ingest failed: ${(error as Error).message}`);
  process.exitCode = 2;
}
