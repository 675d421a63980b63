/**
 * /explore/ in the browser: URL ⇄ view ⇄ controls, queries from the pure builders, charts
 * from the shared chart functions. This file only wires; every decision is in src/lib/explore.
 */
import { CHART_TITLES } from '../lib/catalog/enums';
import { describeFilters } from '../lib/explore/describe';
import { URL_KEYS, type FormContext, type UrlKey } from '../lib/explore/filters';
import { chartQuery, PAGE_SIZE, type BuiltQuery } from '../lib/explore/queries';
import { renderChart, type Row } from '../lib/explore/render';
import type { DataLayout } from '../lib/explore/sources';
import {
  DEFAULT_VIEW,
  parseExploreView,
  serializeExploreView,
  type ExploreView,
  type Ignored,
  type Names,
  type Vocabulary,
} from '../lib/explore/view';
import type { DataFacts } from '../lib/download/metadata';
import { mountConsole, type ConsoleUi } from './console';
import { consoleQuery, viewParams, viewQuery, withConsoleQuery } from '../lib/console/url';
import { mountDownloads } from './download';
import { mountShare } from './embed-share';
import type { Engine, EngineStage } from './engine';
import { loadCube, needsEngine, viewData } from './view-data';
import { columnHeader, formatCell } from '../lib/explore/cells';
import { renderTable } from './table';
import { showIgnored } from './ignored';
import { showFieldProblems } from './field-problems';
import { fieldProblems, type FieldProblem } from '../lib/explore/field-problems';
import { mountFiltersPanel } from './filters-panel';
import { mountOembedLink } from './oembed-link';
import type { Discovery } from '../lib/embed/discovery';
import { mountStaleness } from './stale';
import { readViewContext } from './view-context';
import { markApplicable, numbersTable, partialMarks, shapeView, showNotes } from './chart-numbers';
import type { ShapedChart } from '../lib/numbers/chart-data';
import { effectiveView } from '../lib/numbers/measures';
import { describeAnswer } from '../lib/caller/answer';
import { lookUp, renderAnswer } from './lookup';

const STAGE_TEXT: Record<EngineStage, string> = {
  'loading engine': 'Loading the database engine (about 8 MB, once)…',
  'starting engine': 'Starting the database engine…',
  'opening data': 'Opening the data…',
  ready: '',
};
const SLOW_START_MS = 30_000;

export function startExplorer(): void {
  const context = readViewContext();
  const { config, names, vocabulary, layout, populations, dataRange } = context;
  const ui = elements();

  const facts = JSON.parse(document.getElementById('download-config')!.textContent!) as DataFacts;
  const downloads = mountDownloads(
    document.querySelector<HTMLElement>('[data-role="download-panel"]')!,
    { ...context, facts },
  );
  const share = mountShare(ui.results, {
    dataVersion: config.dataVersion,
    synthetic: config.synthetic,
    dateMin: config.dateMin,
    dateMax: config.dateMax,
    names,
    chart: ui.chart,
  });

  const oembed = mountOembedLink(
    JSON.parse(document.getElementById('explore-oembeds')!.textContent!) as Discovery,
  );
  const panel = mountFiltersPanel(
    document.querySelector<HTMLDetailsElement>('[data-role="filters-panel"]')!,
    document.querySelector<HTMLElement>('[data-role="filters-now"]')!,
  );
  const stale = mountStaleness(
    ui.results,
    document.querySelector<HTMLElement>('[data-role="stale-note"]')!,
  );
  let view: ExploreView = DEFAULT_VIEW;
  // What the fields refused, kept across page turns so a refused value stays named while its box shows it.
  let refused: Refused = { problems: [], typed: new Map() };
  // The chart's width, kept by a ResizeObserver: reading clientWidth while drawing forced a
  // layout of the whole page on every filter change (about 50 ms of a warm change, measured).
  let chartWidth = ui.chart.clientWidth;
  if ('ResizeObserver' in window)
    new ResizeObserver(([entry]) => {
      if (entry) chartWidth = entry.contentRect.width;
    }).observe(ui.chart);
  let engine: Engine | null = null;
  let generation = 0;
  // The view on screen is waiting for the engine (the cube cannot answer it).
  let waiting = false;
  let booting = false;

  const fromUrl = () => {
    const params = viewParams(location.search);
    const parsed = parseExploreView(params, vocabulary);
    // What cannot apply is shown as counts (or the default interval), with the reason beside its control.
    const effective = effectiveView(parsed.view, populations);
    view = effective.view;
    if (effective.adjusted.length) {
      const query = withConsoleQuery(serializeExploreView(view), consoleQuery(location.search));
      history.replaceState(null, '', query ? `?${query}` : location.pathname);
    }
    writeControls(ui.form, view);
    markApplicable(ui.form, view, populations, effective.adjusted);
    refused = refusedFields(parsed.ignored, view, (key) => params.get(key));
    showFieldProblems(ui.form, refused.problems, refused.typed);
    showIgnored(ui.ignored, parsed.ignored);
    showVersion();
  };

  const showVersion = () => {
    const other = view.v && view.v !== config.dataVersion;
    ui.versionNote.hidden = !other;
    if (other)
      ui.versionNote.textContent = `This link was made with data version ${view.v}; you are seeing version ${config.dataVersion}, so the numbers may differ from what its author saw.`;
  };

  const commit = (asked: ExploreView, fields: Refused = { problems: [], typed: new Map() }) => {
    const { view: next, adjusted } = effectiveView(asked, populations);
    view = { ...next, v: config.dataVersion };
    // The engine is asked before anything on the page changes: its worker computes meanwhile.
    const answer = ask();
    // The history entry next: pushState has Chromium bring style and layout up to date (it
    // saves the scroll position). After the controls below change, that was a forced layout of
    // the page inside this handler (10-60 ms in DevTools traces on the 10 M-row bench site);
    // before them there is nothing to lay out, and the page is laid out once, at its next frame.
    const query = withConsoleQuery(
      serializeExploreView({ ...next, v: config.dataVersion }),
      consoleQuery(location.search),
    );
    if (query !== location.search.replace(/^\?/, ''))
      history.pushState(null, '', query ? `?${query}` : location.pathname);
    writeControls(ui.form, next);
    markApplicable(ui.form, next, populations, adjusted);
    refused = fields;
    showFieldProblems(ui.form, refused.problems, refused.typed);
    showIgnored(ui.ignored, []);
    showVersion();
    void refresh(answer);
  };

  /** The view's numbers, asked for now (a newer ask makes this one's answer moot). */
  const ask = () => ({
    ticket: ++generation,
    queried: performance.now(),
    answer: viewData(view, config, engine, layout),
  });

  const refresh = async ({ ticket, queried, answer } = ask()) => {
    ui.title.textContent = CHART_TITLES[view.chart];
    ui.filtersText.textContent = `· ${describeFilters(view, names)}`;
    panel.describe(describeFilters(view, names));
    oembed.update(view, `${CHART_TITLES[view.chart]}: ${describeFilters(view, names)}`);
    ui.sql.textContent = sqlForPeople(view, layout);
    summarise(ui.form, view, config);
    share.update({ view });
    downloads.update({ view, matching: null, chartRows: null });
    const computing = `${CHART_TITLES[view.chart]}: ${describeFilters(view, names)}`;
    const waitForEngine = () => {
      waiting = true;
      ui.results.setAttribute('aria-busy', 'true');
      if (serializeExploreView({ ...view, v: null }) !== '') {
        // What the build drew is the default view; nothing on screen may pass for this one.
        ui.count.textContent = '…';
        ui.chart.replaceChildren();
        ui.tableWrap.replaceChildren();
        stale.start(`Waiting for the database engine to compute ${computing}`, '');
      }
      boot();
    };
    waiting = false;
    if (!engine && needsEngine(view, config)) return waitForEngine();
    stale.start(`Computing ${computing}`);
    ui.results.setAttribute('aria-busy', 'true');
    try {
      const data = await answer;
      if (ticket !== generation) return; // a newer view has started
      if (!data) return waitForEngine(); // the cube did not arrive; the engine will answer
      // Read by `npm run bench -- explorer` to compare the engine's time with native DuckDB's.
      performance.measure('robocall-atlas:query', { start: queried, end: performance.now() });
      const { count: matching, rows } = data;
      ui.count.textContent = matching.toLocaleString('en-US');
      const shaped = view.chart === 'table' ? null : shapeView(view, rows, names, dataRange);
      drawChart(ui, view, rows, names, shaped, chartWidth);
      drawTable(ui, view, rows, names, matching, shaped);
      downloads.update({
        view,
        matching,
        chartRows: shaped ? shaped.download.rows.length : rows.length,
        chart: shaped,
      });
      stale.clear();
      ui.status.textContent = '';
      if (view.caller && engine) await showCaller(engine, view.caller, ticket);
      else ui.callerAnswer.hidden = true;
      // Which view is drawn, and by which path (tests wait for it).
      ui.results.dataset.computedBy = data.computedBy;
      ui.results.dataset.shown = location.search;
    } catch (error) {
      if (ticket !== generation) return;
      stale.clear();
      ui.status.textContent = `This view could not be computed: ${messageOf(error)}`;
    } finally {
      if (ticket === generation && !waiting) ui.results.removeAttribute('aria-busy');
    }
  };

  // With caller=, the lookup's answer for the number over all years (src/lib/caller), beside the
  // filtered view: the same words the home page's lookup gives.
  const showCaller = async (started: Engine, digits: string, ticket: number) => {
    const answer = await lookUp(started, digits, layout.callerYears ?? []);
    if (ticket !== generation) return;
    renderAnswer(
      ui.callerAnswer,
      describeAnswer(
        answer,
        { ...names, providerHref: () => null },
        config.dateMin && config.dateMax ? { first: config.dateMin, last: config.dateMax } : null,
      ),
    );
    ui.callerAnswer.dataset.complaints = String(answer.complaints);
    ui.callerAnswer.hidden = false;
  };

  const boot = () => {
    if (booting || engine) return;
    booting = true;
    delete ui.status.dataset.state;
    const slow = setTimeout(() => {
      if (!waiting) return;
      ui.status.innerHTML = '';
      ui.status.append(
        `The database engine has not started after ${SLOW_START_MS / 1000} seconds. It may still start; meanwhile the `,
        staticLinks(),
      );
    }, SLOW_START_MS);
    // The engine's code (duckdb-wasm's JavaScript) is fetched here, never with the page: a view the
    // cube answers is drawn without it.
    import('./engine')
      .then(({ startEngine }) =>
        startEngine(config.files, (stage) => {
          // Said only while a view waits for it; loading in idle time under a drawn view says nothing.
          if (stage !== 'ready' && waiting) ui.status.textContent = STAGE_TEXT[stage];
        }),
      )
      .then((started) => {
        engine = started;
        booting = false;
        downloads.setEngine(started);
        clearTimeout(slow);
        ui.status.textContent = '';
        if (waiting) void refresh();
      })
      .catch((error: unknown) => {
        booting = false;
        clearTimeout(slow);
        // A start in idle time that failed is tried again when a view needs the engine.
        if (!waiting) return;
        ui.results.removeAttribute('aria-busy');
        stale.clear();
        ui.count.textContent = '—';
        ui.status.innerHTML = '';
        ui.status.append(
          `The explorer could not start (${messageOf(error)}). The `,
          staticLinks(),
          ' ',
          retryButton(boot),
        );
        ui.status.dataset.state = 'failed';
      });
  };

  const sqlConsole = mountConsole(ui.console, {
    files: config.files,
    dataVersion: config.dataVersion,
    initialSql: consoleQuery(location.search),
    // The query joins the view in the address, so the result can be shared (and Back returns to the last one).
    onRun: (sql) => {
      // The address's own view keys, as they are: the console may run before the view is read.
      const query = withConsoleQuery(viewQuery(location.search), sql);
      if (query !== location.search.replace(/^\?/, '')) history.pushState(null, '', `?${query}`);
    },
  });
  // Busy until the first view is computed: the count and chart on screen are the build's default view.
  ui.results.setAttribute('aria-busy', 'true');
  fromUrl();
  void refresh();
  ui.form.addEventListener('change', () => {
    const read = readControls(ui.form, view, vocabulary);
    commit(
      read.view,
      refusedFields(read.ignored, read.view, (key) => read.typed.get(key) ?? null),
    );
  });
  ui.form.addEventListener('submit', (event) => event.preventDefault());
  ui.reset.addEventListener('click', () => commit({ ...DEFAULT_VIEW, chart: view.chart }));
  ui.prev.addEventListener('click', () =>
    commit({ ...view, page: Math.max(1, view.page - 1) }, refused),
  );
  ui.next.addEventListener('click', () => commit({ ...view, page: view.page + 1 }, refused));
  window.addEventListener('popstate', () => {
    fromUrl();
    void refresh();
    sqlConsole.show(consoleQuery(location.search));
  });
  // The cube is asked for at once; the engine starts when a view needs it, or once the page is idle
  // (so rows, the console and downloads are ready when asked for), never before the first view.
  void loadCube(config);
  const idleBoot = () => {
    if ('requestIdleCallback' in window) requestIdleCallback(boot, { timeout: 5000 });
    else setTimeout(boot, 1000);
  };
  if (document.readyState === 'complete') idleBoot();
  else window.addEventListener('load', idleBoot, { once: true });
}

function sqlForPeople(view: ExploreView, layout: DataLayout): string {
  const q: BuiltQuery = chartQuery(view, 'literal', layout);
  const query = serializeExploreView(view);
  return `-- Robocall Atlas, ${location.origin}${location.pathname}${query ? `?${query}` : ''}\n-- Files: complaints-<year>.parquet from ${location.origin}/data/ and the reference CSV files from ${location.origin}/data/reference/\n${q.sql};`;
}

function drawChart(
  ui: Ui,
  view: ExploreView,
  rows: Row[],
  names: Names,
  shaped: ShapedChart | null,
  chartWidth: number,
): void {
  const width = Math.max(300, Math.min(960, chartWidth || 640));
  const chart = renderChart(view, shaped?.chartRows ?? rows, {
    names,
    width,
    stateHref: (usps) => `/states/${usps.toLowerCase()}/`,
    ...(shaped ? { unit: shaped.unit, partial: partialMarks(shaped) } : {}),
  });
  ui.chart.replaceChildren(...(chart ? [chart] : []));
  ui.chart.closest('figure')!.hidden = chart === null;
}

function drawTable(
  ui: Ui,
  view: ExploreView,
  rows: Row[],
  names: Names,
  matching: number,
  shaped: ShapedChart | null,
): void {
  const table = shaped
    ? numbersTable(shaped)
    : renderTable(rows, {
        caption: `Complaints ${(view.page - 1) * PAGE_SIZE + 1}–${(view.page - 1) * PAGE_SIZE + rows.length} of ${matching.toLocaleString('en-US')}`,
        role: 'rows-table',
        format: (column, value) => formatCell(column, value, names),
        header: columnHeader,
        empty: 'No complaints match these filters.',
      });
  ui.tableWrap.replaceChildren(table);
  // Partial periods, numbers left out of a ranking, ties at the cut: said beside the chart and its table.
  let notes = ui.tableWrap.parentElement!.querySelector<HTMLElement>('[data-role="chart-notes"]');
  if (!notes) {
    notes = document.createElement('ul');
    notes.dataset.role = 'chart-notes';
    notes.className = 'chart-notes';
    ui.tableWrap.before(notes);
  }
  showNotes(notes, shaped?.notes ?? []);
  const paged = view.chart === 'table';
  ui.pager.hidden = !paged;
  if (paged) {
    ui.prev.disabled = view.page <= 1;
    ui.next.disabled = view.page * PAGE_SIZE >= matching;
    ui.pageLabel.textContent = `Page ${view.page} of ${Math.max(1, Math.ceil(matching / PAGE_SIZE)).toLocaleString('en-US')}`;
  }
}

/** The summary line of each folded list of choices: the chosen ones by name, or (all). */
function summarise(form: HTMLFormElement, view: ExploreView, context: FormContext): void {
  for (const key of FORM_KEYS) {
    const control = key.form!.control;
    if (control.kind !== 'choices') continue;
    const labels = new Map(control.options(context).map((o) => [o.value, o.label]));
    const chosen = key.form!.value(view) as readonly string[];
    form.querySelector(`[data-role="${control.summaryRole}"]`)!.textContent = chosen.length
      ? `(${chosen.map((v) => labels.get(v) ?? v).join(', ')})`
      : '(all)';
  }
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
  const links: [string, string][] = [
    ['/', 'overview'],
    ['/states/', 'state pages'],
    ['/subjects/', 'subject pages'],
    ['/providers/', 'provider pages'],
    ['/data/', 'data downloads'],
  ];
  fragment.append('static pages show the same data: ');
  links.forEach(([href, text], i) => {
    const a = document.createElement('a');
    a.href = href;
    a.textContent = text;
    fragment.append(a, i < links.length - 1 ? ', ' : '.');
  });
  return fragment;
}

const FORM_KEYS = (URL_KEYS as readonly UrlKey[]).filter((k) => k.form);

/** Each key's control shows the view (filters.ts: the entry's `form`). */
function writeControls(form: HTMLFormElement, view: ExploreView): void {
  for (const key of FORM_KEYS) {
    const value = key.form!.value(view);
    if (typeof value === 'string')
      (form.elements.namedItem(key.key) as HTMLInputElement | HTMLSelectElement).value = value;
    else
      for (const input of form.querySelectorAll<HTMLInputElement>(
        `input[type=checkbox][name="${key.key}"]`,
      ))
        input.checked = value.includes(input.value);
  }
}

interface Refused {
  problems: FieldProblem[];
  /** Each refused text field's text, to keep in its box. */
  typed: Map<string, string>;
}

function refusedFields(
  ignored: readonly Ignored[],
  view: ExploreView,
  text: (key: string) => string | null,
): Refused {
  const problems = fieldProblems(ignored, view);
  const typed = new Map<string, string>();
  for (const { key } of problems) {
    const value = text(key);
    if (value !== null) typed.set(key, value);
  }
  return { problems, typed };
}

/** The form as a query string, read back through the URL grammar, so the form accepts what a link would. */
function readControls(
  form: HTMLFormElement,
  previous: ExploreView,
  vocabulary: Vocabulary,
): { view: ExploreView; ignored: Ignored[]; typed: Map<string, string> } {
  const data = new FormData(form);
  const params = new URLSearchParams();
  const typed = new Map<string, string>();
  for (const { key, form: field } of FORM_KEYS) {
    const control = field!.control;
    const value =
      control.kind === 'checks' || control.kind === 'choices'
        ? data.getAll(key).map(String).join(',')
        : String(data.get(key) ?? '').replace(
            control.kind === 'text' && control.stripSpaces ? /\s+/g : /^\s+|\s+$/g,
            '',
          );
    if (value) params.set(key, value);
    if (control.kind === 'text') typed.set(key, String(data.get(key) ?? ''));
  }
  const { view, ignored } = parseExploreView(params, vocabulary);
  // A new filter starts the table at its first page.
  return { view: { ...view, page: 1, v: previous.v }, ignored, typed };
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
  callerAnswer: HTMLElement;
  console: ConsoleUi;
}

function elements(): Ui {
  const role = <T extends HTMLElement>(name: string) =>
    document.querySelector<T>(`[data-role="${name}"]`)!;
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
    callerAnswer: role('explore-caller-answer'),
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
  if (/out of memory|memory access out of bounds|Aborted\(OOM\)/i.test(text))
    return 'the browser ran out of memory for this view; try narrower filters';
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}
