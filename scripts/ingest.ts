/**
 * npm run data:ingest -- [--raw DIR] [--out DIR] [--no-downloads] [--incremental] [--cache DIR]
 *
 * `--incremental` keeps a cache beside the build (`<out>.cache`, or `--cache DIR`): files seen
 * before are not read again and only the years whose files changed are rebuilt; the outputs are
 * the same as a full ingest's.
 */
import { runCommand } from './lib/cli';
import { defaultCacheDir, ingest } from './ingest/run-ingest';

const USAGE = `usage: npm run data:ingest -- [options]

Raw FTC daily CSV files → yearly DuckDB files, cube.duckdb, Parquet and CSV.gz downloads,
quarantine/ and manifest.json (see data/README.md).

  --raw DIR        the raw files (default data/raw)
  --out DIR        the build (default data/build)
  --no-downloads   skip the Parquet and CSV.gz downloads
  --incremental    keep a cache in <out>.cache and rebuild only the years whose files changed
  --cache DIR      the cache folder (implies --incremental)
  -h, --help       this text

Exit code: 0 all loaded, 1 a file is not an FTC CSV (named in manifest.json; everything else
was written), 2 bad arguments, 4 the ingest failed (the message says why).`;

/** An ingest that threw: nothing to deploy (the same code as `npm run update`'s "ingest failed"). */
const EXIT_INGEST_FAILED = 4;

const COMMAND = {
  name: 'data:ingest',
  usage: USAGE,
  options: {
    raw: { type: 'string', default: 'data/raw' },
    out: { type: 'string', default: 'data/build' },
    'no-downloads': { type: 'boolean', default: false },
    incremental: { type: 'boolean', default: false },
    cache: { type: 'string' },
  },
} as const;

process.exitCode = await runCommand(COMMAND, process.argv.slice(2), async (values) => {
  let result;
  try {
    result = await ingest({
      raw: values.raw,
      out: values.out,
      skipDownloads: values['no-downloads'],
      ...(values.incremental || values.cache !== undefined
        ? { cache: values.cache ?? defaultCacheDir(values.out) }
        : {}),
    });
  } catch (error) {
    console.error(`data:ingest failed: ${(error as Error).message}`);
    return EXIT_INGEST_FAILED;
  }
  if (result.problems.length === 0) return 0;
  console.error(
    `\ndata:ingest: ${result.problems.length} file(s) are not FTC daily CSV files and were not loaded:`,
  );
  for (const problem of result.problems) console.error(`  - ${problem}`);
  console.error(
    'They are named in manifest.json (status "not_ftc_csv"). Everything else was written.',
  );
  return 1;
});
