/**
 * Words, marks and groupings for Project Point of No Entry actions on the provider pages: pure
 * functions over the timeline events (the queries that load them are in
 * src/build/site-data/provider-pages.ts).
 */
import type { EventMark } from '../charts/annotations';
import { formatDate, formatMonth, formatNumber } from '../format';
import type { BeforeAfter } from './shape';
import type { TimelineEvent } from './providers';
import { CATEGORY_WORDS } from './action-categories';

/** Months either side of an action in the before/after comparison. */
export const WINDOW_MONTHS = 3;

export interface EventComparison {
  event: TimelineEvent;
  national: BeforeAfter | null;
  /** Complaints reporting the provider's PoNE numbers, when it has any. */
  provider: BeforeAfter | null;
}

/** Marks for the dated events inside `months`, with short labels. */
export function eventMarks(
  events: readonly TimelineEvent[],
  months: readonly string[],
  withWho = true,
): EventMark[] {
  const first = months[0];
  const last = months[months.length - 1];
  if (!first || !last) return [];
  return events
    .filter((e) => e.date.month !== null && e.date.month >= first && e.date.month <= last)
    .map((e) => ({ date: e.date.text!, label: markLabel(e, withWho) }));
}

/** Who an event concerns, in words: the provider as the source names it, or what a batch covers ("19 VoIP service providers, not named"). */
export function whoText(e: TimelineEvent): string {
  if (e.batch === 'the program as a whole') return `${e.batch} (announcement)`;
  return e.batch !== null ? `${e.batch} (batch, not named one by one)` : e.provider;
}

/** True when two spellings differ in more than punctuation and case ("One Eye LLC" and "One Eye, LLC" do not). */
export function spelledDifferently(a: string, b: string): boolean {
  const plain = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');
  return plain(a) !== plain(b);
}

/** `One Eye LLC`, `19 VoIP service providers`: who an event concerns, in a few words. */
export function whoShort(e: TimelineEvent): string {
  return e.batch !== null ? e.batch : e.provider.split(/[,(;]| \/ | d\/b\/a /)[0]!.trim();
}

/** `cease-and-desist letter` from `cease-and-desist letter + K4 public notice (DA 22-727)`. */
export function kindShort(kind: string): string {
  return kind.split(/\s+\(|\s+\+\s+|\s+-\s+|;/)[0]!.trim();
}

/**
 * A chart annotation in plain words: the category, then who (`PoNE letter: Callvox`) or, on a
 * provider's own chart, what (`Robocall operation: FCC C-CIST designation`).
 */
export function markLabel(e: TimelineEvent, withWho = true): string {
  const what = withWho ? whoShort(e) : `${e.agencyGroup} ${kindShort(e.kind)}`;
  return `${CATEGORY_WORDS[e.category].short}: ${what}`.slice(0, 60);
}

/** `Mar 2023` for a month-precision date, `Mar 17, 2023` for a day; `Not dated` for none. */
export function eventDateText(e: TimelineEvent, short = false): string {
  return e.date.text ? formatDate(e.date.text, short) : 'Not dated';
}

/** A careful sentence about one before/after comparison. */
export function beforeAfterSentence(what: string, c: BeforeAfter): string {
  const from = `${formatMonth(c.before.from)}–${formatMonth(c.before.to)}`;
  const to = `${formatMonth(c.after.from)}–${formatMonth(c.after.to)}`;
  const change =
    c.change === null
      ? ''
      : c.change > 0
        ? `, ${formatNumber(c.change * 100)}% more`
        : c.change < 0
          ? `, ${formatNumber(-c.change * 100)}% fewer`
          : ', the same';
  return `${what}: ${formatNumber(c.before.mean)} a month in ${from}, ${formatNumber(c.after.mean)} a month in ${to}${change}. This is a comparison of complaint counts, not evidence that the action caused the change.`;
}

/**
 * Comparisons grouped by the action's month: the windows are whole months either side of it, so
 * actions in one month (a month-only date and a day in that month, or several days) have the same
 * before and after and share one chart, one sentence and one table row.
 */
export function sameWindow(comparisons: readonly EventComparison[]): EventComparison[][] {
  const groups = new Map<string, EventComparison[]>();
  for (const c of comparisons)
    groups.set(c.event.date.month!, [...(groups.get(c.event.date.month!) ?? []), c]);
  return [...groups.values()];
}

/** The date a group's chart marks: the day when all its actions share it, else the month. */
export function windowDate(group: readonly EventComparison[]): string {
  const days = new Set(group.map((c) => c.event.date.text!));
  return days.size === 1 ? [...days][0]! : group[0]!.event.date.month!;
}

/** `Nov 27, 2023`, or `Nov 2023` when the group's actions fall on different days of the month. */
export function windowName(group: readonly EventComparison[]): string {
  return formatDate(windowDate(group));
}
