/**
 * Builds the figures pages show: numbers (table), sentence and drawing for each chart kind. The
 * numbers come from the pure shaping functions; the drawing from ../charts at two widths.
 */
import { trendChart } from '../../lib/charts/trend';
import type { TrendPoint } from '../../lib/charts/trend-data';
import type { EventMark } from '../../lib/charts/annotations';
import { barChart, type BarRow } from '../../lib/charts/bars';
import { stateMap } from '../../lib/charts/map';
import { subjectChart } from '../../lib/charts/subjects';
import { beforeAfterChart } from '../../lib/charts/before-after';
import {
  beforeAfter as beforeAfterSummary,
  compareLatestToYearEarlier,
  topShare,
} from '../../lib/summaries';
import type { ValueFormat } from '../../lib/charts/values';
import { formatMonth, formatNumber, formatPer100k, formatPercent } from '../../lib/format';
import { CATEGORICAL, MUTED } from '../../lib/charts/palette';
import { drawBoth } from './draw';
import { stateUrl, subjectUrl } from '../../lib/site-data/routes';
import { sourceLine, type Figure, type SourceInfo } from '../../lib/site-data/figure';
import { addMonths, type Month } from '../../lib/dates';
import { spanName } from '../../lib/site-data/months';
import {
  CALL_KIND_LABELS,
  CALL_KINDS,
  CATCH_ALL_SUBJECTS,
  fillMonths,
  sumBy,
  trendByCallKind,
  type MonthCount,
  type StateRate,
  type StateRef,
} from '../../lib/site-data/shape';
import type { Cell, TableSpec } from '../../lib/site-data/table';
import {
  countsBySubject,
  NATIONAL,
  ratePoints,
  totalsByMonth,
  type CubeRow,
} from '../../lib/site-data/views';

/** `2026-10` → `2026-10-01`, the date the charts take for a month. */
export const monthDate = (month: Month): string => `${month}-01`;

const monthCell = (month: Month): Cell => ({ text: formatMonth(month, true), value: month });

export interface FigureBase {
  id: string;
  title: string;
  info: SourceInfo;
  months: readonly Month[];
}

function source(base: FigureBase, what?: string): string {
  return sourceLine(
    base.info,
    base.months[0] ?? null,
    base.months[base.months.length - 1] ?? null,
    what,
  );
}

/** Complaints per month, split by what the consumer said about the call (robocall, live, not said). */
export function callKindTrendFigure(
  base: FigureBase & { rows: readonly CubeRow[]; where: string; marks?: EventMark[] },
): Figure {
  const { rows, months } = base;
  const points = trendByCallKind(rows, months);
  const totals = fillMonths(totalsByMonth(rows), months);
  const byKey = new Map(points.map((p) => [`${p.series}|${p.date}`, p.value]));
  const table: TableSpec = {
    caption: `${base.title}: complaints per month by kind of call`,
    columns: [
      { label: 'Month' },
      ...CALL_KINDS.map((kind) => ({ label: CALL_KIND_LABELS[kind], numeric: true })),
      { label: 'Total', numeric: true },
      { label: 'Robocall share', numeric: true },
    ],
    rows: totals.map(({ month, complaints }) => {
      const robo = byKey.get(`robocall|${month}`) ?? 0;
      const live = byKey.get(`live|${month}`) ?? 0;
      const said = robo + live;
      return {
        cells: [
          monthCell(month),
          robo,
          live,
          byKey.get(`unknown|${month}`) ?? 0,
          complaints,
          said ? { text: formatPercent(robo / said), value: robo / said } : null,
        ],
      };
    }),
  };
  const drawn = points.length
    ? drawBoth(({ width, document }) =>
        trendChart(
          points.map((p): TrendPoint => ({
            date: monthDate(p.date),
            series: p.series,
            value: p.value,
          })),
          {
            width,
            document,
            yLabel: 'Complaints per month',
            seriesLabels: CALL_KIND_LABELS,
            ariaLabel: base.title,
            ...(base.marks ? { marks: base.marks } : {}),
          },
        ),
      )
    : { svg: '', svgNarrow: '' };
  return {
    id: base.id,
    kind: 'trend',
    title: base.title,
    summary: trendSentence(base.where, totals),
    ...drawn,
    table,
    source: source(base),
  };
}

/**
 * The sentence under a monthly trend: the latest month against a year earlier (summaries.ts), or
 * the first against the last month when the data are shorter than thirteen months.
 */
export function trendSentence(where: string, totals: readonly MonthCount[]): string {
  const first = totals[0];
  const last = totals[totals.length - 1];
  if (!first || !last) return `There are no complaints ${where} in these months.`;
  if (totals.length > 12)
    return compareLatestToYearEarlier(
      totals.map((p) => ({ month: p.month, value: p.complaints })),
      `complaints ${where}`,
    );
  if (first === last)
    return `There were ${formatNumber(last.complaints)} complaints ${where} in ${formatMonth(last.month)}.`;
  return `Complaints ${where} went from ${formatNumber(first.complaints)} in ${formatMonth(first.month)} to ${formatNumber(last.complaints)} in ${formatMonth(last.month)}; the data do not reach back a full year.`;
}

/** Each subject's share of complaints over time, as small multiples; the numbers table gives the counts. */
export function subjectTrendFigure(
  base: FigureBase & {
    rows: readonly CubeRow[];
    label: (slug: string) => string;
    short: (slug: string) => string;
    window: readonly Month[];
    windowPhrase: string;
    where: string;
  },
): Figure {
  const latest = base.months[base.months.length - 1];
  const yearAgo = latest ? addMonths(latest, -12) : undefined;
  const inWindow = countsBySubject(base.rows, base.window);
  const inLatest = latest ? countsBySubject(base.rows, [latest]) : new Map<string, number>();
  const inYearAgo =
    yearAgo && base.months.includes(yearAgo) ? countsBySubject(base.rows, [yearAgo]) : null;
  const total = (m: ReadonlyMap<string, number>) => [...m.values()].reduce((x, y) => x + y, 0);
  const share = (m: ReadonlyMap<string, number> | null, slug: string): Cell => {
    const t = m ? total(m) : 0;
    return m && t
      ? { text: formatPercent((m.get(slug) ?? 0) / t, 1), value: (m.get(slug) ?? 0) / t }
      : null;
  };
  const table: TableSpec = {
    caption: `${base.title}: complaints by subject`,
    columns: [
      { label: 'Subject' },
      { label: `Complaints, ${spanName(base.window)}`, numeric: true },
      { label: 'Share', numeric: true },
      ...(latest ? [{ label: `Share, ${formatMonth(latest, true)}`, numeric: true }] : []),
      ...(inYearAgo && yearAgo
        ? [{ label: `Share, ${formatMonth(yearAgo, true)}`, numeric: true }]
        : []),
    ],
    rows: [...inWindow]
      .sort((x, y) => y[1] - x[1])
      .map(([slug, n]) => ({
        cells: [
          { text: base.label(slug), href: subjectUrl(slug) },
          n,
          share(inWindow, slug),
          ...(latest ? [share(inLatest, slug)] : []),
          ...(inYearAgo ? [share(inYearAgo, slug)] : []),
        ],
      })),
  };
  const bySubject = sumBy(
    base.rows.filter((r) => base.months.includes(r.month)),
    (r) => `${r.subject}|${r.month}`,
    (r) => r.complaints,
  );
  const chartPoints = [...bySubject].map(([key, value]) => {
    const [subject, month] = key.split('|') as [string, string];
    return { date: monthDate(month), subject, value };
  });
  const slugs = [...new Set(base.rows.map((r) => r.subject))];
  const drawn = chartPoints.length
    ? drawBoth(({ width, document }) =>
        subjectChart(chartPoints, {
          width,
          document,
          labels: Object.fromEntries(slugs.map((slug) => [slug, base.short(slug)])),
          ariaLabel: base.title,
        }),
      )
    : { svg: '', svgNarrow: '' };
  return {
    id: base.id,
    kind: 'subjects',
    title: base.title,
    summary: subjectShareSentence(base.rows, base.window, base.label, base.windowPhrase),
    ...drawn,
    table,
    source: source(base),
  };
}

/** topShare() from summaries.ts, and the leading named subject when a catch-all answer leads. */
export function subjectShareSentence(
  rows: readonly CubeRow[],
  window: readonly Month[],
  label: (slug: string) => string,
  windowPhrase: string,
): string {
  const totals = [...countsBySubject(rows, window)].map(([key, value]) => ({ key, value }));
  const labels = Object.fromEntries(totals.map((t) => [t.key, label(t.key)]));
  const sentence = topShare(totals, { labels, period: `in ${windowPhrase}` });
  const sum = totals.reduce((a, t) => a + t.value, 0);
  const ranked = [...totals].sort((a, b) => b.value - a.value);
  const named = ranked.find((t) => !CATCH_ALL_SUBJECTS.has(t.key));
  if (!sum || !named || named === ranked[0]) return sentence;
  return `${sentence.replace(/\.$/, '')}; of the named subjects, ${labels[named.key]} led with ${formatPercent(named.value / sum)}.`;
}

export interface BarsFigureInput extends FigureBase {
  summary: string;
  rows: readonly BarRow[];
  /** Column heading of the label and the value in the table. */
  labelHeading: string;
  valueHeading: string;
  valueFormat?: ValueFormat;
  /** Also give each row's share of `shareOf` in the table. */
  shareOf?: number;
  highlightLabel?: string;
  /** Bars to draw (the table lists every row). Default: all. */
  limit?: number;
  kind?: string;
  note?: string;
  /** What the source line names. */
  what?: string;
  /** Rank the rows by value. Default: true (false keeps the given order). */
  sort?: boolean;
}

/** Ranked bars with the full list in the table. */
export function barsFigure(input: BarsFigureInput): Figure {
  const format = input.valueFormat ?? 'count';
  const digits = format === 'per100k' ? 1 : 0;
  const sorted =
    input.sort === false
      ? [...input.rows]
      : [...input.rows].sort((a, b) => b.value - a.value || a.label.localeCompare(b.label));
  const table: TableSpec = {
    caption: input.title,
    columns: [
      { label: input.labelHeading },
      { label: input.valueHeading, numeric: true, digits },
      ...(input.shareOf ? [{ label: 'Share', numeric: true }] : []),
    ],
    rows: sorted.map((r) => ({
      highlight: r.highlight ?? false,
      cells: [
        r.href ? { text: r.label, href: r.href } : r.label,
        r.valueText
          ? { text: r.valueText, value: r.value }
          : format === 'percent'
            ? { text: formatPercent(r.value, 1), value: r.value }
            : r.value,
        ...(input.shareOf
          ? [{ text: formatPercent(r.value / input.shareOf, 1), value: r.value / input.shareOf }]
          : []),
      ],
    })),
  };
  const drawn = sorted.length
    ? drawBoth(({ width, document }) =>
        barChart(sorted, {
          width,
          document,
          valueFormat: format,
          valueLabel: input.valueHeading,
          ariaLabel: input.title,
          sort: input.sort !== false,
          ...(input.highlightLabel ? { highlightLabel: input.highlightLabel } : {}),
          ...(input.limit ? { limit: input.limit } : {}),
        }),
      )
    : { svg: '', svgNarrow: '' };
  return {
    id: input.id,
    kind: input.kind ?? 'bars',
    title: input.title,
    summary: input.summary,
    ...drawn,
    table,
    source: source(input, input.what),
    ...(input.note ? { note: input.note } : {}),
  };
}

/** A state's complaints per 100,000 residents by month against the nation's. */
export function rateTrendFigure(
  base: FigureBase & { rows: readonly CubeRow[]; state: StateRef; states: readonly StateRef[] },
): Figure {
  const points = ratePoints(base.rows, base.months, base.state, base.states);
  const own = new Map(
    points.filter((p) => p.series === base.state.usps).map((p) => [p.date, p.value]),
  );
  const us = new Map(points.filter((p) => p.series === NATIONAL).map((p) => [p.date, p.value]));
  const table: TableSpec = {
    caption: `${base.title}: complaints per 100,000 residents by month`,
    columns: [
      { label: 'Month' },
      { label: base.state.name, numeric: true, digits: 1 },
      { label: 'United States', numeric: true, digits: 1 },
    ],
    rows: base.months.map((m) => ({
      cells: [monthCell(m), own.get(m) ?? null, us.get(m) ?? null],
    })),
  };
  const drawn =
    own.size > 0
      ? drawBoth(({ width, document }) =>
          trendChart(
            points.map((p) => ({ date: monthDate(p.date), series: p.series, value: p.value })),
            {
              width,
              document,
              yLabel: 'Complaints per 100,000 residents',
              yFormat: 'per100k',
              seriesLabels: { [base.state.usps]: base.state.name, [NATIONAL]: 'United States' },
              colors: { [base.state.usps]: CATEGORICAL[0], [NATIONAL]: MUTED },
              ariaLabel: base.title,
            },
          ),
        )
      : { svg: '', svgNarrow: '' };
  const last = base.months[base.months.length - 1];
  const a = last ? own.get(last) : undefined;
  const b = last ? us.get(last) : undefined;
  const summary =
    last && a !== undefined && b !== undefined
      ? `In ${formatMonth(last)}, ${base.state.name} had ${formatPer100k(a)} complaints per 100,000 residents, ${relative(a, b)} the national ${formatPer100k(b)}.`
      : `${base.state.name} has no 2020 Census population in the reference table, so there is no rate per resident to draw; the next chart has the counts.`;
  return {
    id: base.id,
    kind: 'trend',
    title: base.title,
    summary,
    ...drawn,
    table,
    source: source(base, 'FTC Do Not Call complaints; 2020 Census populations'),
  };
}

/** `above` / `below` / `about the same as`, for two rates. */
export function relative(a: number, b: number): string {
  if (b === 0) return a === 0 ? 'the same as' : 'above';
  const r = a / b;
  if (r > 1.05) return `${formatNumber((r - 1) * 100)}% above`;
  if (r < 0.95) return `${formatNumber((1 - r) * 100)}% below`;
  return 'about the same as';
}

/** Complaints per 100,000 residents by state, shaded; each state links to its page. */
export function mapFigure(
  base: FigureBase & { rates: readonly StateRate[]; national: number | null; windowPhrase: string },
): Figure {
  const ranked = base.rates.filter((r) => r.per100k !== null);
  const table: TableSpec = {
    caption: `${base.title}: complaints and rate by state`,
    columns: [
      { label: 'State' },
      { label: 'Complaints', numeric: true },
      { label: 'Per 100,000', numeric: true, digits: 1 },
      { label: 'Rank', numeric: true },
    ],
    rows: base.rates.map((r) => ({
      cells: [{ text: r.name, href: stateUrl(r.usps) }, r.complaints, r.per100k, r.rank],
    })),
  };
  const drawn = ranked.length
    ? drawBoth(({ width, document }) =>
        stateMap(
          base.rates.map((r) => ({ usps: r.usps, value: r.per100k })),
          {
            width,
            document,
            valueFormat: 'per100k',
            legendLabel: 'Complaints per 100,000 residents',
            href: stateUrl,
            ariaLabel: base.title,
          },
        ),
      )
    : { svg: '', svgNarrow: '' };
  const top = ranked[0];
  const bottom = ranked[ranked.length - 1];
  const summary =
    top && bottom
      ? `In ${base.windowPhrase}, ${top.name} had the most complaints per resident (${formatPer100k(top.per100k!)} per 100,000) and ${bottom.name} the fewest (${formatPer100k(bottom.per100k!)}); the national rate was ${base.national === null ? 'not known' : formatPer100k(base.national)}.`
      : 'No state has both complaints and a population figure, so there is no rate to map.';
  return {
    id: base.id,
    kind: 'map',
    title: base.title,
    summary,
    ...drawn,
    table,
    source: source(base, 'FTC Do Not Call complaints; 2020 Census populations'),
  };
}

/** One monthly count series (e.g. complaints reporting a provider's numbers), with events marked. */
export function countTrendFigure(
  base: FigureBase & {
    series: readonly MonthCount[];
    label: string;
    where: string;
    marks?: EventMark[];
    what?: string;
    note?: string;
  },
): Figure {
  const table: TableSpec = {
    caption: `${base.title}: complaints per month`,
    columns: [{ label: 'Month' }, { label: base.label, numeric: true }],
    rows: base.series.map((p) => ({ cells: [monthCell(p.month), p.complaints] })),
  };
  const any = base.series.some((p) => p.complaints > 0);
  const drawn = any
    ? drawBoth(({ width, document }) =>
        trendChart(
          base.series.map((p) => ({
            date: monthDate(p.month),
            series: 'count',
            value: p.complaints,
          })),
          {
            width,
            document,
            yLabel: 'Complaints per month',
            seriesLabels: { count: base.label },
            colors: { count: CATEGORICAL[0] },
            ariaLabel: base.title,
            ...(base.marks?.length ? { marks: base.marks } : {}),
          },
        ),
      )
    : { svg: '', svgNarrow: '' };
  return {
    id: base.id,
    kind: 'trend',
    title: base.title,
    summary: any
      ? trendSentence(base.where, base.series)
      : `No complaints ${base.where} in these months.`,
    ...drawn,
    empty: `No complaints ${base.where} in the data’s months, so there is no line to draw.`,
    table,
    source: source(base, base.what),
    ...(base.note ? { note: base.note } : {}),
  };
}

/** Monthly complaints around one action, the windows before and after shaded, with a careful sentence. */
export function beforeAfterFigure(
  base: FigureBase & {
    series: readonly MonthCount[];
    actionDate: string;
    actionLabel: string;
    event: string;
    what: string;
    whatSource?: string;
  },
): Figure {
  const monthly = base.series.map((p) => ({ month: p.month, value: p.complaints }));
  const first = base.months[0];
  const last = base.months[base.months.length - 1];
  const table: TableSpec = {
    caption: `${base.title}: complaints per month`,
    columns: [{ label: 'Month' }, { label: 'Complaints', numeric: true }],
    rows: base.series.map((p) => ({ cells: [monthCell(p.month), p.complaints] })),
  };
  const drawn =
    last && base.series.length
      ? drawBoth(({ width, document }) =>
          beforeAfterChart(monthly, {
            width,
            document,
            actionDate: base.actionDate,
            actionLabel: base.actionLabel,
            through: last,
            ariaLabel: base.title,
          }),
        )
      : { svg: '', svgNarrow: '' };
  const summary = last
    ? beforeAfterSummary(monthly, {
        actionDate: base.actionDate,
        through: last,
        ...(first ? { from: first } : {}),
        event: base.event,
        what: base.what,
      })
    : 'There are no complaints to compare.';
  return {
    id: base.id,
    kind: 'before-after',
    title: base.title,
    summary,
    ...drawn,
    table,
    source: source(base, base.whatSource),
  };
}
