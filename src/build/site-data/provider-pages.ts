/**
 * `/providers/` and `/providers/<slug>/`: Project Point of No Entry letters and related actions,
 * the caller numbers the letters name, and the complaints that reported those numbers. One set of
 * queries for all providers.
 */
import { once, query } from './db';
import { beforeAfterFigure, callKindTrendFigure, countTrendFigure, monthDate } from './figures';
import type { Figure, SourceInfo } from '../../lib/site-data/figure';
import { loadSite, type Site } from './site';
import { beforeAfter, fillMonths, type MonthCount } from '../../lib/site-data/shape';
import {
  buildEvents,
  buildProviders,
  isGatewayEvent,
  ACTION_COLUMNS,
  LETTER_COLUMNS,
  NUMBER_COLUMNS,
  type ActionRow,
  type LetterRow,
  type NumberRow,
  type PoneComplaintRow,
  type Provider,
  type TimelineEvent,
} from '../../lib/site-data/providers';
import { CATEGORY_WORDS } from '../../lib/site-data/action-categories';
import { totalsByMonth } from '../../lib/site-data/views';
import {
  eventMarks,
  kindShort,
  markLabel,
  sameWindow,
  WINDOW_MONTHS,
  windowDate,
  windowName,
  type EventComparison,
} from '../../lib/site-data/provider-pages';

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
    query<LetterRow>(`SELECT ${LETTER_COLUMNS.join(', ')} FROM pone_letters ORDER BY pdf_file`),
    query<ActionRow>(`SELECT ${ACTION_COLUMNS.join(', ')} FROM enforcement_actions`),
    query<NumberRow>(
      `SELECT ${NUMBER_COLUMNS.join(', ')} FROM pone_caller_numbers ORDER BY provider, caller_number`,
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
