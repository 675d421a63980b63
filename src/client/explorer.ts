/**
 * /explore/ in the browser: URL ⇄ view state ⇄ controls, queries from the pure builders, charts
 * from the shared chart functions. This file only wires; every decision is in src/lib/explore.
 */
import { CHART_TITLES, describeFilters, type Names } from '../lib/explore/describe';
import type { ExploreConfig } from '../lib/explore/page-config';
import { chartQuery, countQuery, PAGE_SIZE, type BuiltQuery } from '../lib/explore/queries';
import { renderChart, type Row } from '../lib/explore/render';
import type { DataLayout } from '../lib/explore/sources';
import { DEFAULT_STATE, parseExploreState, serializeExploreState, type ExploreState } from '../lib/explore/view';
import type { DataFacts } from '../lib/download/metadata';
import { mountConsole, type ConsoleUi } from './console';
import { mountDownloads } from './download';
import { mountShare } from './embed-share';
import { startEngine, yearAlias, type Engine, type EngineStage } from './engine';
import { runQuery } from './query';
import { formatCell, renderTable } from './table';
import { showIgnored } from './ignored';

const STAGE_TEXT: Record<EngineStage, string> = {
  'loading engine': 'Loading the database engine (about 8 MB, once)…',
  'starting engine': 'Starting the database engine…',
  'opening data': 'Opening the data…',
  ready: '',
};
const SLOW_START_MS = 30_000;

export function startExplorer(): void {
  const config = JSON.parse(document.getElementById('explore-config')!.textContent!) as ExploreConfig;
  const ui = elements();
  const stateNames = new Map(config.states.map((s) => [s.usps, s.name]));
  const subjectNames = new Map(config.subjects.map((s) => [s.slug, s.label]));
  const names: Names = { state: (u) => stateNames.get(u) ?? u, subject: (s) => subjectNames.get(s) ?? s };
  const vocabulary = { states: new Set(stateNames.keys()), subjects: new Set(subjectNames.keys()) };
  const years = Object.keys(config.files.years).map(Number).sort((a, b) => a - b);
  const layout: DataLayout = {
    years,
    attachedYear: yearAlias,
    parquetFile: (y) => `complaints-${y}.parquet`,
    referenceFile: (name) => `${name}.csv`,
  };

  const facts = JSON.parse(document.getElementById('download-config')!.textContent!) as DataFacts;
  const downloads = mountDownloads(document.querySelector<HTMLElement>('[data-role="download-panel"]')!, {
    facts,
    names,
    stateNames: Object.fromEntries(stateNames),
    subjectNames: Object.fromEntries(subjectNames),
    layout,
  });
  const share = mountShare(ui.results, { dataVersion: config.dataVersion, synthetic: config.synthetic, dateMin: config.dateMin, dateMax: config.dateMax, names, chart: ui.chart });

  let state: ExploreState = DEFAULT_STATE;
  let engine: Engine | null = null;
  let generation = 0;

  const fromUrl = () => {
    const parsed = parseExploreState(new URLSearchParams(location.search), vocabulary);
    state = parsed.state;
    writeControls(ui.form, state);
    showIgnored(ui.ignored, parsed.ignored);
    showVersion();
  };

  const showVersion = () => {
    const other = state.v && state.v !== config.dataVersion;
    ui.versionNote.hidden = !other;
    if (other) ui.versionNote.textContent = `This link was made with data version ${state.v}; you are seeing version ${config.dataVersion}, so the numbers may differ from what its author saw.`;
  };

  const commit = (next: ExploreState) => {
    const query = serializeExploreState({ ...next, v: config.dataVersion });
    if (query !== location.search.replace(/^\?/, '')) history.pushState(null, '', query ? `?${query}` : location.pathname);
    state = { ...next, v: config.dataVersion };
    showIgnored(ui.ignored, []);
    showVersion();
    void refresh();
  };

  const refresh = async () => {
    const ticket = ++generation;
    ui.title.textContent = CHART_TITLES[state.chart];
    ui.filtersText.textContent = `· ${describeFilters(state, names)}`;
    ui.sql.textContent = sqlForPeople(state, layout);
    summarise(ui, state, names);
    share.update({ state });
    downloads.update({ state, matching: null, chartRows: null });
    if (!engine) return;
    ui.results.setAttribute('aria-busy', 'true');
    try {
      const queried = performance.now();
      const [count, rows] = await Promise.all([runQuery(engine, countQuery(state, 'bound', layout)), runQuery(engine, chartQuery(state, 'bound', layout))]);
      if (ticket !== generation) return; // a newer view has started
      // Read by `npm run bench -- explorer` to compare the engine's time with native DuckDB's.
      performance.measure('robocall-atlas:query', { start: queried, end: performance.now() });
      const matching = Number(count[0]?.complaints ?? 0);
      ui.count.textContent = matching.toLocaleString('en-US');
      drawChart(ui, state, rows, names);
      drawTable(ui, state, rows, names, matching);
      downloads.update({ state, matching, chartRows: rows.length });
      ui.status.textContent = '';
    } catch (error) {
      if (ticket !== generation) return;
      ui.status.textContent = `This view could not be computed: ${messageOf(error)}`;
    } finally {
      if (ticket === generation) ui.results.removeAttribute('aria-busy');
    }
  };

  const boot = () => {
    delete ui.status.dataset.state;
    const slow = setTimeout(() => {
      ui.status.innerHTML = '';
      ui.status.append(`The database engine has not started after ${SLOW_START_MS / 1000} seconds. It may still start; meanwhile the `, staticLinks());
    }, SLOW_START_MS);
    startEngine(config.files, (stage) => {
      if (stage !== 'ready') ui.status.textContent = STAGE_TEXT[stage];
    })
      .then((started) => {
        engine = started;
        downloads.setEngine(started);
        clearTimeout(slow);
        ui.status.textContent = '';
        void refresh();
      })
      .catch((error: unknown) => {
        clearTimeout(slow);
        ui.count.textContent = '—';
        ui.status.innerHTML = '';
        ui.status.append(`The explorer could not start (${messageOf(error)}). The `, staticLinks(), ' ', retryButton(boot));
        ui.status.dataset.state = 'failed';
      });
  };

  const sqlConsole = mountConsole(ui.console, {
    files: config.files,
    dataVersion: config.dataVersion,
    initialSql: new URLSearchParams(location.search).get('sql'),
    onRun: () => {},
  });
  fromUrl();
  void refresh();
  ui.form.addEventListener('change', () => commit(readControls(ui.form, state)));
  ui.form.addEventListener('submit', (event) => event.preventDefault());
  ui.reset.addEventListener('click', () => commit({ ...DEFAULT_STATE, chart: state.chart }));
  ui.prev.addEventListener('click', () => commit({ ...state, page: Math.max(1, state.page - 1) }));
  ui.next.addEventListener('click', () => commit({ ...state, page: state.page + 1 }));
  window.addEventListener('popstate', () => {
    fromUrl();
    void refresh();
    sqlConsole.show(new URLSearchParams(location.search).get('sql'));
  });
  // Start when the page is idle: the first paint and the controls never wait for the engine.
  if ('requestIdleCallback' in window) requestIdleCallback(boot, { timeout: 500 });
  else setTimeout(boot, 50);
}

function sqlForPeople(state: ExploreState, layout: DataLayout): string {
  const q: BuiltQuery = chartQuery(state, 'literal', layout);
  const query = serializeExploreState(state);
  return `-- Robocall Atlas, ${location.origin}${location.pathname}${query ? `?${query}` : ''}\n-- Files: complaints-<year>.parquet and the reference CSV files from ${location.origin}/data/\n${q.sql};`;
}

function drawChart(ui: Ui, state: ExploreState, rows: Row[], names: Names): void {
  const width = Math.max(300, Math.min(960, ui.chart.clientWidth || 640));
  const chart = renderChart(state, rows, { names, width, stateHref: (usps) => `/states/${usps.toLowerCase()}/` });
  ui.chart.replaceChildren(...(chart ? [chart] : []));
  ui.chart.closest('figure')!.hidden = chart === null;
}

function drawTable(ui: Ui, state: ExploreState, rows: Row[], names: Names, matching: number): void {
  const caption =
    state.chart === 'table'
      ? `Complaints ${(state.page - 1) * PAGE_SIZE + 1}–${(state.page - 1) * PAGE_SIZE + rows.length} of ${matching.toLocaleString('en-US')}`
      : 'The numbers behind the chart';
  const table = renderTable(rows, {
    caption,
    role: state.chart === 'table' ? 'rows-table' : 'numbers-table',
    format: (column, value) => formatCell(column, value, names),
    empty: 'No complaints match these filters.',
  });
  ui.tableWrap.replaceChildren(table);
  const paged = state.chart === 'table';
  ui.pager.hidden = !paged;
  if (paged) {
    ui.prev.disabled = state.page <= 1;
    ui.next.disabled = state.page * PAGE_SIZE >= matching;
    ui.pageLabel.textContent = `Page ${state.page} of ${Math.max(1, Math.ceil(matching / PAGE_SIZE)).toLocaleString('en-US')}`;
  }
}


function summarise(ui: Ui, state: ExploreState, names: Names): void {
  ui.statesSummary.textContent = state.states.length ? `(${state.states.map(names.state).join(', ')})` : '(all)';
  ui.subjectsSummary.textContent = state.subjects.length ? `(${state.subjects.map(names.subject).join(', ')})` : '(all)';
}


function retryButton(retry: () => void): HTMLButtonElement {
  const button = document.createElement('button');
  button.type = 'button';
  button.dataset.role = 'retry-engine';
  button.textContent = 'Try again';
  button.addEventListener('click', retry);
  return button;
}

function staticLinks(): DocumentFragment {
  const fragment = document.createDocumentFragment();
  const links: [string, string][] = [['/', 'overview'], ['/states/', 'state pages'], ['/subjects/', 'subject pages'], ['/providers/', 'provider pages'], ['/data/', 'data downloads']];
  fragment.append('static pages show the same data: ');
  links.forEach(([href, text], i) => {
    const a = document.createElement('a');
    a.href = href;
    a.textContent = text;
    fragment.append(a, i < links.length - 1 ? ', ' : '.');
  });
  return fragment;
}

function writeControls(form: HTMLFormElement, state: ExploreState): void {
  const field = (name: string) => form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement;
  field('chart').value = state.chart;
  field('interval').value = state.interval;
  field('measure').value = state.measure;
  field('from').value = state.from ?? '';
  field('to').value = state.to ?? '';
  field('area').value = state.areas.join(', ');
  for (const input of form.querySelectorAll<HTMLInputElement>('input[type=checkbox]')) {
    const list = input.name === 'state' ? state.states : input.name === 'subject' ? state.subjects : (state.robocall as string[]);
    input.checked = list.includes(input.value);
  }
}

function readControls(form: HTMLFormElement, previous: ExploreState): ExploreState {
  const data = new FormData(form);
  const params = new URLSearchParams();
  for (const key of ['chart', 'interval', 'measure', 'from', 'to']) {
    const value = String(data.get(key) ?? '').trim();
    if (value) params.set(key, value);
  }
  for (const key of ['state', 'subject', 'robocall']) {
    const values = data.getAll(key).map(String);
    if (values.length) params.set(key, values.join(','));
  }
  const area = String(data.get('area') ?? '').replace(/\s+/g, '');
  if (area) params.set('area', area);
  const vocabulary = {
    states: new Set([...form.querySelectorAll<HTMLInputElement>('input[name=state]')].map((i) => i.value)),
    subjects: new Set([...form.querySelectorAll<HTMLInputElement>('input[name=subject]')].map((i) => i.value)),
  };
  const { state } = parseExploreState(params, vocabulary);
  // A new filter starts the table at its first page.
  return { ...state, page: 1, v: previous.v };
}

interface Ui {
  form: HTMLFormElement;
  results: HTMLElement;
  status: HTMLElement;
  ignored: HTMLElement;
  count: HTMLElement;
  filtersText: HTMLElement;
  versionNote: HTMLElement;
  title: HTMLElement;
  chart: HTMLElement;
  tableWrap: HTMLElement;
  pager: HTMLElement;
  prev: HTMLButtonElement;
  next: HTMLButtonElement;
  pageLabel: HTMLElement;
  sql: HTMLElement;
  reset: HTMLButtonElement;
  statesSummary: HTMLElement;
  subjectsSummary: HTMLElement;
  console: ConsoleUi;
}

function elements(): Ui {
  const role = <T extends HTMLElement>(name: string) => document.querySelector<T>(`[data-role="${name}"]`)!;
  return {
    form: role<HTMLFormElement>('filters'),
    results: document.querySelector<HTMLElement>('.explorer-results')!,
    status: role('engine-status'),
    ignored: role('ignored'),
    count: role('match-count'),
    filtersText: role('filters-text'),
    versionNote: role('version-note'),
    title: role('chart-title'),
    chart: role('chart'),
    tableWrap: role('table-wrap'),
    pager: role('pager'),
    prev: role<HTMLButtonElement>('prev-page'),
    next: role<HTMLButtonElement>('next-page'),
    pageLabel: role('page-label'),
    sql: role('sql'),
    reset: role<HTMLButtonElement>('reset'),
    statesSummary: role('states-summary'),
    subjectsSummary: role('subjects-summary'),
    console: {
      root: role<HTMLDetailsElement>('console'),
      sql: role<HTMLTextAreaElement>('console-sql'),
      limit: role<HTMLInputElement>('console-limit'),
      run: role<HTMLButtonElement>('console-run'),
      stop: role<HTMLButtonElement>('console-stop'),
      status: role('console-status'),
      error: role('console-error'),
      result: role('console-result'),
      download: role<HTMLButtonElement>('console-download'),
      examples: role('console-examples'),
    },
  };
}

function messageOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  if (/out of memory|memory access out of bounds|Aborted\(OOM\)/i.test(text)) return 'the browser ran out of memory for this view; try narrower filters';
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}
