/**
 * The explorer's URL keys, one entry each (Datasette's filters.py is the model: a filter carries
 * its SQL and its words together). Everything that reads or writes a view loops over this table:
 * the URL grammar (`parseExploreView`, `serializeExploreView`), the WHERE clause, the columns that
 * choose a source, the caption (`describeFilters`), a download's filter list, metadata and file
 * name, and the explorer's form. Adding a key is one entry here, its field on `ExploreView`, and
 * its place in `FORM_LAYOUT` if the form shows it.
 *
 * Table order is the canonical URL order (and the WHERE order); captions and file names have their
 * own word order (`caption.order`, `slug.order`), since a sentence is not a query string.
 */
import {
  CHART_MENU_NAMES,
  CHARTS,
  INTERVALS,
  MEASURE_LABELS,
  MEASURES,
  ROBOCALL,
  ROBOCALL_VALUES,
  capitalise,
  isOneOf,
  type RobocallValue,
} from '../catalog/enums';
import { dateBounds, isUrlDate } from '../dates';
import { formatPhone, parseCallerNumber } from '../caller/number';
import { describePeriod, joinWords } from './words';
import type { SqlWriter } from './sql';
import type { ExploreView, Names, Vocabulary } from './view';

/** Columns a source may have: what filters filter and charts group by. */
export type Column = 'state' | 'subject' | 'robocall' | 'area_code' | 'caller_number' | 'provider';

export interface ParseContext {
  vocabulary: Vocabulary;
  /** Name a value (or one part of a list) the key does not accept; the page shows it. */
  reject(reason: string, value?: string): void;
}

export interface SqlContext {
  w: SqlWriter;
  /** A column's name as the query refers to it (with the relation's prefix, if any). */
  col(name: Column): string;
  /** The source's date column, prefixed the same way. */
  date: string;
  /** The source is the caller index, sorted by `caller_key` (the number as an integer). */
  callerIndex?: boolean;
}

/** What the build knows that the form's options and placeholders need (see ExploreConfig). */
export interface FormContext {
  dateMin: string | null;
  dateMax: string | null;
  states: { usps: string; name: string }[];
  subjects: { slug: string; label: string }[];
}

export interface FormOption {
  value: string;
  label: string;
}

/** A form control, by the markup it takes (src/pages/explore/index.astro renders each kind). */
export type FormControl =
  | { kind: 'select'; label: string; options(ctx: FormContext): FormOption[] }
  | {
      kind: 'text';
      label: string;
      hint?: string;
      pattern?: string;
      placeholder(ctx: FormContext): string;
      stripSpaces?: boolean;
    }
  /** Checkboxes in a fieldset, always open. */
  | { kind: 'checks'; legend: string; options(ctx: FormContext): FormOption[] }
  /** Checkboxes folded into a <details>, whose summary names the chosen ones. */
  | {
      kind: 'choices';
      legend: string;
      summaryRole: string;
      options(ctx: FormContext): FormOption[];
    };

export interface FormField {
  control: FormControl;
  /** The control's value for a view: a text, or the checked values. */
  value(view: ExploreView): string | readonly string[];
}

export interface Filter {
  /** The column it filters; `date` is the source's date column, whichever it is. */
  column: Column | 'date';
  active(view: ExploreView): boolean;
  /** Its condition, values only through `sql.w` (bound `?` or literal, per the writer's mode). */
  where(view: ExploreView, sql: SqlContext): string;
  /** Its line in a download's README: label and words, `all` when it does not filter. */
  listLabel: string;
  listText(view: ExploreView, names: Names): string;
  /** Its key under metadata.json's `filters` (the value is the view's field). */
  metadataKey: string;
}

export interface UrlKey<
  F extends keyof ExploreView = keyof ExploreView,
  K extends string = string,
> {
  key: K;
  field: F;
  default: ExploreView[F];
  /** The value to keep, or undefined to keep the default (after `ctx.reject` where it refuses). */
  parse(value: string, ctx: ParseContext): ExploreView[F] | undefined;
  /** Its URL value, or null to leave the key out of the canonical URL. */
  serialise(view: ExploreView): string | null;
  /** A rule across keys, checked after all are read: a reason to drop this key's value, or null. */
  check?(view: ExploreView): string | null;
  filter?: Filter;
  /** Its phrase in the caption (`describeFilters`): `adjective`s come before "complaints", phrases after, by order. */
  caption?: {
    order: number;
    kind: 'adjective' | 'phrase';
    words(view: ExploreView, names: Names): string | null;
  };
  /** Its part of a download's file name, by order (see download/filename.ts). */
  slug?: { order: number; part(view: ExploreView): string | null };
  /** Its line in an aggregate (chart data) download's README, where it applies. */
  chartSetting?: { label: string; text(view: ExploreView): string | null };
  form?: FormField;
}

const entry = <F extends keyof ExploreView, K extends string>(e: UrlKey<F, K>): UrlKey<F, K> => e;

const listValue = (values: readonly string[]): string | null =>
  values.length ? values.join(',') : null;
const selectOptions = (values: readonly string[], label: (v: string) => string) => () =>
  values.map((value) => ({ value, label: label(value) }));
const datePattern = '\\d{4}(-\\d{2}(-\\d{2})?)?';
/** Trend, map and subjects charts draw the measure; the ranked charts always count. */
const drawsMeasure = (view: ExploreView) =>
  view.chart === 'trend' || view.chart === 'map' || view.chart === 'subjects';

export const URL_KEYS = [
  entry({
    key: 'chart',
    field: 'chart',
    default: 'trend',
    parse: (value, ctx) =>
      isOneOf(CHARTS, value) ? value : void ctx.reject(`not a chart (${CHARTS.join(', ')})`),
    serialise: (view) => (view.chart !== 'trend' ? view.chart : null),
    chartSetting: { label: 'Chart', text: (view) => view.chart },
    form: {
      control: {
        kind: 'select',
        label: 'Chart',
        options: selectOptions(CHARTS, (c) => CHART_MENU_NAMES[c as (typeof CHARTS)[number]]),
      },
      value: (view) => view.chart,
    },
  }),
  entry({
    key: 'interval',
    field: 'interval',
    default: 'month',
    parse: (value, ctx) =>
      isOneOf(INTERVALS, value)
        ? value
        : void ctx.reject(`not an interval (${INTERVALS.join(', ')})`),
    serialise: (view) => (view.interval !== 'month' ? view.interval : null),
    chartSetting: {
      label: 'Interval',
      text: (view) => (view.chart === 'trend' ? view.interval : null),
    },
    form: {
      control: { kind: 'select', label: 'Interval', options: selectOptions(INTERVALS, capitalise) },
      value: (view) => view.interval,
    },
  }),
  entry({
    key: 'from',
    field: 'from',
    default: null,
    parse: (value, ctx) =>
      value === ''
        ? undefined
        : isUrlDate(value)
          ? value
          : void ctx.reject('not a date (YYYY, YYYY-MM or YYYY-MM-DD)'),
    serialise: (view) => view.from || null,
    filter: {
      column: 'date',
      active: (view) => view.from !== null,
      where: (view, sql) =>
        `${sql.date} >= CAST(${sql.w.value(dateBounds(view.from!).start)} AS DATE)`,
      listLabel: 'Created from',
      listText: (view) =>
        view.from ? `${view.from} (${dateBounds(view.from).start})` : 'start of the data',
      metadataKey: 'from',
    },
    // The period is one phrase and one part of the name, said by `from` for both bounds.
    caption: { order: 40, kind: 'phrase', words: (view) => describePeriod(view.from, view.to) },
    slug: {
      order: 50,
      part: (view) =>
        view.from || view.to ? `${view.from ?? 'start'}-to-${view.to ?? 'end'}` : null,
    },
    form: {
      control: {
        kind: 'text',
        label: 'From',
        pattern: datePattern,
        placeholder: (ctx) => ctx.dateMin?.slice(0, 7) ?? 'YYYY-MM',
      },
      value: (view) => view.from ?? '',
    },
  }),
  entry({
    key: 'to',
    field: 'to',
    default: null,
    parse: (value, ctx) =>
      value === ''
        ? undefined
        : isUrlDate(value)
          ? value
          : void ctx.reject('not a date (YYYY, YYYY-MM or YYYY-MM-DD)'),
    serialise: (view) => view.to || null,
    check: (view) =>
      view.from && view.to && dateBounds(view.from).start > dateBounds(view.to).end
        ? `before from=${view.from}`
        : null,
    filter: {
      column: 'date',
      active: (view) => view.to !== null,
      where: (view, sql) => `${sql.date} <= CAST(${sql.w.value(dateBounds(view.to!).end)} AS DATE)`,
      listLabel: 'Created through',
      listText: (view) => (view.to ? `${view.to} (${dateBounds(view.to).end})` : 'end of the data'),
      metadataKey: 'to',
    },
    form: {
      control: {
        kind: 'text',
        label: 'To',
        pattern: datePattern,
        placeholder: (ctx) => ctx.dateMax?.slice(0, 7) ?? 'YYYY-MM',
      },
      value: (view) => view.to ?? '',
    },
  }),
  entry({
    key: 'state',
    field: 'states',
    default: [],
    parse: (value, ctx) =>
      parseList(
        value,
        (v) => v.toUpperCase(),
        (v) => ctx.vocabulary.states.has(v),
        'not a state in the data',
        ctx,
      ),
    serialise: (view) => listValue(view.states),
    filter: {
      column: 'state',
      active: (view) => view.states.length > 0,
      where: (view, sql) => `${sql.col('state')} IN (${sql.w.list(view.states)})`,
      listLabel: 'States',
      listText: (view, names) =>
        view.states.length ? view.states.map((u) => `${names.state(u)} (${u})`).join(', ') : 'all',
      metadataKey: 'states',
    },
    caption: {
      order: 10,
      kind: 'phrase',
      words: (view, names) =>
        view.states.length ? `in ${joinWords(view.states.map(names.state))}` : null,
    },
    slug: { order: 10, part: (view) => listPart(view.states) },
    form: {
      control: {
        kind: 'choices',
        legend: 'States',
        summaryRole: 'states-summary',
        options: (ctx) => ctx.states.map((s) => ({ value: s.usps, label: s.name })),
      },
      value: (view) => view.states,
    },
  }),
  entry({
    key: 'subject',
    field: 'subjects',
    default: [],
    parse: (value, ctx) =>
      parseList(
        value,
        (v) => v.toLowerCase(),
        (v) => ctx.vocabulary.subjects.has(v),
        'not a subject',
        ctx,
      ),
    serialise: (view) => listValue(view.subjects),
    filter: {
      column: 'subject',
      active: (view) => view.subjects.length > 0,
      where: (view, sql) => `${sql.col('subject')} IN (${sql.w.list(view.subjects)})`,
      listLabel: 'Subjects',
      listText: (view, names) =>
        view.subjects.length
          ? view.subjects.map((s) => `${names.subject(s)} (${s})`).join(', ')
          : 'all',
      metadataKey: 'subjects',
    },
    caption: {
      order: 30,
      kind: 'phrase',
      words: (view, names) =>
        view.subjects.length
          ? `about ${joinWords(view.subjects.map((s) => names.subject(s).toLowerCase()))}`
          : null,
    },
    slug: { order: 20, part: (view) => listPart(view.subjects, 2) },
    form: {
      control: {
        kind: 'choices',
        legend: 'Subjects',
        summaryRole: 'subjects-summary',
        options: (ctx) => ctx.subjects.map((s) => ({ value: s.slug, label: s.label })),
      },
      value: (view) => view.subjects,
    },
  }),
  entry({
    key: 'robocall',
    field: 'robocall',
    default: [],
    parse: (value, ctx) =>
      parseList(
        value,
        (v) => v.toLowerCase(),
        (v) => isOneOf(ROBOCALL_VALUES, v),
        'not yes, no or unknown',
        ctx,
      ) as RobocallValue[],
    serialise: (view) => listValue(view.robocall),
    filter: {
      column: 'robocall',
      active: (view) => view.robocall.length > 0,
      where: (view, sql) =>
        `(${view.robocall.map((r) => `${sql.col('robocall')} ${ROBOCALL[r].sql === 'NULL' ? 'IS NULL' : `= ${ROBOCALL[r].sql}`}`).join(' OR ')})`,
      listLabel: 'Robocall or live',
      listText: (view) =>
        view.robocall.length
          ? view.robocall.map((r) => ROBOCALL[r].label.toLowerCase()).join(', ')
          : 'all',
      metadataKey: 'robocall',
    },
    caption: {
      order: 0,
      kind: 'adjective',
      words: (view) =>
        view.robocall.length ? joinWords(view.robocall.map((r) => ROBOCALL[r].adjective)) : null,
    },
    slug: {
      order: 30,
      part: (view) => (view.robocall.length ? `robocall-${view.robocall.join('-')}` : null),
    },
    form: {
      control: {
        kind: 'checks',
        legend: 'Robocall or live',
        options: selectOptions(ROBOCALL_VALUES, (r) => ROBOCALL[r as RobocallValue].label),
      },
      value: (view) => view.robocall,
    },
  }),
  entry({
    key: 'area',
    field: 'areas',
    default: [],
    parse: (value, ctx) =>
      parseList(
        value,
        (v) => v,
        (v) => /^\d{3}$/.test(v),
        'not a three-digit area code',
        ctx,
      ),
    serialise: (view) => listValue(view.areas),
    filter: {
      column: 'area_code',
      active: (view) => view.areas.length > 0,
      where: (view, sql) => `${sql.col('area_code')} IN (${sql.w.list(view.areas)})`,
      listLabel: 'Consumer area codes',
      listText: (view) => (view.areas.length ? view.areas.join(', ') : 'all'),
      metadataKey: 'area_codes',
    },
    caption: {
      order: 20,
      kind: 'phrase',
      words: (view) =>
        view.areas.length
          ? `from area code${view.areas.length > 1 ? 's' : ''} ${joinWords(view.areas)}`
          : null,
    },
    slug: {
      order: 40,
      part: (view) => (view.areas.length ? `area-${listPart(view.areas)}` : null),
    },
    form: {
      control: {
        kind: 'text',
        label: 'Area codes',
        hint: 'three digits, separated by commas',
        placeholder: () => 'e.g. 614, 216',
        stripSpaces: true,
      },
      value: (view) => view.areas.join(', '),
    },
  }),
  entry({
    key: 'caller',
    field: 'caller',
    default: null,
    parse: (value, ctx) => {
      if (value.trim() === '') return undefined;
      const parsed = parseCallerNumber(value);
      return parsed.ok ? parsed.digits : void ctx.reject(`not a phone number: it ${parsed.reason}`);
    },
    serialise: (view) => view.caller,
    filter: {
      column: 'caller_number',
      active: (view) => view.caller !== null,
      // On the caller index the integer key comes first: row groups' min/max on it are exact, so
      // DuckDB reads only the one or two groups holding the number (scripts/ingest/caller-index.ts).
      where: (view, sql) => {
        const column = sql.col('caller_number');
        const number = `${column} = ${sql.w.value(view.caller!)}`;
        if (!sql.callerIndex) return number;
        const key = `${column.slice(0, -'caller_number'.length)}caller_key`;
        return `${key} = CAST(${sql.w.value(view.caller!)} AS BIGINT) AND ${number}`;
      },
      listLabel: 'Caller number',
      listText: (view) => (view.caller ? `${formatPhone(view.caller)} (${view.caller})` : 'all'),
      metadataKey: 'caller_number',
    },
    caption: {
      order: 25,
      kind: 'phrase',
      words: (view) => (view.caller ? `that reported ${formatPhone(view.caller)}` : null),
    },
    slug: { order: 45, part: (view) => (view.caller ? `caller-${view.caller}` : null) },
    form: {
      control: {
        kind: 'text',
        label: 'Caller number',
        hint: 'the number that called, in any usual form',
        placeholder: () => 'e.g. (214) 555-0100',
      },
      value: (view) => (view.caller ? formatPhone(view.caller) : ''),
    },
  }),
  entry({
    key: 'measure',
    field: 'measure',
    default: 'count',
    parse: (value, ctx) =>
      isOneOf(MEASURES, value) ? value : void ctx.reject(`not a measure (${MEASURES.join(', ')})`),
    serialise: (view) => (view.measure !== 'count' ? view.measure : null),
    chartSetting: {
      label: 'Measure',
      text: (view) => (drawsMeasure(view) ? MEASURE_LABELS[view.measure] : null),
    },
    form: {
      control: {
        kind: 'select',
        label: 'Measure',
        options: selectOptions(MEASURES, (m) =>
          capitalise(MEASURE_LABELS[m as (typeof MEASURES)[number]]),
        ),
      },
      value: (view) => view.measure,
    },
  }),
  entry({
    key: 'page',
    field: 'page',
    default: 1,
    parse: (value, ctx) => {
      const page = Number(value);
      return Number.isInteger(page) && page >= 1 && page <= 1_000_000
        ? page
        : void ctx.reject('not a page number');
    },
    serialise: (view) => (view.page !== 1 && view.chart === 'table' ? String(view.page) : null),
    chartSetting: {
      label: 'Page',
      text: (view) => (view.chart === 'table' ? String(view.page) : null),
    },
  }),
  entry({
    key: 'v',
    field: 'v',
    default: null,
    parse: (value, ctx) =>
      /^[0-9a-f]{6,64}$/.test(value) ? value : void ctx.reject('not a data version'),
    serialise: (view) => view.v || null,
  }),
] as const satisfies readonly UrlKey<keyof ExploreView>[];

export type UrlKeyName = (typeof URL_KEYS)[number]['key'];

/** The keys that filter complaints, in table (URL and WHERE) order. */
export const FILTERS: readonly (UrlKey & { filter: Filter })[] = (
  URL_KEYS as readonly UrlKey[]
).filter((k): k is UrlKey & { filter: Filter } => k.filter !== undefined);

/**
 * The explorer form's layout: a fieldset with a legend around several keys, or one key's own
 * control. Each key's control is its entry's `form`.
 */
export const FORM_LAYOUT: readonly {
  legend?: string;
  hint?: (ctx: FormContext) => string;
  keys: readonly UrlKeyName[];
}[] = [
  { legend: 'View', keys: ['chart', 'interval', 'measure'] },
  {
    legend: 'Dates',
    hint: (ctx) =>
      `YYYY, YYYY-MM or YYYY-MM-DD${ctx.dateMin ? `; data from ${ctx.dateMin} to ${ctx.dateMax}` : ''}`,
    keys: ['from', 'to'],
  },
  { keys: ['robocall'] },
  { keys: ['state'] },
  { keys: ['subject'] },
  { keys: ['area'] },
  { keys: ['caller'] },
];

export function urlKey(key: UrlKeyName): UrlKey {
  return (URL_KEYS as readonly UrlKey[]).find((k) => k.key === key)!;
}

/** Only `[a-z0-9-]`: survives every file system and mail client. */
export function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

function listPart(values: readonly string[], max = 3): string | null {
  if (values.length === 0) return null;
  const shown = values.slice(0, max).map(slugify).join('-');
  return values.length > max ? `${shown}-and-${values.length - max}-more` : shown;
}

/** A comma-separated list: parts normalised, kept when accepted (each refusal named), sorted, once each. */
function parseList(
  value: string,
  normalise: (v: string) => string,
  accept: (v: string) => boolean,
  reason: string,
  ctx: ParseContext,
): string[] {
  const kept = new Set<string>();
  for (const part of value.split(',')) {
    const v = normalise(part.trim());
    if (v === '') continue;
    if (accept(v)) kept.add(v);
    else ctx.reject(reason, part.trim());
  }
  return [...kept].sort();
}
