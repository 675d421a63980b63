/**
 * The independent oracle: every figure the site shows, computed a second way, from the raw FTC-format
 * CSV files with papaparse and plain TypeScript. It shares nothing with the pipeline or the
 * explorer: not their SQL, not DuckDB, not their reference loading, slugs, state mapping, date
 * helpers or population lookups. It reads data/reference/*.csv itself and writes its own rules
 * down from the contract (docs/DESIGN.md §3, §5) and the issue's definitions:
 *
 * - a record is a complaint when it has the eight FTC columns and a Created_Date whose first ten
 *   characters are a real calendar date; a file published twice (same bytes) counts once;
 * - state: the Consumer_State name or USPS code (case and spacing folded), else the state of the
 *   consumer's area code when NANPA lists it as a US geographic code (CNMI is MP);
 * - subject: the FTC label (spacing and case folded) → slug; empty → `none`; anything else `unrecognized`;
 * - robocall: Y → true, N → false, anything else unknown;
 * - a caller number is valid when it is ten digits, area code and exchange starting 2–9;
 * - a rate is complaints × 100,000 / population: a state's own population for its own series or
 *   bar, the population of the states in the filter (the nation, the 50 states and DC, when none
 *   is chosen) for a national or subject series, counting only complaints from those states;
 * - weeks start on Monday; a period is clipped to the filter and to the data's first and last day.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Papa from 'papaparse';

export interface Complaint {
  /** `YYYY-MM-DD`. */
  day: string;
  state: string | null;
  area: string | null;
  subject: string;
  robocall: boolean | null;
  caller: string | null;
  callerValid: boolean;
}

export interface OracleView {
  from?: string;
  to?: string;
  states?: string[];
  subjects?: string[];
  robocall?: ('yes' | 'no' | 'unknown')[];
  areas?: string[];
}

export type Interval = 'day' | 'week' | 'month' | 'year';
export type Measure = 'count' | 'per100k' | 'robocall_share';

const HEADER = [
  'Company_Phone_Number',
  'Created_Date',
  'Violation_Date',
  'Consumer_City',
  'Consumer_State',
  'Consumer_Area_Code',
  'Subject',
  'Recorded_Message_Or_Robocall',
];
const REFERENCE = resolve(import.meta.dirname, '../../data/reference');

function readCsv(path: string): Record<string, string>[] {
  const parsed = Papa.parse<Record<string, string>>(readFileSync(path, 'utf8'), {
    header: true,
    skipEmptyLines: true,
  });
  return parsed.data;
}

const fold = (text: string) => text.trim().replace(/\s+/g, ' ').toLowerCase();

export class Oracle {
  readonly complaints: Complaint[] = [];
  /** USPS → 2020 population (null for places the Census table leaves out). */
  readonly population = new Map<string, number | null>();
  /** The 50 states and DC: states.csv's `state` and `district` rows. */
  readonly nation = new Set<string>();
  readonly stateNames = new Map<string, string>();
  readonly subjectLabels = new Map<string, string>();
  /** caller number → providers whose PoNE letters name it (FTC staff numbers left out). */
  readonly poneProviders = new Map<string, Set<string>>();
  firstDay = '';
  lastDay = '';
  rejected = 0;

  constructor(rawDir: string) {
    const stateKeys = new Map<string, string>();
    for (const s of readCsv(join(REFERENCE, 'states.csv'))) {
      const pop = s.population_2020?.trim();
      this.population.set(s.usps!, pop ? Number(pop) : null);
      this.stateNames.set(s.usps!, s.name!);
      if (s.kind === 'state' || s.kind === 'district') this.nation.add(s.usps!);
      stateKeys.set(fold(s.name!), s.usps!);
      stateKeys.set(fold(s.usps!), s.usps!);
    }
    const areaStates = new Map<string, string>();
    for (const a of readCsv(join(REFERENCE, 'area_codes.csv'))) {
      const usps = a.location === 'CNMI' ? 'MP' : a.location!;
      if (a.country === 'US' && a.use === 'G' && this.population.has(usps))
        areaStates.set(a.area_code!, usps);
    }
    const subjectKeys = new Map<string, string>();
    for (const s of readCsv(join(REFERENCE, 'subjects.csv'))) {
      subjectKeys.set(fold(s.ftc_label!), s.slug!);
      this.subjectLabels.set(s.slug!, s.label!);
    }
    for (const p of readCsv(join(REFERENCE, 'pone_caller_numbers.csv'))) {
      if (['yes', 'true'].includes((p.likely_ftc_staff_number ?? '').trim().toLowerCase()))
        continue;
      const set = this.poneProviders.get(p.caller_number!) ?? new Set<string>();
      set.add(p.provider!);
      this.poneProviders.set(p.caller_number!, set);
    }

    const seen = new Set<string>();
    for (const file of csvFiles(rawDir)) {
      const bytes = readFileSync(file);
      const hash = createHash('sha256').update(bytes).digest('hex');
      if (seen.has(hash)) continue;
      seen.add(hash);
      const parsed = Papa.parse<string[]>(bytes.toString('utf8'), {
        header: false,
        skipEmptyLines: true,
      });
      const [header, ...records] = parsed.data;
      if (!header || header.join(',') !== HEADER.join(','))
        throw new Error(`${file}: not an FTC file`);
      for (const r of records) {
        const day = (r[1] ?? '').trim().slice(0, 10);
        if (r.length !== 8 || !isCalendarDay(day)) {
          this.rejected++;
          continue;
        }
        const area = r[5]!.trim() || null;
        const reported = stateKeys.get(fold(r[4]!));
        const subjectText = r[6]!.trim();
        const flag = r[7]!.trim().toUpperCase();
        const caller = r[0]!.trim() || null;
        this.complaints.push({
          day,
          state: reported ?? (area ? (areaStates.get(area) ?? null) : null),
          area,
          subject:
            subjectText === '' ? 'none' : (subjectKeys.get(fold(subjectText)) ?? 'unrecognized'),
          robocall: flag === 'Y' ? true : flag === 'N' ? false : null,
          caller,
          callerValid: caller !== null && /^[2-9]\d\d[2-9]\d{6}$/.test(caller),
        });
      }
    }
    const days = this.complaints.map((c) => c.day).sort();
    this.firstDay = days[0] ?? '';
    this.lastDay = days[days.length - 1] ?? '';
  }

  /** First and last day (inclusive) a view's `from`/`to` cover. */
  static bounds(value: string, end: boolean): string {
    const [y, m, d] = value.split('-');
    if (d) return value;
    if (m)
      return end
        ? `${y}-${m}-${String(new Date(Date.UTC(Number(y), Number(m), 0)).getUTCDate()).padStart(2, '0')}`
        : `${y}-${m}-01`;
    return end ? `${y}-12-31` : `${y}-01-01`;
  }

  matching(view: OracleView): Complaint[] {
    const start = view.from ? Oracle.bounds(view.from, false) : null;
    const end = view.to ? Oracle.bounds(view.to, true) : null;
    const flags = view.robocall?.length
      ? new Set(view.robocall.map((r) => (r === 'yes' ? true : r === 'no' ? false : null)))
      : null;
    return this.complaints.filter(
      (c) =>
        (!start || c.day >= start) &&
        (!end || c.day <= end) &&
        (!view.states?.length || (c.state !== null && view.states.includes(c.state))) &&
        (!view.subjects?.length || view.subjects.includes(c.subject)) &&
        (!flags || flags.has(c.robocall)) &&
        (!view.areas?.length || (c.area !== null && view.areas.includes(c.area))),
    );
  }

  /** The days a view covers, inside the data. */
  range(view: OracleView): { start: string; end: string } {
    const start =
      view.from && Oracle.bounds(view.from, false) > this.firstDay
        ? Oracle.bounds(view.from, false)
        : this.firstDay;
    const end =
      view.to && Oracle.bounds(view.to, true) < this.lastDay
        ? Oracle.bounds(view.to, true)
        : this.lastDay;
    return { start, end };
  }

  /** The states a non-state series' rate is counted against. */
  private denominatorStates(view: OracleView): string[] {
    const chosen = view.states?.length ? view.states : [...this.nation];
    return chosen.filter((s) => (this.population.get(s) ?? 0) > 0);
  }

  private value(rows: Complaint[], measure: Measure, population: number | null): number | null {
    if (measure === 'count') return rows.length;
    if (measure === 'per100k') return population ? (rows.length * 100_000) / population : null;
    const robo = rows.filter((c) => c.robocall === true).length;
    const said = rows.filter((c) => c.robocall !== null).length;
    return said ? robo / said : null;
  }

  /**
   * The trend: series → period start (clipped) → value, with the days each period holds.
   * Series: one per state when 2 to 8 states are chosen; else robocall/live/unknown for counts;
   * else one series, `all`.
   */
  trend(view: OracleView, interval: Interval, measure: Measure): TrendCell[] {
    const byState = (view.states?.length ?? 0) >= 2 && (view.states?.length ?? 0) <= 8;
    let rows = this.matching(view);
    const pool = this.denominatorStates(view);
    if (measure === 'per100k' && !byState)
      rows = rows.filter((c) => c.state !== null && pool.includes(c.state));
    const seriesOf = (c: Complaint) =>
      byState
        ? c.state!
        : measure === 'count'
          ? c.robocall === true
            ? 'robocall'
            : c.robocall === false
              ? 'live'
              : 'unknown'
          : 'all';
    const range = this.range(view);
    const groups = new Map<string, Complaint[]>();
    for (const c of rows) {
      const key = `${seriesOf(c)}|${bucketStart(c.day, interval)}`;
      const list = groups.get(key);
      if (list) list.push(c);
      else groups.set(key, [c]);
    }
    const out: TrendCell[] = [];
    for (const [key, list] of groups) {
      const [series, bucket] = key.split('|') as [string, string];
      const clipped = clip(bucket, interval, range);
      const population = byState
        ? (this.population.get(series) ?? null)
        : pool.reduce((a, s) => a + (this.population.get(s) ?? 0), 0);
      const value = this.value(list, measure, population);
      if (value === null) continue;
      out.push({
        series,
        start: clipped.start,
        end: clipped.end,
        days: clipped.days,
        fullDays: clipped.fullDays,
        value,
        complaints: list.length,
      });
    }
    return out.sort((a, b) =>
      a.start < b.start ? -1 : a.start > b.start ? 1 : a.series < b.series ? -1 : 1,
    );
  }

  /** The map: state → value (per 100k by each state's own population). */
  map(view: OracleView, measure: Measure): Map<string, number | null> {
    const out = new Map<string, number | null>();
    const byState = groupBy(
      this.matching(view).filter((c) => c.state !== null),
      (c) => c.state!,
    );
    for (const [usps, list] of byState) {
      if (measure === 'per100k' && !this.population.get(usps)) continue;
      out.set(usps, this.value(list, measure, this.population.get(usps) ?? null));
    }
    return out;
  }

  /** Subjects: slug → value (per 100k by the population of the filter's states). */
  subjects(view: OracleView, measure: Measure): Map<string, number | null> {
    const pool = this.denominatorStates(view);
    let rows = this.matching(view);
    if (measure === 'per100k')
      rows = rows.filter((c) => c.state !== null && pool.includes(c.state));
    const population = pool.reduce((a, s) => a + (this.population.get(s) ?? 0), 0);
    const out = new Map<string, number | null>();
    for (const [slug, list] of groupBy(rows, (c) => c.subject))
      out.set(slug, this.value(list, measure, population));
    return out;
  }

  /** Busiest area codes: every area code with its count, largest first (ties by code). */
  areaCodes(view: OracleView): [string, number][] {
    return ranked(
      groupBy(
        this.matching(view).filter((c) => c.area !== null),
        (c) => c.area!,
      ),
    );
  }

  /** Most-reported valid caller numbers, largest first (ties by number), and the complaints with no valid number. */
  callers(view: OracleView): { ranked: [string, number][]; invalid: number } {
    const rows = this.matching(view);
    return {
      ranked: ranked(
        groupBy(
          rows.filter((c) => c.callerValid),
          (c) => c.caller!,
        ),
      ),
      invalid: rows.filter((c) => !c.callerValid).length,
    };
  }

  /** Complaints naming each PoNE provider's numbers, and how many distinct numbers. */
  providers(view: OracleView): Map<string, { complaints: number; numbers: number }> {
    const out = new Map<string, { complaints: number; numbers: Set<string> }>();
    for (const c of this.matching(view)) {
      for (const provider of (c.caller && this.poneProviders.get(c.caller)) || []) {
        const entry = out.get(provider) ?? { complaints: 0, numbers: new Set<string>() };
        entry.complaints++;
        entry.numbers.add(c.caller!);
        out.set(provider, entry);
      }
    }
    return new Map(
      [...out].map(([k, v]) => [k, { complaints: v.complaints, numbers: v.numbers.size }]),
    );
  }
}

export interface TrendCell {
  series: string;
  /** First and last day the period holds (clipped to the view and the data). */
  start: string;
  end: string;
  days: number;
  fullDays: number;
  value: number;
  complaints: number;
}

function csvFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...csvFiles(path));
    else if (name.toLowerCase().endsWith('.csv')) out.push(path);
  }
  return out;
}

function isCalendarDay(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

const DAY_MS = 86_400_000;
const toDate = (day: string) => new Date(`${day}T00:00:00Z`);
const toDay = (d: Date) => d.toISOString().slice(0, 10);

/** The first day of `day`'s period: itself, its Monday, the 1st of its month, or January 1st. */
export function bucketStart(day: string, interval: Interval): string {
  if (interval === 'day') return day;
  if (interval === 'month') return `${day.slice(0, 7)}-01`;
  if (interval === 'year') return `${day.slice(0, 4)}-01-01`;
  const d = toDate(day);
  const sinceMonday = (d.getUTCDay() + 6) % 7;
  return toDay(new Date(d.getTime() - sinceMonday * DAY_MS));
}

/** The last day of the period starting `start`. */
export function bucketEnd(start: string, interval: Interval): string {
  const d = toDate(start);
  if (interval === 'day') return start;
  if (interval === 'week') return toDay(new Date(d.getTime() + 6 * DAY_MS));
  if (interval === 'month')
    return toDay(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)));
  return `${start.slice(0, 4)}-12-31`;
}

export function clip(
  bucket: string,
  interval: Interval,
  range: { start: string; end: string },
): { start: string; end: string; days: number; fullDays: number } {
  const full = bucketEnd(bucket, interval);
  const start = bucket > range.start ? bucket : range.start;
  const end = full < range.end ? full : range.end;
  const span = (a: string, b: string) =>
    Math.round((toDate(b).getTime() - toDate(a).getTime()) / DAY_MS) + 1;
  return { start, end, days: span(start, end), fullDays: span(bucket, full) };
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

function ranked(groups: Map<string, unknown[]>): [string, number][] {
  return [...groups]
    .map(([k, v]): [string, number] => [k, v.length])
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

/** A seeded pseudo-random generator (mulberry32): the same seed gives the same views on every run. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
