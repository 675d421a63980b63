/** `/about/`: the FTC Data Book's annual totals, for the long view the daily files cannot give. */
import { formatNumber } from '../format';
import { once, query } from './db';
import { barsFigure } from './figures';
import type { Figure } from './figure';
import { loadSite } from './site';

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

export const loadAbout = once(async (): Promise<{ rows: DatabookRow[]; figure: Figure }> => {
  const site = await loadSite();
  const rows = await query<DatabookRow>(`SELECT fiscal_year, complaints, robocall_complaints, precision, source FROM databook_annual WHERE fiscal_year IS NOT NULL ORDER BY fiscal_year`);
  const withCount = rows.filter((r) => r.complaints !== null);
  const peak = [...withCount].sort((a, b) => b.complaints! - a.complaints!)[0];
  const last = withCount[withCount.length - 1];
  const figure = barsFigure({
    id: 'databook',
    title: 'Do Not Call complaints per fiscal year, from the FTC’s Data Book',
    info: { dataVersion: site.dataVersion, synthetic: false },
    months: [],
    summary:
      peak && last
        ? `Complaints peaked at ${formatNumber(peak.complaints!)} in fiscal year ${peak.fiscal_year} and were about ${formatNumber(last.complaints!)} in fiscal year ${last.fiscal_year}, by the FTC’s annual Data Book.`
        : 'No Data Book figures are loaded.',
    rows: withCount.map((r) => ({ label: `FY ${r.fiscal_year}`, value: r.complaints!, highlight: !isExact(r.precision) })),
    labelHeading: 'Fiscal year',
    valueHeading: 'Complaints',
    highlightLabel: 'Approximate (the FTC gave a rounded figure)',
    what: 'FTC National Do Not Call Registry Data Books (fiscal years run October to September)',
    sort: false,
  });
  figure.table = {
    caption: 'Do Not Call complaints per fiscal year (FTC Data Book)',
    columns: [{ label: 'Fiscal year' }, { label: 'Complaints', numeric: true }, { label: 'Robocall complaints', numeric: true }, { label: 'Precision and source' }],
    rows: rows.map((r) => ({ cells: [String(r.fiscal_year), r.complaints, r.robocall_complaints, { text: r.precision, sub: r.source }] })),
  };
  return { rows, figure };
});
