/** Tables of enforcement events and of before/after comparisons, and how an event's source is named. */
import { formatChange, formatMonth, formatNumber } from '../format';
import { CATEGORY_WORDS } from './action-categories';
import type { EventComparison } from './provider-pages';
import { eventDateText, sameWindow, whoText } from './provider-pages';
import type { TimelineEvent } from './providers';
import { providerUrl } from './routes';
import type { Cell, TableSpec } from './table';

/** `ftc.gov` from a URL; the URL itself when it does not parse. */
export function hostOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return url;
  }
}

export interface SourceLink {
  /** What the link reads: `fcc.gov`, or `As reported by commsrisk.com` for a secondary source. */
  text: string;
  href: string;
  host: string;
  secondary: boolean;
}

/**
 * How an event's source is shown: the primary document by its host, or, when only reporting on
 * the action was found, "As reported by <site>", so a blog is never passed off as the agency.
 */
export function sourceLink(e: TimelineEvent): SourceLink | null {
  if (!e.source_url) return null;
  const host = hostOf(e.source_url);
  const secondary = e.sourceKind === 'secondary';
  return { text: secondary ? `As reported by ${host}` : host, href: e.source_url, host, secondary };
}

/** The attributes that let a reader's tools (and the tests) find every listed action and its category. */
export function actionAttrs(e: TimelineEvent): Record<string, string> {
  return { 'data-action': e.id, 'data-category': e.category, 'data-source-kind': e.sourceKind };
}

function sourceCell(e: TimelineEvent): Cell {
  const link = sourceLink(e);
  return link ? { text: link.text, href: link.href } : 'Not given';
}

export function eventsTable(
  events: readonly TimelineEvent[],
  caption: string,
  linkProviders = true,
): TableSpec {
  return {
    caption,
    sortable: linkProviders,
    sortedBy: { column: 0, direction: 'ascending' },
    columns: [
      { label: 'Date' },
      { label: 'What it targets' },
      { label: 'Who' },
      { label: 'Action' },
      { label: 'Agency' },
      { label: 'Source' },
    ],
    rows: events.map((e) => ({
      attrs: actionAttrs(e),
      cells: [
        { text: eventDateText(e, true), value: e.date.day ?? '9999', nowrap: true },
        CATEGORY_WORDS[e.category].short,
        linkProviders && e.slug ? { text: e.provider, href: providerUrl(e.slug) } : whoText(e),
        e.letter ? `${e.kind} (names ${e.letter.callerIds ?? 'some'} caller numbers)` : e.kind,
        e.agency,
        sourceCell(e),
      ],
    })),
  };
}

const mean = (n: number | undefined): Cell =>
  n === undefined ? null : { text: formatNumber(n), value: n };
const change = (c: number | null | undefined): Cell =>
  c === null || c === undefined ? null : { text: formatChange(c), value: c };

/**
 * Complaints a month in the months before and after each action, nationally and for the
 * provider's named numbers. Actions in the same month have the same windows, so they share a row:
 * one per month for the national figures, and one per provider with named numbers in that month.
 */
export function comparisonsTable(rows: readonly EventComparison[], caption: string): TableSpec {
  const groups = sameWindow(rows).flatMap((month) => {
    const bySlug = new Map<string, EventComparison[]>();
    for (const c of month) {
      const key = c.provider ? (c.event.slug ?? '') : '';
      bySlug.set(key, [...(bySlug.get(key) ?? []), c]);
    }
    return [...bySlug.values()];
  });
  return {
    caption,
    columns: [
      { label: 'Month' },
      { label: 'Actions' },
      { label: 'National: before', numeric: true },
      { label: 'after', numeric: true },
      { label: 'change', numeric: true },
      { label: 'Named numbers: before', numeric: true },
      { label: 'after', numeric: true },
      { label: 'change', numeric: true },
    ],
    rows: groups.map((group) => {
      const first = group[0]!;
      const what = group
        .map(
          (c) =>
            `${eventDateText(c.event, true)}: ${c.event.agencyGroup} ${c.event.kind} (${CATEGORY_WORDS[c.event.category].short}), ${whoText(c.event)}`,
        )
        .join('; ');
      const withNumbers = first.provider && first.event.slug ? first.event : null;
      return {
        cells: [
          formatMonth(first.event.date.month!),
          withNumbers ? { text: what, href: providerUrl(withNumbers.slug!) } : what,
          mean(first.national?.before.mean),
          mean(first.national?.after.mean),
          change(first.national?.change),
          mean(first.provider?.before.mean),
          mean(first.provider?.after.mean),
          change(first.provider?.change),
        ],
      };
    }),
  };
}
