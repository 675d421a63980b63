/**
 * The one DuckDB-wasm instance of a page: started once (concurrent callers share the same start),
 * from bundles served by this site, reading `.duckdb` files over HTTP Range. Nothing it loads
 * comes from another origin, and extensions are never fetched.
 */
import * as duckdb from '@duckdb/duckdb-wasm';
import { yearAlias } from '../lib/explore/context';
import mvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import mvpWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import { callerIndexAlias, callerIndexFile } from '../lib/caller/lookup';
import { DOWNLOAD_DIRECTORY } from './engine-paths';
import engineWorkerScript from './engine-worker?worker&url';
import {
  CALLER_INDEX_BLOCK_SIZE,
  COMPLAINTS_BLOCK_SIZE,
  CUBE_BLOCK_SIZE,
  engineWorkerUrl,
} from '../lib/engine/worker-config';

export interface DataFiles {
  /** URL of cube.duckdb. */
  cube: string;
  /** Yearly row-level files: year → URL. */
  years: Record<number, string>;
  /** The caller index, year → URL of `callers-<year>.duckdb` (attached as `callers<year>`), when the build has one. */
  callers?: Record<number, string>;
}

export interface Engine {
  db: duckdb.AsyncDuckDB;
  connection: duckdb.AsyncDuckDBConnection;
}

export type EngineStage = 'loading engine' | 'starting engine' | 'opening data' | 'ready';

/** The alias a year's row-level database is attached under (one definition, with the SQL's layout). */
export { yearAlias };

let started: Promise<Engine> | null = null;

/** Starts the engine once; later calls get the same promise. A failed start may be retried. */
export function startEngine(
  files: DataFiles,
  onStage: (stage: EngineStage) => void = () => {},
): Promise<Engine> {
  started ??= createEngine(files, onStage).catch((error: unknown) => {
    started = null;
    throw error;
  });
  return started;
}

/**
 * A new engine in its own worker, with the data attached read-only and the configuration locked.
 * The page shares one (`startEngine`); the SQL console makes its own, so a query there can never
 * hold up the explorer, and stopping it is ending its worker (`db.terminate()`).
 */
export async function createEngine(
  files: DataFiles,
  onStage: (stage: EngineStage) => void = () => {},
): Promise<Engine> {
  if (typeof WebAssembly !== 'object') throw new Error('This browser cannot run WebAssembly.');
  onStage('loading engine');
  // Only the single-threaded bundles: the threaded one crashed under COOP/COEP (docs/STACK-NOTES.md).
  const bundle = await duckdb.selectBundle({
    mvp: { mainModule: absolute(mvpWasm), mainWorker: absolute(mvpWorker) },
    eh: { mainModule: absolute(ehWasm), mainWorker: absolute(ehWorker) },
  });
  // The worker cannot report a wasm file it failed to fetch: it just never finishes starting.
  // Asking for the file's headers first turns a blocked or missing file into an error at once.
  const probe = await fetch(bundle.mainModule, { method: 'HEAD' }).catch(() => null);
  if (!probe?.ok)
    throw new Error(
      `the database engine could not be downloaded (${probe ? `HTTP ${probe.status}` : 'network error'})`,
    );
  // duckdb-wasm's worker, behind one that fetches the database files in whole blocks.
  const blockSizes: [string, number][] = [
    [absolute(files.cube), CUBE_BLOCK_SIZE],
    ...Object.values(files.years).map((url): [string, number] => [
      absolute(url),
      COMPLAINTS_BLOCK_SIZE,
    ]),
    ...Object.values(files.callers ?? {}).map((url): [string, number] => [
      absolute(url),
      CALLER_INDEX_BLOCK_SIZE,
    ]),
  ];
  const worker = new Worker(
    engineWorkerUrl(absolute(engineWorkerScript), { worker: bundle.mainWorker!, blockSizes }),
  );
  // A worker that fails to load (blocked, missing, out of memory) reports only through this event;
  // without it the start would wait forever.
  const workerFailed = new Promise<never>((_, reject) => {
    worker.addEventListener('error', (event) =>
      reject(
        new Error(
          `the database worker failed to start${event.message ? `: ${event.message}` : ''}`,
        ),
      ),
    );
  });
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  onStage('starting engine');
  await Promise.race([db.instantiate(bundle.mainModule, bundle.pthreadWorker), workerFailed]);
  await db.open({
    query: { castBigIntToDouble: true, castDecimalToDouble: true },
    // Range requests only; a server that cannot answer them should fail loudly, not download everything.
    filesystem: {
      forceFullHTTPReads: false,
      reliableHeadRequests: true,
      allowFullHTTPReads: false,
    },
  });
  const connection = await db.connect();
  await connection.query(
    'SET autoinstall_known_extensions = false; SET autoload_known_extensions = false',
  );
  onStage('opening data');
  await db.registerFileURL(
    'cube.duckdb',
    absolute(files.cube),
    duckdb.DuckDBDataProtocol.HTTP,
    false,
  );
  await connection.query(`ATTACH 'cube.duckdb' AS cube (READ_ONLY)`);
  for (const [year, url] of Object.entries(files.years)) {
    const name = `complaints-${Number(year)}.duckdb`;
    await db.registerFileURL(name, absolute(url), duckdb.DuckDBDataProtocol.HTTP, false);
    await connection.query(`ATTACH '${name}' AS ${yearAlias(Number(year))} (READ_ONLY)`);
  }
  for (const [year, url] of Object.entries(files.callers ?? {})) {
    const name = callerIndexFile(Number(year));
    await db.registerFileURL(name, absolute(url), duckdb.DuckDBDataProtocol.HTTP, false);
    await connection.query(`ATTACH '${name}' AS ${callerIndexAlias(Number(year))} (READ_ONLY)`);
  }
  // The data is attached; from here on the engine may not read or write anything else, and no
  // statement may change a setting (lock_configuration comes last: it also locks itself).
  await connection.query(`SET allowed_directories = ['${DOWNLOAD_DIRECTORY}']`);
  await connection.query(`SET enable_external_access = false`);
  await connection.query(`SET lock_configuration = true`);
  onStage('ready');
  return { db, connection };
}

function absolute(url: string): string {
  return new URL(url, location.href).href;
}
