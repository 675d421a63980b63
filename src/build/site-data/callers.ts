/**
 * Build time: the answers for the static caller pages (/callers/ and /callers/<digits>/), so the
 * most-reported numbers, and every number a PoNE letter names that complaints report, are answered
 * without JavaScript. The same lookup SQL as the browser's, on native DuckDB with the same aliases.
 */
import { resolve } from 'node:path';
import { openDb, type Db } from '../../../scripts/lib/duckdb';
import {
  CALLER_INDEX_TABLE,
  CALLER_NUMBER_SQL,
  callerIndexAlias,
  callerIndexUnion,
  lookupQuery,
  shapeLookup,
  type CallerAnswer,
  type LookupRow,
} from '../../lib/caller/lookup';
import { dataDir, getManifest, once } from './db';

/** How many of the most-reported valid numbers get a page of their own. */
export const STATIC_CALLER_PAGES = 100;

export interface RankedCaller {
  digits: string;
  complaints: number;
  /** A PoNE letter names it. */
  pone: boolean;
}

/** The years of the caller index, from the manifest (none: the build has no index). */
const callerYears = once(async () =>
  getManifest()
    .tables.filter((t) => t.name === CALLER_INDEX_TABLE && t.year !== undefined)
    .map((t) => ({ year: t.year!, file: t.file })),
);

const quote = (path: string) => `'${path.replace(/'/g, "''")}'`;

let db: Promise<Db | null> | undefined;
function callersDb(): Promise<Db | null> {
  db ??= (async () => {
    const years = await callerYears();
    if (years.length === 0) return null;
    const opened = await openDb(':memory:', { threads: '2' });
    const attach = years
      .map(
        (y) =>
          `ATTACH ${quote(resolve(dataDir(), y.file))} AS ${callerIndexAlias(y.year)} (READ_ONLY);`,
      )
      .join(' ');
    await opened.run(
      `${attach} ATTACH ${quote(resolve(dataDir(), 'cube.duckdb'))} AS cube (READ_ONLY)`,
    );
    return opened;
  })();
  return db;
}

/** The numbers with a static page, most-reported first: the top valid numbers, then PoNE numbers reported. */
export const loadStaticCallers = once(async (): Promise<RankedCaller[]> => {
  const conn = await callersDb();
  if (!conn) return [];
  const years = (await callerYears()).map((y) => y.year);
  return conn.all<RankedCaller>(`
    WITH pone AS (SELECT DISTINCT caller_number FROM cube.pone_caller_numbers WHERE NOT likely_ftc_staff_number),
    indexed AS (${callerIndexUnion(years, `${CALLER_NUMBER_SQL} AS caller_number, caller_valid`)}),
    totals AS (SELECT caller_number, count(*)::INTEGER AS complaints FROM indexed WHERE caller_valid GROUP BY ALL),
    top AS (SELECT caller_number FROM totals ORDER BY complaints DESC, caller_number LIMIT ${STATIC_CALLER_PAGES})
    SELECT t.caller_number AS digits, t.complaints, t.caller_number IN (SELECT caller_number FROM pone) AS pone
    FROM totals t
    WHERE t.caller_number IN (SELECT caller_number FROM top) OR t.caller_number IN (SELECT caller_number FROM pone)
    ORDER BY t.complaints DESC, t.caller_number`);
});

const answers = new Map<string, Promise<CallerAnswer>>();
/** One number's answer, as the browser would give it. */
export function loadCallerAnswer(digits: string): Promise<CallerAnswer> {
  let answer = answers.get(digits);
  if (!answer) {
    answer = (async () => {
      const conn = (await callersDb())!;
      const q = lookupQuery(
        digits,
        (await callerYears()).map((y) => y.year),
      );
      return shapeLookup(digits, await conn.all<LookupRow>(q.sql, q.params));
    })();
    answers.set(digits, answer);
  }
  return answer;
}
