/**
 * The lookup's SQL and shaping against an oracle that shares none of its code: the raw sample files
 * and the reference CSVs read with papaparse and counted in plain TypeScript.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../scripts/lib/duckdb';
import {
  callerIndexAlias,
  callerIndexFile,
  lookupQuery,
  monthSeries,
  shapeLookup,
  type CallerAnswer,
  type LookupRow,
} from '../../src/lib/caller/lookup';
import { rawCallerStats, type RawCallerStats } from '../helpers/raw-callers';
import { buildSample } from '../helpers/sample-build';
import { tempDir } from '../helpers/temp';

const REFERENCE = join(import.meta.dirname, '../../data/reference');
const csv = (name: string) =>
  Papa.parse<Record<string, string>>(readFileSync(join(REFERENCE, name), 'utf8'), {
    header: true,
    skipEmptyLines: true,
  }).data;

describe('a caller lookup', () => {
  const tmp = tempDir('lookup');
  let db: Db;
  let raw: Map<string, RawCallerStats>;
  const stateByName = new Map(csv('states.csv').map((s) => [s.name!.toLowerCase(), s.usps!]));
  const slugByLabel = new Map(csv('subjects.csv').map((s) => [s.ftc_label!, s.slug!]));
  const letters = csv('pone_caller_numbers.csv');
  const YEARS = [2023, 2024];

  const lookup = async (digits: string): Promise<CallerAnswer> => {
    const q = lookupQuery(digits, YEARS);
    return shapeLookup(digits, await db.all<LookupRow>(q.sql, q.params));
  };

  beforeAll(async () => {
    const built = await buildSample(tmp.dir, { days: 60, end: '2024-01-31', volume: 5000 });
    raw = rawCallerStats(built.raw);
    db = await openDb();
    // December 2023 and January 2024: the answer spans two years' caller index files.
    for (const year of YEARS)
      await db.run(
        `ATTACH '${join(built.out, callerIndexFile(year))}' AS ${callerIndexAlias(year)} (READ_ONLY)`,
      );
    await db.run(`ATTACH '${join(built.out, 'cube.duckdb')}' AS cube (READ_ONLY)`);
  }, 300_000);
  afterAll(() => {
    db?.close();
    tmp.cleanup();
  });

  const expectMatchesRaw = (answer: CallerAnswer, expected: RawCallerStats) => {
    expect(answer.complaints).toBe(expected.complaints);
    expect(answer.firstDay).toBe(expected.firstDay);
    expect(answer.lastDay).toBe(expected.lastDay);
    expect(answer.byMonth).toEqual(
      [...expected.byMonth.entries()].sort().map(([month, complaints]) => ({ month, complaints })),
    );
    expect(answer.robocall).toEqual(expected.robocall);
    const subjects = new Map<string, number>();
    for (const [label, n] of expected.bySubjectLabel)
      subjects.set(
        slugByLabel.get(label) ?? 'unrecognized',
        (subjects.get(slugByLabel.get(label) ?? 'unrecognized') ?? 0) + n,
      );
    expect(new Map(answer.bySubject.map((s) => [s.subject, s.complaints]))).toEqual(subjects);
    // States named in full are the state; others come from the area code, so only their total is compared.
    const shown = new Map(answer.byState.map((s) => [s.state, s.complaints]));
    for (const [name, n] of expected.byStateName) {
      const usps = stateByName.get(name.toLowerCase());
      if (usps) expect(shown.get(usps) ?? 0).toBeGreaterThanOrEqual(n);
    }
    expect(answer.byState.reduce((t, s) => t + s.complaints, 0)).toBe(expected.complaints);
  };

  it('counts the most-reported number as the raw files do', async () => {
    const [number, expected] = [...raw.entries()]
      .filter(([n]) => /^\d{10}$/.test(n))
      .sort((a, b) => b[1].complaints - a[1].complaints)[0]!;
    const answer = await lookup(number);
    expect(answer.complaints).toBeGreaterThan(1);
    expectMatchesRaw(answer, expected);
    const series = monthSeries(answer);
    expect(series.reduce((t, m) => t + m.complaints, 0)).toBe(expected.complaints);
    expect(series[0]!.month).toBe(expected.firstDay.slice(0, 7));
  });

  it('names the letter and provider of a number a PoNE letter names', async () => {
    const named = letters.filter(
      (l) => l.likely_ftc_staff_number !== 'yes' && raw.has(l.caller_number!),
    );
    expect(named.length).toBeGreaterThan(0);
    const number = named[0]!.caller_number!;
    const answer = await lookup(number);
    expectMatchesRaw(answer, raw.get(number)!);
    const expectedLetters = letters.filter(
      (l) => l.caller_number === number && l.likely_ftc_staff_number !== 'yes',
    );
    expect(answer.letters.map((l) => [l.provider, l.letter]).sort()).toEqual(
      expectedLetters.map((l) => [l.provider, l.letter_pdf]).sort(),
    );
    expect(answer.ftcStaffNumber).toBe(false);
  });

  it('says an FTC staff number from a letterhead is one, and names no letter for it', async () => {
    const staff = letters.find((l) => l.likely_ftc_staff_number === 'yes');
    expect(staff).toBeDefined();
    const answer = await lookup(staff!.caller_number!);
    expect(answer.ftcStaffNumber).toBe(true);
    expect(answer.letters).toEqual([]);
  });

  it('answers zero for a number nobody reported', async () => {
    let digits = 2025550100;
    while (raw.has(String(digits))) digits++;
    const answer = await lookup(String(digits));
    expect(answer).toMatchObject({
      complaints: 0,
      firstDay: null,
      lastDay: null,
      byMonth: [],
      byState: [],
      letters: [],
    });
  });

  it('refuses to build a query for anything but digits', () => {
    expect(() => lookupQuery("2145550100' OR 1=1 --", YEARS)).toThrow(/not a caller number/);
  });
});
