/**
 * The enforcement timeline as a reader scans it: years, then categories, then entries. Actions of
 * one kind sent on one day by one agency (the FCC's seven gateway letters of Feb 4, 2020; the nine
 * FTC COVID-19 letters) collapse into one entry that opens to list its recipients, and undated
 * letters share one "Not dated" group at the end, so no entry stands beside a date it lacks.
 */
import { CATEGORIES, CATEGORY_WORDS, type Category } from './action-categories';
import type { TimelineEvent } from './providers';

export interface TimelineEntry {
  /** The first event's id, for anchors. */
  id: string;
  category: Category;
  /** One event, or several of one kind on one day by one agency. */
  events: TimelineEvent[];
}

export interface TimelineGroup {
  category: Category;
  heading: string;
  entries: TimelineEntry[];
  /** Letters and actions in the group (a batch row counts once). */
  count: number;
}

export interface TimelineYear {
  /** `2023`, or null for the undated. */
  year: string | null;
  label: string;
  groups: TimelineGroup[];
  count: number;
}

const collapseKey = (e: TimelineEvent) =>
  `${e.date.text ?? 'undated'}|${e.agency}|${e.kind}|${e.category}`;

/** Events (already in time order) as entries: one per event, except runs of one kind on one day by one agency. Batch rows stay on their own. */
export function collapseEvents(events: readonly TimelineEvent[]): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  const open = new Map<string, TimelineEntry>();
  for (const e of events) {
    const key = collapseKey(e);
    const same = e.batch === null ? open.get(key) : undefined;
    if (same) {
      same.events.push(e);
      continue;
    }
    const entry: TimelineEntry = { id: e.id, category: e.category, events: [e] };
    entries.push(entry);
    if (e.batch === null) open.set(key, entry);
  }
  return entries;
}

/** Events grouped by year (oldest first, undated last), and within a year by category in a fixed order. */
export function timelineYears(events: readonly TimelineEvent[]): TimelineYear[] {
  const byYear = new Map<string | null, TimelineEvent[]>();
  for (const e of events) {
    const year = e.date.text?.slice(0, 4) ?? null;
    byYear.set(year, [...(byYear.get(year) ?? []), e]);
  }
  const years = [...byYear.keys()].sort((a, b) =>
    a === null ? 1 : b === null ? -1 : a.localeCompare(b),
  );
  return years.map((year) => {
    const inYear = byYear.get(year)!;
    const groups = CATEGORIES.map((category): TimelineGroup => {
      const own = inYear.filter((e) => e.category === category);
      return {
        category,
        heading: CATEGORY_WORDS[category].heading,
        entries: collapseEvents(own),
        count: own.length,
      };
    }).filter((g) => g.count > 0);
    return { year, label: year ?? 'Not dated', groups, count: inYear.length };
  });
}

/** How many events fall in each category. */
export function categoryCounts(events: readonly TimelineEvent[]): Map<Category, number> {
  const counts = new Map<Category, number>(CATEGORIES.map((c) => [c, 0]));
  for (const e of events) counts.set(e.category, (counts.get(e.category) ?? 0) + 1);
  return counts;
}
