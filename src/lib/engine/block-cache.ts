/**
 * The engine's database files in pieces of their storage block size, kept in the engine's worker
 * so that each piece crosses the network once, and each storage block the engine reads costs one
 * request.
 *
 * Why: DuckDB reads a block of a `.duckdb` file as a small read and then the rest, and
 * duckdb-wasm's read-ahead (READAHEAD_BASE 16 KiB, ×4 per sequential read, in its
 * lib/include/duckdb/web/io/readahead_buffer.h) turns that into three synchronous Range requests
 * of 16 KiB, 64 KiB and 256 KiB, the last reaching into the next block, which is usually not
 * needed. Each request is a round trip the query waits for (docs/STACK-NOTES.md, "Range
 * requests"). Reading whole pieces, and answering a read that runs past the cached ones with the
 * cached part only (a short read, which the engine's reader continues where it stopped), makes
 * those reads one request.
 *
 * The pieces are counted from byte 0, but a file's storage blocks begin after its 12 KiB of
 * headers (block n at 12,288 + n × the block size) and duckdb-wasm starts each read at a multiple
 * of 16 KiB, 12 KiB before the block: so the read of one storage block always ends 12 KiB into the
 * next piece. A read that starts a new stretch of the file therefore fetches its piece and the
 * next one, in one request (a state's first row view: 17–23 requests → 10–13, the same bytes).
 * A read that continues a stretch fetches one piece while the stretch is short (the row view's
 * case: a column's stretch in a few row groups), and twice as many as the stretch's last fetch once
 * it has been read in order for `growAfterBytes` (a scan, as a download makes), up to
 * `maxFetchBytes` and never more than the read asks for.
 * Why not fetch what the engine asks: its read-ahead grows ×4 per read in order, to 16 MiB, and
 * with short answers it reads in order often, so a row view would move megabytes it never uses
 * (the bench measured 37.3 → 67.9 MB for 20 row views when such reads went to the network as
 * asked). Fetches of more than `keepFetchesUpTo` bytes (a scan's) are not kept: nothing reads
 * them twice, and they would evict the pieces worth keeping.
 */
export interface BlockCacheOptions {
  /** Most bytes kept; the least recently used blocks go first. */
  maxBytes: number;
  /** Blocks of a fetch larger than this are returned but not kept. */
  keepFetchesUpTo: number;
  /** Bytes of a stretch read in order, one block per fetch, before its fetches grow. */
  growAfterBytes: number;
  /** Most bytes in one fetch (rounded down to whole blocks, at least one). */
  maxFetchBytes: number;
}

/** Fetches bytes `from`..`to` (inclusive) of a file; may return fewer at the end of the file. */
export type FetchRange = (from: number, to: number) => Uint8Array;

/** Stretches followed at once: the engine keeps ten read heads (READ_HEAD_COUNT). */
const STREAMS = 10;

/** A stretch of a file read in order: where it began and ended, and its last fetch's blocks. */
interface Stream {
  url: string;
  start: number;
  end: number;
  lastFetch: number;
}

export class BlockCache {
  readonly #blocks = new Map<string, Uint8Array>();
  #bytes = 0;
  #streams: Stream[] = [];
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
    const stream = this.#streams.find((s) => s.url === url && s.end === start);
    const index = Math.floor(start / blockSize);
    let bytes: Uint8Array;
    let fetched = stream?.lastFetch ?? 0;
    if (this.#get(url, index)) bytes = this.#cachedRun(url, blockSize, start, end);
    else {
      fetched = this.#fetchSize(url, blockSize, index, end, stream);
      const from = index * blockSize;
      const data = this.#fetch(fetch, from, from + fetched * blockSize - 1);
      // Copies: a kept block must not keep the whole response it came in alive.
      if (data.length <= this.options.keepFetchesUpTo)
        for (let offset = 0; offset < data.length; offset += blockSize)
          this.#put(url, index + offset / blockSize, data.slice(offset, offset + blockSize));
      bytes = data.subarray(start - from, Math.min(data.length, end - from + 1));
    }
    const next: Stream = {
      url,
      start: stream?.start ?? start,
      end: start + bytes.length,
      lastFetch: fetched,
    };
    this.#streams = [next, ...this.#streams.filter((s) => s !== stream)].slice(0, STREAMS);
    return bytes;
  }

  /** Blocks to fetch from block `index` for a read to `end`: see the file's comment. */
  #fetchSize(
    url: string,
    blockSize: number,
    index: number,
    end: number,
    stream: Stream | undefined,
  ): number {
    const { growAfterBytes, maxFetchBytes } = this.options;
    const most = Math.max(1, Math.floor(maxFetchBytes / blockSize));
    // A new stretch: this piece and the next, where the storage block being read ends.
    if (!stream) return this.#has(url, index + 1) ? 1 : Math.min(2, most);
    if ((index - Math.floor(stream.start / blockSize)) * blockSize < growAfterBytes) return 1;
    const wanted = Math.min(
      Math.max(1, stream.lastFetch * 2),
      most,
      Math.floor(end / blockSize) - index + 1,
    );
    // Up to the next cached block: it is not fetched again.
    for (let next = index + 1; next < index + wanted; next++)
      if (this.#has(url, next)) return next - index;
    return wanted;
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

  #has(url: string, index: number): boolean {
    return this.#blocks.has(`${index} ${url}`);
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
