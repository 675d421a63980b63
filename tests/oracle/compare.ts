/**
 * Seeded random views and the comparison of what a chart's numbers table says with the oracle.
 * Both the Node test (the project's SQL on native DuckDB, shaped as the page shapes it) and the
 * Chromium test (the table the reader sees) hand their table here as plain rows: machine keys
 * (`period`, `series`, `state`, …) and the cell texts as displayed.
 */
import { Oracle, seeded, type Interval, type Measure, type OracleView } from './oracle';

export type ChartName = 'trend' | 'map' | 'subjects' | 'area-codes' | 'callers' | 'providers';
export const CHART_NAMES: ChartName[] = [
  'trend',
  'map',
  'subjects',
  'area-codes',
  'callers',
  'providers',
];
export const TOP = 25;

export interface ShownRow {
  keys: Record<string, string>;
  cells: Record<string, string>;
}

export interface Shown {
  rows: ShownRow[];
  notes: string[];
  count: number;
}

export interface Case {
  name: string;
  view: OracleView;
  interval: Interval;
}

/** The oracle's own rule for which measures a chart can show under a view. */
export function measuresFor(chart: ChartName, view: OracleView): Measure[] {
  if (chart !== 'trend' && chart !== 'map' && chart !== 'subjects') return ['count'];
  const out: Measure[] = ['count'];
  if (!view.areas?.length) out.push('per100k');
  const r = view.robocall ?? [];
  if (r.length === 0 || (r.includes('yes') && r.includes('no'))) out.push('robocall_share');
  return out;
}

/** The view as a URL query, written from the contract's grammar (docs/DESIGN.md §5). */
export function queryOf(
  view: OracleView,
  chart: ChartName,
  measure: Measure,
  interval: Interval,
): string {
  const p: string[] = [];
  if (chart !== 'trend') p.push(`chart=${chart}`);
  if (chart === 'trend' && interval !== 'month') p.push(`interval=${interval}`);
  if (view.from) p.push(`from=${view.from}`);
  if (view.to) p.push(`to=${view.to}`);
  if (view.states?.length) p.push(`state=${view.states.join(',')}`);
  if (view.subjects?.length) p.push(`subject=${view.subjects.join(',')}`);
  if (view.robocall?.length) p.push(`robocall=${view.robocall.join(',')}`);
  if (view.areas?.length) p.push(`area=${view.areas.join(',')}`);
  if (measure !== 'count') p.push(`measure=${measure}`);
  return p.join('&');
}

const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** `count` seeded random views over the oracle's data: several states, subjects, flags, area codes, dates cutting months and weeks. */
export function randomCases(oracle: Oracle, count: number, seed: number): Case[] {
  const rnd = seeded(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const some = <T>(list: readonly T[], n: number): T[] => {
    const pool = [...list];
    const out: T[] = [];
    while (out.length < n && pool.length)
      out.push(pool.splice(Math.floor(rnd() * pool.length), 1)[0]!);
    return out.sort();
  };
  const byState = new Map<string, number>();
  for (const c of oracle.complaints)
    if (c.state) byState.set(c.state, (byState.get(c.state) ?? 0) + 1);
  const states = [...byState.keys()].sort();
  const busy = [...byState]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 15)
    .map(([s]) => s);
  const subjects = [...new Set(oracle.complaints.map((c) => c.subject))].sort();
  const cases: Case[] = [];
  for (let i = 0; i < count; i++) {
    const view: OracleView = {};
    const s = rnd();
    if (s < 0.2) view.states = [pick(busy)];
    else if (s < 0.55) view.states = some(busy, 2 + Math.floor(rnd() * 3));
    else if (s < 0.62) view.states = some(states, 9 + Math.floor(rnd() * 4));
    if (rnd() < 0.35) view.subjects = some(subjects, 1 + Math.floor(rnd() * 2));
    const f = rnd();
    if (f < 0.2) view.robocall = [pick(['yes', 'no', 'unknown'] as const)];
    else if (f < 0.4) view.robocall = some(['yes', 'no', 'unknown'] as const, 2);
    if (rnd() < 0.2) {
      const pool = oracle.complaints.filter(
        (c) => c.area && (!view.states || (c.state && view.states.includes(c.state))),
      );
      view.areas = [
        ...new Set(Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => pick(pool).area!)),
      ].sort();
    }
    let interval: Interval = pick(['week', 'month', 'month', 'year'] as const);
    const d = rnd();
    const span = Math.round(
      (Date.parse(oracle.lastDay) - Date.parse(oracle.firstDay)) / 86_400_000,
    );
    const dayAt = (x: number) => addDays(oracle.firstDay, Math.floor(x * span));
    if (d < 0.15) {
      // whole data
    } else if (d < 0.35) {
      view.from = dayAt(rnd() * 0.7).slice(0, 7);
    } else if (d < 0.75) {
      // Day bounds that cut months and weeks.
      const from = dayAt(rnd() * 0.8);
      view.from = from;
      view.to = addDays(from, 10 + Math.floor(rnd() * 150));
      if (rnd() < 0.3) {
        view.to = addDays(from, 5 + Math.floor(rnd() * 20));
        interval = 'day';
      }
    } else if (d < 0.9) {
      view.to = dayAt(0.3 + rnd() * 0.7);
    } else view.from = oracle.firstDay.slice(0, 4);
    cases.push({ name: `#${i + 1}`, view, interval });
  }
  return cases;
}

/**
 * Seeded random views the explore cube answers: the random views with whole-month bounds, month or
 * year trends and no area codes (the oracle still judges each from the raw rows).
 */
export function cubeCases(oracle: Oracle, count: number, seed: number): Case[] {
  return randomCases(oracle, count, seed).map((c) => {
    const view: OracleView = { ...c.view };
    delete view.areas;
    if (view.from) view.from = view.from.slice(0, 7);
    if (view.to) view.to = view.to.slice(0, 7);
    if (view.from && view.to && view.from > view.to) delete view.to;
    const interval: Interval = c.interval === 'year' ? 'year' : 'month';
    return { name: `cube ${c.name}`, view, interval };
  });
}

/** `1,234` → 1234, `64.79` → 64.79, `35.2%` → 0.352; the tolerance is half the last digit shown. */
export function parseShown(text: string): { value: number; tolerance: number } | null {
  const clean = text.replace(/[,\s]/g, '').replace('\u2212', '-');
  if (clean === '' || clean === '–') return null;
  const percent = clean.endsWith('%');
  const digits = clean.replace('%', '');
  const decimals = digits.includes('.') ? digits.split('.')[1]!.length : 0;
  const value = Number(digits) / (percent ? 100 : 1);
  if (!Number.isFinite(value)) return null;
  return { value, tolerance: (0.5 * 10 ** -decimals) / (percent ? 100 : 1) + 1e-9 };
}

/** Every way the shown numbers differ from the oracle's (empty: they agree). */
export function compareChart(
  oracle: Oracle,
  c: Case,
  chart: ChartName,
  measure: Measure,
  shown: Shown,
): string[] {
  const problems: string[] = [];
  const where = `${c.name} ${queryOf(c.view, chart, measure, c.interval)}`;
  const say = (text: string) => problems.push(`${where}: ${text}`);
  const matching = oracle.matching(c.view).length;
  if (shown.count !== matching) say(`match count ${shown.count}, oracle ${matching}`);
  const check = (label: string, text: string | undefined, expected: number | null) => {
    const got = parseShown(text ?? '');
    if (expected === null) {
      if (got !== null) say(`${label}: shows ${text}, oracle has no value`);
      return;
    }
    if (!got) {
      say(`${label}: shows ${JSON.stringify(text)}, oracle ${expected}`);
      return;
    }
    if (Math.abs(got.value - expected) > got.tolerance)
      say(`${label}: shows ${text}, oracle ${expected}`);
  };
  const keyed = (key: string) => new Map(shown.rows.map((r) => [r.keys[key] ?? '', r]));
  switch (chart) {
    case 'trend': {
      const expected = oracle.trend(c.view, c.interval, measure);
      const got = new Map(shown.rows.map((r) => [`${r.keys.series}|${r.keys.period}`, r]));
      if (got.size !== expected.length)
        say(
          `${got.size} trend rows, oracle ${expected.length} (${[...got.keys()].slice(0, 3).join(' ')} / ${expected
            .slice(0, 3)
            .map((e) => `${e.series}|${e.start}`)
            .join(' ')})`,
        );
      for (const e of expected) {
        const row = got.get(`${e.series}|${e.start}`);
        if (!row) {
          say(`no row for ${e.series} in the period starting ${e.start}`);
          continue;
        }
        check(`${e.series} ${e.start}`, row.cells.value, e.value);
        if (row.keys.days !== String(e.days))
          say(`${e.series} ${e.start}: holds ${row.keys.days} days, oracle ${e.days}`);
        if (e.days < e.fullDays && !/\bof\b/.test(row.cells.days ?? ''))
          say(
            `${e.series} ${e.start}: a partial period (${e.days} of ${e.fullDays} days) is not marked`,
          );
      }
      break;
    }
    case 'map':
    case 'subjects': {
      const expected =
        chart === 'map' ? oracle.map(c.view, measure) : oracle.subjects(c.view, measure);
      const got = keyed(chart === 'map' ? 'state' : 'subject');
      if (got.size !== expected.size) say(`${got.size} rows, oracle ${expected.size}`);
      for (const [k, v] of expected) {
        const row = got.get(k);
        if (!row) say(`no row for ${k}`);
        else check(k, row.cells.value, v);
      }
      break;
    }
    case 'area-codes':
    case 'callers': {
      const callers = chart === 'callers';
      const { ranked, invalid } = callers
        ? oracle.callers(c.view)
        : { ranked: oracle.areaCodes(c.view), invalid: 0 };
      const top = ranked.slice(0, TOP);
      const key = callers ? 'caller_number' : 'area_code';
      const got = shown.rows.map((r) => r.keys[key]);
      if (got.join() !== top.map(([k]) => k).join())
        say(
          `ranking ${got.slice(0, 5).join(' ')}…(${got.length}), oracle ${top
            .slice(0, 5)
            .map(([k]) => k)
            .join(' ')}…(${top.length})`,
        );
      shown.rows.forEach((r, i) => top[i] && check(`${r.keys[key]}`, r.cells.value, top[i]![1]));
      const last = top[top.length - 1];
      const tied =
        last && ranked.length > TOP ? ranked.slice(TOP).filter(([, n]) => n === last[1]).length : 0;
      const tieText = shown.notes.find((n) => /more (number|area code)s? with/.test(n));
      if (tied && !tieText?.includes(`and ${tied.toLocaleString('en-US')} more`))
        say(
          `the cut splits a tie with ${tied} more at ${last![1]}, the notes say ${JSON.stringify(tieText ?? null)}`,
        );
      if (!tied && tieText) say(`no tie at the cut, the notes say ${JSON.stringify(tieText)}`);
      if (callers) {
        const invalidText = shown.notes.find((n) => /no valid caller number/.test(n));
        if (invalid && !invalidText?.startsWith(`${invalid.toLocaleString('en-US')} complaint`))
          say(
            `${invalid} complaints had no valid number, the notes say ${JSON.stringify(invalidText ?? null)}`,
          );
        if (shown.rows.some((r) => !/^[2-9]\d\d[2-9]\d{6}$/.test(r.keys.caller_number ?? '')))
          say('an invalid caller number is ranked');
      }
      break;
    }
    case 'providers': {
      const expected = oracle.providers(c.view);
      const got = keyed('provider');
      if (got.size !== expected.size) say(`${got.size} providers, oracle ${expected.size}`);
      for (const [k, v] of expected) {
        const row = got.get(k);
        if (!row) say(`no row for ${k}`);
        else {
          check(k, row.cells.value, v.complaints);
          check(`${k} numbers`, row.cells.numbers, v.numbers);
        }
      }
      break;
    }
  }
  return problems;
}
