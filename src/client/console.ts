/**
 * The SQL console on /explore/: its own DuckDB-wasm engine in its own worker, so a long query here
 * never holds up the explorer's count and chart; Stop (and the time limit) end that worker, which
 * is the one way to stop a running wasm query, and a fresh engine starts for the next one. What it
 * agrees to run is decided in src/lib/console/check.ts; how values look, in src/lib/console/format.ts.
 */
import { DataType, type Table } from 'apache-arrow';
import { checkConsoleSql } from '../lib/console/check';
import { CONSOLE_TIME_LIMIT_MS } from '../lib/console/limits';
import {
  consoleCsv,
  consoleCsvName,
  displayValue,
  type ConsoleColumn,
} from '../lib/console/format';
import { kindOfArrowType, saveBlob } from './download-job';
import type { DataFiles, Engine } from './engine';
import { renderTable } from './table';

const MAX_ROWS = 10_000;

export const CONSOLE_EXAMPLES: { label: string; sql: string }[] = [
  {
    label: 'Complaints by state',
    sql: 'SELECT state, sum(complaints) AS complaints\nFROM cube.monthly\nGROUP BY state\nORDER BY complaints DESC\nLIMIT 10',
  },
  {
    label: 'Complaints each month',
    sql: 'SELECT month, sum(complaints) AS complaints,\n  round(100 * sum(complaints) FILTER (WHERE robocall) / sum(complaints), 1) AS robocall_percent\nFROM cube.monthly\nGROUP BY month\nORDER BY month',
  },
  {
    label: 'The busiest days',
    sql: 'SELECT day, sum(complaints) AS complaints\nFROM cube.daily\nGROUP BY day\nORDER BY complaints DESC\nLIMIT 10',
  },
  {
    label: 'Most-reported numbers',
    sql: 'SELECT caller_number, sum(complaints) AS complaints, min(month) AS first_month, max(month) AS last_month\nFROM cube.callers_monthly\nGROUP BY caller_number\nORDER BY complaints DESC\nLIMIT 20',
  },
  {
    label: 'Numbers in PoNE letters',
    sql: 'SELECT p.provider, p.caller_number, sum(c.complaints) AS complaints\nFROM cube.pone_complaints_monthly c\nJOIN cube.pone_caller_numbers p USING (caller_number, provider)\nGROUP BY ALL\nORDER BY complaints DESC\nLIMIT 20',
  },
  { label: 'The columns of a table', sql: 'DESCRIBE cube.daily' },
];

export interface ConsoleContext {
  files: DataFiles;
  dataVersion: string;
  /** The query in the page's URL, if any: shown, and run once the engine is up. */
  initialSql: string | null;
  /** Called with each query that runs, so the page can keep it in its URL. */
  onRun(sql: string): void;
}

export interface ConsoleUi {
  root: HTMLDetailsElement;
  sql: HTMLTextAreaElement;
  limit: HTMLInputElement;
  run: HTMLButtonElement;
  stop: HTMLButtonElement;
  status: HTMLElement;
  error: HTMLElement;
  result: HTMLElement;
  download: HTMLButtonElement;
  examples: HTMLElement;
}

export function mountConsole(
  ui: ConsoleUi,
  context: ConsoleContext,
): { show(sql: string | null): void } {
  let engine: Promise<Engine> | null = null;
  let running: { stop(reason: string): void } | null = null;
  let lastResult: { columns: ConsoleColumn[]; rows: Record<string, unknown>[] } | null = null;
  let lastRun: string | null = null;

  const startOwnEngine = (): Promise<Engine> => {
    // The engine's code only when the console is opened: it is not on the path of the page's first view.
    engine ??= import('./engine')
      .then(({ createEngine }) => createEngine(context.files))
      .catch((error: unknown) => {
        engine = null;
        throw error;
      });
    return engine;
  };

  const setRunning = (on: boolean) => {
    ui.run.disabled = on;
    ui.stop.disabled = !on;
    ui.root.dataset.state = on ? 'running' : 'idle';
    if (on) ui.result.setAttribute('aria-busy', 'true');
    else ui.result.removeAttribute('aria-busy');
  };

  const fail = (message: string) => {
    ui.error.hidden = false;
    ui.error.textContent = message;
  };

  const run = async () => {
    if (running) return;
    ui.error.hidden = true;
    ui.error.textContent = '';
    ui.status.textContent = '';
    ui.result.replaceChildren();
    lastResult = null;
    ui.download.disabled = true;
    const check = checkConsoleSql(ui.sql.value);
    if (!check.ok) {
      fail(check.problem);
      return;
    }
    lastRun = ui.sql.value.trim();
    context.onRun(lastRun);
    const limitValue = Number(ui.limit.value);
    const rowLimit =
      Number.isInteger(limitValue) && limitValue > 0 ? Math.min(limitValue, MAX_ROWS) : 200;
    const started = performance.now();
    const seconds = () => ((performance.now() - started) / 1000).toFixed(1);
    let stopped: ((reason: string) => void) | null = null;
    const stopping = new Promise<never>((_, reject) => {
      stopped = (reason) => reject(new StoppedError(reason));
    });
    const tick = setInterval(
      () =>
        (ui.status.textContent = `Running… ${seconds()} s (Stop ends it; the limit is ${CONSOLE_TIME_LIMIT_MS / 1000} s)`),
      250,
    );
    const limit = setTimeout(
      () => running?.stop(`it reached the time limit of ${CONSOLE_TIME_LIMIT_MS / 1000} seconds`),
      CONSOLE_TIME_LIMIT_MS,
    );
    running = {
      stop(reason) {
        // A wasm query cannot be interrupted from outside its worker: end the worker, start a fresh one.
        const current = engine;
        engine = null;
        void current?.then((e) => e.db.terminate()).catch(() => undefined);
        stopped!(reason);
      },
    };
    setRunning(true);
    ui.status.textContent = 'Running…';
    try {
      const ready = await Promise.race([startOwnEngine(), stopping]);
      const table = await Promise.race([
        ready.connection.query(`SELECT * FROM (${check.sql}) LIMIT ${rowLimit + 1}`),
        stopping,
      ]);
      const shown = showResult(table as Table, rowLimit);
      ui.status.textContent = `${shown} in ${seconds()} s.`;
    } catch (error) {
      if (error instanceof StoppedError) {
        ui.status.textContent = `Stopped after ${seconds()} s: ${error.message}. The console’s engine starts again for the next query; the explorer was never held up.`;
        void startOwnEngine().catch(() => undefined);
      } else {
        ui.status.textContent = '';
        fail(error instanceof Error ? error.message : String(error));
      }
    } finally {
      clearInterval(tick);
      clearTimeout(limit);
      running = null;
      setRunning(false);
    }
  };

  const showResult = (table: Table, rowLimit: number): string => {
    const columns: ConsoleColumn[] = table.schema.fields.map((f) => ({
      name: f.name,
      kind: kindOfArrowType(f.type),
    }));
    const decimals = new Set(
      table.schema.fields.filter((f) => DataType.isDecimal(f.type)).map((f) => f.name),
    );
    const rows = table.toArray().map((row) => {
      const plain = { ...(row as { toJSON(): Record<string, unknown> }).toJSON() };
      for (const name of decimals)
        if (plain[name] !== null && plain[name] !== undefined) plain[name] = Number(plain[name]);
      return plain;
    });
    const kept = rows.slice(0, rowLimit);
    const caption =
      rows.length > rowLimit
        ? `The first ${rowLimit} rows`
        : `${kept.length} row${kept.length === 1 ? '' : 's'}`;
    const kinds = new Map(columns.map((c) => [c.name, c.kind]));
    const element = renderTable(kept, {
      columns: columns.map((c) => c.name),
      caption,
      format: (column, value) => displayValue(value, kinds.get(column) ?? 'text'),
      numeric: (column) => kinds.get(column) === 'number',
    });
    ui.result.replaceChildren(element);
    lastResult = { columns, rows: kept };
    ui.download.disabled = false;
    return caption;
  };

  ui.run.addEventListener('click', () => void run());
  ui.stop.addEventListener('click', () => running?.stop('you stopped it'));
  ui.sql.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) void run();
  });
  ui.download.addEventListener('click', () => {
    if (!lastResult) return;
    saveBlob(
      new Blob([consoleCsv(lastResult.columns, lastResult.rows)], {
        type: 'text/csv;charset=utf-8',
      }),
      consoleCsvName(context.dataVersion),
    );
  });
  // Start the console's engine when someone opens the console, not before.
  ui.root.addEventListener('toggle', () => {
    if (ui.root.open) void startOwnEngine().catch(() => undefined);
  });
  for (const example of CONSOLE_EXAMPLES) {
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = example.label;
    button.addEventListener('click', () => {
      ui.sql.value = example.sql;
      void run();
    });
    ui.examples.append(button);
  }
  setRunning(false);
  ui.download.disabled = true;

  const show = (sql: string | null) => {
    // A link's query runs even when it is the example already in the box; one already run does not run again.
    if (sql === null || sql.trim() === lastRun) return;
    ui.sql.value = sql;
    ui.root.open = true;
    void run();
  };
  show(context.initialSql);
  return { show };
}

class StoppedError extends Error {}
