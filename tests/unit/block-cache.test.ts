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
import { engineWorkerUrl, readEngineWorkerConfig } from '../../src/lib/engine/worker-config';

const BLOCK = 1024;
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
  it('fetches a block once and whole for the engine’s three reads of it, and returns the file’s bytes', () => {
    const cache = new BlockCache(OPTIONS);
    const { fetches, fetch } = server();
    const x = 3 * BLOCK;
    // 1/16 of a block, then 1/4, then a whole block from there (which runs into the next block).
    const a = cache.read('f', BLOCK, x, x + BLOCK / 16 - 1, fetch);
    const b = cache.read('f', BLOCK, x + BLOCK / 16, x + BLOCK / 16 + BLOCK / 4 - 1, fetch);
    const c = cache.read(
      'f',
      BLOCK,
      x + BLOCK / 16 + BLOCK / 4,
      x + 5 * (BLOCK / 16) + BLOCK - 1,
      fetch,
    );
    expect(fetches).toEqual([[x, x + BLOCK - 1]]);
    expect([...a, ...b, ...c]).toEqual([...file.slice(x, x + BLOCK)]);
    // The short read stopped at the block's end; the next block is fetched when it is asked for.
    const d = cache.read('f', BLOCK, x + BLOCK, x + 2 * BLOCK - 1, fetch);
    expect(fetches).toEqual([
      [x, x + BLOCK - 1],
      [x + BLOCK, x + 2 * BLOCK - 1],
    ]);
    expect([...d]).toEqual([...file.slice(x + BLOCK, x + 2 * BLOCK)]);
    expect(cache.fetches).toBe(2);
    expect(cache.fetchedBytes).toBe(2 * BLOCK);
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
    cache.read('f', BLOCK, 0, 10, fetch);
    const bytes = cache.read('f', BLOCK, 100, 2 * BLOCK, fetch);
    expect(bytes.length).toBe(BLOCK - 100);
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

  it('fetches one block at a time along a short stretch, however much the read-ahead asks for', () => {
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
    expect(fetches).toEqual([2, 3, 4, 5].map((i) => [i * BLOCK, (i + 1) * BLOCK - 1]));
  });

  it('fetches more along a long stretch read in order (1, 2, 4… blocks, never past the read), keeping only small fetches', () => {
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
    expect(blocks.slice(0, 11)).toEqual([1, 1, 1, 1, 2, 4, 8, 16, 32, 64, 64]);
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
      [199, 200], // a new stretch: one block
      [190, 191], // another, read in order
      [191, 192],
      [192, 193],
      [193, 194],
      [194, 196], // after 4 blocks, twice the last fetch
      [196, 199], // would be 4, but block 199 is kept
      [200, 206],
    ]);
    cache.read('f', BLOCK, 250 * BLOCK, 250 * BLOCK + 1, fetch);
    for (let p = 250 * BLOCK + 2; p < 258 * BLOCK;)
      p += cache.read('f', BLOCK, p, 258 * BLOCK - 1, fetch).length;
    expect(fetches.at(-1), 'never past the read').toEqual([256 * BLOCK, 258 * BLOCK - 1]);
  });

  it('keeps at most maxBytes, dropping the least recently used block first', () => {
    const cache = new BlockCache({ ...OPTIONS, maxBytes: 3 * BLOCK });
    const { fetches, fetch } = server();
    for (const index of [0, 1, 2]) cache.read('f', BLOCK, index * BLOCK, index * BLOCK, fetch);
    cache.read('f', BLOCK, 0, 0, fetch); // block 0 used again: block 1 is now the oldest
    cache.read('f', BLOCK, 5 * BLOCK, 5 * BLOCK, fetch);
    expect(cache.cachedBytes).toBe(3 * BLOCK);
    fetches.length = 0;
    cache.read('f', BLOCK, 0, 0, fetch);
    cache.read('f', BLOCK, 2 * BLOCK, 2 * BLOCK, fetch);
    expect(fetches).toEqual([]);
    cache.read('f', BLOCK, BLOCK, BLOCK, fetch);
    expect(fetches).toEqual([[BLOCK, 2 * BLOCK - 1]]);
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
    expect(log).toEqual([`GET ${cachedUrl} sync bytes=${2 * BLOCK}-${3 * BLOCK - 1}`]);
    expect(first.status).toBe(206);
    expect(first.readyState).toBe(4);
    expect(new Uint8Array(first.response as ArrayBuffer)).toEqual(
      file.slice(2 * BLOCK, 2 * BLOCK + 64),
    );
    // Short: the rest of the block only.
    expect(new Uint8Array(second.response as ArrayBuffer)).toEqual(
      file.slice(2 * BLOCK + 64, 3 * BLOCK),
    );
    expect(second.getResponseHeader('Content-Length')).toBe(String(BLOCK - 64));
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
      `GET https://site.test/whole sync bytes=0-${BLOCK - 1}`,
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
