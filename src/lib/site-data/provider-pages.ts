/**
 * `/providers/` and `/providers/<slug>/`: Project Point of No Entry letters and related actions,
 * the caller numbers the letters name, and the complaints that reported those numbers. One set of
 * queries for all providers.
 */
import type { EventMark } from '../charts/annotations';
import { formatDate, formatMonth, formatNumber } from '../format';
import { once, query } from './db';
import { beforeAfterFigure, callKindTrendFigure, countTrendFigure, monthDate } from './figures';
import { sourceLine, type Figure, type SourceInfo } from './figure';
import { loadSite, type Site } from './site';
import { beforeAfter, fillMonths, type BeforeAfter, type MonthCount } from './shape';
import {
  buildEvents,
  buildProviders,
  isGatewayEvent,
  type ActionRow,
  type LetterRow,
  type NumberRow,
  type PoneComplaintRow,
  type Provider,
  type TimelineEvent,
} from './providers';
import { CATEGORY_WORDS } from './action-categories';
import { totalsByMonth } from './views';

/** Months either side of an action in the before/after comparison. */
export const WINDOW_MONTHS = 3;

export interface EventComparison {
  event: TimelineEvent;
  national: BeforeAfter | null;
  /** Complaints reporting the provider's PoNE numbers, when it has any. */
  provider: BeforeAfter | null;
}

export interface ProvidersData {
  events: TimelineEvent[];
  providers: Provider[];
  bySlug: Map<string, Provider>;
  national: MonthCount[];
  /** Complaints reporting any PoNE-named number, by month. */
  pone: MonthCount[];
  comparisons: EventComparison[];
  info: SourceInfo;
  nationalTrend: Figure;
  /** National complaints around the latest action the data cover on both sides, if any. */
  nationalBeforeAfter: Figure | null;
}

export const loadProviders = once(async (): Promise<ProvidersData> => {
  const site = await loadSite();
  const [letters, actions, numbers, complaints] = await Promise.all([
    query<LetterRow>(
      `SELECT pdf_file, provider, letter_type, recordings, caller_ids, ftc_url, letter_date, source_url, notes FROM pone_letters ORDER BY pdf_file`,
    ),
    query<ActionRow>(
      `SELECT date, provider, provider_country, agency, action_type, campaigns, source_url, notes, category, source_kind FROM enforcement_actions`,
    ),
    query<NumberRow>(
      `SELECT caller_number, provider, letter_pdf, campaign, likely_ftc_staff_number FROM pone_caller_numbers ORDER BY provider, caller_number`,
    ),
    query<PoneComplaintRow>(
      `SELECT strftime(month, '%Y-%m') AS month, provider, caller_number, sum(complaints)::BIGINT AS complaints FROM pone_complaints_monthly GROUP BY ALL ORDER BY ALL`,
    ),
  ]);
  return shapeProviders(site, letters, actions, numbers, complaints);
});

function shapeProviders(
  site: Site,
  letters: LetterRow[],
  actions: ActionRow[],
  numbers: NumberRow[],
  complaints: PoneComplaintRow[],
): ProvidersData {
  const info: SourceInfo = { dataVersion: site.dataVersion, synthetic: site.synthetic };
  const events = buildEvents(letters, actions);
  const providers = buildProviders(events, numbers, complaints);
  const bySlug = new Map(providers.map((p) => [p.slug, p]));
  const national = fillMonths(totalsByMonth(site.monthly), site.months);
  const poneTotals = new Map<string, number>();
  for (const c of complaints)
    poneTotals.set(c.month, (poneTotals.get(c.month) ?? 0) + c.complaints);
  const pone = fillMonths(poneTotals, site.months);
  const comparisons = events
    .filter((e) => e.date.month !== null)
    .map((event) => {
      const provider = event.slug ? bySlug.get(event.slug) : undefined;
      return {
        event,
        national: beforeAfter(national, event.date.month!, WINDOW_MONTHS),
        provider:
          provider && provider.numbers.length
            ? beforeAfter(
                fillMonths(provider.monthly, site.months),
                event.date.month!,
                WINDOW_MONTHS,
              )
            : null,
      };
    })
    .filter((c) => c.national !== null);
  const nationalTrend = callKindTrendFigure({
    id: 'national',
    title: 'National complaints, with letters and actions against gateway providers marked',
    info,
    months: site.months,
    rows: site.monthly,
    where: 'nationally',
    marks: eventMarks(events.filter(isGatewayEvent), site.months),
  });
  nationalTrend.note =
    'Dashed lines mark dated PoNE letters and actions against gateway providers from the timeline below; other actions are not marked. Complaints are reports, not a count of calls, and many things besides enforcement change them.';
  const latestMonth = sameWindow(comparisons.filter((c) => isGatewayEvent(c.event))).at(-1);
  const latest = latestMonth?.[0];
  const nationalBeforeAfter =
    latestMonth && latest
      ? beforeAfterFigure({
          id: 'national-before-after',
          title: `National complaints before and after ${windowName(latestMonth)}`,
          info,
          months: site.months,
          series: national,
          actionDate: windowDate(latestMonth),
          actionLabel:
            latestMonth.length > 1
              ? `${latestMonth.length} gateway actions`
              : markLabel(latest.event),
          event:
            latestMonth.length > 1
              ? `the ${latestMonth.length} letters and actions against gateway providers of ${windowName(latestMonth)}`
              : `the ${latest.event.agencyGroup} ${kindShort(latest.event.kind)} (${CATEGORY_WORDS[latest.event.category].label.toLowerCase()})`,
          what: 'complaints nationally',
        })
      : null;
  return {
    events,
    providers,
    bySlug,
    national,
    pone,
    comparisons,
    info,
    nationalTrend,
    nationalBeforeAfter,
  };
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

export function ponePeriodSource(info: SourceInfo, months: readonly string[]): string {
  return sourceLine(
    info,
    months[0] ?? null,
    months[months.length - 1] ?? null,
    'FTC Do Not Call complaints; caller numbers from the FTC’s PoNE letters (NC State robocall audio dataset)',
  );
}

export { monthDate };

export interface ProviderPage {
  provider: Provider;
  trend: Figure;
  comparisons: EventComparison[];
  /** One chart per dated action the data cover on both sides, for the provider's numbers. */
  beforeAfter: Figure[];
}

export const loadProviderPages = once(async (): Promise<Map<string, ProviderPage>> => {
  const site = await loadSite();
  const data = await loadProviders();
  const pages = new Map<string, ProviderPage>();
  for (const provider of data.providers) {
    const series = fillMonths(provider.monthly, site.months);
    pages.set(provider.slug, {
      provider,
      trend: countTrendFigure({
        id: 'complaints',
        title: `Complaints reporting numbers named in ${provider.name}’s letters`,
        info: data.info,
        months: site.months,
        series,
        label: 'Complaints',
        where: `reporting these numbers`,
        marks: eventMarks(provider.events, site.months, false),
        what: 'FTC Do Not Call complaints; caller numbers from the FTC’s PoNE letters (NC State robocall audio dataset)',
        note: 'A complaint counts here when the caller number it reports is one this provider’s letter names. Caller numbers are often spoofed: this shows what consumers reported, not which provider carried the call.',
      }),
      comparisons: data.comparisons.filter((c) => c.event.slug === provider.slug),
      beforeAfter: sameWindow(
        data.comparisons.filter((c) => c.event.slug === provider.slug && c.provider !== null),
      ).map((group, i) => {
        const first = group[0]!.event;
        const kinds = [
          ...new Set(group.map((c) => `${c.event.agencyGroup} ${kindShort(c.event.kind)}`)),
        ];
        return beforeAfterFigure({
          id: `before-after-${i + 1}`,
          title: `Before and after ${windowName(group)}: ${kinds.join('; ')}`,
          info: data.info,
          months: site.months,
          series,
          actionDate: windowDate(group),
          actionLabel:
            group.length > 1
              ? `${group.length} actions`
              : `${first.agencyGroup} ${kindShort(first.kind)}`.slice(0, 40),
          event:
            group.length > 1
              ? `the ${group.length} actions of ${windowName(group)}`
              : `the ${kindShort(first.kind)}`,
          what: 'complaints naming these numbers',
          whatSource:
            'FTC Do Not Call complaints; caller numbers from the FTC’s PoNE letters (NC State robocall audio dataset)',
        });
      }),
    });
  }
  return pages;
});

export const loadPoneTrend = once(async (): Promise<Figure> => {
  const site = await loadSite();
  const data = await loadProviders();
  return countTrendFigure({
    id: 'pone',
    title: 'Complaints reporting a number named in a PoNE letter',
    info: data.info,
    months: site.months,
    series: data.pone,
    label: 'Complaints',
    where: 'reporting a PoNE-named number',
    what: 'FTC Do Not Call complaints; caller numbers from the FTC’s PoNE letters (NC State robocall audio dataset)',
    note: 'Numbers in the letters are caller IDs that robocall campaigns displayed; the FTC staff numbers on the letterheads are left out.',
  });
});

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
