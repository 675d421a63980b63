/**
 * Every chart on a static page travels (issue 11.6): its numbers as CSV, an "explore this" view in
 * /explore/ with the page's filters, its static embed where one exists, and a citation. Pure: the
 * component (components/ChartTools.astro) only lays these out.
 */
import { citationText } from '../cite';
import { csvHeader, csvRows, type CsvColumn } from '../download/csv';
import { DEFAULT_VIEW, serializeExploreView, type ExploreView } from '../explore/view';
import type { Figure } from './figure';
import { cellValue, richCell, type TableSpec } from './table';

/** The figure's numbers table as CSV: numeric columns as plain numbers, text spreadsheet-safe. */
export function figureCsv(table: TableSpec): string {
  const columns: CsvColumn[] = table.columns.map((c) => ({
    name: c.label,
    kind: c.numeric ? 'number' : 'text',
  }));
  const rows = table.rows.map((row) =>
    row.cells.map((cell, i) => {
      if (cell === null) return null;
      const value = cellValue(cell);
      if (columns[i]?.kind === 'number') return typeof value === 'number' ? value : null;
      return richCell(cell)?.text ?? String(value);
    }),
  );
  return csvHeader(columns) + csvRows(columns, rows);
}

/** A `data:` address for the CSV, so the download works without JavaScript and without a file per chart. */
export function csvDataUrl(csv: string): string {
  return `data:text/csv;charset=utf-8,${encodeURIComponent(csv)}`;
}

/** `oh-trend.csv`, `national-map.csv`. */
export function csvFileName(pagePath: string, figureId: string): string {
  const scope = pagePath.split('/').filter(Boolean).join('-') || 'national';
  return `robocall-atlas-${scope}-${figureId}.csv`.replace(/[^a-z0-9.-]+/gi, '-').toLowerCase();
}

/** What a page filters on, read from its address: a state page filters on its state, a subject page on its subject. */
export function pageFilters(pagePath: string): Partial<ExploreView> {
  const state = /^\/states\/([a-z]{2})\/$/.exec(pagePath);
  if (state) return { states: [state[1]!.toUpperCase()] };
  const subject = /^\/subjects\/([a-z0-9-]+)\/$/.exec(pagePath);
  if (subject) return { subjects: [subject[1]!] };
  return {};
}

/**
 * The explorer view closest to a figure on a page, or null when the explorer cannot show it (the
 * Data Book's yearly counts, say). The figure's id and kind say which chart it is.
 */
export function exploreViewFor(
  pagePath: string,
  figure: Pick<Figure, 'id' | 'kind'>,
): Partial<ExploreView> | null {
  const filters = pageFilters(pagePath);
  if (pagePath.startsWith('/providers/')) return { chart: 'providers' };
  if (pagePath.startsWith('/about/')) return null;
  switch (figure.id) {
    case 'rate':
      return { ...filters, chart: 'trend', measure: 'per100k' };
    case 'map':
    case 'rank':
      return { chart: 'map', measure: 'per100k' };
    case 'states':
      return { ...filters, chart: 'map' };
    case 'subjects':
      return { ...filters, chart: 'subjects' };
    case 'area-codes':
      return { ...filters, chart: 'area-codes' };
    case 'callers':
      return { ...filters, chart: 'callers' };
  }
  return figure.kind === 'trend' ? { ...filters, chart: 'trend' } : null;
}

/** `/explore/?state=TX&chart=subjects` for a view (defaults left out, as the explorer writes it). */
export function exploreHref(view: Partial<ExploreView>): string {
  const query = serializeExploreView({ ...DEFAULT_VIEW, ...view, page: 1 });
  return `/explore/${query ? `?${query}` : ''}`;
}

/** The citation of a figure on a page, pointing at the figure's anchor. */
export function figureCitation(input: {
  figure: Pick<Figure, 'id' | 'title' | 'summary'>;
  pageUrl: string;
  dataVersion: string;
  accessed: string;
  synthetic: boolean;
  dataFrom?: string | null;
  dataTo?: string | null;
}): string {
  return citationText({
    title: input.figure.title,
    description: '',
    permalink: `${input.pageUrl}#${input.figure.id}`,
    dataVersion: input.dataVersion,
    accessed: input.accessed,
    synthetic: input.synthetic,
    dataFrom: input.dataFrom ?? null,
    dataTo: input.dataTo ?? null,
  });
}
