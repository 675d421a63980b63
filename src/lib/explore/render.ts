/**
 * Query rows → the chart for a view, with the same chart functions the static pages draw at build
 * time. Also the rows as a plain table (the numbers behind the chart, and the aggregate download).
 */
import { barChart } from '../charts/bars';
import type { ChartElement } from '../charts/common';
import { stateMap } from '../charts/map';
import { trendChart } from '../charts/trend';
import type { ValueFormat } from '../charts/values';
import { capitalise, MEASURE_LABELS, ROBOCALL } from '../catalog/enums';
import type { ExploreView, Names } from './view';
import { formatPhone } from '../caller/number';

export type Row = Record<string, unknown>;

/** The trend's lines by the robocall flag: `robocall`, `live`, `unknown` → their labels. */
export const SERIES_LABELS: Record<string, string> = Object.fromEntries(
  Object.values(ROBOCALL).map((r) => [r.series, r.label]),
);

export interface RenderContext {
  names: Names;
  width: number;
  document?: Document;
  /** Link for a state on the map and in bars. */
  stateHref?: (usps: string) => string;
  /** What a value counts, with the period a rate covers (src/lib/numbers/measures.ts measureUnit): the axis and legend say it. */
  unit?: string;
  /** Trend periods that hold fewer days than a whole one, by the date their points carry. */
  partial?: { date: string; note: string }[];
}

const FORMATS: Record<ExploreView['measure'], ValueFormat> = {
  count: 'count',
  per100k: 'per100k',
  robocall_share: 'percent',
};

/** The chart for a view; null for `table`, which is the rows themselves. */
export function renderChart(
  view: ExploreView,
  rows: Row[],
  context: RenderContext,
): ChartElement | null {
  const base = {
    width: context.width,
    ...(context.document ? { document: context.document } : {}),
  };
  const format = FORMATS[view.measure];
  switch (view.chart) {
    case 'trend':
      return trendChart(
        rows.map((r) => ({
          date: String(r.date),
          series: String(r.series),
          value: Number(r.value ?? 0),
        })),
        {
          ...base,
          yFormat: format,
          yLabel: capitalise(context.unit ?? MEASURE_LABELS[view.measure]),
          ...(context.partial?.length ? { partial: context.partial } : {}),
          seriesLabels: {
            ...SERIES_LABELS,
            ...Object.fromEntries(view.states.map((s) => [s, context.names.state(s)])),
            all: capitalise(MEASURE_LABELS[view.measure]),
          },
        },
      );
    case 'map':
      return stateMap(
        rows.map((r) => ({
          usps: String(r.usps),
          value: r.value === null ? null : Number(r.value),
        })),
        {
          ...base,
          valueFormat: format,
          legendLabel: capitalise(context.unit ?? MEASURE_LABELS[view.measure]),
          selected: new Set(view.states),
          ...(context.stateHref ? { href: context.stateHref } : {}),
        },
      );
    case 'subjects':
      return barChart(
        rows.map((r) => ({
          label: context.names.subject(String(r.subject)),
          value: Number(r.value ?? 0),
        })),
        {
          ...base,
          valueFormat: format,
          valueLabel: capitalise(context.unit ?? MEASURE_LABELS[view.measure]),
        },
      );
    case 'area-codes':
      return barChart(
        rows.map((r) => ({ label: String(r.area_code), value: Number(r.value) })),
        { ...base, valueLabel: 'Complaints' },
      );
    case 'callers':
      return barChart(
        rows.map((r) => ({
          label: formatPhone(String(r.caller_number)),
          value: Number(r.value),
          highlight: r.pone_provider != null,
        })),
        {
          ...base,
          valueLabel: 'Complaints',
          highlightLabel: 'Named in a Project Point of No Entry letter',
        },
      );
    case 'providers':
      return barChart(
        rows.map((r) => ({ label: String(r.provider), value: Number(r.value) })),
        { ...base, valueLabel: 'Complaints naming the numbers in its letters' },
      );
    case 'table':
      return null;
  }
}

/** One phone formatter (src/lib/caller/number.ts), under the name this module's users know. */
export { formatPhone };
