/**
 * `/about/`: how the FTC Data Book's annual totals read (exact, approximate, unsourced) and how the
 * enforcement records are sourced; pure. The queries are in src/build/site-data/about.ts.
 */
import { formatNumber } from '../format';
import { CATEGORIES, CATEGORY_WORDS, type Category } from './action-categories';
import type { TimelineEvent } from './providers';
import type { TableSpec } from './table';

export interface DatabookRow {
  fiscal_year: number;
  complaints: number | null;
  robocall_complaints: number | null;
  precision: string;
  source: string;
}

/** True when the Data Book figure is exact (its `precision` starts with `exact` or `complaints exact`). */
export function isExact(precision: string): boolean {
  return /^(complaints )?exact/i.test(precision.trim());
}

/** The total has no source at all (`precision` = `unsourced`). */
export function isUnsourced(precision: string): boolean {
  return /^unsourced/i.test(precision.trim());
}

/** `2.1 million`, `5 million`: a rounded figure in the words it deserves. */
function millions(n: number): string {
  return `${formatNumber(Math.round(n / 100_000) / 10, 1).replace(/\.0$/, '')} million`;
}

/**
 * How a Data Book total reads: exact figures in full; a rounded one as "about 2.1 million" (the FTC
 * gave a phrase such as "more than two million", not a count); one without a source says so.
 */
export function databookValueText(row: Pick<DatabookRow, 'complaints' | 'precision'>): string {
  if (row.complaints === null) return 'not published';
  if (isExact(row.precision)) return formatNumber(row.complaints);
  if (isUnsourced(row.precision)) return `${millions(row.complaints)}, no source`;
  return `about ${millions(row.complaints)}`;
}

export function databookLabel(row: Pick<DatabookRow, 'fiscal_year' | 'precision'>): string {
  return `FY ${row.fiscal_year}${isExact(row.precision) ? '' : isUnsourced(row.precision) ? ' (unsourced)' : ' (approx.)'}`;
}

export interface SourceCounts {
  /** Rows of the actions table (a batch counts once). */
  actions: number;
  primary: number;
  secondary: number;
  /** PoNE letters listed on their own (not already a row of the actions table); all on the FTC's letters page. */
  lettersOnly: number;
  batches: number;
  byCategory: { category: Category; actions: number; primary: number; secondary: number }[];
}

export function sourceCounts(events: readonly TimelineEvent[]): SourceCounts {
  const actions = events.filter((e) => e.origin === 'action');
  return {
    actions: actions.length,
    primary: actions.filter((e) => e.sourceKind === 'primary').length,
    secondary: actions.filter((e) => e.sourceKind === 'secondary').length,
    lettersOnly: events.filter((e) => e.origin === 'letter').length,
    batches: actions.filter((e) => e.batch !== null).length,
    byCategory: CATEGORIES.map((category) => {
      const own = actions.filter((e) => e.category === category);
      return {
        category,
        actions: own.length,
        primary: own.filter((e) => e.sourceKind === 'primary').length,
        secondary: own.filter((e) => e.sourceKind === 'secondary').length,
      };
    }),
  };
}

export function sourceCountsTable(counts: SourceCounts): TableSpec {
  return {
    caption: 'Enforcement actions by what they target, and how each is sourced',
    columns: [
      { label: 'What the action targets' },
      { label: 'Actions', numeric: true },
      { label: 'Primary source', numeric: true },
      { label: 'Reporting only', numeric: true },
    ],
    rows: [
      ...counts.byCategory.map((c) => ({
        cells: [CATEGORY_WORDS[c.category].heading, c.actions, c.primary, c.secondary],
      })),
      { cells: ['All', counts.actions, counts.primary, counts.secondary] },
    ],
  };
}

/** Fiscal years between the first and the last with no row: `[2011, 2015, 2016]`. */
export function missingYears(rows: readonly Pick<DatabookRow, 'fiscal_year'>[]): number[] {
  const years = new Set(rows.map((r) => r.fiscal_year));
  const out: number[] = [];
  for (let y = Math.min(...years); y < Math.max(...years); y++) if (!years.has(y)) out.push(y);
  return out;
}

/** Robocall counts are exact only where the row says both figures are ("exact"); otherwise rounded. */
export function robocallCell(r: DatabookRow): { text: string; value: number } | null {
  if (r.robocall_complaints === null) return null;
  const exactBoth = /^exact/i.test(r.precision.trim());
  return {
    text: exactBoth
      ? formatNumber(r.robocall_complaints)
      : `about ${millions(r.robocall_complaints)}`,
    value: r.robocall_complaints,
  };
}
