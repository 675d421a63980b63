/** Tables of enforcement events and of before/after comparisons, shared by the provider pages. */
import { formatChange, formatNumber } from '../format';
import type { EventComparison } from './provider-pages';
import { eventDateText, providerText } from './provider-pages';
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

function sourceCell(e: TimelineEvent): Cell {
  return e.source_url ? { text: hostOf(e.source_url), href: e.source_url } : 'Not given';
}

export function eventsTable(events: readonly TimelineEvent[], caption: string, linkProviders = true): TableSpec {
  return {
    caption,
    sortable: linkProviders,
    sortedBy: { column: 0, direction: 'ascending' },
    columns: [{ label: 'Date' }, { label: 'Provider' }, { label: 'Action' }, { label: 'Agency' }, { label: 'Source' }],
    rows: events.map((e) => ({
      cells: [
        { text: eventDateText(e, true), value: e.date.day ?? '9999', nowrap: true },
        linkProviders && e.slug ? { text: e.provider, href: providerUrl(e.slug) } : providerText(e),
        e.letter ? `${e.kind} (names ${e.letter.callerIds ?? 'some'} caller numbers)` : e.kind,
        e.agency,
        sourceCell(e),
      ],
    })),
  };
}

const mean = (n: number | undefined): Cell => (n === undefined ? null : { text: formatNumber(n), value: n });
const change = (c: number | null | undefined): Cell => (c === null || c === undefined ? null : { text: formatChange(c), value: c });

/** Complaints a month in the `months` before and after each action, nationally and for the provider's named numbers. */
export function comparisonsTable(rows: readonly EventComparison[], caption: string): TableSpec {
  return {
    caption,
    columns: [
      { label: 'Action' },
      { label: 'National: before', numeric: true },
      { label: 'after', numeric: true },
      { label: 'change', numeric: true },
      { label: 'Named numbers: before', numeric: true },
      { label: 'after', numeric: true },
      { label: 'change', numeric: true },
    ],
    rows: rows.map((c) => ({
      cells: [
        c.event.slug ? { text: `${eventDateText(c.event, true)}: ${c.event.provider}`, href: providerUrl(c.event.slug) } : `${eventDateText(c.event, true)}: ${providerText(c.event)}`,
        mean(c.national?.before.mean),
        mean(c.national?.after.mean),
        change(c.national?.change),
        mean(c.provider?.before.mean),
        mean(c.provider?.after.mean),
        change(c.provider?.change),
      ],
    })),
  };
}
