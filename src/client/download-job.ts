/**
 * One download, in the browser: query results in batches (pieces of ~50,000 rows for the
 * matching complaints, cut by day — see src/lib/download/chunks.ts — and one query for chart
 * data) → CSV text a few thousand rows at a time → a
 * streaming zip (fflate `Zip` + `ZipDeflate`) → a sink: Blob parts, folded into Blobs every few
 * megabytes so the page never holds the whole file as JS memory, or a file the reader picked
 * (`showSaveFilePicker`), written as it is made. The page yields between slices, so it stays
 * responsive; the AbortSignal is checked between slices, so Cancel stops within a moment and
 * saves nothing. The README and metadata.json go in after the CSV, so they state the rows
 * actually written.
 */
import type { AsyncDuckDBConnection } from '@duckdb/duckdb-wasm';
import { DataType, type Table, type Vector } from 'apache-arrow';
import { Zip, ZipDeflate } from 'fflate';
import {
  chunkQuery,
  CHUNK_ROWS,
  dayCountsQuery,
  KEY_COLUMN,
  keyOf,
  planChunks,
  type RowKey,
} from '../lib/download/chunks';
import { csvFromColumns, csvHeader, type ColumnKind, type CsvColumn } from '../lib/download/csv';
import { rowsQuery, type BuiltQuery } from '../lib/explore/queries';
import type { DataLayout } from '../lib/explore/sources';
import type { ExploreView } from '../lib/explore/view';

/** Rows formatted and compressed between two yields to the page (a few tens of milliseconds). */
const SLICE_ROWS = 2_500;
/** Deflate level: 6 is zlib's default; 4 is ~1.5× faster for a zip a few per cent larger. */
const LEVEL = 4;
/** Blob parts are folded into one Blob when they reach this size. */
const FOLD_BYTES = 8 * 1024 * 1024;

export interface Sink {
  write(chunk: Uint8Array): void | Promise<void>;
  /** The whole file as a Blob, or null when it went straight to disk. */
  finish(): Promise<Blob | null>;
  abort(): Promise<void>;
}

/** Keeps the zip as Blobs: the browser may move Blob data out of the page's memory (even to disk). */
export class BlobSink implements Sink {
  private blobs: Blob[] = [];
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  bytes = 0;

  write(chunk: Uint8Array): void {
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    this.bytes += chunk.length;
    if (this.pendingBytes >= FOLD_BYTES) this.fold();
  }

  private fold(): void {
    if (this.pending.length === 0) return;
    this.blobs.push(new Blob(this.pending as BlobPart[]));
    this.pending = [];
    this.pendingBytes = 0;
  }

  async finish(): Promise<Blob> {
    this.fold();
    const blob = new Blob(this.blobs, { type: 'application/zip' });
    this.blobs = [];
    return blob;
  }

  async abort(): Promise<void> {
    this.blobs = [];
    this.pending = [];
  }
}

interface WritableFile {
  write(data: Uint8Array): Promise<void>;
  close(): Promise<void>;
  abort(reason?: unknown): Promise<void>;
}

/** Writes the zip to a file the reader chose, as it is made (Chromium's File System Access API). */
export class FileSink implements Sink {
  private queue: Promise<void> = Promise.resolve();
  bytes = 0;
  constructor(private readonly file: WritableFile) {}

  write(chunk: Uint8Array): Promise<void> {
    this.bytes += chunk.length;
    this.queue = this.queue.then(() => this.file.write(chunk));
    return this.queue;
  }

  async finish(): Promise<null> {
    await this.queue;
    await this.file.close();
    return null;
  }

  async abort(): Promise<void> {
    await this.queue.catch(() => undefined);
    await this.file.abort().catch(() => undefined);
  }
}

/** The CSV kind of an Arrow column type. */
export function kindOfArrowType(type: DataType): ColumnKind {
  if (DataType.isInt(type) || DataType.isFloat(type) || DataType.isDecimal(type)) return 'number';
  if (DataType.isBool(type)) return 'boolean';
  if (DataType.isDate(type)) return 'date';
  if (DataType.isTimestamp(type)) return 'timestamp';
  return 'text';
}

async function arrow(connection: AsyncDuckDBConnection, query: BuiltQuery): Promise<Table> {
  const statement = await connection.prepare(query.sql);
  try {
    return await statement.query(...query.params);
  } finally {
    await statement.close();
  }
}

/** The matching complaints of a view in pieces: a plan by day, then one query per range of days. */
export async function* plannedBatches(
  connection: AsyncDuckDBConnection,
  view: ExploreView,
  layout: DataLayout,
  signal?: AbortSignal,
  size = CHUNK_ROWS,
): AsyncGenerator<Table> {
  const plan = await arrow(connection, dayCountsQuery(rowsQuery(view, 'bound', layout)));
  const days = plan.toArray().map((row) => ({ day: String(row.day), rows: Number(row.rows) }));
  for (const range of planChunks(days, size)) {
    signal?.throwIfAborted();
    // The same filters, dates narrowed to the range (inside the view's own dates: the days come from its rows).
    const rows = rowsQuery({ ...view, from: range.from, to: range.to, page: 1 }, 'bound', layout);
    if (range.rows <= size) {
      const table = await arrow(connection, rows);
      if (table.numRows > 0) yield table;
    } else yield* keysetBatches(connection, rows, size, signal);
  }
}

/** The matching complaints of a `rowsQuery`, chunk by chunk along their sort order (keyset paging). */
export async function* keysetBatches(
  connection: AsyncDuckDBConnection,
  rows: BuiltQuery,
  size = CHUNK_ROWS,
  signal?: AbortSignal,
): AsyncGenerator<Table> {
  let after: RowKey | null = null;
  for (;;) {
    signal?.throwIfAborted();
    const table = await arrow(connection, chunkQuery(rows, after, size));
    if (table.numRows > 0) yield table;
    if (table.numRows < size) return;
    const last = table.numRows - 1;
    after = keyOf({
      createdUs: table.getChild(KEY_COLUMN)?.get(last),
      sourceFile: table.getChild('source_file')?.get(last),
      sourceLine: table.getChild('source_line')?.get(last),
    });
  }
}

/** One query's result as a single batch (chart data: a few hundred rows at most). */
export async function* singleBatch(
  connection: AsyncDuckDBConnection,
  query: BuiltQuery,
): AsyncGenerator<Table> {
  yield await arrow(connection, query);
}

export interface CsvResult {
  rows: number;
  columns: CsvColumn[];
  neutralisedCells: number;
  csvBytes: number;
}

export interface ZipProgress {
  rows: number;
  expected: number | null;
  /** Compressed bytes written so far. */
  bytes: number;
}

export interface ZipJob {
  csvName: string;
  batches: AsyncIterable<Table>;
  /** Columns used when there are no rows at all (no batch to read them from). */
  emptyColumns: CsvColumn[];
  bom: boolean;
  neutralise: boolean;
  expected: number | null;
  sink: Sink & { bytes: number };
  signal: AbortSignal;
  onProgress(progress: ZipProgress): void;
  /** README.md and metadata.json text, made once the CSV is complete. */
  describe(result: CsvResult): { readme: string; metadata: string };
}

/** Gives the page a turn (input, painting) once the download has held it for BUSY_MS. */
const BUSY_MS = 25;
let lastYield = 0;
async function yieldToPage(): Promise<void> {
  if (performance.now() - lastYield < BUSY_MS) return;
  await new Promise<void>((resolve) => setTimeout(resolve, 0));
  lastYield = performance.now();
}
const decoder = new TextDecoder();

/**
 * A column's values as a plain array. Text is decoded a record batch at a time (one TextDecoder
 * call instead of one per cell) and cut at the offsets when it is all ASCII, which it usually is;
 * everything else goes through Arrow's own getters.
 */
export function columnValues(vector: Vector): unknown[] {
  const out = new Array<unknown>(vector.length);
  let base = 0;
  for (const data of vector.data) {
    const n = data.length;
    const offsets = data.valueOffsets as Int32Array | undefined;
    const bytes = data.values as Uint8Array | undefined;
    if (
      DataType.isUtf8(data.type) &&
      offsets instanceof Int32Array &&
      bytes instanceof Uint8Array
    ) {
      const start = offsets[0]!;
      const end = offsets[n]!;
      const text = decoder.decode(bytes.subarray(start, end));
      const ascii = text.length === end - start;
      const nulls = data.nullCount > 0;
      for (let i = 0; i < n; i++) {
        if (nulls && !data.getValid(i)) out[base + i] = null;
        else
          out[base + i] = ascii
            ? text.substring(offsets[i]! - start, offsets[i + 1]! - start)
            : decoder.decode(bytes.subarray(offsets[i]!, offsets[i + 1]!));
      }
    } else for (let i = 0; i < n; i++) out[base + i] = vector.get(base + i);
    base += n;
  }
  return out;
}

/** Runs a download job to the end (or to Cancel) and returns the finished file. */
export async function writeZip(job: ZipJob): Promise<{ blob: Blob | null; result: CsvResult }> {
  const encoder = new TextEncoder();
  let failure: Error | null = null;
  let writes: Promise<void> = Promise.resolve();
  const zip = new Zip((error, chunk, _final) => {
    if (error) {
      failure = error;
      return;
    }
    const written = job.sink.write(chunk);
    if (written) writes = writes.then(() => written);
  });
  const now = new Date();
  const csv = new ZipDeflate(job.csvName, { level: LEVEL });
  csv.mtime = now;
  zip.add(csv);
  const stats = { neutralised: 0 };
  const options = { neutralise: job.neutralise, stats };
  let columns: CsvColumn[] | null = null;
  let rows = 0;
  let csvBytes = 0;
  const push = async (text: string, final = false) => {
    const bytes = encoder.encode(text);
    csvBytes += bytes.length;
    csv.push(bytes, final);
    await writes;
    if (failure) throw failure;
  };
  try {
    for await (const table of job.batches) {
      job.signal.throwIfAborted();
      const fields = table.schema.fields.filter((f) => f.name !== KEY_COLUMN);
      if (!columns) {
        columns = fields.map((f) => ({ name: f.name, kind: kindOfArrowType(f.type) }));
        await push(csvHeader(columns, { bom: job.bom }));
      }
      const vectors = fields.map((f) => table.getChild(f.name)!);
      const all: unknown[][] = [];
      for (const vector of vectors) {
        all.push(columnValues(vector));
        await yieldToPage();
      }
      for (let start = 0; start < table.numRows; start += SLICE_ROWS) {
        job.signal.throwIfAborted();
        const end = Math.min(table.numRows, start + SLICE_ROWS);
        await push(
          csvFromColumns(
            columns,
            all.map((v) => v.slice(start, end)),
            end - start,
            options,
          ),
        );
        rows += end - start;
        job.onProgress({ rows, expected: job.expected, bytes: job.sink.bytes });
        await yieldToPage();
      }
    }
    job.signal.throwIfAborted();
    if (!columns) {
      columns = job.emptyColumns;
      await push(csvHeader(columns, { bom: job.bom }));
    }
    await push('', true);
    const result: CsvResult = { rows, columns, neutralisedCells: stats.neutralised, csvBytes };
    const { readme, metadata } = job.describe(result);
    for (const [name, text] of [
      ['README.md', readme],
      ['metadata.json', metadata],
    ] as const) {
      const file = new ZipDeflate(name, { level: LEVEL });
      file.mtime = now;
      zip.add(file);
      file.push(encoder.encode(text), true);
    }
    zip.end();
    await writes;
    if (failure) throw failure;
    job.onProgress({ rows, expected: job.expected, bytes: job.sink.bytes });
    return { blob: await job.sink.finish(), result };
  } catch (error) {
    zip.terminate();
    await job.sink.abort();
    throw error;
  }
}

/** Hands a finished Blob to the browser as a file download. */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  // Long enough for any browser to have started reading it.
  setTimeout(() => URL.revokeObjectURL(url), 120_000);
}
