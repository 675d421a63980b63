/**
 * "Has anyone reported this number?": one query over the caller index (one file a year,
 * `callers-<year>.duckdb` attached as `callers<year>`, each sorted by the number; see
 * scripts/ingest/caller-index.ts) and the PoNE tables of the cube, and the pure shaping of its rows
 * into an answer. The same SQL runs in the browser (duckdb-wasm, the page's engine) and at build
 * time for the static pages of the most-reported numbers (native DuckDB), with the same aliases
 * attached.
 *
 * The number is always bound as a parameter (`$1` its digits, `$2` the same as an integer key, which
 * lets DuckDB skip every row group but the one or two holding it).
 */

import { robocallCaseSql } from '../catalog/enums';
import { providerKey } from '../site-data/providers';

/** The caller index's table, in every year's file. */
export const CALLER_INDEX_TABLE = 'caller_complaints';
/** A year's caller index file, under the data folder (and /data/ of the site). */
export const callerIndexFile = (year: number) => `callers-${year}.duckdb`;
/** The alias a year's caller index is attached under (`callers2026`). */
export const callerIndexAlias = (year: number) => `callers${year}`;
/**
 * A row's reported number: the index stores it only where its digits differ from `caller_key`'s
 * (leading zeros), so that the common case costs nothing.
 */
export const CALLER_NUMBER_SQL = `coalesce(caller_number, caller_key::VARCHAR)`;

/** Every year's caller index as one relation (no years: an empty one with the same columns). */
export function callerIndexUnion(years: readonly number[], columns: string): string {
  if (years.length === 0)
    return `SELECT ${columns} FROM (SELECT NULL::BIGINT AS caller_key, NULL::VARCHAR AS caller_number, NULL::BOOLEAN AS caller_valid, NULL::DATE AS created_date, NULL::VARCHAR AS state, NULL::VARCHAR AS subject, NULL::BOOLEAN AS robocall) WHERE false`;
  return [...years]
    .sort((a, b) => a - b)
    .map((y) => `SELECT ${columns} FROM ${callerIndexAlias(y)}.${CALLER_INDEX_TABLE}`)
    .join('\n  UNION ALL ');
}

export interface CallerAnswer {
  digits: string;
  complaints: number;
  firstDay: string | null;
  lastDay: string | null;
  /** `YYYY-MM` → complaints, in month order; months without complaints left out. */
  byMonth: { month: string; complaints: number }[];
  /** USPS code (null: not known) → complaints, most first. */
  byState: { state: string | null; complaints: number }[];
  /** Subject slug → complaints, most first. */
  bySubject: { subject: string; complaints: number }[];
  robocall: { yes: number; no: number; unknown: number };
  /** PoNE letters that name the number as a campaign's caller ID. */
  letters: { provider: string; letter: string; campaign: string | null }[];
  /** Enforcement actions against the providers of those letters (matched by `providerKey`). */
  actions: {
    date: string;
    provider: string;
    agency: string;
    action: string;
    source: string | null;
  }[];
  /** The number is on a letter's letterhead as an FTC staff number: not a robocaller. */
  ftcStaffNumber: boolean;
}

export interface LookupQuery {
  sql: string;
  params: [string, number];
}

/** Long-format rows: `kind` says which part of the answer a row is. */
export interface LookupRow {
  kind: 'total' | 'month' | 'state' | 'subject' | 'flag' | 'letter' | 'action' | 'staff';
  key: string | null;
  a: string | null;
  b: string | null;
  c: string | null;
  d: string | null;
  n: number | bigint | null;
}

/** The lookup over the caller index of `years` (each attached as `callerIndexAlias(year)`). */
export function lookupQuery(digits: string, years: readonly number[]): LookupQuery {
  if (!/^\d{1,18}$/.test(digits)) throw new Error(`not a caller number: ${JSON.stringify(digits)}`);
  const yearHits = (year: number) =>
    `SELECT created_date, state, subject, robocall FROM ${callerIndexAlias(year)}.${CALLER_INDEX_TABLE}
  WHERE caller_key = CAST($2 AS BIGINT) AND ${CALLER_NUMBER_SQL} = $1`;
  const hits =
    years.length === 0
      ? callerIndexUnion([], 'created_date, state, subject, robocall')
      : [...years]
          .sort((a, b) => a - b)
          .map(yearHits)
          .join('\n  UNION ALL ');
  const sql = `WITH hits AS MATERIALIZED (
  ${hits}
), named AS (
  SELECT provider, letter_pdf, campaign, likely_ftc_staff_number FROM cube.pone_caller_numbers WHERE caller_number = $1
)
SELECT 'total' AS kind, NULL AS key, strftime(min(created_date), '%Y-%m-%d') AS a, strftime(max(created_date), '%Y-%m-%d') AS b, NULL AS c, NULL AS d, count(*) AS n FROM hits
UNION ALL SELECT 'month', strftime(created_date, '%Y-%m'), NULL, NULL, NULL, NULL, count(*) FROM hits GROUP BY 2
UNION ALL SELECT 'state', state, NULL, NULL, NULL, NULL, count(*) FROM hits GROUP BY 2
UNION ALL SELECT 'subject', subject, NULL, NULL, NULL, NULL, count(*) FROM hits GROUP BY 2
UNION ALL SELECT 'flag', ${robocallCaseSql('robocall', 'value')}, NULL, NULL, NULL, NULL, count(*) FROM hits GROUP BY 2
UNION ALL SELECT DISTINCT 'letter', provider, letter_pdf, campaign, NULL, NULL, NULL FROM named WHERE NOT likely_ftc_staff_number
UNION ALL SELECT 'staff', NULL, NULL, NULL, NULL, NULL, count(*) FROM named WHERE likely_ftc_staff_number HAVING count(*) > 0
UNION ALL SELECT 'action', date, provider, agency, action_type, source_url, NULL
  FROM cube.enforcement_actions WHERE EXISTS (SELECT 1 FROM named WHERE NOT likely_ftc_staff_number)`;
  return { sql, params: [digits, Number(digits)] };
}

const count = (n: number | bigint | null) => Number(n ?? 0);
const byCount =
  <T extends { complaints: number }>(key: (x: T) => string) =>
  (x: T, y: T) =>
    y.complaints - x.complaints || (key(x) < key(y) ? -1 : key(x) > key(y) ? 1 : 0);

export function shapeLookup(digits: string, rows: readonly LookupRow[]): CallerAnswer {
  const answer: CallerAnswer = {
    digits,
    complaints: 0,
    firstDay: null,
    lastDay: null,
    byMonth: [],
    byState: [],
    bySubject: [],
    robocall: { yes: 0, no: 0, unknown: 0 },
    letters: [],
    actions: [],
    ftcStaffNumber: false,
  };
  for (const row of rows) {
    switch (row.kind) {
      case 'total':
        answer.complaints = count(row.n);
        answer.firstDay = row.a;
        answer.lastDay = row.b;
        break;
      case 'month':
        answer.byMonth.push({ month: row.key!, complaints: count(row.n) });
        break;
      case 'state':
        answer.byState.push({ state: row.key, complaints: count(row.n) });
        break;
      case 'subject':
        answer.bySubject.push({ subject: row.key!, complaints: count(row.n) });
        break;
      case 'flag':
        answer.robocall[row.key as 'yes' | 'no' | 'unknown'] = count(row.n);
        break;
      case 'letter':
        answer.letters.push({ provider: row.key!, letter: row.a!, campaign: row.b || null });
        break;
      case 'action':
        answer.actions.push({
          date: row.key!,
          provider: row.a!,
          agency: row.b ?? '',
          action: row.c ?? '',
          source: row.d,
        });
        break;
      case 'staff':
        answer.ftcStaffNumber = true;
        break;
    }
  }
  answer.byMonth.sort((x, y) => (x.month < y.month ? -1 : 1));
  answer.byState.sort(byCount((x) => x.state ?? '~'));
  answer.bySubject.sort(byCount((x) => x.subject));
  answer.letters.sort(
    (x, y) => x.provider.localeCompare(y.provider) || x.letter.localeCompare(y.letter),
  );
  // Actions reach the answer when they name a provider of its letters, however the two files spell it.
  const keys = new Set(answer.letters.map((l) => providerKey(l.provider)).filter(Boolean));
  answer.actions = answer.actions.filter((a) => a.provider && keys.has(providerKey(a.provider)));
  answer.actions.sort((x, y) =>
    x.date < y.date ? -1 : x.date > y.date ? 1 : x.provider.localeCompare(y.provider),
  );
  return answer;
}

/** Every month from the first to the last complaint, zeros included, for a chart that does not skip gaps. */
export function monthSeries(answer: CallerAnswer): { month: string; complaints: number }[] {
  if (answer.byMonth.length === 0) return [];
  const counts = new Map(answer.byMonth.map((m) => [m.month, m.complaints]));
  const out: { month: string; complaints: number }[] = [];
  let [y, m] = answer.byMonth[0]!.month.split('-').map(Number) as [number, number];
  const last = answer.byMonth.at(-1)!.month;
  for (;;) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    out.push({ month: key, complaints: counts.get(key) ?? 0 });
    if (key >= last) break;
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}
