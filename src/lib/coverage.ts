/**
 * Which days the archive's complaints cover, from the manifest's sources alone: a day is covered
 * when some loaded source's complaints were created on it or span across it (a Monday file runs
 * from Friday to Sunday). Days between the first and the last covered day that no source covers
 * are missing: the FTC files every day's complaints, thousands of them, so an uncovered day is a
 * file we lack (and, once it rolls off the FTC's page, one we will always lack), not a quiet day.
 */
import { addDays } from './dates';
import type { Manifest, SourceEntry } from './manifest';

export interface DayCoverage {
  firstDay: string;
  lastDay: string;
  /** Calendar days in [firstDay, lastDay] that no loaded source covers, ascending. */
  missing: string[];
  /** Calendar days covered. */
  covered: number;
}

function dayOf(stamp: string): string {
  return stamp.slice(0, 10);
}

function nextDay(day: string): string {
  return addDays(day, 1);
}

/** Coverage of the loaded sources, or null when nothing was loaded. */
export function dayCoverage(
  sources: readonly Pick<SourceEntry, 'status' | 'created_min' | 'created_max' | 'rows_loaded'>[],
): DayCoverage | null {
  const spans = sources
    .filter(
      (s) =>
        s.status === 'loaded' &&
        s.rows_loaded > 0 &&
        s.created_min !== null &&
        s.created_max !== null,
    )
    .map((s) => [dayOf(s.created_min!), dayOf(s.created_max!)] as const)
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  if (spans.length === 0) return null;
  const firstDay = spans[0]![0];
  let until: string | null = null;
  const missing: string[] = [];
  let covered = 0;
  for (const [from, to] of spans) {
    // Days after what is covered so far and before this span starts are missing.
    if (until !== null)
      for (let day = nextDay(until); day < from; day = nextDay(day)) missing.push(day);
    const start = until === null || from > until ? from : nextDay(until);
    for (let day = start; day <= to; day = nextDay(day)) covered += 1;
    if (until === null || to > until) until = to;
  }
  return { firstDay, lastDay: until ?? firstDay, missing, covered };
}

export function manifestCoverage(manifest: Pick<Manifest, 'sources'>): DayCoverage | null {
  return dayCoverage(manifest.sources);
}

/** `2026-05-09 to 2026-05-11` style runs, for a short list of missing days. */
export function dayRuns(days: readonly string[]): string[] {
  const runs: string[] = [];
  let start: string | null = null;
  let prev: string | null = null;
  for (const day of days) {
    if (start !== null && prev !== null && nextDay(prev) === day) {
      prev = day;
      continue;
    }
    if (start !== null) runs.push(start === prev ? start : `${start} to ${prev}`);
    start = day;
    prev = day;
  }
  if (start !== null) runs.push(start === prev ? start : `${start} to ${prev}`);
  return runs;
}

export interface ManifestGap {
  created_date: string;
  expected_file_date: string;
}

/**
 * What every page that shows numbers says about the days behind them: first and last day and the
 * weekdays missing (the manifest's gaps: weekdays with no complaint from any source). Weekend days
 * are not counted as missing on their own: the FTC files them in Monday's file, so a missing
 * Monday file shows up as its Friday.
 */
export function coverageSentence(
  cov: { firstDay: string; lastDay: string } | null,
  gaps: readonly ManifestGap[],
  formatDay: (day: string) => string,
): string {
  if (cov === null) return 'No complaints loaded.';
  const span =
    cov.firstDay === cov.lastDay
      ? `Complaints created on ${formatDay(cov.firstDay)}`
      : `Complaints created ${formatDay(cov.firstDay)} to ${formatDay(cov.lastDay)}`;
  return `${span}; ${missingDaysPhrase(gaps)}.`;
}

/** `no weekday missing` or `3 weekdays missing (2026-05-11, 2026-05-13 to 2026-05-14)`, at most four runs named. */
export function missingDaysPhrase(gaps: readonly ManifestGap[]): string {
  if (gaps.length === 0) return 'no weekday missing';
  const days = gaps.map((g) => g.created_date).sort();
  const runs = dayRuns(days);
  const named =
    runs.slice(0, 4).join(', ') + (runs.length > 4 ? `, and ${runs.length - 4} more` : '');
  return `${days.length} ${days.length === 1 ? 'weekday' : 'weekdays'} missing (${named})`;
}
