/**
 * `/about/`: the FTC Data Book's annual totals, for the long view the daily files cannot give, and
 * how the enforcement records are sourced.
 */
import { once, query } from './db';
import { barsFigure } from './figures';
import type { Figure } from '../../lib/site-data/figure';
import { loadProviders } from './provider-pages';
import { loadSite } from './site';
import { formatNumber } from '../../lib/format';
import {
  databookLabel,
  databookValueText,
  isExact,
  missingYears,
  robocallCell,
  sourceCounts,
  type DatabookRow,
  type SourceCounts,
} from '../../lib/site-data/about';

export const loadAbout = once(
  async (): Promise<{
    rows: DatabookRow[];
    figure: Figure;
    sources: SourceCounts;
    missing: number[];
  }> => {
    const site = await loadSite();
    const providers = await loadProviders();
    const rows = await query<DatabookRow>(
      `SELECT fiscal_year, complaints, robocall_complaints, precision, source FROM databook_annual WHERE fiscal_year IS NOT NULL ORDER BY fiscal_year`,
    );
    const withCount = rows.filter((r) => r.complaints !== null);
    const exact = withCount.filter((r) => isExact(r.precision));
    const peak = [...exact].sort((a, b) => b.complaints! - a.complaints!)[0];
    const last = withCount[withCount.length - 1];
    const figure = barsFigure({
      id: 'databook',
      title: 'Do Not Call complaints per fiscal year, from the FTC’s Data Book',
      info: { dataVersion: site.dataVersion, synthetic: false },
      months: [],
      summary:
        peak && last
          ? `Complaints peaked at ${formatNumber(peak.complaints!)} in fiscal year ${peak.fiscal_year} and were ${databookValueText(last)} in fiscal year ${last.fiscal_year}, by the FTC’s annual Data Book.`
          : 'No Data Book figures are loaded.',
      rows: withCount.map((r) => ({
        label: databookLabel(r),
        value: r.complaints!,
        highlight: !isExact(r.precision),
        valueText: databookValueText(r),
      })),
      labelHeading: 'Fiscal year',
      valueHeading: 'Complaints',
      highlightLabel: 'Not exact: rounded by the FTC, or no source found',
      what: 'FTC National Do Not Call Registry Data Books (fiscal years run October to September)',
      sort: false,
    });
    figure.table = {
      caption: 'Do Not Call complaints per fiscal year (FTC Data Book)',
      columns: [
        { label: 'Fiscal year' },
        { label: 'Complaints', numeric: true },
        { label: 'Robocall complaints', numeric: true },
        { label: 'Precision and source' },
      ],
      rows: rows.map((r) => ({
        highlight: !isExact(r.precision),
        cells: [
          String(r.fiscal_year),
          r.complaints === null ? null : { text: databookValueText(r), value: r.complaints },
          robocallCell(r),
          { text: r.precision, sub: r.source },
        ],
      })),
    };
    return { rows, figure, sources: sourceCounts(providers.events), missing: missingYears(rows) };
  },
);
