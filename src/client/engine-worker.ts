/**
 * The engine's worker: duckdb-wasm's own worker script (the bundle the browser can run, named in
 * this worker's URL), run after its XMLHttpRequest is replaced by one that reads the database
 * files in whole storage blocks (src/lib/engine/block-cache.ts says why).
 */
import { BlockCache } from '../lib/engine/block-cache';
import { blockCachingXhr } from '../lib/engine/block-xhr';
import { readEngineWorkerConfig } from '../lib/engine/worker-config';

declare function importScripts(...urls: string[]): void;

const config = readEngineWorkerConfig(self.location);
const scope = self as unknown as { XMLHttpRequest: typeof XMLHttpRequest };
scope.XMLHttpRequest = blockCachingXhr(
  scope.XMLHttpRequest,
  // DuckDB keeps the blocks it uses in its own buffers; these only need to outlive one block's
  // reads, and a state's stretch of a year is a few dozen blocks.
  new BlockCache({ maxBytes: 32 * 1024 * 1024, passThroughBytes: 4 * 1024 * 1024 }),
  new Map(config.blockSizes),
);
importScripts(config.worker);
