/**
 * The XMLHttpRequest of the engine's worker (src/client/engine-worker.ts): duckdb-wasm reads its
 * database files with synchronous Range GETs through it (its runtime's `readFile`), and those of
 * the files given here are answered from a BlockCache. Every other request (HEAD, asynchronous,
 * other files) is the browser's own, untouched.
 */
import type { BlockCache } from './block-cache';

/** Bytes `start`..`end` of a `Range: bytes=start-end` header; null for any other form. */
export function parseByteRange(header: string | null): { start: number; end: number } | null {
  const match = header ? /^bytes=(\d+)-(\d+)$/.exec(header.trim()) : null;
  if (!match) return null;
  const start = Number(match[1]);
  const end = Number(match[2]);
  return Number.isSafeInteger(start) && Number.isSafeInteger(end) && start <= end
    ? { start, end }
    : null;
}

/** The server answered a Range request with something else than 206: leave the read to the engine. */
class NotPartial extends Error {}

interface Pending {
  method: string;
  url: string;
  sync: boolean;
  range: string | null;
}

/** What a request answered from the cache reports. */
const RESPONSE_MEMBERS = ['status', 'statusText', 'response', 'readyState'] as const;

/**
 * A subclass of `Native` whose synchronous Range GETs of a URL in `blockSizes` (URL → the file's
 * storage block size) are answered by `cache`, each whole block fetched once.
 */
export function blockCachingXhr(
  Native: typeof XMLHttpRequest,
  cache: BlockCache,
  blockSizes: ReadonlyMap<string, number>,
): typeof XMLHttpRequest {
  const pending = new WeakMap<XMLHttpRequest, Pending>();
  const served = new WeakMap<XMLHttpRequest, ArrayBuffer>();

  const fetchRange = (url: string, from: number, to: number): Uint8Array => {
    const request = new Native();
    request.open('GET', url, false);
    request.responseType = 'arraybuffer';
    request.setRequestHeader('Range', `bytes=${from}-${to}`);
    request.send(null);
    if (request.status !== 206) throw new NotPartial();
    return new Uint8Array(request.response as ArrayBuffer);
  };

  class BlockCachingXhr extends Native {
    override open(
      method: string,
      url: string | URL,
      async = true,
      username?: string | null,
      password?: string | null,
    ): void {
      pending.set(this, {
        method: method.toUpperCase(),
        url: String(url),
        sync: !async,
        range: null,
      });
      served.delete(this);
      super.open(method, url, async, username, password);
    }

    override setRequestHeader(name: string, value: string): void {
      const request = pending.get(this);
      if (request && name.toLowerCase() === 'range') request.range = value;
      super.setRequestHeader(name, value);
    }

    override send(body?: Document | XMLHttpRequestBodyInit | null): void {
      const request = pending.get(this);
      const blockSize = request ? blockSizes.get(request.url) : undefined;
      const range =
        request?.sync && request.method === 'GET' && blockSize
          ? parseByteRange(request.range)
          : null;
      if (!request || !blockSize || !range) return super.send(body);
      try {
        const bytes = cache.read(request.url, blockSize, range.start, range.end, (from, to) =>
          fetchRange(request.url, from, to),
        );
        served.set(this, ownBuffer(bytes));
      } catch (error) {
        if (!(error instanceof NotPartial)) throw error;
        super.send(body);
      }
    }

    override getResponseHeader(name: string): string | null {
      const buffer = served.get(this);
      if (!buffer) return super.getResponseHeader(name);
      return name.toLowerCase() === 'content-length' ? String(buffer.byteLength) : null;
    }
  }

  // The response's members are accessors of XMLHttpRequest.prototype (TypeScript declares them as
  // properties, so a class cannot override them): answered here for a request the cache served.
  const answers: Record<(typeof RESPONSE_MEMBERS)[number], (buffer: ArrayBuffer) => unknown> = {
    status: () => 206,
    statusText: () => 'Partial Content',
    response: (buffer) => buffer,
    readyState: () => 4, // DONE
  };
  for (const name of RESPONSE_MEMBERS) {
    const native = findGetter(Native.prototype, name);
    Object.defineProperty(BlockCachingXhr.prototype, name, {
      configurable: true,
      get(this: XMLHttpRequest) {
        const buffer = served.get(this);
        return buffer ? answers[name](buffer) : native.call(this);
      },
    });
  }
  return BlockCachingXhr;
}

function findGetter(prototype: object, name: string): () => unknown {
  for (let at: object | null = prototype; at; at = Object.getPrototypeOf(at) as object | null) {
    const getter = Object.getOwnPropertyDescriptor(at, name)?.get;
    if (getter) return getter;
  }
  throw new Error(`XMLHttpRequest has no ${name}`);
}

/** An ArrayBuffer holding exactly `bytes`. */
function ownBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
    ? (bytes.buffer as ArrayBuffer)
    : (bytes.slice().buffer as ArrayBuffer);
}
