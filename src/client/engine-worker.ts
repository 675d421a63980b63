/**
 * The engine's worker: duckdb-wasm's own worker script (the bundle the browser can run, named in
 * this worker's URL), run after its XMLHttpRequest is replaced by one that reads the database
 * files in whole storage blocks (src/lib/engine/block-cache.ts says why).
 */
import { BlockCache } from '../lib/engine/block-cache';
import { blockCachingXhr } from '../lib/engine/block-xhr';
import { readEngineWorkerConfig } from '../lib/engine/worker-config';

declare function importScripts(...urls: string[]): void;

const MiB = 1024 * 1024;

const config = readEngineWorkerConfig(self.location);
const scope = self as unknown as { XMLHttpRequest: typeof XMLHttpRequest };
scope.XMLHttpRequest = blockCachingXhr(
  scope.XMLHttpRequest,
  // DuckDB keeps the blocks it uses in its own buffers; these only need to outlive one block's
  // reads, and a state's stretch of a year is a few dozen blocks.
  new BlockCache({
    maxBytes: 32 * MiB,
    keepFetchesUpTo: MiB,
    // A row view reads short stretches of a file: on the 10 M-row bench site a stretch's first two
    // blocks in one request, then one at a time, moved the fewest bytes in the fewest requests
    // (block-cache.ts says why). A scan (a download) reads on for far longer than 1 MiB.
    growAfterBytes: MiB,
    // The engine's own largest read-ahead (READAHEAD_MAXIMUM).
    maxFetchBytes: 16 * MiB,
  }),
  new Map(config.blockSizes),
);
importScripts(config.worker);
