/**
 * `/states/` and `/states/<usps>/`: every place in the data, its rate, rank, trend, subjects, busiest
 * area codes and most-reported caller numbers. Two queries beyond the monthly cube, for all states
 * at once; the rest is shaped in JS.
 */
import { formatNumber, formatPer100k, formatPercent } from '../../lib/format';
import { CALLER_VALID_PATTERN, cutRanking, invalidNote, tieNote } from '../../lib/numbers/rankings';
import { once, query } from './db';
import { ordinal } from '../../lib/site-data/shape';
import { barsFigure, callKindTrendFigure, mapFigure, rateTrendFigure } from './figures';
import type { Figure, SourceInfo } from '../../lib/site-data/figure';
import { stateUrl, subjectUrl } from '../../lib/site-data/routes';
import { CATCH_ALL_SUBJECTS, loadSite, type Site } from './site';
import {
  compareLatest,
  fillMonths,
  nationalRate,
  phoneNumber,
  rankStates,
  robocallShare,
  shares,
  type Comparison,
  type RobocallShare,
  type StateRate,
  type StateRef,
} from '../../lib/site-data/shape';
import { type Share } from '../../lib/site-data/shape';
import { countsBySubject, countsByState, totalsByMonth } from '../../lib/site-data/views';

export interface StateRow extends StateRate {
  comparison: Comparison | null;
  robocall: RobocallShare;
}

export interface StatePage {
  state: StateRef;
  row: StateRow;
  /** Places with a rank (a population figure). */
  ranked: number;
  nationalRate: number | null;
  figures: {
    rate: Figure;
    trend: Figure;
    subjects: Figure;
    areaCodes: Figure;
    callers: Figure;
    rank: Figure;
  };
  topSubject: string | null;
}

export interface StatesData {
  rows: StateRow[];
  nationalRate: number | null;
  pages: Map<string, StatePage>;
  map: Figure;
}

interface AreaRow {
  state: string;
  area_code: string;
  complaints: number;
}

interface CallerRow {
  state: string;
  caller_number: string;
  complaints: number;
  pone: boolean;
}

const TOP = 10;

export const loadStates = once(async (): Promise<StatesData> => {
  const site = await loadSite();
  const window = site.window;
  const range = window.length
    ? `month BETWEEN DATE '${window[0]}-01' AND DATE '${window[window.length - 1]}-01'`
    : 'false';
  const [areas, callers, invalid] = await Promise.all([
    query<AreaRow>(
      `SELECT state, area_code, sum(complaints)::BIGINT AS complaints FROM area_codes_monthly WHERE ${range} AND state IS NOT NULL AND area_code IS NOT NULL GROUP BY ALL`,
    ),
    query<CallerRow>(`
      SELECT c.state, c.caller_number, sum(c.complaints)::BIGINT AS complaints,
             c.caller_number IN (SELECT caller_number FROM pone_caller_numbers WHERE NOT likely_ftc_staff_number) AS pone
      FROM callers_monthly c WHERE ${range} AND c.state IS NOT NULL AND regexp_full_match(c.caller_number, '${CALLER_VALID_PATTERN}') GROUP BY ALL`),
    query<{ state: string; complaints: number }>(
      `SELECT state, sum(complaints)::BIGINT AS complaints FROM callers_invalid_monthly WHERE ${range} AND state IS NOT NULL GROUP BY ALL`,
    ),
  ]);
  return shapeStates(
    site,
    groupBy(areas, (r) => r.state),
    groupBy(callers, (r) => r.state),
    new Map(invalid.map((r) => [r.state, r.complaints])),
  );
});

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) out.set(key(r), [...(out.get(key(r)) ?? []), r]);
  return out;
}

function shapeStates(
  site: Site,
  areas: Map<string, AreaRow[]>,
  callers: Map<string, CallerRow[]>,
  invalidCallers: Map<string, number>,
): StatesData {
  const info: SourceInfo = { dataVersion: site.dataVersion, synthetic: site.synthetic };
  const { months, window, monthly } = site;
  const counts = countsByState(monthly, window);
  const national = nationalRate(counts, site.states);
  const ranked = rankStates(counts, site.states);
  const rows: StateRow[] = ranked.map((r) => {
    const own = monthly.filter((m) => m.state === r.usps);
    return {
      ...r,
      comparison: compareLatest(fillMonths(totalsByMonth(own), months)),
      robocall: robocallShare(own.filter((m) => window.includes(m.month))),
    };
  });
  const rankedCount = rows.filter((r) => r.rank !== null).length;
  const pages = new Map<string, StatePage>();
  for (const row of rows) {
    const state = site.states.find((s) => s.usps === row.usps)!;
    const own = monthly.filter((m) => m.state === row.usps);
    const base = { info, months: window };
    const subjectShares = shares(countsBySubject(own, window), site.subjectLabel);
    const areaRows = (areas.get(row.usps) ?? []).sort(
      (a, b) => b.complaints - a.complaints || a.area_code.localeCompare(b.area_code),
    );
    const callerRows = (callers.get(row.usps) ?? []).sort(
      (a, b) => b.complaints - a.complaints || a.caller_number.localeCompare(b.caller_number),
    );
    const topArea = areaRows[0];
    const topCaller = callerRows[0];
    const areaCut = cutRanking(areaRows, TOP, (a) => a.complaints);
    const callerCut = cutRanking(callerRows, TOP, (c) => c.complaints);
    const topNamed = subjectShares.find((x) => !CATCH_ALL_SUBJECTS.has(x.key));
    pages.set(row.usps, {
      state,
      row,
      ranked: rankedCount,
      nationalRate: national,
      topSubject: topNamed?.label ?? null,
      figures: {
        rate: rateTrendFigure({
          id: 'rate',
          title: `${state.name} against the national rate`,
          info,
          months,
          rows: monthly,
          state,
          states: site.states,
        }),
        trend: callKindTrendFigure({
          id: 'trend',
          title: `Complaints from ${state.name} by month`,
          info,
          months,
          rows: own,
          where: `from ${state.name}`,
        }),
        subjects: barsFigure({
          ...base,
          id: 'subjects',
          title: `What ${state.name}’s complaints were about`,
          summary: subjectSummary(state.name, subjectShares, site.windowPhrase),
          rows: subjectShares.map((s) => ({
            label: site.subjectShort(s.key),
            value: s.complaints,
            ...(site.subjects.some((x) => x.slug === s.key && x.ftc_label)
              ? { href: subjectUrl(s.key) }
              : {}),
          })),
          labelHeading: 'Subject',
          valueHeading: `Complaints, ${site.windowName}`,
          shareOf: sumOf(subjectShares),
        }),
        areaCodes: barsFigure({
          ...base,
          id: 'area-codes',
          title: `Busiest area codes in ${state.name}`,
          summary: topArea
            ? `Consumers with area code ${topArea.area_code} filed the most complaints from ${state.name}: ${formatNumber(topArea.complaints)} in ${site.windowPhrase}.`
            : `No area codes to list for ${state.name}.`,
          rows: areaCut.shown.map((a) => ({
            label: `Area code ${a.area_code}`,
            value: a.complaints,
          })),
          labelHeading: 'Consumer’s area code',
          valueHeading: `Complaints, ${site.windowName}`,
          note: `The area code is the consumer’s, not the caller’s. The ten busiest are shown${areaCut.tiedBeyond ? `, ${tieNote(areaCut.tiedBeyond, areaCut.tiedValue, 'area code')}` : ''}.`,
        }),
        callers: barsFigure({
          ...base,
          id: 'callers',
          title: `Caller numbers reported most in ${state.name}`,
          summary: topCaller
            ? `The number reported most often by consumers in ${state.name} was ${phoneNumber(topCaller.caller_number)}, in ${formatNumber(topCaller.complaints)} complaints in ${site.windowPhrase}.`
            : `No caller numbers to list for ${state.name}.`,
          rows: callerCut.shown.map((c) => ({
            label: phoneNumber(c.caller_number),
            value: c.complaints,
            highlight: c.pone,
          })),
          labelHeading: 'Caller number as displayed',
          valueHeading: `Complaints, ${site.windowName}`,
          highlightLabel: 'Named in a Project Point of No Entry letter',
          note: [
            'Caller numbers are what the consumer’s phone displayed; they are often spoofed and do not identify who called.',
            callerCut.tiedBeyond
              ? `The ten most reported are shown, ${tieNote(callerCut.tiedBeyond, callerCut.tiedValue)}.`
              : '',
            invalidNote(invalidCallers.get(row.usps) ?? 0),
          ]
            .filter(Boolean)
            .join(' '),
        }),
        rank: barsFigure({
          ...base,
          id: 'rank',
          kind: 'rank',
          title: `Where ${state.name} ranks`,
          summary:
            row.rank !== null && row.per100k !== null
              ? `${state.name} ranked ${ordinal(row.rank)} of ${rankedCount} with ${formatPer100k(row.per100k)} complaints per 100,000 residents in ${site.windowPhrase} (national rate: ${national === null ? 'not known' : formatPer100k(national)}).`
              : `${state.name} has no 2020 Census population in the reference table, so it has no rate and no rank.`,
          rows: rows
            .filter((r) => r.per100k !== null)
            .map((r) => ({
              label: r.name,
              value: r.per100k!,
              href: stateUrl(r.usps),
              highlight: r.usps === row.usps,
            })),
          labelHeading: 'State',
          valueHeading: `Per 100,000 residents, ${site.windowName}`,
          valueFormat: 'per100k',
          highlightLabel: state.name,
          what: 'FTC Do Not Call complaints; 2020 Census populations',
        }),
      },
    });
  }
  const map = mapFigure({
    id: 'map',
    title: 'Complaints per resident, by state',
    info,
    months: window,
    rates: ranked,
    national,
    windowPhrase: site.windowPhrase,
  });
  return { rows, nationalRate: national, pages, map };
}

function sumOf(rows: readonly { complaints: number }[]): number {
  return rows.reduce((a, r) => a + r.complaints, 0);
}

/** `Imposters was the most common named subject in Ohio: 16% of its 94,593 complaints in … ("Other": 32%).` */
export function subjectSummary(where: string, rows: readonly Share[], phrase: string): string {
  const total = sumOf(rows);
  const named = rows.find((r) => !CATCH_ALL_SUBJECTS.has(r.key));
  const first = rows[0];
  if (!first) return `No complaints from ${where} in ${phrase}.`;
  if (!named)
    return `${first.label} covered ${formatPercent(first.share)} of ${formatNumber(total)} complaints from ${where} in ${phrase}.`;
  const catchAll =
    first !== named
      ? ` The catch-all answer “${first.label}” covered ${formatPercent(first.share)}.`
      : '';
  return `${named.label} was the most common named subject in ${where}: ${formatPercent(named.share)} of ${formatNumber(total)} complaints in ${phrase}.${catchAll}`;
}
