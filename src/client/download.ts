/**
 * The explorer's download panel: the matching complaints (`[data-role=download-rows]`) and what
 * the chart shows (`[data-role=download-aggregate]`), each as a zip holding the CSV, README.md and
 * metadata.json. The row count is on the button before anything is downloaded; large downloads
 * run in chunks with a progress bar and a Cancel button (download-job.ts).
 */
import type { AsyncDuckDBConnection } from '@duckdb/duckdb-wasm';
import { CHUNK_ROWS } from '../lib/download/chunks';
import { csvName, downloadName } from '../lib/download/filename';
import {
  catalogType,
  describeColumn,
  metadataJson,
  readme,
  type DataFacts,
  type DownloadDescription,
} from '../lib/download/metadata';
import type { CsvColumn } from '../lib/download/csv';
import { kindOfDuckDbType } from '../lib/download/csv';
import { COMPLAINT_COLUMNS } from '../lib/catalog/tables';
import { CHART_TITLES } from '../lib/catalog/enums';
import { describeFilters } from '../lib/explore/describe';
import { chartQuery, ROW_COLUMNS, rowsQuery } from '../lib/explore/queries';
import type { ViewContext } from '../lib/explore/context';
import { serializeExploreView, type ExploreView } from '../lib/explore/view';
import {
  arrowCsv,
  BlobSink,
  engineCsv,
  FileSink,
  saveBlob,
  singleBatch,
  writeZip,
  type CsvResult,
  type Sink,
} from './download-job';
import type { Engine } from './engine';
import type { ShapedChart } from '../lib/numbers/chart-data';
import { shapedBatch } from './chart-numbers';

export interface DownloadContext extends Pick<
  ViewContext,
  'names' | 'stateNames' | 'subjectNames' | 'layout'
> {
  facts: DataFacts;
}

export interface DownloadView {
  view: ExploreView;
  /** Matching complaints, once counted. */
  matching: number | null;
  /** Rows of the chart data, once queried. */
  chartRows: number | null;
  /** The chart's numbers as the page shows them (src/lib/numbers/chart-data.ts): the aggregate download writes these. */
  chart?: ShapedChart | null;
}

/** Rough CSV bytes per complaint, for the size estimate shown before a large download. */
const BYTES_PER_ROW = 150;
const LARGE = 250_000;

type Kind = 'rows' | 'aggregate';

interface SavePicker {
  showSaveFilePicker(options: {
    suggestedName: string;
    types: { description: string; accept: Record<string, string[]> }[];
  }): Promise<{ createWritable(): Promise<ConstructorParameters<typeof FileSink>[0]> }>;
}

const fmt = (n: number) => n.toLocaleString('en-US');

function megabytes(bytes: number): string {
  if (bytes < 1e6) return `${Math.max(1, Math.round(bytes / 1e3))} KB`;
  return bytes >= 10e6 ? `${Math.round(bytes / 1e6)} MB` : `${(bytes / 1e6).toFixed(1)} MB`;
}

export function mountDownloads(
  root: HTMLElement,
  context: DownloadContext,
): { setEngine(engine: Engine): void; update(view: DownloadView): void } {
  const role = <T extends HTMLElement>(name: string) =>
    root.querySelector<T>(`[data-role="${name}"]`)!;
  const ui = {
    rows: role<HTMLButtonElement>('download-rows'),
    rowsCount: role('download-rows-count'),
    aggregate: role<HTMLButtonElement>('download-aggregate'),
    aggregateCount: role('download-aggregate-count'),
    bom: role<HTMLInputElement>('download-bom'),
    neutralise: role<HTMLInputElement>('download-neutralise'),
    directWrap: role('download-direct-wrap'),
    direct: role<HTMLInputElement>('download-direct'),
    large: role('download-large'),
    progressBox: role('download-progress'),
    progress: role<HTMLProgressElement>('download-progress-bar'),
    progressText: role('download-progress-text'),
    cancel: role<HTMLButtonElement>('download-cancel'),
    status: role('download-status'),
  };
  let engine: Engine | null = null;
  let view: DownloadView | null = null;
  let running: AbortController | null = null;
  const picker = (window as unknown as Partial<SavePicker>).showSaveFilePicker
    ? (window as unknown as SavePicker)
    : null;
  ui.directWrap.hidden = picker === null;

  const render = () => {
    const ready = engine !== null && view !== null && running === null;
    const matching = view?.matching ?? null;
    const chartRows = view?.chartRows ?? null;
    ui.rows.disabled = !ready || matching === null;
    ui.aggregate.disabled = !ready || chartRows === null;
    ui.rowsCount.textContent = matching === null ? '…' : fmt(matching);
    ui.aggregateCount.textContent =
      chartRows === null ? '…' : `${fmt(chartRows)} row${chartRows === 1 ? '' : 's'}`;
    const large = matching !== null && matching >= LARGE;
    ui.large.hidden = !large;
    if (large && matching !== null) {
      ui.large.textContent = `That is about ${megabytes(matching * BYTES_PER_ROW)} of CSV (the zip is about a sixth of that). It is made in pieces of 50,000 rows, with progress, and you can cancel it. For everything, the yearly files on the data page are faster.`;
    }
  };

  const start = async (kind: Kind) => {
    if (!engine || !view || running) return;
    const snapshot = view;
    const expected = kind === 'rows' ? snapshot.matching : snapshot.chartRows;
    const name = downloadName(kind, snapshot.view, context.facts.dataVersion);
    let sink: Sink & { bytes: number };
    if (picker && ui.direct.checked) {
      try {
        // Must be the first thing the click does: the picker needs the click's user activation.
        const handle = await picker.showSaveFilePicker({
          suggestedName: name,
          types: [{ description: 'Zip archive', accept: { 'application/zip': ['.zip'] } }],
        });
        sink = new FileSink(await handle.createWritable());
      } catch {
        ui.status.textContent = 'No file was chosen; nothing was downloaded.';
        return;
      }
    } else sink = new BlobSink();
    const controller = new AbortController();
    running = controller;
    render();
    ui.progressBox.hidden = false;
    ui.progress.removeAttribute('value');
    ui.progressText.textContent = 'Starting…';
    ui.status.textContent = '';
    const t0 = performance.now();
    let connection: AsyncDuckDBConnection | null = null;
    try {
      // A connection of its own, so the explorer's queries keep running between chunks.
      connection = await engine.db.connect();
      const conn = connection;
      const view = snapshot.view;
      const query =
        kind === 'rows'
          ? rowsQuery(view, 'bound', context.layout)
          : chartQuery(view, 'bound', context.layout);
      const literal =
        kind === 'rows'
          ? rowsQuery(view, 'literal', context.layout)
          : chartQuery(view, 'literal', context.layout);
      const shaped = kind === 'aggregate' ? (snapshot.chart ?? null) : null;
      const options = {
        bom: ui.bom.checked,
        neutralise: ui.neutralise.checked,
        signal: controller.signal,
      };
      const { blob, result } = await writeZip({
        csvName: csvName(kind, view),
        csv:
          kind === 'rows'
            ? engineCsv(engine.db, conn, view, context.layout, {
                ...options,
                columns: ROW_COLUMNS.map((c) => ({
                  name: c,
                  kind: kindOfDuckDbType(
                    COMPLAINT_COLUMNS.find((x) => x.name === c)?.type ?? 'VARCHAR',
                  ),
                })),
                size: chunkRows(),
              })
            : arrowCsv(shaped ? shapedBatch(shaped) : singleBatch(conn, query), {
                ...options,
                emptyColumns: (shaped?.download.columns ?? []).map((c) => ({
                  name: c.name,
                  kind: c.kind,
                })),
              }),
        expected,
        sink,
        signal: controller.signal,
        onProgress: ({ rows, expected: total, bytes }) => {
          if (total) {
            ui.progress.max = total;
            ui.progress.value = Math.min(rows, total);
          }
          ui.progressText.textContent = `${fmt(rows)}${total ? ` of ${fmt(total)}` : ''} rows written${total ? ` (${Math.floor((100 * rows) / Math.max(1, total))}%)` : ''}, ${megabytes(bytes)} zipped`;
        },
        describe: (csv) => {
          const description = describe(
            kind,
            snapshot,
            csv,
            literal.sql,
            query.sql,
            query.params,
            ui.bom.checked,
            ui.neutralise.checked,
          );
          return {
            readme: readme(description),
            metadata: `${JSON.stringify(metadataJson(description), null, 2)}\n`,
          };
        },
      });
      if (blob) saveBlob(blob, name);
      const seconds = ((performance.now() - t0) / 1000).toFixed(1);
      ui.status.textContent = `${blob ? 'Downloaded' : 'Saved'} ${name}: ${fmt(result.rows)} ${kind === 'rows' ? 'complaints' : 'rows of chart data'}, ${megabytes(sink.bytes)}, in ${seconds} s.`;
      root.dataset.lastRows = String(result.rows);
    } catch (error) {
      if (controller.signal.aborted)
        ui.status.textContent = 'Download cancelled; nothing was saved.';
      else
        ui.status.textContent = `The download failed: ${error instanceof Error ? error.message : String(error)}`;
    } finally {
      await connection?.close().catch(() => undefined);
      running = null;
      ui.progressBox.hidden = true;
      render();
    }
  };

  /** Rows per piece: CHUNK_ROWS, or the panel's `data-chunk-rows` (tests use it to reach the keyset path with little data). */
  const chunkRows = () => {
    const asked = Number(root.dataset.chunkRows);
    return Number.isInteger(asked) && asked >= 1 ? asked : CHUNK_ROWS;
  };

  const describe = (
    kind: Kind,
    snapshot: DownloadView,
    csv: CsvResult,
    sql: string,
    boundSql: string,
    boundParams: (string | number | boolean)[],
    bom: boolean,
    neutralised: boolean,
  ): DownloadDescription => {
    const view = snapshot.view;
    const shapedColumns = new Map(
      (kind === 'aggregate' ? (snapshot.chart?.download.columns ?? []) : []).map((c) => [
        c.name,
        c.description,
      ]),
    );
    const query = serializeExploreView({ ...view, v: context.facts.dataVersion });
    const site = location.origin;
    const columns = csv.columns.map((c: CsvColumn) => ({
      name: c.name,
      type: (kind === 'rows' ? catalogType(c.name) : undefined) ?? c.kind,
      kind: c.kind,
      description: shapedColumns.get(c.name) ?? describeColumn(c.name, kind, view),
    }));
    return {
      kind,
      csvFile: csvName(kind, view),
      view,
      chartTitle: CHART_TITLES[view.chart],
      filtersText: describeFilters(view, context.names),
      stateNames: context.stateNames,
      subjectNames: context.subjectNames,
      site,
      permalink: `${site}/explore/${query ? `?${query}` : ''}`,
      sql,
      boundSql,
      boundParams,
      columns,
      rows: csv.rows,
      expectedRows: kind === 'rows' ? snapshot.matching : snapshot.chartRows,
      ...(kind === 'aggregate' && snapshot.chart
        ? { notes: snapshot.chart.notes, shaped: true }
        : {}),
      csv: { bom, neutralised, neutralisedCells: csv.neutralisedCells, bytes: csv.csvBytes },
      createdAt: new Date().toISOString(),
      data: {
        ...context.facts,
        parquet: context.facts.parquet.map((p) => ({ ...p, url: new URL(p.url, site).href })),
        reference: context.facts.reference.map((r) => ({ ...r, url: new URL(r.url, site).href })),
      },
    };
  };

  ui.rows.addEventListener('click', () => void start('rows'));
  ui.aggregate.addEventListener('click', () => void start('aggregate'));
  ui.cancel.addEventListener('click', () => running?.abort());
  render();

  return {
    setEngine(next) {
      engine = next;
      render();
    },
    update(next) {
      view = next;
      render();
    },
  };
}
