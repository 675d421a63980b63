/**
 * What the engine's worker (src/client/engine-worker.ts) is told when it starts, in its URL's
 * fragment (a worker reads `location` synchronously, before anything could be posted to it):
 * which of duckdb-wasm's worker scripts to run, and the block size of each database file whose
 * reads are served in whole blocks (src/lib/engine/block-cache.ts).
 */

/** Bytes per storage block of cube.duckdb: DuckDB's default, written explicitly by the ingest. */
export const CUBE_BLOCK_SIZE = 262_144;
/**
 * Bytes per storage block of the yearly complaints files. A quarter of DuckDB's default: a
 * state-year row view reads about 19 stretches of the file, and at 256 KiB a block it moved
 * 3.1 MB in 12 requests, at 64 KiB 1.3 MB in 19, in the same time on localhost and under Fast 4G
 * throttling (docs/STACK-NOTES.md, "Range requests"). 32 KiB made 26 requests for 0.86 MB.
 */
export const COMPLAINTS_BLOCK_SIZE = 65_536;
/** Bytes per storage block of the caller index: small, so a lookup fetches little (scripts/ingest/caller-index.ts). */
export const CALLER_INDEX_BLOCK_SIZE = 16_384;

export interface EngineWorkerConfig {
  /** URL of duckdb-wasm's worker script, on this site. */
  worker: string;
  /** Database file URL → its block size. */
  blockSizes: [string, number][];
}

export function engineWorkerUrl(script: string, config: EngineWorkerConfig): string {
  return `${script}#${encodeURIComponent(JSON.stringify(config))}`;
}

/**
 * The configuration in a worker URL's fragment, or an error saying what is wrong with it. Only a
 * worker script of the worker's own origin is accepted: the fragment is not trusted to name code.
 */
export function readEngineWorkerConfig(location: {
  href: string;
  hash: string;
  origin: string;
}): EngineWorkerConfig {
  let value: unknown;
  try {
    value = JSON.parse(decodeURIComponent(location.hash.replace(/^#/, '')));
  } catch {
    throw new Error('the engine worker was started without its configuration');
  }
  const config = value as Partial<EngineWorkerConfig> | null;
  if (typeof config?.worker !== 'string' || !Array.isArray(config.blockSizes))
    throw new Error('the engine worker was started without its configuration');
  const worker = new URL(config.worker, location.href);
  if (worker.origin !== location.origin)
    throw new Error(`the engine worker script must come from this site, not ${worker.origin}`);
  const blockSizes = config.blockSizes.filter(
    (entry): entry is [string, number] =>
      Array.isArray(entry) &&
      typeof entry[0] === 'string' &&
      Number.isSafeInteger(entry[1]) &&
      entry[1] > 0,
  );
  return { worker: worker.href, blockSizes };
}
