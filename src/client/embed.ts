/**
 * /embed/?… in the browser: the explorer's URL grammar (parsed by the same code, so nothing the
 * URL says reaches SQL or HTML unchecked), the same engine and queries, and the same chart
 * functions; only the chart, its title, the count, the source and a link to the full view.
 * Everything from the URL is written with textContent.
 */
import { CHART_TITLES } from '../lib/catalog/enums';
import { describeFilters } from '../lib/explore/describe';
import { exploreUrl } from '../lib/embed/snippet';
import { renderChart, type Row } from '../lib/explore/render';
import { parseExploreView, serializeExploreView } from '../lib/explore/view';
import { cubeData, engineData } from './view-data';
import { showIgnored } from './ignored';
import { columnHeader, formatCell } from '../lib/explore/cells';
import { renderTable } from './table';
import { readViewContext } from './view-context';
import { numbersTable, partialMarks, shapeView, showNotes } from './chart-numbers';
import { effectiveView } from '../lib/numbers/measures';
import type { ShapedChart } from '../lib/numbers/chart-data';

export function startEmbed(): void {
  const { config, names, vocabulary, layout, populations, dataRange } = readViewContext();
  const role = <T extends HTMLElement>(name: string) =>
    document.querySelector<T>(`[data-role="${name}"]`)!;
  const ui = {
    title: role('chart-title'),
    filters: role('filters-text'),
    count: role('match-count'),
    versionNote: role('version-note'),
    ignored: role('ignored'),
    status: role('engine-status'),
    chart: role('chart'),
    table: role('table-wrap'),
    fullView: role<HTMLAnchorElement>('full-view'),
  };
  const parsed = parseExploreView(new URLSearchParams(location.search), vocabulary);
  // A measure or interval the chart cannot show is not silently ignored: the embed shows counts and says why.
  const { view, adjusted } = effectiveView(parsed.view, populations);
  const ignored = [
    ...parsed.ignored,
    ...adjusted.map((a) => ({ key: a.key, value: a.value, reason: a.reason })),
  ];

  const title = CHART_TITLES[view.chart];
  const filters = describeFilters(view, names);
  ui.title.textContent = title;
  ui.filters.textContent = filters;
  document.title = `${title}: ${filters} · Robocall Atlas`;
  // The full view keeps the version the link was made with, so the explorer says so too.
  ui.fullView.href = exploreUrl(
    location.origin,
    serializeExploreView({ ...view, v: view.v ?? config.dataVersion }),
  );
  showIgnored(ui.ignored, ignored, { limit: 5, maxLength: 60 });
  if (view.v && view.v !== config.dataVersion) {
    ui.versionNote.hidden = false;
    ui.versionNote.textContent = `This chart was made with data version ${view.v}; it now shows version ${config.dataVersion}, so the numbers may differ from what its author saw.`;
  }

  // The host page may size its iframe to the content once the chart is there (embed-resize.ts).
  const ready = () =>
    document.querySelector('[data-role="embed"]')?.removeAttribute('data-embed-pending');

  let rows: Row[] | null = null;
  let shaped: ShapedChart | null = null;
  let width = 0;
  const draw = () => {
    if (!rows || !shaped) return;
    const next = Math.max(280, Math.min(960, Math.round(ui.chart.clientWidth || 600)));
    if (next === width && ui.chart.childElementCount > 0) return;
    width = next;
    const chart = renderChart(view, shaped.chartRows, {
      names,
      width,
      unit: shaped.unit,
      partial: partialMarks(shaped),
    });
    if (chart) {
      ui.chart.replaceChildren(chart);
      // The numbers behind the chart, folded away: for screen readers and for checking.
      const details = document.createElement('details');
      const summary = document.createElement('summary');
      summary.textContent = 'The numbers behind this chart';
      const notes = document.createElement('ul');
      notes.dataset.role = 'chart-notes';
      showNotes(notes, shaped.notes);
      details.append(summary, numbersTable(shaped), notes);
      ui.table.replaceChildren(details);
    } else {
      ui.chart.replaceChildren();
      ui.table.replaceChildren(
        renderTable(rows.slice(0, 20), {
          columns: ['created_at', 'state', 'city', 'subject', 'robocall', 'caller_number'],
          caption: 'The first complaints',
          format: (column, value) => formatCell(column, value, names),
          header: columnHeader,
        }),
      );
    }
  };

  // The engine (and its 8 MB) only when the cube cannot answer this view; loaded on demand, so an
  // embed the cube answers never even downloads its code.
  const fromEngine = async () => {
    const { startEngine } = await import('./engine');
    const engine = await startEngine(config.files, (stage) => {
      if (stage !== 'ready')
        ui.status.textContent =
          stage === 'loading engine'
            ? 'Loading the database engine…'
            : stage === 'starting engine'
              ? 'Starting the database engine…'
              : 'Opening the data…';
    });
    ui.status.textContent = 'Counting…';
    return engineData(engine, view, layout);
  };

  cubeData(view, config)
    .then(async (fromCube) => {
      const data = fromCube ?? (await fromEngine());
      ui.count.textContent = data.count.toLocaleString('en-US');
      rows = data.rows;
      shaped = shapeView(view, data.rows, names, dataRange);
      draw();
      const root = document.querySelector<HTMLElement>('[data-role="embed"]')!;
      root.dataset.computedBy = data.computedBy;
      root.dataset.shown = location.search;
      ui.status.textContent = '';
      ready();
      if ('ResizeObserver' in window) {
        let timer = 0;
        new ResizeObserver(() => {
          clearTimeout(timer);
          timer = window.setTimeout(draw, 150);
        }).observe(ui.chart);
      }
    })
    .catch((error: unknown) => {
      ready();
      ui.count.textContent = '—';
      ui.status.textContent = `The chart could not be drawn: ${error instanceof Error ? error.message.slice(0, 200) : String(error)}. `;
      const a = document.createElement('a');
      a.href = ui.fullView.href;
      a.textContent = 'See it on Robocall Atlas';
      ui.status.append(a, '.');
    });
}
