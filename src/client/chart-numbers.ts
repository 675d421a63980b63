/**
 * The numbers behind a chart on /explore/ and /embed/: the shaped rows (src/lib/numbers/chart-data.ts)
 * as a table built with DOM calls and textContent only, with stable hooks for tests
 * (`[data-role=numbers-table]`, each row's `data-period`/`data-series`/`data-state`/… keys, each
 * cell's `data-column`), and the notes that go with them (`[data-role=chart-notes]`). Also the
 * controls that cannot apply, disabled with the reason beside them.
 */
import type { Table, Vector } from 'apache-arrow';
import { dateBounds } from '../lib/dates';
import type { ExploreView, Names } from '../lib/explore/view';
import { shapeChart, type QueryRow, type ShapedChart } from '../lib/numbers/chart-data';
import {
  intervalReason,
  measureReason,
  unavailableMeasuresNote,
  type Adjustment,
  type Measure,
} from '../lib/numbers/measures';
import { partialNote, type DayRange } from '../lib/numbers/periods';
import { TOP_N } from '../lib/explore/queries';

export function shapeView(
  state: ExploreView,
  rows: readonly QueryRow[],
  names: Names,
  data: DayRange,
): ShapedChart {
  return shapeChart(
    {
      ...state,
      start: state.from ? dateBounds(state.from).start : null,
      end: state.to ? dateBounds(state.to).end : null,
    },
    rows,
    { state: names.state, subject: names.subject, data, limit: TOP_N },
  );
}

export function numbersTable(
  shaped: ShapedChart,
  empty = 'No complaints match these filters.',
): HTMLTableElement {
  const table = document.createElement('table');
  table.dataset.role = 'numbers-table';
  table.createCaption().textContent = shaped.table.caption;
  const head = table.createTHead().insertRow();
  for (const column of shaped.table.columns) {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = column.label;
    if (column.numeric) th.className = 'numeric';
    head.append(th);
  }
  const body = table.createTBody();
  for (const row of shaped.table.rows) {
    const tr = body.insertRow();
    for (const [key, value] of Object.entries(row.keys))
      tr.dataset[key.replace(/_(\w)/g, (_, c: string) => c.toUpperCase())] = value;
    if (row.keys.days && shaped.periods.some((p) => p.start === row.keys.period && p.partial))
      tr.dataset.partial = 'true';
    for (const column of shaped.table.columns) {
      const td = tr.insertCell();
      td.dataset.column = column.key;
      if (column.numeric) td.className = 'numeric';
      td.textContent = row.cells[column.key] ?? '';
    }
  }
  if (shaped.table.rows.length === 0) body.insertRow().insertCell().textContent = empty;
  return table;
}

/** The notes beside the chart and its table; hidden when there are none. */
export function showNotes(element: HTMLElement, notes: readonly string[]): void {
  element.replaceChildren(
    ...notes.map((note) => {
      const li = document.createElement('li');
      li.textContent = note;
      return li;
    }),
  );
  element.hidden = notes.length === 0;
}

/**
 * Greys out the measures and the interval a view cannot use, with the reason beside the control
 * (`[data-role=measure-reason]`, `[data-role=interval-reason]`), and says what was changed.
 */
export function markApplicable(
  form: HTMLFormElement,
  state: ExploreView,
  populations: ReadonlyMap<string, number | null>,
  adjusted: readonly Adjustment[],
): void {
  const measure = form.elements.namedItem('measure') as HTMLSelectElement | null;
  const interval = form.elements.namedItem('interval') as HTMLSelectElement | null;
  const reasons: string[] = [];
  if (measure) {
    for (const option of measure.options) {
      const reason = measureReason(state, option.value as Measure, populations);
      option.disabled = reason !== null;
      option.title = reason ?? '';
      if (reason && adjusted.some((a) => a.key === 'measure' && a.value === option.value))
        reasons.push(reason);
    }
    reasonBeside(
      measure,
      'measure-reason',
      reasons.length
        ? `${unavailableMeasuresNote(reasons)} Showing complaint counts.`
        : unavailableMeasuresNote(
            [...measure.options].filter((o) => o.disabled).map((o) => o.title),
          ),
    );
  }
  if (interval) {
    const reason = intervalReason(state);
    interval.disabled = reason !== null;
    reasonBeside(interval, 'interval-reason', reason ?? '');
  }
}

function reasonBeside(control: HTMLElement, role: string, text: string): void {
  const label = control.closest('label') ?? control;
  let note = label.parentElement?.querySelector<HTMLElement>(`[data-role="${role}"]`) ?? null;
  if (!note) {
    note = document.createElement('p');
    note.dataset.role = role;
    note.className = 'hint control-reason';
    note.id = `${role}-text`;
    label.after(note);
    control.setAttribute('aria-describedby', note.id);
  }
  note.textContent = text;
  note.hidden = text === '';
}

/** The chart's tidy download rows as one Arrow batch for the zip writer (download-job.ts), typed by column kind. */
export async function* shapedBatch(shaped: ShapedChart): AsyncGenerator<Table> {
  // Arrow (about 185 kB of script) only when a chart is downloaded: an embed or a first view never needs it.
  const { DateDay, Float64, Table, Utf8, vectorFromArray } = await import('apache-arrow');
  const columns: Record<string, Vector> = {};
  shaped.download.columns.forEach((column, i) => {
    const values = shaped.download.rows.map((row) => row[i] ?? null);
    columns[column.name] =
      column.kind === 'number'
        ? vectorFromArray(
            values.map((v) => (v === null ? null : Number(v))),
            new Float64(),
          )
        : column.kind === 'date'
          ? vectorFromArray(
              values.map((v) => (v === null ? null : new Date(`${String(v)}T00:00:00Z`))),
              new DateDay(),
            )
          : vectorFromArray(
              values.map((v) => (v === null ? null : String(v))),
              new Utf8(),
            );
  });
  yield new Table(columns);
}

/** The partial periods as the trend chart marks them. */
export function partialMarks(shaped: ShapedChart): { date: string; note: string }[] {
  return shaped.periods
    .filter((p) => p.partial)
    .map((p) => ({ date: p.start, note: partialNote(p) }));
}
