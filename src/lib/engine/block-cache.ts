/**
 * The whole storage blocks of the engine's database files, kept in the engine's worker so that
 * each block crosses the network once and in one request.
 *
 * Why: DuckDB reads a block of a `.duckdb` file as a small read and then the rest, and
 * duckdb-wasm's read-ahead (READAHEAD_BASE 16 KiB, ×4 per sequential read, in its
 * lib/include/duckdb/web/io/readahead_buffer.h) turns that into three synchronous Range requests
 * of 16 KiB, 64 KiB and 256 KiB, the last reaching 80 KiB into the next block, which is usually
 * not needed. Each request is a round trip the query waits for (docs/STACK-NOTES.md, "Range
 * requests"). Reading whole blocks, and answering a read that runs past the cached ones with the
 * cached part only (a short read, which the engine's reader continues where it stopped), makes a
 * block one request of exactly its size.
 *
 * Reads larger than `passThroughBytes` (the read-ahead of a long sequential scan, as a download
 * makes) are not cached: the read-ahead already holds them, and caching them would only evict
 * the blocks worth keeping.
 */
export interface BlockCacheOptions {
  /** Most bytes kept; the least recently used blocks go first. */
  maxBytes: number;
  /** Reads of more bytes than this are fetched as asked and not kept. */
  passThroughBytes: number;
}

/** Fetches bytes `from`..`to` (inclusive) of a file; may return fewer at the end of the file. */
export type FetchRange = (from: number, to: number) => Uint8Array;

export class BlockCache {
  readonly #blocks = new Map<string, Uint8Array>();
  #bytes = 0;
  /** Range requests made, and bytes they returned (read by the tests). */
  fetches = 0;
  fetchedBytes = 0;

  constructor(readonly options: BlockCacheOptions) {}

  get cachedBytes(): number {
    return this.#bytes;
  }

  /**
   * Bytes `start`..`end` (inclusive) of the file at `url`, whose blocks are `blockSize` bytes: all
   * of them, or (when the first is cached and a later one is not) the cached run from `start`.
   * Never empty unless `start` is past the end of the file.
   */
  read(url: string, blockSize: number, start: number, end: number, fetch: FetchRange): Uint8Array {
    if (!(blockSize > 0) || start < 0 || end < start)
      throw new RangeError(`bad read ${start}-${end}`);
    if (end - start + 1 > this.options.passThroughBytes) return this.#fetch(fetch, start, end);
    const index = Math.floor(start / blockSize);
    if (this.#get(url, index)) return this.#cachedRun(url, blockSize, start, end);
    // One block: the engine's read-ahead asks for more than the query needs (a read of 1 MiB
    // after a block it read whole), and the reader asks again for what a short read left out.
    const from = index * blockSize;
    const block = this.#fetch(fetch, from, from + blockSize - 1);
    this.#put(url, index, block);
    return block.subarray(start - from, Math.min(block.length, end - from + 1));
  }

  #cachedRun(url: string, blockSize: number, start: number, end: number): Uint8Array {
    const parts: Uint8Array[] = [];
    let length = 0;
    let position = start;
    while (position <= end) {
      const index = Math.floor(position / blockSize);
      const block = this.#get(url, index);
      if (!block) break;
      const offset = position - index * blockSize;
      if (offset >= block.length) break; // the file's last block, shorter than the others
      const part = block.subarray(offset, Math.min(block.length, offset + end - position + 1));
      parts.push(part);
      length += part.length;
      position += part.length;
      if (block.length < blockSize) break;
    }
    if (parts.length === 1) return parts[0]!;
    const out = new Uint8Array(length);
    let at = 0;
    for (const part of parts) {
      out.set(part, at);
      at += part.length;
    }
    return out;
  }

  #fetch(fetch: FetchRange, from: number, to: number): Uint8Array {
    const data = fetch(from, to);
    this.fetches++;
    this.fetchedBytes += data.length;
    return data;
  }

  #get(url: string, index: number): Uint8Array | undefined {
    const key = `${index} ${url}`;
    const block = this.#blocks.get(key);
    if (block) {
      // Most recently used last: Map keeps insertion order.
      this.#blocks.delete(key);
      this.#blocks.set(key, block);
    }
    return block;
  }

  #put(url: string, index: number, block: Uint8Array): void {
    const key = `${index} ${url}`;
    const old = this.#blocks.get(key);
    if (old) this.#bytes -= old.length;
    this.#blocks.delete(key);
    this.#blocks.set(key, block);
    this.#bytes += block.length;
    for (const [oldest, evicted] of this.#blocks) {
      if (this.#bytes <= this.options.maxBytes) break;
      this.#blocks.delete(oldest);
      this.#bytes -= evicted.length;
    }
  }
}
