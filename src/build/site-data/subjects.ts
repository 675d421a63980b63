/** `/subjects/` and `/subjects/<slug>/`: each subject's trend, top states and robocall share. */
import { formatNumber, formatPer100k, formatPercent } from '../../lib/format';
import { once } from './db';
import { barsFigure, callKindTrendFigure } from './figures';
import type { Figure, SourceInfo } from '../../lib/site-data/figure';
import { stateUrl } from '../../lib/site-data/routes';
import { loadSite, type SubjectRef } from './site';
import {
  compareLatest,
  fillMonths,
  rankStates,
  robocallShare,
  type Comparison,
  type RobocallShare,
} from '../../lib/site-data/shape';
import { countsByState, totalsByMonth } from '../../lib/site-data/views';

export interface SubjectRow {
  subject: SubjectRef;
  complaints: number;
  share: number;
  comparison: Comparison | null;
  robocall: RobocallShare;
}

export interface SubjectPage {
  row: SubjectRow;
  topState: { name: string; per100k: number } | null;
  figures: { trend: Figure; states: Figure };
}

export interface SubjectsData {
  rows: SubjectRow[];
  total: number;
  pages: Map<string, SubjectPage>;
}

const TOP_STATES = 15;

export const loadSubjects = once(async (): Promise<SubjectsData> => {
  const site = await loadSite();
  const info: SourceInfo = { dataVersion: site.dataVersion, synthetic: site.synthetic };
  const { months, window, monthly } = site;
  const inWindow = new Set(window);
  const total = monthly.filter((r) => inWindow.has(r.month)).reduce((a, r) => a + r.complaints, 0);
  const rows: SubjectRow[] = site.subjectsInData.map((subject) => {
    const own = monthly.filter((r) => r.subject === subject.slug);
    const complaints = own
      .filter((r) => inWindow.has(r.month))
      .reduce((a, r) => a + r.complaints, 0);
    return {
      subject,
      complaints,
      share: total ? complaints / total : 0,
      comparison: compareLatest(fillMonths(totalsByMonth(own), months)),
      robocall: robocallShare(own.filter((r) => inWindow.has(r.month))),
    };
  });
  rows.sort(
    (a, b) => b.complaints - a.complaints || a.subject.label.localeCompare(b.subject.label),
  );
  const pages = new Map<string, SubjectPage>();
  for (const row of rows) {
    const { slug, label } = row.subject;
    const own = monthly.filter((r) => r.subject === slug);
    const ranked = rankStates(countsByState(own, window), site.states).filter(
      (r) => r.per100k !== null,
    );
    const top = ranked[0];
    pages.set(slug, {
      row,
      topState: top ? { name: top.name, per100k: top.per100k! } : null,
      figures: {
        trend: callKindTrendFigure({
          id: 'trend',
          title: `${label}: complaints by month`,
          info,
          months,
          rows: own,
          where: `about ${label.toLowerCase()}`,
        }),
        states: barsFigure({
          id: 'states',
          title: `${label}: the states with the most complaints per resident`,
          info,
          months: window,
          summary: top
            ? `${top.name} had the most complaints about ${label.toLowerCase()} per resident in ${site.windowPhrase}: ${formatPer100k(top.per100k!)} per 100,000, from ${formatNumber(top.complaints)} complaints.`
            : `No state has complaints about ${label.toLowerCase()} in ${site.windowPhrase}.`,
          rows: ranked.map((r) => ({ label: r.name, value: r.per100k!, href: stateUrl(r.usps) })),
          labelHeading: 'State',
          valueHeading: `Per 100,000 residents, ${site.windowName}`,
          valueFormat: 'per100k',
          limit: TOP_STATES,
          note: `The ${Math.min(TOP_STATES, ranked.length)} highest rates are drawn; the table lists every state.`,
          what: 'FTC Do Not Call complaints; 2020 Census populations',
        }),
      },
    });
  }
  return { rows, total, pages };
});

/** `74% of the complaints that said either way were robocalls`. */
export function robocallSentence(r: RobocallShare): string {
  if (r.share === null) return 'None of these complaints said whether the call was a robocall.';
  const said = r.robocall + r.live;
  return `${formatPercent(r.share)} of the ${formatNumber(said)} complaints that said either way were about a robocall (a recorded message); ${formatNumber(r.notSaid)} did not say.`;
}
