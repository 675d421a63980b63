/**
 * The static pages' numbers against the independent oracle (tests/oracle/oracle.ts): the tables
 * behind every chart on the home page, every state page and every subject page of the shared test
 * build, their headline figures and lede numbers, computed again from the raw CSV files. Read from
 * the built HTML, as a reader without JavaScript gets it.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { beforeAll, describe, expect, it } from 'vitest';
import { getSiteBuild } from '../helpers/site-build';
import { parseShown } from './compare';
import { Oracle, type Complaint } from './oracle';

let oracle: Oracle;
let dist: string;
/** The months the pages chart (complete months of the data) and the twelve-month window. */
let months: string[];
let window: string[];

beforeAll(async () => {
  const site = await getSiteBuild();
  dist = site.dist;
  oracle = new Oracle(join(site.data, '..', 'sample'));
  const first = oracle.firstDay.endsWith('-01')
    ? oracle.firstDay.slice(0, 7)
    : nextMonth(oracle.firstDay.slice(0, 7));
  const lastDayOfMonth = new Date(
    Date.UTC(Number(oracle.lastDay.slice(0, 4)), Number(oracle.lastDay.slice(5, 7)), 0),
  ).getUTCDate();
  const last =
    Number(oracle.lastDay.slice(8)) === lastDayOfMonth
      ? oracle.lastDay.slice(0, 7)
      : prevMonth(oracle.lastDay.slice(0, 7));
  months = [];
  for (let m = first; m <= last; m = nextMonth(m)) months.push(m);
  window = months.slice(-12);
}, 900_000);

function nextMonth(m: string): string {
  const d = new Date(Date.UTC(Number(m.slice(0, 4)), Number(m.slice(5, 7)), 1));
  return d.toISOString().slice(0, 7);
}
function prevMonth(m: string): string {
  const d = new Date(Date.UTC(Number(m.slice(0, 4)), Number(m.slice(5, 7)) - 2, 1));
  return d.toISOString().slice(0, 7);
}
const MONTH_NAMES = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
];
const monthOfLabel = (label: string) => {
  const [name, year] = label.trim().split(/\s+/);
  return `${year}-${String(MONTH_NAMES.indexOf(name!.slice(0, 3)) + 1).padStart(2, '0')}`;
};

interface FigureTable {
  head: string[];
  rows: { header: string; href: string | null; cells: string[] }[];
}

function page(path: string): Document {
  return parseHTML(readFileSync(join(dist, path, 'index.html'), 'utf8'))
    .document as unknown as Document;
}

function figureTable(doc: Document, id: string): FigureTable | null {
  const table = doc.querySelector(`figure#${id} table`);
  if (!table) return null;
  return {
    head: [...table.querySelectorAll('thead th')].map((th) => th.textContent!.trim()),
    rows: [...table.querySelectorAll('tbody tr')].map((tr) => {
      const th = tr.querySelector('th');
      return {
        header: th?.textContent?.trim() ?? '',
        href: th?.querySelector('a')?.getAttribute('href') ?? null,
        cells: [...tr.querySelectorAll('td')].map((td) => td.textContent!.trim()),
      };
    }),
  };
}

/** Records a difference when the shown text does not round to the oracle's value. */
function checker(problems: string[], where: string) {
  return (label: string, text: string | undefined, expected: number | null) => {
    const got = parseShown(text ?? '');
    if (expected === null || !Number.isFinite(expected)) {
      if (got !== null) problems.push(`${where} ${label}: shows ${text}, oracle has none`);
      return;
    }
    if (!got || Math.abs(got.value - expected) > got.tolerance)
      problems.push(`${where} ${label}: shows ${JSON.stringify(text)}, oracle ${expected}`);
  };
}

const inMonths = (rows: readonly Complaint[], list: readonly string[]) =>
  rows.filter((c) => list.includes(c.day.slice(0, 7)));
/** The oracle's nation (50 states and DC) with a population figure. */
const national = () => [...oracle.nation].filter((usps) => oracle.population.get(usps));

/** The call-kind trend table (Month, Robocall, Live caller, Not said, Total, Robocall share) against the oracle. */
function checkCallKindTable(
  problems: string[],
  where: string,
  table: FigureTable | null,
  rows: readonly Complaint[],
) {
  if (!table) return problems.push(`${where}: no trend table`);
  const check = checker(problems, where);
  if (table.rows.length !== months.length)
    problems.push(`${where}: ${table.rows.length} months, oracle ${months.length}`);
  for (const r of table.rows) {
    const m = monthOfLabel(r.header);
    const own = rows.filter((c) => c.day.startsWith(m));
    const robo = own.filter((c) => c.robocall === true).length;
    const live = own.filter((c) => c.robocall === false).length;
    check(`${m} robocall`, r.cells[0], robo);
    check(`${m} live`, r.cells[1], live);
    check(`${m} not said`, r.cells[2], own.length - robo - live);
    check(`${m} total`, r.cells[3], own.length);
    check(`${m} share`, r.cells[4], robo + live ? robo / (robo + live) : null);
  }
  return 0;
}

describe('static pages agree with the oracle', () => {
  it('the home page: national trend, the map’s table, the headline figures', () => {
    const doc = page('');
    const problems: string[] = [];
    checkCallKindTable(problems, 'home #trend', figureTable(doc, 'trend'), oracle.complaints);
    const places = national();
    const pop = places.reduce((a, s) => a + oracle.population.get(s)!, 0);
    const inWindow = inMonths(oracle.complaints, window);
    const rate =
      (inWindow.filter((c) => c.state && places.includes(c.state)).length * 100_000) / pop;
    const stats = [...doc.querySelectorAll('.stats .stat')].map((s) => ({
      value: s.querySelector('.value')!.textContent!,
      label: s.querySelector('.label')!.textContent!,
    }));
    const check = checker(problems, 'home');
    check('national rate', stats.find((s) => /per 100,000 residents/.test(s.label))?.value, rate);
    const latest = months[months.length - 1]!;
    check(
      'latest month',
      stats.find((s) => s.label.startsWith('complaints in'))?.value,
      oracle.complaints.filter((c) => c.day.startsWith(latest)).length,
    );
    const map = figureTable(doc, 'map')!;
    for (const r of map.rows) {
      const usps = r.href?.match(/\/states\/([a-z]{2})\//)?.[1]?.toUpperCase() ?? '';
      const own = inWindow.filter((c) => c.state === usps);
      check(`${usps} complaints`, r.cells[0], own.length);
      const p = oracle.population.get(usps);
      check(`${usps} per 100k`, r.cells[1], p ? (own.length * 100_000) / p : null);
    }
    expect(problems.slice(0, 20)).toEqual([]);
  });

  it('every state page: rate, trend, subjects, area codes, caller numbers and rank', () => {
    const problems: string[] = [];
    const places = national();
    const usPop = places.reduce((a, s) => a + oracle.population.get(s)!, 0);
    const dirs = readdirSync(join(dist, 'states')).filter((d) =>
      existsSync(join(dist, 'states', d, 'index.html')),
    );
    expect(dirs.length).toBeGreaterThan(40);
    for (const dir of dirs) {
      const usps = dir.toUpperCase();
      const where = `/states/${dir}/`;
      const doc = page(`states/${dir}`);
      const check = checker(problems, where);
      const own = oracle.complaints.filter((c) => c.state === usps);
      const ownWindow = inMonths(own, window);
      checkCallKindTable(problems, `${where} #trend`, figureTable(doc, 'trend'), own);
      const pop = oracle.population.get(usps) ?? null;
      const rate = figureTable(doc, 'rate');
      if (rate && pop) {
        for (const r of rate.rows) {
          const m = monthOfLabel(r.header);
          check(
            `${m} rate`,
            r.cells[0],
            (own.filter((c) => c.day.startsWith(m)).length * 100_000) / pop,
          );
          check(
            `${m} US rate`,
            r.cells[1],
            (oracle.complaints.filter(
              (c) => c.day.startsWith(m) && c.state && places.includes(c.state),
            ).length *
              100_000) /
              usPop,
          );
        }
      }
      const subjects = figureTable(doc, 'subjects');
      for (const r of subjects?.rows ?? []) {
        const slug = r.href?.match(/\/subjects\/([^/]+)\//)?.[1] ?? r.header;
        const n = ownWindow.filter((c) => c.subject === slug).length;
        check(`subject ${slug}`, r.cells[0], n);
        check(`subject ${slug} share`, r.cells[1], n / ownWindow.length);
      }
      const areas = figureTable(doc, 'area-codes');
      const areaRanking = rank(
        ownWindow.filter((c) => c.area),
        (c) => c.area!,
      );
      compareRanking(
        problems,
        `${where} area codes`,
        (areas?.rows ?? []).map((r) => [r.header.replace('Area code ', ''), r.cells[0]!]),
        areaRanking,
        10,
      );
      const callers = figureTable(doc, 'callers');
      const callerRanking = rank(
        ownWindow.filter((c) => c.callerValid),
        (c) => c.caller!,
      );
      compareRanking(
        problems,
        `${where} callers`,
        (callers?.rows ?? []).map((r) => [r.header.replace(/\D/g, ''), r.cells[0]!]),
        callerRanking,
        10,
      );
      const note = doc.querySelector('figure#callers')?.textContent ?? '';
      const invalid = ownWindow.filter((c) => !c.callerValid).length;
      if (invalid && !note.includes(`${invalid.toLocaleString('en-US')} complaint`))
        problems.push(
          `${where} callers: ${invalid} complaints without a valid number are not counted in the note`,
        );
      const stats = [...doc.querySelectorAll('.stats .stat')].map((s) => ({
        value: s.querySelector('.value')!.textContent!,
        label: s.querySelector('.label')!.textContent!,
      }));
      const perRes = stats.find((s) => /per 100,000 residents/.test(s.label));
      if (pop) check('rate stat', perRes?.value, (ownWindow.length * 100_000) / pop);
    }
    expect(problems.slice(0, 30)).toEqual([]);
  });

  it('every subject page: trend, and each state’s rate for the subject', () => {
    const problems: string[] = [];
    const dirs = readdirSync(join(dist, 'subjects')).filter((d) =>
      existsSync(join(dist, 'subjects', d, 'index.html')),
    );
    expect(dirs.length).toBeGreaterThan(5);
    for (const slug of dirs) {
      const where = `/subjects/${slug}/`;
      const doc = page(`subjects/${slug}`);
      const own = oracle.complaints.filter((c) => c.subject === slug);
      checkCallKindTable(problems, `${where} #trend`, figureTable(doc, 'trend'), own);
      const check = checker(problems, where);
      const ownWindow = inMonths(own, window);
      for (const r of figureTable(doc, 'states')?.rows ?? []) {
        const usps = r.href?.match(/\/states\/([a-z]{2})\//)?.[1]?.toUpperCase() ?? '';
        const p = oracle.population.get(usps);
        check(
          `${usps} rate`,
          r.cells[0],
          p ? (ownWindow.filter((c) => c.state === usps).length * 100_000) / p : null,
        );
      }
    }
    expect(problems.slice(0, 30)).toEqual([]);
  });
});

function rank(rows: readonly Complaint[], key: (c: Complaint) => string): [string, number][] {
  const counts = new Map<string, number>();
  for (const c of rows) counts.set(key(c), (counts.get(key(c)) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
}

/** The shown top `n` must be a correct top `n`: the same counts in order, each row's count its own (ties may order either way). */
function compareRanking(
  problems: string[],
  where: string,
  shown: [string, string][],
  ranking: [string, number][],
  n: number,
) {
  const counts = new Map(ranking);
  const expected = ranking.slice(0, n);
  if (shown.length !== expected.length)
    problems.push(`${where}: ${shown.length} rows, oracle ${expected.length}`);
  shown.forEach(([key, text], i) => {
    const got = parseShown(text)?.value;
    if (got !== counts.get(key))
      problems.push(
        `${where}: ${key} shows ${text}, oracle ${counts.get(key) ?? 'not in the data'}`,
      );
    if (expected[i] && got !== expected[i]![1])
      problems.push(
        `${where}: place ${i + 1} shows ${text}, the oracle's place ${i + 1} has ${expected[i]![1]}`,
      );
  });
}
