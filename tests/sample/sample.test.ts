/**
 * End to end: `data:sample` for four weeks at the default volume into a temp folder, then the
 * files read back the way the ingest reads them (papaparse) and checked against the FTC's format,
 * its cadence and the calibration (tests/sample/calibration.test.ts checks the model's targets).
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  loadAreaCodes,
  loadPoneCallerNumbers,
  loadStates,
  loadSubjects,
} from '../../scripts/lib/reference';
import { dailyFilePlan, expectedVolume } from '../../scripts/sample/calendar';
import {
  DATABOOK_FY2025_TOP_TOPICS,
  DEFAULT_WEEKDAY_VOLUME,
  ISSUE9_FILE_COMPLAINTS_2026,
  ROBOCALL_SHARES,
} from '../../scripts/sample/calibration';
import { formatDay, parseDay, weekday } from '../../scripts/sample/dates';
import { stateWeights } from '../../scripts/sample/geography';
import { buildModel } from '../../scripts/sample/model';
import { subjectWeights } from '../../scripts/sample/subjects';
import { generateSample, type SampleSummary } from '../../scripts/sample/generate';
import {
  FTC_COLUMNS,
  FTC_DATETIME_PATTERN,
  FTC_HEADER,
  parseDailyFileName,
} from '../../src/lib/ftc-format';
import { REAL_DATA_DIR, realDataFile } from '../helpers/real-data';
import { tempDir } from '../helpers/temp';

// Friday 2026-10-02 to Thursday 2026-10-29: four whole weeks of files, Monday's holding the weekend.
const END = '2026-10-29';
const DAYS = 28;
const FIRST = parseDay(END) - DAYS + 1;

function csvFiles(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(join(dir, entry.name));
      else found.push(join(dir, entry.name));
    }
  };
  walk(root);
  return found.sort();
}

/** sha256 of every file under `<out>/dnc`, by relative path. */
function hashes(out: string): Record<string, string> {
  const root = join(out, 'dnc');
  return Object.fromEntries(
    csvFiles(root).map((path) => [
      relative(root, path),
      createHash('sha256').update(readFileSync(path)).digest('hex'),
    ]),
  );
}

type Row = Record<(typeof FTC_COLUMNS)[number], string>;

let temp: { dir: string; cleanup: () => void };
let out: string;
let summary: SampleSummary;
let files: string[];
let rows: Row[];
let texts: Map<string, string>;

beforeAll(async () => {
  temp = tempDir('sample');
  out = join(temp.dir, 'sample');
  summary = await generateSample({
    days: DAYS,
    end: END,
    seed: '20261129',
    out,
    volume: DEFAULT_WEEKDAY_VOLUME,
    workers: 1,
  });
  files = csvFiles(join(out, 'dnc'));
  texts = new Map(files.map((file) => [file, readFileSync(file, 'utf8')]));
  rows = [];
  for (const text of texts.values()) {
    const parsed = Papa.parse<Row>(text, { header: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    rows.push(...parsed.data);
  }
});

afterAll(() => temp.cleanup());

const share = (predicate: (row: Row) => boolean) => rows.filter(predicate).length / rows.length;

describe('data:sample output layout', () => {
  it('writes a file each weekday, named by its publication date under the year', () => {
    // Counted by hand: four weeks of Monday-to-Friday files, Monday 2026-10-05 to Friday 2026-10-30.
    expect(files).toHaveLength(20);
    const expected = dailyFilePlan(FIRST, parseDay(END)).map((f) => formatDay(f.published));
    expect(expected[0]).toBe('2026-10-05');
    expect(expected.at(-1)).toBe('2026-10-30');
    expect(expected.every((day) => ![0, 6].includes(weekday(parseDay(day))))).toBe(true);
    const published = files.map((file) => {
      const name = file.slice(file.lastIndexOf('/') + 1);
      const parsed = parseDailyFileName(name);
      expect(parsed, name).not.toBeNull();
      expect(parsed!.suffix).toBeNull();
      expect(file).toContain(`/dnc/${parsed!.published.slice(0, 4)}/`);
      return parsed!.published;
    });
    expect(published).toEqual(expected);
  });

  it('holds the days since the last weekday: Friday to Sunday on Monday, else the day before', () => {
    for (const [file, text] of texts) {
      const published = parseDay(
        parseDailyFileName(file.slice(file.lastIndexOf('/') + 1))!.published,
      );
      const back = weekday(published) === 1 ? 3 : 1;
      const expected = Array.from({ length: back }, (_, i) => formatDay(published - back + i));
      const lines = text.split('\r\n').slice(1, -1);
      const created = [
        ...new Set(lines.map((line) => line.slice(line.indexOf(',') + 1, line.indexOf(',') + 11))),
      ].sort();
      expect(created, file).toEqual(expected);
    }
  });

  it('writes the synthetic marker the ingest looks for, with the counts', () => {
    const marker = JSON.parse(readFileSync(join(out, 'synthetic.json'), 'utf8'));
    expect(marker).toMatchObject({
      synthetic: true,
      generator: 'robocall-atlas data:sample',
      seed: 20261129,
      days: DAYS,
      end: END,
    });
    expect(marker.rows).toBe(rows.length);
    expect(marker.files).toBe(files.length);
    expect(summary.rows).toBe(rows.length);
  });

  it('leaves no staging or temporary files behind', () => {
    expect(readdirSync(out).sort()).toEqual(['dnc', 'synthetic.json']);
    expect(files.every((file) => file.endsWith('.csv'))).toBe(true);
  });
});

describe('the FTC format, exactly', () => {
  it('starts every file with the exact header and ends every line, the last one too, with CRLF', () => {
    for (const text of texts.values()) {
      expect(text.startsWith(`${FTC_HEADER}\r\n`)).toBe(true);
      expect(text.endsWith('\r\n')).toBe(true);
      expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    }
  });

  it.skipIf(!REAL_DATA_DIR)('has the same header bytes as the real FTC file', () => {
    const real = readFileSync(realDataFile('dnc_complaint_numbers_2021-07-08.csv'), 'utf8');
    const [text] = texts.values();
    expect(text!.slice(0, text!.indexOf('\r\n') + 2)).toBe(real.slice(0, real.indexOf('\r\n') + 2));
  });

  it('parses to 8 fields on every row', () => {
    let lines = 0;
    for (const text of texts.values()) {
      const parsed = Papa.parse<string[]>(text, { skipEmptyLines: true });
      expect(parsed.errors).toEqual([]);
      expect(parsed.data.filter((fields) => fields.length !== 8)).toEqual([]);
      lines += parsed.data.length;
    }
    expect(lines).toBe(rows.length + files.length);
  });

  it('quotes exactly the fields that need it', () => {
    const [text] = texts.values();
    expect(text).toContain(
      ',"Calls pretending to be government, businesses, or family and friends",',
    );
    expect(text).toContain(',Warranties  & protection plans,');
    expect(text).not.toContain('"Other"');
    expect(text).not.toMatch(/"\d+"/);
  });

  it('writes dates as YYYY-MM-DD HH:MM:SS, flags as Y, N or empty, area codes as 3 digits', () => {
    const bad = rows.filter(
      (row) =>
        !FTC_DATETIME_PATTERN.test(row.Created_Date) ||
        (row.Violation_Date !== '' && !FTC_DATETIME_PATTERN.test(row.Violation_Date)) ||
        !['Y', 'N', ''].includes(row.Recorded_Message_Or_Robocall) ||
        !/^\d{3}$/.test(row.Consumer_Area_Code) ||
        !/^\d*$/.test(row.Company_Phone_Number),
    );
    expect(bad).toEqual([]);
  });

  it('uses only subject labels from subjects.csv, spelled as the FTC does', () => {
    const labels = new Set(loadSubjects().map((s) => s.ftcLabel));
    const used = new Set(rows.map((row) => row.Subject));
    for (const label of used) expect(labels.has(label), label).toBe(true);
    expect(used.size).toBe(labels.size);
  });
});

describe('calibration', () => {
  it('averages near the requested weekday volume, weekends lower', () => {
    const perDay = new Map<string, number>();
    for (const row of rows)
      perDay.set(
        row.Created_Date.slice(0, 10),
        (perDay.get(row.Created_Date.slice(0, 10)) ?? 0) + 1,
      );
    const weekday = [...perDay].filter(
      ([day]) => ![0, 6].includes(new Date(`${day}T00:00:00Z`).getUTCDay()),
    );
    const weekend = [...perDay].filter(([day]) =>
      [0, 6].includes(new Date(`${day}T00:00:00Z`).getUTCDay()),
    );
    const mean = (list: [string, number][]) =>
      list.reduce((sum, [, n]) => sum + n, 0) / list.length;
    expect(mean(weekday)).toBeGreaterThan(7000);
    expect(mean(weekday)).toBeLessThan(10_500);
    expect(mean(weekend) / mean(weekday)).toBeGreaterThan(0.45);
    expect(mean(weekend) / mean(weekday)).toBeLessThan(0.75);
  });

  it('holds about 11,000 to 13,000 complaints a file, each near the model’s expected volume', () => {
    const model = buildModel({
      days: DAYS,
      end: END,
      seed: '20261129',
      volume: DEFAULT_WEEKDAY_VOLUME,
    });
    const byFile = [...texts.values()].map((text) => text.split('\r\n').length - 2);
    const plan = dailyFilePlan(FIRST, parseDay(END));
    plan.forEach((file, i) => {
      const expected = file.created.reduce(
        (n, day) => n + expectedVolume(day, DEFAULT_WEEKDAY_VOLUME, model.middle),
        0,
      );
      expect(Math.abs(byFile[i]! / expected - 1), formatDay(file.published)).toBeLessThan(0.2);
    });
    // October is below the year's mean (season); calibration.test.ts checks the year's mean file.
    const mean = byFile.reduce((a, b) => a + b, 0) / byFile.length;
    expect(mean).toBeGreaterThan(ISSUE9_FILE_COMPLAINTS_2026[0] * 0.85);
    expect(mean).toBeLessThan(ISSUE9_FILE_COMPLAINTS_2026[1]);
  });

  it('has each subject’s share near its target, the Data Book’s FY2025 topics leading', () => {
    const model = buildModel({
      days: DAYS,
      end: END,
      seed: '20261129',
      volume: DEFAULT_WEEKDAY_VOLUME,
    });
    const weights = subjectWeights(model.subjects, 0, 10);
    const total = weights.reduce((a, b) => a + b, 0);
    const counts = new Map<string, number>();
    for (const row of rows) counts.set(row.Subject, (counts.get(row.Subject) ?? 0) + 1);
    const observed = new Map<string, number>();
    model.subjects.forEach((subject, i) => {
      const target = weights[i]! / total;
      const got = (counts.get(subject.ftcLabel) ?? 0) / rows.length;
      observed.set(subject.slug, got);
      expect(Math.abs(got - target), subject.slug).toBeLessThan(Math.max(0.006, target * 0.2));
    });
    const named = [...observed]
      .filter(([slug]) => !['other', 'dropped-call', 'none'].includes(slug))
      .sort((a, b) => b[1] - a[1])
      .map(([slug]) => slug);
    expect(named[0]).toBe(DATABOOK_FY2025_TOP_TOPICS[0]);
    expect(new Set(named.slice(0, 5))).toEqual(new Set(DATABOOK_FY2025_TOP_TOPICS));
  });

  it('has each state’s share near its target (population × propensity)', () => {
    const model = buildModel({
      days: DAYS,
      end: END,
      seed: '20261129',
      volume: DEFAULT_WEEKDAY_VOLUME,
    });
    const weights = stateWeights(model.states, 0);
    const total = weights.reduce((a, b) => a + b, 0);
    const counts = new Map<string, number>();
    for (const row of rows)
      counts.set(row.Consumer_State, (counts.get(row.Consumer_State) ?? 0) + 1);
    model.states.forEach((state, i) => {
      const target = weights[i]! / total;
      if (target < 0.01) return;
      const got = (counts.get(state.name) ?? 0) / rows.length;
      // Four weeks: a campaign aimed at one state moves a small state's share by a fifth or more.
      expect(Math.abs(got / target - 1), state.usps).toBeLessThan(0.3);
    });
  });

  it('spreads states by population: California near its 11.8% share, states in step with population', () => {
    expect(share((row) => row.Consumer_State === 'California')).toBeGreaterThan(0.095);
    expect(share((row) => row.Consumer_State === 'California')).toBeLessThan(0.145);
    const states = loadStates().filter((s) => s.population !== null && s.kind !== 'territory');
    const total = states.reduce((sum, s) => sum + s.population!, 0);
    const counts = new Map<string, number>();
    for (const row of rows)
      counts.set(row.Consumer_State, (counts.get(row.Consumer_State) ?? 0) + 1);
    for (const state of states) {
      const ratio = (counts.get(state.name) ?? 0) / rows.length / (state.population! / total);
      expect(ratio, state.name).toBeGreaterThan(0.6);
      // Arizona's Data Book rate is 1.31 times the national one; campaigns aimed at a small state add more.
      expect(ratio, state.name).toBeLessThan(1.9);
    }
    for (const name of ['District of Columbia', 'Puerto Rico', 'Virgin Islands', 'Guam'])
      expect(counts.get(name) ?? 0, name).toBeGreaterThan(0);
  });

  it('keeps the area code in the consumer’s state', () => {
    const byName = new Map(loadStates().map((s) => [s.name, s.usps === 'MP' ? 'CNMI' : s.usps]));
    const location = new Map(loadAreaCodes().map((a) => [a.areaCode, a.location]));
    const elsewhere = rows.filter((row) => {
      const usps = byName.get(row.Consumer_State);
      return usps !== undefined && location.get(row.Consumer_Area_Code) !== usps;
    });
    expect(elsewhere.map((row) => `${row.Consumer_State} ${row.Consumer_Area_Code}`)).toEqual([]);
  });

  it('flags robocalls in the Data Book’s FY2025 proportion (about 61%), empties as the real file', () => {
    expect(Math.abs(share((row) => row.Recorded_Message_Or_Robocall === 'Y') - 0.615)).toBeLessThan(
      0.02,
    );
    expect(share((row) => row.Recorded_Message_Or_Robocall === 'Y')).toBeCloseTo(
      ROBOCALL_SHARES.y,
      1,
    );
    expect(share((row) => row.Recorded_Message_Or_Robocall === 'N')).toBeCloseTo(
      ROBOCALL_SHARES.n,
      1,
    );
    expect(
      Math.abs(share((row) => row.Recorded_Message_Or_Robocall === '') - ROBOCALL_SHARES.empty),
    ).toBeLessThan(0.02);
  });

  it('leaves about a third of cities empty', () => {
    const empty = share((row) => row.Consumer_City === '');
    expect(empty).toBeGreaterThan(0.3);
    expect(empty).toBeLessThan(0.4);
  });

  it('has the real file’s mix of subjects, roughly', () => {
    expect(share((row) => row.Subject === 'Other')).toBeGreaterThan(0.28);
    expect(share((row) => row.Subject === 'Other')).toBeLessThan(0.44);
    expect(share((row) => row.Subject === 'Home security  & alarms')).toBeLessThan(0.01);
  });

  it('has callers reported again and again, most once', () => {
    const counts = new Map<string, number>();
    for (const row of rows)
      if (row.Company_Phone_Number.length === 10)
        counts.set(row.Company_Phone_Number, (counts.get(row.Company_Phone_Number) ?? 0) + 1);
    const reported = [...counts.values()];
    expect(reported.filter((n) => n === 1).length / reported.length).toBeGreaterThan(0.8);
    expect(reported.reduce((a, b) => Math.max(a, b), 0)).toBeGreaterThan(100);
  });

  it('includes numbers named in PoNE letters, never the FTC staff numbers', () => {
    const pone = loadPoneCallerNumbers();
    const named = new Set(pone.filter((n) => !n.likelyFtcStaffNumber).map((n) => n.callerNumber));
    const staff = new Set(pone.filter((n) => n.likelyFtcStaffNumber).map((n) => n.callerNumber));
    const hits = rows.filter((row) => named.has(row.Company_Phone_Number));
    expect(hits.length).toBeGreaterThan(50);
    expect(new Set(hits.map((row) => row.Company_Phone_Number)).size).toBeGreaterThan(10);
    expect(rows.some((row) => staff.has(row.Company_Phone_Number))).toBe(false);
  });
});

describe('the oddities of the real data', () => {
  it('has empty, re-cased and unknown state names', () => {
    const names = new Set(loadStates().map((s) => s.name));
    expect(share((row) => row.Consumer_State === '')).toBeGreaterThan(0.0008);
    expect(share((row) => row.Consumer_State === '')).toBeLessThan(0.004);
    const lower = new Set([...names].map((name) => name.toLowerCase()));
    const upper = new Set([...names].map((name) => name.toUpperCase()));
    expect(rows.some((row) => lower.has(row.Consumer_State))).toBe(true);
    expect(rows.some((row) => upper.has(row.Consumer_State))).toBe(true);
    expect(
      rows.some((row) =>
        [
          'Ontario',
          'N/A',
          'British Columbia',
          'Unknown',
          'Armed Forces Europe',
          'Mexico',
          'XX',
        ].includes(row.Consumer_State),
      ),
    ).toBe(true);
  });

  it('has empty caller numbers, zeros and numbers of odd lengths (7–20 digits)', () => {
    expect(share((row) => row.Company_Phone_Number === '')).toBeGreaterThan(0.03);
    expect(share((row) => row.Company_Phone_Number === '')).toBeLessThan(0.07);
    const odd = rows.filter(
      (row) => row.Company_Phone_Number !== '' && row.Company_Phone_Number.length !== 10,
    );
    expect(odd.length / rows.length).toBeGreaterThan(0.006);
    expect(odd.length / rows.length).toBeLessThan(0.02);
    for (const row of odd) {
      expect(row.Company_Phone_Number.length).toBeGreaterThanOrEqual(7);
      expect(row.Company_Phone_Number.length).toBeLessThanOrEqual(20);
    }
    expect(rows.some((row) => row.Company_Phone_Number === '0000000000')).toBe(true);
  });

  it('has violation dates years old, after the complaint, at midnight, and missing', () => {
    const seconds = (text: string) => Date.parse(`${text.replace(' ', 'T')}Z`) / 1000;
    const dated = rows.filter((row) => row.Violation_Date !== '');
    const delays = dated.map((row) => seconds(row.Created_Date) - seconds(row.Violation_Date));
    expect(delays.filter((d) => d > 365 * 86_400).length).toBeGreaterThan(10);
    expect(delays.filter((d) => d < 0).length / dated.length).toBeGreaterThan(0.01);
    const median = [...delays].sort((a, b) => a - b)[Math.floor(delays.length / 2)]!;
    expect(median / 3600).toBeGreaterThan(1);
    expect(median / 3600).toBeLessThan(12);
    expect(
      dated.filter((row) => row.Violation_Date.endsWith(' 00:00:00')).length / rows.length,
    ).toBeGreaterThan(0.03);
    expect(share((row) => row.Violation_Date === '')).toBeGreaterThan(0.002);
    expect(share((row) => row.Violation_Date === '')).toBeLessThan(0.01);
  });

  it('has cities in upper and lower case now and then', () => {
    expect(
      rows.some(
        (row) =>
          row.Consumer_City.length > 3 && row.Consumer_City === row.Consumer_City.toUpperCase(),
      ),
    ).toBe(true);
    expect(
      rows.some(
        (row) =>
          row.Consumer_City.length > 3 && row.Consumer_City === row.Consumer_City.toLowerCase(),
      ),
    ).toBe(true);
  });

  it('is sorted by created time except for a few neighbours, as the FTC’s files are', () => {
    const [text] = texts.values();
    const created = text!
      .split('\r\n')
      .slice(1, -1)
      .map((line) => line.split(',')[1]!);
    const inversions = created.filter((c, i) => i > 0 && c < created[i - 1]!).length;
    expect(inversions / created.length).toBeGreaterThan(0.01);
    expect(inversions / created.length).toBeLessThan(0.06);
  });
});

describe('determinism', () => {
  it('gives byte-identical files for the same seed and options, different ones for another seed', async () => {
    const options = { days: 3, end: '2025-07-09', volume: 2000, workers: 1 };
    const a = join(temp.dir, 'a');
    const b = join(temp.dir, 'b');
    const c = join(temp.dir, 'c');
    await generateSample({ ...options, seed: 'x1', out: a });
    await generateSample({ ...options, seed: 'x1', out: b });
    await generateSample({ ...options, seed: 'x2', out: c });
    expect(Object.keys(hashes(a))).toHaveLength(3);
    expect(hashes(b)).toEqual(hashes(a));
    const other = hashes(c);
    expect(Object.keys(other)).toEqual(Object.keys(hashes(a)));
    for (const [file, hash] of Object.entries(hashes(a))) expect(other[file], file).not.toBe(hash);
  });

  it('replaces a previous sample whole on a rerun', async () => {
    const dir = join(temp.dir, 'rerun');
    await generateSample({
      days: 3,
      end: '2025-07-09',
      volume: 500,
      workers: 1,
      seed: 's',
      out: dir,
    });
    const before = hashes(dir);
    await generateSample({
      days: 2,
      end: '2025-03-02',
      volume: 500,
      workers: 1,
      seed: 's',
      out: dir,
    });
    const after = hashes(dir);
    // A Saturday and a Sunday: one file, Monday's.
    expect(Object.keys(after)).toEqual(['2025/DNC_Complaint_Numbers_2025-03-03.csv']);
    expect(Object.keys(before).some((file) => file in after)).toBe(false);
    expect(JSON.parse(readFileSync(join(dir, 'synthetic.json'), 'utf8')).days).toBe(2);
    expect(existsSync(join(dir, '.dnc-staging'))).toBe(false);
  });
});
