/** The national story on `/`: one set of numbers, shaped from the monthly cube. */
import { once } from './db';
import { callKindTrendFigure, subjectTrendFigure } from './figures';
import type { Figure } from '../../lib/site-data/figure';
import { loadSite } from './site';
import {
  compareLatest,
  fillMonths,
  robocallShare,
  type Comparison,
  type RobocallShare,
} from '../../lib/site-data/shape';
import { totalsByMonth } from '../../lib/site-data/views';

export interface Home {
  comparison: Comparison | null;
  latestShare: RobocallShare | null;
  trend: Figure;
  subjects: Figure;
}

export const loadHome = once(async (): Promise<Home> => {
  const site = await loadSite();
  const info = { dataVersion: site.dataVersion, synthetic: site.synthetic };
  const { months, monthly } = site;
  const totals = fillMonths(totalsByMonth(monthly), months);
  const comparison = compareLatest(totals);
  const latest = months[months.length - 1];
  return {
    comparison,
    latestShare: latest ? robocallShare(monthly.filter((r) => r.month === latest)) : null,
    trend: callKindTrendFigure({
      id: 'trend',
      title: 'Complaints by month: robocalls and live callers',
      info,
      months,
      rows: monthly,
      where: 'nationally',
    }),
    subjects: subjectTrendFigure({
      id: 'subjects',
      title: 'What the calls were about',
      info,
      months,
      rows: monthly,
      label: site.subjectLabel,
      short: site.subjectShort,
      window: site.window,
      windowPhrase: site.windowPhrase,
      where: 'nationally',
    }),
  };
});
