/**
 * Published files and API backfills, reconciled by the complaints' created dates (issue 9.2), and
 * the weekdays no source covers.
 *
 * A published daily file holds whatever created dates it holds: a Monday file may carry Saturday
 * to Monday. So the names of the files decide nothing here; what the rows say does. For every
 * created date that a loaded published file has complaints for, the published files are the
 * record and an API backfill's complaints of that date are not loaded again (nothing is counted
 * twice). An API backfill's complaints of dates no published file has are loaded (nothing is lost
 * between sources). Pure: takes dates and counts, returns decisions.
 */
import { addDays, dayOfWeek } from '../../src/lib/dates';
import { isApiBackfill } from './sources';

/**
 * ASSUMPTION (not verified; the FTC's API documentation says weekend data "is loaded on Monday"):
 * Monday's published file holds the complaints created on the Saturday and Sunday before it, as
 * well as Friday's. It decides only which file a missing day is expected in, as gaps are reported;
 * reconciliation reads the created dates themselves and does not depend on it.
 */
export const MONDAY_FILE_HOLDS_WEEKEND = true;

export interface ReconcileSource {
  file: string;
  /** Loaded complaints per created date. */
  dates: Record<string, number>;
}

export interface Reconciliation {
  /** API backfills none of whose complaints are needed: every date they hold, a published file holds. */
  superseded: Map<string, string>;
  /** API backfills loaded in part: the dates left out (a published file has them) and their complaints. */
  partial: Map<string, { dates: string[]; rows: number; by: string }>;
}

/** Decides, for each loaded API backfill, which of its created dates a published file already covers. */
export function reconcileByCreatedDates(sources: ReconcileSource[]): Reconciliation {
  const publishedBy = new Map<string, string>();
  for (const s of [...sources].sort((a, b) => (a.file < b.file ? -1 : 1))) {
    if (isApiBackfill(s.file)) continue;
    for (const [date, n] of Object.entries(s.dates))
      if (n > 0 && !publishedBy.has(date)) publishedBy.set(date, s.file);
  }
  const superseded = new Map<string, string>();
  const partial = new Map<string, { dates: string[]; rows: number; by: string }>();
  for (const s of sources) {
    if (!isApiBackfill(s.file)) continue;
    const dates = Object.keys(s.dates).filter((d) => s.dates[d]! > 0);
    const covered = dates.filter((d) => publishedBy.has(d)).sort();
    if (covered.length === 0) continue;
    const by = publishedBy.get(covered[0]!)!;
    if (covered.length === dates.length) superseded.set(s.file, by);
    else
      partial.set(s.file, {
        dates: covered,
        rows: covered.reduce((n, d) => n + s.dates[d]!, 0),
        by,
      });
  }
  return { superseded, partial };
}

export interface Gap {
  /** A weekday on which no loaded source has a single complaint created. */
  created_date: string;
  /** The publication date of the daily file expected to hold it (see MONDAY_FILE_HOLDS_WEEKEND). */
  expected_file_date: string;
}

/** Weekdays between the first and last created date with no complaints from any source. */
export function findGaps(
  loadedDates: Iterable<string>,
  mondayHoldsWeekend = MONDAY_FILE_HOLDS_WEEKEND,
): Gap[] {
  const have = new Set(loadedDates);
  const sorted = [...have].sort();
  if (sorted.length === 0) return [];
  const gaps: Gap[] = [];
  for (let day = sorted[0]!; day <= sorted.at(-1)!; day = addDays(day, 1)) {
    if (isWeekday(day) && !have.has(day))
      gaps.push({
        created_date: day,
        expected_file_date: expectedFileDate(day, mondayHoldsWeekend)!,
      });
  }
  return gaps;
}

/**
 * The publication date of the daily file expected to hold complaints created on `created`: the
 * next weekday. Saturday's and Sunday's go to Monday's file when `mondayHoldsWeekend`, else to no
 * file (null: only the API has them).
 */
export function expectedFileDate(
  created: string,
  mondayHoldsWeekend = MONDAY_FILE_HOLDS_WEEKEND,
): string | null {
  if (!isWeekday(created) && !mondayHoldsWeekend) return null;
  let day = addDays(created, 1);
  while (!isWeekday(day)) day = addDays(day, 1);
  return day;
}

function isWeekday(day: string): boolean {
  const dow = dayOfWeek(day);
  return dow !== 0 && dow !== 6;
}
