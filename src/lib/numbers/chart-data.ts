/**
 * The numbers behind a chart, said the way the chart says them: query rows → the points the chart
 * draws (trend periods clipped to the view, never dated outside it), the table under the chart
 * (labels, readable periods, shares as percentages, days held for partial periods, no duplicated
 * column) and the tidy aggregate download (one row per period and series, the code and the label
 * of each series, the measure's unit in its column name). Pure: the explorer, the embed and the
 * download all shape rows here, whatever engine computed them.
 */
import { formatNumber, formatPercent } from '../format';
import { measureColumn, measureUnit, type Chart, type Measure } from './measures';
import {
  partialNote,
  periodOf,
  viewRange,
  type DayRange,
  type Interval,
  type Period,
} from './periods';
import { phoneNumber as formatPhone } from '../site-data/shape';
import { cutRanking, invalidNote, isValidCallerNumber, tieNote } from './rankings';
import {
  CHART_DOWNLOAD_COLUMNS,
  CHART_TABLE_HEADERS,
  PERIOD_NAMES,
  SERIES_NAMES,
} from '../catalog/chart-columns';

export type QueryRow = Record<string, unknown>;

export interface ShapeView {
  chart: Chart;
  interval: Interval;
  measure: Measure;
  states: readonly string[];
  /** The view's own day bounds (`dateBounds` of from/to), null where open. */
  start: string | null;
  end: string | null;
}

export interface ShapeContext {
  state(usps: string): string;
  subject(slug: string): string;
  /** The data's first and last day. */
  data: DayRange;
  /** How many bars a ranking shows. */
  limit: number;
}

export type CellValue = string | number | boolean | null;

export interface TableColumn {
  key: string;
  label: string;
  numeric: boolean;
}

export interface TableRow {
  /** Machine keys for tests and links: `period` (first day held), `series`, `days`. */
  keys: Record<string, string>;
  cells: Record<string, string>;
}

export interface DownloadColumn {
  name: string;
  kind: 'number' | 'text' | 'date';
  description: string;
}

export interface ShapedChart {
  /** Rows for the chart: trend dates moved to the first day each period holds; rankings cut. */
  chartRows: QueryRow[];
  /** The trend's periods by bucket key, for marking partial ones. */
  periods: Period[];
  table: { caption: string; columns: TableColumn[]; rows: TableRow[] };
  download: { columns: DownloadColumn[]; rows: CellValue[][] };
  /** What the chart, its table and the download say beside the numbers (partial periods, left-out numbers, ties). */
  notes: string[];
  /** The measure's unit: "complaints per 100,000 residents a month". */
  unit: string;
}

export { SERIES_NAMES };
const H = CHART_TABLE_HEADERS;
const D = CHART_DOWNLOAD_COLUMNS;

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function formatValue(measure: Measure, value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '';
  if (measure === 'per100k') return formatNumber(value, 2);
  if (measure === 'robocall_share') return formatPercent(value, 1);
  return formatNumber(value);
}

/** A share goes to the download as a percentage (35.21), a rate with its two decimals. */
function downloadValue(measure: Measure, value: number | null): number | null {
  if (value === null) return null;
  return measure === 'robocall_share' ? Math.round(value * 10_000) / 100 : value;
}

export function shapeChart(
  view: ShapeView,
  rows: readonly QueryRow[],
  context: ShapeContext,
): ShapedChart {
  const range = viewRange({ start: view.start, end: view.end }, context.data);
  const unit = measureUnit(view, range);
  const valueLabel = capitalise(unit);
  const valueColumn = measureColumn(view);
  const valueDescription = `${capitalise(unit)}${view.measure === 'robocall_share' ? ', as a percentage' : ''}`;
  const withCount = view.measure !== 'count';
  const countColumns = withCount ? [{ key: 'complaints', label: H.complaints, numeric: true }] : [];
  const countDownload: DownloadColumn[] = withCount ? [D.complaints_behind] : [];
  const seriesName = (code: string) => SERIES_NAMES[code] ?? context.state(code);

  switch (view.chart) {
    case 'trend': {
      const periods = new Map<string, Period>();
      const periodFor = (bucket: string) => {
        let p = periods.get(bucket);
        if (!p)
          periods.set(
            bucket,
            (p = periodOf(
              bucket,
              view.interval,
              range ?? { start: bucket, end: bucket },
              context.data.end,
            )),
          );
        return p;
      };
      const shaped = rows.map((r) => ({ row: r, period: periodFor(String(r.date).slice(0, 10)) }));
      const anyPartial = shaped.some((s) => s.period.partial);
      const columns: TableColumn[] = [
        { key: 'period', label: PERIOD_NAMES[view.interval], numeric: false },
        { key: 'series', label: H.series, numeric: false },
        { key: 'value', label: valueLabel, numeric: true },
        ...countColumns,
        ...(anyPartial ? [{ key: 'days', label: H.days, numeric: true }] : []),
      ];
      const partial = [...periods.values()].filter((p) => p.partial);
      return {
        chartRows: shaped.map(({ row, period }) => ({ ...row, date: period.start })),
        periods: [...periods.values()],
        unit,
        notes: partial.map(
          (p) =>
            `${p.label} holds ${p.days} of its ${p.fullDays} days${p.filling ? ' (the data are still filling it)' : ' (the filter or the data start or end inside it)'}.`,
        ),
        table: {
          caption: `The numbers behind the chart: ${unit}`,
          columns,
          rows: shaped.map(({ row, period }) => ({
            keys: { period: period.start, series: String(row.series), days: String(period.days) },
            cells: {
              period: period.label,
              series: seriesName(String(row.series)),
              value: formatValue(view.measure, num(row.value)),
              complaints: formatNumber(Number(row.complaints ?? 0)),
              days: period.partial ? `${partialNote(period)}` : `${period.days}`,
            },
          })),
        },
        download: {
          columns: [
            D.period_start,
            D.period_end,
            D.period(view.interval),
            D.days_held,
            D.days_in_period(view.interval),
            D.series,
            D.series_label,
            D.value(valueColumn, valueDescription),
            ...countDownload,
          ],
          rows: shaped.map(({ row, period }) => [
            period.start,
            period.end,
            period.label,
            period.days,
            period.fullDays,
            String(row.series),
            seriesName(String(row.series)),
            downloadValue(view.measure, num(row.value)),
            ...(withCount ? [Number(row.complaints ?? 0)] : []),
          ]),
        },
      };
    }
    case 'map':
    case 'subjects': {
      const isMap = view.chart === 'map';
      const key = isMap ? 'usps' : 'subject';
      const label = (code: string) => (isMap ? context.state(code) : context.subject(code));
      return {
        chartRows: [...rows],
        periods: [],
        unit,
        notes: [],
        table: {
          caption: `The numbers behind the chart: ${unit}`,
          columns: [
            { key: 'label', label: isMap ? H.state : H.subject, numeric: false },
            { key: 'value', label: valueLabel, numeric: true },
            ...countColumns,
          ],
          rows: rows.map((r) => ({
            keys: { [isMap ? 'state' : 'subject']: String(r[key]) },
            cells: {
              label: label(String(r[key])),
              value: formatValue(view.measure, num(r.value)),
              complaints: formatNumber(Number(r.complaints ?? 0)),
            },
          })),
        },
        download: {
          columns: [
            isMap ? D.state : D.subject,
            isMap ? D.state_label : D.subject_label,
            D.value(valueColumn, valueDescription),
            ...countDownload,
          ],
          rows: rows.map((r) => [
            String(r[key]),
            label(String(r[key])),
            downloadValue(view.measure, num(r.value)),
            ...(withCount ? [Number(r.complaints ?? 0)] : []),
          ]),
        },
      };
    }
    case 'area-codes':
    case 'callers': {
      const callers = view.chart === 'callers';
      const keyName = callers ? 'caller_number' : 'area_code';
      const ranked = callers
        ? rows.filter((r) => isValidCallerNumber(String(r.caller_number)))
        : [...rows];
      const cut = cutRanking(ranked, context.limit, (r) => Number(r.value));
      const tiedBeyond = Math.max(cut.tiedBeyond, num(ranked[ranked.length - 1]?.tied_beyond) ?? 0);
      const notes: string[] = [];
      const tie = tieNote(
        tiedBeyond,
        tiedBeyond ? Number(cut.shown[cut.shown.length - 1]?.value) : null,
        callers ? 'number' : 'area code',
      );
      if (tie) notes.push(`The ranking is cut inside a tie: ${tie}.`);
      const invalid = callers ? (num(rows[0]?.no_valid_number) ?? 0) : 0;
      if (invalid) notes.push(invalidNote(invalid));
      return {
        chartRows: cut.shown,
        periods: [],
        unit: 'complaints',
        notes,
        table: {
          caption: callers
            ? 'The numbers behind the chart: complaints per caller number'
            : 'The numbers behind the chart: complaints per consumer area code',
          columns: [
            { key: 'label', label: callers ? H.caller_number : H.area_code, numeric: false },
            { key: 'value', label: H.complaints, numeric: true },
            ...(callers ? [{ key: 'pone', label: H.pone, numeric: false }] : []),
          ],
          rows: cut.shown.map((r) => ({
            keys: { [keyName]: String(r[keyName]) },
            cells: {
              label: callers ? formatPhone(String(r.caller_number)) : String(r.area_code),
              value: formatNumber(Number(r.value)),
              pone: r.pone_provider ? String(r.pone_provider) : '',
            },
          })),
        },
        download: {
          columns: callers
            ? [D.caller_number, D.caller_number_display, D.complaints, D.pone_provider]
            : [D.area_code, D.complaints],
          rows: cut.shown.map((r) =>
            callers
              ? [
                  String(r.caller_number),
                  formatPhone(String(r.caller_number)),
                  Number(r.value),
                  r.pone_provider ? String(r.pone_provider) : null,
                ]
              : [String(r.area_code), Number(r.value)],
          ),
        },
      };
    }
    case 'providers':
      return {
        chartRows: [...rows],
        periods: [],
        unit: 'complaints',
        notes: [],
        table: {
          caption: 'The numbers behind the chart: complaints naming each provider’s numbers',
          columns: [
            { key: 'label', label: H.provider, numeric: false },
            { key: 'value', label: H.providerComplaints, numeric: true },
            { key: 'numbers', label: H.providerNumbers, numeric: true },
          ],
          rows: rows.map((r) => ({
            keys: { provider: String(r.provider) },
            cells: {
              label: String(r.provider),
              value: formatNumber(Number(r.value)),
              numbers: formatNumber(Number(r.numbers ?? 0)),
            },
          })),
        },
        download: {
          columns: [D.provider, D.provider_complaints, D.caller_numbers],
          rows: rows.map((r) => [String(r.provider), Number(r.value), Number(r.numbers ?? 0)]),
        },
      };
    case 'table':
      return {
        chartRows: [...rows],
        periods: [],
        unit: 'complaints',
        notes: [],
        table: { caption: '', columns: [], rows: [] },
        download: { columns: [], rows: [] },
      };
  }
}
