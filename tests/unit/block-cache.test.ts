/**
 * The engine worker's block cache and XMLHttpRequest (src/lib/engine/): every read gets exactly
 * the file's bytes, whatever its alignment; a block crosses the network once and whole; reads past
 * the cached blocks are short, never empty; only a long stretch read in order is fetched in more
 * than one block at a time; memory is bounded.
 * The file is a byte array and the reads are the engine's, as recorded in Chromium on the 10 M-row
 * bench site (16 KiB, then 64 KiB, then 256 KiB of read-ahead at the end of the first two).
 */
import { describe, expect, it } from 'vitest';
import { BlockCache } from '../../src/lib/engine/block-cache';
import { blockCachingXhr, parseByteRange } from '../../src/lib/engine/block-xhr';
import {
  CALLER_INDEX_BLOCK_SIZE,
  COMPLAINTS_BLOCK_SIZE,
  CUBE_BLOCK_SIZE,
  engineWorkerUrl,
  readEngineWorkerConfig,
} from '../../src/lib/engine/worker-config';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb } from '../../scripts/lib/duckdb';
import { browserDatabaseOptions } from '../../scripts/ingest/outputs';

/** A .duckdb file's main header and two database headers, 4 KiB each, before its first block. */
const HEADERS = 3 * 4096;

const BLOCK = 1024;
/** HEADERS scaled from 64 KiB blocks to these. */
const HEADER = (HEADERS * BLOCK) / (64 * 1024);
const file = Uint8Array.from({ length: 10 * BLOCK + 300 }, (_, i) => (i * 7 + (i >> 8)) % 251);

/** The worker's options, for blocks of 1 KiB instead of 256 KiB. */
const OPTIONS = {
  maxBytes: 1 << 20,
  keepFetchesUpTo: 4 * BLOCK,
  growAfterBytes: 4 * BLOCK,
  maxFetchBytes: 64 * BLOCK,
};

function server() {
  const fetches: [number, number][] = [];
  const fetch = (from: number, to: number) => {
    fetches.push([from, to]);
    return file.slice(from, Math.min(to, file.length - 1) + 1);
  };
  return { fetches, fetch };
}

/** What the engine's reader does: reads until it has all `length` bytes at `start` (web_filesystem.cc Read). */
function readFully(
  cache: BlockCache,
  fetch: ReturnType<typeof server>['fetch'],
  start: number,
  length: number,
) {
  const out: number[] = [];
  let calls = 0;
  while (out.length < length && start + out.length < file.length) {
    const bytes = cache.read('f', BLOCK, start + out.length, start + length - 1, fetch);
    expect(bytes.length, 'a read inside the file is never empty').toBeGreaterThan(0);
    expect(bytes.length).toBeLessThanOrEqual(length - out.length);
    out.push(...bytes);
    if (++calls > 100) throw new Error('no progress');
  }
  return Uint8Array.from(out);
}

describe('BlockCache', () => {
  it('reads a storage block, which ends a little into the next piece, in one request, and returns the file’s bytes', () => {
    const cache = new BlockCache(OPTIONS);
    const { fetches, fetch } = server();
    // Storage block 3 of a .duckdb file lies at HEADER + 3 blocks; the engine's read of it starts
    // at the multiple of a quarter block (16 KiB of 64) below that: the piece's start.
    const x = 3 * BLOCK;
    const blockEnd = HEADER + 4 * BLOCK;
    // A quarter block, then a block from there (the read-ahead), then on to the block's end.
    const a = cache.read('f', BLOCK, x, x + BLOCK / 4 - 1, fetch);
    const b = cache.read('f', BLOCK, x + BLOCK / 4, x + BLOCK / 4 + BLOCK - 1, fetch);
    expect(fetches).toEqual([[x, x + 2 * BLOCK - 1]]);
    expect(a.length + b.length).toBeGreaterThanOrEqual(blockEnd - x);
    expect([...a, ...b]).toEqual([...file.slice(x, x + a.length + b.length)]);
    // Read on in order: the cached rest, then one more piece, fetched when it is asked for.
    const on = x + a.length + b.length;
    const c = cache.read('f', BLOCK, on, x + 3 * BLOCK - 1, fetch);
    expect(on + c.length).toBe(x + 2 * BLOCK);
    const d = cache.read('f', BLOCK, x + 2 * BLOCK, x + 3 * BLOCK - 1, fetch);
    expect(fetches).toEqual([
      [x, x + 2 * BLOCK - 1],
      [x + 2 * BLOCK, x + 3 * BLOCK - 1],
    ]);
    expect([...c, ...d]).toEqual([...file.slice(on, x + 3 * BLOCK)]);
    expect(cache.fetches).toBe(2);
    expect(cache.fetchedBytes).toBe(3 * BLOCK);
  });

  it('returns exactly the asked bytes for reads at any offset and length, cached or not', () => {
    const cache = new BlockCache(OPTIONS);
    const { fetch } = server();
    // A fixed pseudo-random walk: unaligned starts, lengths across block ends, the file's end.
    let seed = 12345;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 400; i++) {
      const start = Math.floor(next() * file.length);
      const length = 1 + Math.floor(next() * 3 * BLOCK);
      const expected = file.slice(start, Math.min(file.length, start + length));
      expect(readFully(cache, fetch, start, length)).toEqual(expected);
    }
  });

  it('answers a read that starts in a cached block from the cache even when it ends in a missing one', () => {
    const cache = new BlockCache(OPTIONS);
    const { fetches, fetch } = server();
    cache.read('f', BLOCK, 0, 10, fetch); // a new stretch: blocks 0 and 1
    const bytes = cache.read('f', BLOCK, 100, 3 * BLOCK, fetch);
    expect(bytes.length).toBe(2 * BLOCK - 100);
    expect(fetches.length).toBe(1);
  });

  it('ends at the file’s last, shorter block', () => {
    const cache = new BlockCache(OPTIONS);
    const { fetch } = server();
    const last = 10 * BLOCK;
    expect([...cache.read('f', BLOCK, last + 10, last + BLOCK - 1, fetch)]).toEqual([
      ...file.slice(last + 10),
    ]);
    // Cached now: the same answer, and nothing past the end.
    expect(cache.read('f', BLOCK, last + 290, last + 900, fetch).length).toBe(10);
  });

  it('fetches one block at a time along a short stretch after its first two, however much the read-ahead asks for', () => {
    // The engine's read-ahead asks ×4 more per read in order; a row view reads a few blocks.
    const cache = new BlockCache(OPTIONS);
    const { fetches, fetch } = server();
    let position = 2 * BLOCK;
    let ask = BLOCK / 16;
    while (position < 6 * BLOCK) {
      position += cache.read(
        'f',
        BLOCK,
        position,
        Math.min(file.length, position + ask) - 1,
        fetch,
      ).length;
      ask *= 4;
    }
    expect(fetches).toEqual([
      [2 * BLOCK, 4 * BLOCK - 1],
      [4 * BLOCK, 5 * BLOCK - 1],
      [5 * BLOCK, 6 * BLOCK - 1],
    ]);
  });

  it('fetches more along a long stretch read in order (2, 1, 1, then 2, 4… blocks, never past the read), keeping only small fetches', () => {
    const big = Uint8Array.from({ length: 300 * BLOCK }, (_, i) => (i * 13 + (i >> 9)) % 253);
    const fetches: [number, number][] = [];
    const fetch = (from: number, to: number) => {
      fetches.push([from, to]);
      return big.slice(from, Math.min(to, big.length - 1) + 1);
    };
    const cache = new BlockCache(OPTIONS);
    // The engine scanning the file: each read asks for 4 times more than the last, from where
    // the last answer ended, up to 16 MiB (64 blocks of 256 KiB).
    let position = 0;
    let ask = BLOCK / 16;
    const out = new Uint8Array(big.length);
    while (position < big.length) {
      const bytes = cache.read(
        'f',
        BLOCK,
        position,
        Math.min(big.length, position + ask) - 1,
        fetch,
      );
      out.set(bytes, position);
      position += bytes.length;
      ask = Math.min(ask * 4, 64 * BLOCK);
    }
    expect(Buffer.from(out).equals(Buffer.from(big))).toBe(true);
    const blocks = fetches.map(([from, to]) => (to - from + 1) / BLOCK);
    expect(blocks.slice(0, 10)).toEqual([2, 1, 1, 2, 4, 8, 16, 32, 64, 64]);
    expect(blocks.reduce((sum, n) => sum + n, 0)).toBe(300);
    for (const [from] of fetches) expect(from % BLOCK).toBe(0);
    // The fetches of up to 4 blocks are kept; the scan's big ones are not.
    expect(cache.cachedBytes).toBe(10 * BLOCK);
    // A fetch stops before a block already kept, and one never runs past what the read asks.
    fetches.length = 0;
    cache.read('f', BLOCK, 199 * BLOCK, 199 * BLOCK + 10, fetch);
    for (let p = 190 * BLOCK; p < 201 * BLOCK;)
      p += cache.read('f', BLOCK, p, 260 * BLOCK, fetch).length;
    expect(fetches.map(([from, to]) => [from / BLOCK, (to + 1) / BLOCK])).toEqual([
      [199, 201], // a new stretch: its block and the next
      [190, 192], // another, read in order
      [192, 193],
      [193, 194],
      [194, 196], // after 4 blocks, twice the last fetch
      [196, 199], // would be 4, but block 199 is kept (and 200)
    ]);
    cache.read('f', BLOCK, 250 * BLOCK, 250 * BLOCK + 1, fetch);
    for (let p = 250 * BLOCK + 2; p < 258 * BLOCK;)
      p += cache.read('f', BLOCK, p, 258 * BLOCK - 1, fetch).length;
    expect(fetches.at(-1), 'never past the read').toEqual([256 * BLOCK, 258 * BLOCK - 1]);
  });

  it('keeps at most maxBytes, dropping the least recently used block first', () => {
    const cache = new BlockCache({ ...OPTIONS, maxBytes: 4 * BLOCK });
    const { fetches, fetch } = server();
    cache.read('f', BLOCK, 0, 0, fetch); // blocks 0 and 1
    cache.read('f', BLOCK, 2 * BLOCK, 2 * BLOCK, fetch); // 2 and 3
    cache.read('f', BLOCK, 0, 0, fetch); // block 0 used again: block 1 is now the oldest
    cache.read('f', BLOCK, 5 * BLOCK, 5 * BLOCK, fetch); // 5 and 6, so 1 and 2 go
    expect(cache.cachedBytes).toBe(4 * BLOCK);
    fetches.length = 0;
    for (const index of [0, 3, 5, 6]) cache.read('f', BLOCK, index * BLOCK, index * BLOCK, fetch);
    expect(fetches).toEqual([]);
    cache.read('f', BLOCK, BLOCK, BLOCK, fetch);
    expect(fetches).toEqual([[BLOCK, 3 * BLOCK - 1]]);
  });

  it('fetches a new stretch’s two blocks only where maxFetchBytes allows two', () => {
    const cache = new BlockCache({ ...OPTIONS, maxFetchBytes: BLOCK });
    const { fetches, fetch } = server();
    cache.read('f', BLOCK, 2 * BLOCK, 2 * BLOCK + 10, fetch);
    expect(fetches).toEqual([[2 * BLOCK, 3 * BLOCK - 1]]);
  });

  it('keeps files apart', () => {
    const cache = new BlockCache(OPTIONS);
    const other = new Uint8Array(BLOCK).fill(9);
    cache.read('a', BLOCK, 0, 0, (from, to) => file.slice(from, to + 1));
    expect([...cache.read('b', BLOCK, 0, 3, (from, to) => other.slice(from, to + 1))]).toEqual([
      9, 9, 9, 9,
    ]);
  });
});

describe('the layout the cache’s first fetch of a stretch relies on', () => {
  /** DuckDB's block checksum (src/common/checksum.cpp): 5381, xor of each 8-byte word × a constant. */
  function duckdbChecksum(bytes: Uint8Array): bigint {
    const words = new BigUint64Array(bytes.buffer, bytes.byteOffset, bytes.length / 8);
    let result = 5381n;
    for (const word of words) result ^= BigInt.asUintN(64, word * 0xbf58476d1ce4e5b9n);
    return result;
  }

  it('puts a .duckdb file’s storage blocks at 12 KiB + n × the block size, for every block size ingest writes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'blocks-'));
    const db = await openDb();
    try {
      for (const size of [COMPLAINTS_BLOCK_SIZE, CUBE_BLOCK_SIZE, CALLER_INDEX_BLOCK_SIZE]) {
        const path = join(dir, `${size}.duckdb`);
        await db.run(`ATTACH '${path}' AS f (${browserDatabaseOptions(size)})`);
        await db.run(
          `CREATE TABLE f.t AS SELECT range AS n, md5(range::VARCHAR) AS s FROM range(200000)`,
        );
        await db.run('DETACH f');
        const file = new Uint8Array(readFileSync(path));
        expect((file.length - HEADERS) % size, `${size}: whole blocks after the headers`).toBe(0);
        const blocks = (file.length - HEADERS) / size;
        expect(blocks).toBeGreaterThan(2);
        for (const n of [0, 1, blocks - 1]) {
          const at = HEADERS + n * size;
          const stored = new DataView(file.buffer, at, 8).getBigUint64(0, true);
          expect(duckdbChecksum(file.slice(at + 8, at + size)), `${size}: block ${n}`).toBe(stored);
        }
        // So a block read from 16 KiB below its start ends 12 KiB into the next piece from byte 0.
        expect(HEADERS % size).not.toBe(0);
        expect(HEADERS).toBeLessThan(16 * 1024);
      }
    } finally {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('parseByteRange', () => {
  it('reads the one form the engine sends, and nothing else', () => {
    expect(parseByteRange('bytes=0-0')).toEqual({ start: 0, end: 0 });
    expect(parseByteRange('bytes=16384-81919')).toEqual({ start: 16384, end: 81919 });
    for (const header of [
      null,
      '',
      'bytes=0-',
      'bytes=-500',
      'bytes=5-1',
      'bytes=0-1,4-5',
      'items=0-1',
    ])
      expect(parseByteRange(header), String(header)).toBeNull();
  });
});

/** The members of XMLHttpRequest the engine's runtime uses, over `file`, with accessors on the prototype as in browsers. */
function fakeXhrClass(log: string[]) {
  class FakeXhr {
    responseType = '';
    #method = '';
    #url = '';
    #async = true;
    #range: string | null = null;
    #status = 0;
    #response: ArrayBuffer | null = null;
    open(method: string, url: string, async = true) {
      this.#method = method;
      this.#url = url;
      this.#async = async;
    }
    setRequestHeader(name: string, value: string) {
      if (name.toLowerCase() === 'range') this.#range = value;
    }
    send() {
      log.push(
        `${this.#method} ${this.#url} ${this.#async ? 'async' : 'sync'} ${this.#range ?? ''}`.trim(),
      );
      const range = parseByteRange(this.#range);
      if (this.#url.endsWith('whole')) {
        this.#status = 200;
        this.#response = file.slice().buffer;
      } else if (range) {
        this.#status = 206;
        this.#response = file.slice(range.start, range.end + 1).buffer;
      } else {
        this.#status = 200;
        this.#response = new ArrayBuffer(0);
      }
    }
    getResponseHeader(name: string) {
      return name === 'x-from' ? 'native' : null;
    }
    get status() {
      return this.#status;
    }
    get statusText() {
      return this.#status === 206 ? 'Partial Content' : 'OK';
    }
    get response() {
      return this.#response;
    }
    get readyState() {
      return this.#response ? 4 : 1;
    }
  }
  return FakeXhr as unknown as typeof XMLHttpRequest;
}

describe('blockCachingXhr', () => {
  const cachedUrl = 'https://site.test/data/complaints-2025.duckdb';

  function setup() {
    const log: string[] = [];
    const Native = fakeXhrClass(log);
    const cache = new BlockCache(OPTIONS);
    const Xhr = blockCachingXhr(
      Native,
      cache,
      new Map([
        [cachedUrl, BLOCK],
        ['https://site.test/whole', BLOCK],
      ]),
    );
    const get = (url: string, range: string | null, async = false) => {
      const request = new Xhr();
      request.open('GET', url, async);
      request.responseType = 'arraybuffer';
      if (range) request.setRequestHeader('Range', range);
      request.send(null);
      return request;
    };
    return { log, get, cache };
  }

  it('answers the engine’s synchronous Range reads of a listed file from whole blocks, as 206', () => {
    const { log, get } = setup();
    const first = get(cachedUrl, `bytes=${2 * BLOCK}-${2 * BLOCK + 63}`);
    const second = get(cachedUrl, `bytes=${2 * BLOCK + 64}-${2 * BLOCK + 4 * BLOCK}`);
    expect(log).toEqual([`GET ${cachedUrl} sync bytes=${2 * BLOCK}-${4 * BLOCK - 1}`]);
    expect(first.status).toBe(206);
    expect(first.readyState).toBe(4);
    expect(new Uint8Array(first.response as ArrayBuffer)).toEqual(
      file.slice(2 * BLOCK, 2 * BLOCK + 64),
    );
    // Short: the rest of the two blocks only.
    expect(new Uint8Array(second.response as ArrayBuffer)).toEqual(
      file.slice(2 * BLOCK + 64, 4 * BLOCK),
    );
    expect(second.getResponseHeader('Content-Length')).toBe(String(2 * BLOCK - 64));
  });

  it('leaves every other request to the browser: other files, HEAD, asynchronous, no Range', () => {
    const { log, get } = setup();
    const other = get('https://site.test/data/other.duckdb', 'bytes=0-9');
    expect(other.status).toBe(206);
    expect(other.getResponseHeader('x-from')).toBe('native');
    get(cachedUrl, 'bytes=0-9', true);
    get(cachedUrl, null);
    const head = new (blockCachingXhr(
      fakeXhrClass(log),
      new BlockCache({ maxBytes: 1, keepFetchesUpTo: 1, growAfterBytes: 1, maxFetchBytes: 1 }),
      new Map([[cachedUrl, BLOCK]]),
    ))();
    head.open('HEAD', cachedUrl, false);
    head.setRequestHeader('Range', 'bytes=0-');
    head.send(null);
    expect(log).toEqual([
      'GET https://site.test/data/other.duckdb sync bytes=0-9',
      `GET ${cachedUrl} async bytes=0-9`,
      `GET ${cachedUrl} sync`,
      `HEAD ${cachedUrl} sync bytes=0-`,
    ]);
  });

  it('hands a server that ignores Range back to the engine’s own handling', () => {
    const { log, get } = setup();
    const request = get('https://site.test/whole', 'bytes=10-19');
    expect(request.status).toBe(200);
    expect(log).toEqual([
      `GET https://site.test/whole sync bytes=0-${2 * BLOCK - 1}`,
      'GET https://site.test/whole sync bytes=10-19',
    ]);
  });

  it('forgets a served answer when the object is opened again', () => {
    const { get } = setup();
    const request = get(cachedUrl, 'bytes=0-9');
    expect(request.status).toBe(206);
    request.open('GET', 'https://site.test/data/other.duckdb', false);
    expect(request.readyState).toBe(1);
  });
});

describe('engine worker configuration', () => {
  const location = (href: string) => {
    const url = new URL(href);
    return { href: url.href, hash: url.hash, origin: url.origin };
  };

  it('travels in the worker URL’s fragment', () => {
    const config = {
      worker: 'https://site.test/_astro/duckdb-browser-eh.worker.js',
      blockSizes: [['https://site.test/data/cube.duckdb', 262144]] as [string, number][],
    };
    const url = engineWorkerUrl('https://site.test/_astro/engine-worker.js', config);
    expect(readEngineWorkerConfig(location(url))).toEqual(config);
  });

  it('refuses a missing configuration and a worker script from another origin', () => {
    expect(() => readEngineWorkerConfig(location('https://site.test/w.js'))).toThrow(
      /configuration/,
    );
    const foreign = engineWorkerUrl('https://site.test/w.js', {
      worker: 'https://elsewhere.test/evil.js',
      blockSizes: [],
    });
    expect(() => readEngineWorkerConfig(location(foreign))).toThrow(/from this site/);
  });
});
