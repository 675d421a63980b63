/**
 * One download, in the browser. The matching complaints are written as CSV by the engine itself:
 * pieces of ~50,000 rows cut by day (src/lib/download/chunks.ts), each `COPY (…) TO` a file
 * registered in duckdb-wasm's memory (src/lib/download/csv.ts `csvCopyQuery`: text neutralised in
 * SQL, CRLF, RFC 4180), its bytes copied out and dropped, while the engine already writes the next
 * piece. Chart data (a few hundred rows) is formatted here from Arrow. Either way the bytes go a
 * slice at a time into a streaming zip (fflate `Zip` + `ZipDeflate`) and on to a sink: Blob parts,
 * folded into Blobs every few megabytes so the page never holds the whole file as JS memory, or a
 * file the reader picked (`showSaveFilePicker`), written as it is made. The page yields between
 * slices, so it stays responsive; the AbortSignal is checked between slices, so Cancel stops within
 * a moment and saves nothing. The README and metadata.json go in after the CSV, so they state the
 * rows actually written.
 */
import type { AsyncDuckDB, AsyncDuckDBConnection } from '@duckdb/duckdb-wasm';
import { DataType, type Table, type Vector } from 'apache-arrow';
import { Zip, ZipDeflate } from 'fflate';
import { CHUNK_ROWS, dayCountsQuery, downloadPieces } from '../lib/download/chunks';
import {
  csvCopyQuery,
  csvFromColumns,
  csvHeader,
  type ColumnKind,
  type CsvColumn,
} from '../lib/download/csv';
import { rowsQuery, type BuiltQuery } from '../lib/explore/queries';
import type { DataLayout } from '../lib/explore/sources';
import { DOWNLOAD_DIRECTORY } from './engine-paths';
import type { ExploreView } from '../lib/explore/view';

/** Rows formatted between two yields to the page (a few tens of milliseconds). */
const SLICE_ROWS = 2_500;
/** CSV bytes compressed between two yields to the page (a few tens of milliseconds). */
const SLICE_BYTES = 512 * 1024;
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

/** Part of the CSV, as UTF-8 bytes, and how many rows it holds. */
export interface CsvPiece {
  bytes: Uint8Array;
  rows: number;
}

/** A CSV made piece by piece; `summary` is complete once the pieces are. */
export interface CsvStream {
  pieces: AsyncIterable<CsvPiece>;
  summary: { columns: CsvColumn[]; neutralisedCells: number };
}

const encoder = new TextEncoder();

/** The steps of a download that are timed (User Timing measures `download:<step>`). */
const STAGES = ['plan', 'copy', 'copy-out', 'wait-for-piece', 'deflate', 'finish'] as const;

/** Forgets the previous download's timings, so the page keeps only one download's worth. */
function clearTimings(): void {
  for (const step of STAGES) performance.clearMeasures(`download:${step}`);
}

/**
 * Runs `step` and records how long it took as a User Timing measure `download:<name>`, so the
 * downloads benchmark can say where a download's time goes (bench/downloads.ts reads them).
 */
async function timed<T>(name: (typeof STAGES)[number], step: () => Promise<T>): Promise<T> {
  const start = performance.now();
  try {
    return await step();
  } finally {
    performance.measure(`download:${name}`, { start });
  }
}

/** One file per download, in the only directory the engine may write to. */
let downloadFiles = 0;

/**
 * The matching complaints of a view as CSV written by the engine: the header, then a plan by day
 * (which also counts the cells the spreadsheet rule changes), then one `COPY` per piece into a file
 * of the engine's memory, copied out and emptied. The next piece is being written while the page
 * compresses this one.
 */
export function engineCsv(
  db: AsyncDuckDB,
  connection: AsyncDuckDBConnection,
  view: ExploreView,
  layout: DataLayout,
  options: {
    columns: CsvColumn[];
    bom: boolean;
    neutralise: boolean;
    signal: AbortSignal;
    size?: number;
  },
): CsvStream {
  const summary = { columns: options.columns, neutralisedCells: 0 };
  const download = ++downloadFiles;
  async function* pieces(): AsyncGenerator<CsvPiece> {
    yield { bytes: encoder.encode(csvHeader(options.columns, { bom: options.bom })), rows: 0 };
    const textColumns = options.columns.filter((c) => c.kind === 'text').map((c) => c.name);
    const plan = await timed('plan', () =>
      arrow(
        connection,
        dayCountsQuery(rowsQuery(view, 'bound', layout), options.neutralise ? textColumns : []),
      ),
    );
    const days = plan.toArray().map((row) => {
      summary.neutralisedCells += Number(row.formulas ?? 0);
      return { day: String(row.day), rows: Number(row.rows) };
    });
    const planned = downloadPieces(view, layout, days, options.size ?? CHUNK_ROWS);
    // A file of its own for each piece: copying a buffer file out leaves it unusable for writing.
    const write = async (index: number): Promise<Uint8Array> => {
      const file = `${DOWNLOAD_DIRECTORY}complaints-${download}-${index}.csv`;
      await db.registerEmptyFileBuffer(file);
      try {
        const copy = csvCopyQuery(planned[index]!.query, options.columns, file, options);
        await timed('copy', async () => {
          const statement = await connection.prepare(copy.sql);
          try {
            await statement.query(...copy.params);
          } finally {
            await statement.close();
          }
        });
        return await timed('copy-out', () => db.copyFileToBuffer(file));
      } finally {
        await db.dropFile(file);
      }
    };
    let next: Promise<Uint8Array> | null = planned.length ? write(0) : null;
    try {
      for (let i = 0; i < planned.length; i++) {
        const bytes: Uint8Array = await timed('wait-for-piece', () => next!);
        options.signal.throwIfAborted();
        next = i + 1 < planned.length ? write(i + 1) : null;
        yield { bytes, rows: planned[i]!.rows };
      }
    } finally {
      await next?.catch(() => undefined);
    }
  }
  return { pieces: pieces(), summary };
}

/**
 * Query results as CSV formatted here (chart data, the table's page): the header from the first
 * batch's fields (or `emptyColumns` when there is none), then the rows a slice at a time.
 */
export function arrowCsv(
  batches: AsyncIterable<Table>,
  options: { emptyColumns: CsvColumn[]; bom: boolean; neutralise: boolean; signal: AbortSignal },
): CsvStream {
  const stats = { neutralised: 0 };
  const summary = { columns: options.emptyColumns, neutralisedCells: 0 };
  async function* pieces(): AsyncGenerator<CsvPiece> {
    let columns: CsvColumn[] | null = null;
    for await (const table of batches) {
      options.signal.throwIfAborted();
      const fields = table.schema.fields;
      if (!columns) {
        columns = fields.map((f) => ({ name: f.name, kind: kindOfArrowType(f.type) }));
        summary.columns = columns;
        yield { bytes: encoder.encode(csvHeader(columns, { bom: options.bom })), rows: 0 };
      }
      const all: unknown[][] = [];
      for (const field of fields) {
        all.push(columnValues(table.getChild(field.name)!));
        await yieldToPage();
      }
      for (let start = 0; start < table.numRows; start += SLICE_ROWS) {
        options.signal.throwIfAborted();
        const end = Math.min(table.numRows, start + SLICE_ROWS);
        const text = csvFromColumns(
          columns,
          all.map((v) => v.slice(start, end)),
          end - start,
          { neutralise: options.neutralise, stats },
        );
        summary.neutralisedCells = stats.neutralised;
        yield { bytes: encoder.encode(text), rows: end - start };
        await yieldToPage();
      }
    }
    if (!columns)
      yield {
        bytes: encoder.encode(csvHeader(options.emptyColumns, { bom: options.bom })),
        rows: 0,
      };
  }
  return { pieces: pieces(), summary };
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
  csv: CsvStream;
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
// ignoreBOM: a text cell may start with U+FEFF, and a default decoder would silently drop it.
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

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
  clearTimings();
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
  let rows = 0;
  let csvBytes = 0;
  const push = async (bytes: Uint8Array, final = false) => {
    csvBytes += bytes.length;
    const start = performance.now();
    csv.push(bytes, final);
    performance.measure('download:deflate', { start });
    await writes;
    if (failure) throw failure;
  };
  try {
    for await (const piece of job.csv.pieces) {
      for (let start = 0; start < piece.bytes.length; start += SLICE_BYTES) {
        job.signal.throwIfAborted();
        await push(piece.bytes.subarray(start, start + SLICE_BYTES));
        await yieldToPage();
      }
      rows += piece.rows;
      job.onProgress({ rows, expected: job.expected, bytes: job.sink.bytes });
    }
    job.signal.throwIfAborted();
    await push(new Uint8Array(0), true);
    const { columns, neutralisedCells } = job.csv.summary;
    const result: CsvResult = { rows, columns, neutralisedCells, csvBytes };
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
    return { blob: await timed('finish', () => job.sink.finish()), result };
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
