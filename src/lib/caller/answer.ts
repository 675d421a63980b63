/**
 * A lookup's answer in words: the headline, one line each for when, where, what about and robocall
 * or live, and the PoNE letters and actions that name the number. Pure; the static pages (Astro)
 * and the browser (textContent) show the same words.
 */
import type { ChartElement } from '../charts/common';
import { trendChart } from '../charts/trend';
import { formatDay, formatNumber, formatPercent } from '../format';
import { ROBOCALL } from '../catalog/enums';
import { providerKey } from '../site-data/providers';
import { formatPhone } from '../explore/render';
import type { CallerAnswer } from './lookup';
import { monthSeries } from './lookup';

export interface AnswerNames {
  state(usps: string): string;
  subject(slug: string): string;
  /** The provider's page on this site, or null when it has none. */
  providerHref(name: string): string | null;
}

/** `providerHref` from the build's map of provider keys to page slugs. */
export function providerHrefs(
  pages: Readonly<Record<string, string>>,
): (name: string) => string | null {
  return (name) => {
    const slug = pages[providerKey(name)];
    return slug ? `/providers/${slug}/` : null;
  };
}

export interface AnswerLine {
  label: string;
  text: string;
}

export interface AnswerLetter {
  provider: string;
  /** `/providers/<slug>/`, or null when the provider has no page. */
  providerHref: string | null;
  letter: string;
  campaign: string | null;
}

export interface AnswerView {
  number: string;
  headline: string;
  lines: AnswerLine[];
  letters: AnswerLetter[];
  actions: { date: string; text: string; source: string | null }[];
  /** A note when the number is not what it seems (an FTC staff number on a letterhead). */
  note: string | null;
  /** Complaints per month, every month from the first to the last (zeros included). */
  months: { month: string; complaints: number }[];
  /** `/explore/?caller=…&chart=table`: the complaints themselves. */
  exploreHref: string;
}

const plural = (n: number, one: string, many = `${one}s`) =>
  `${formatNumber(n)} ${n === 1 ? one : many}`;

/** Up to `max` named parts, then "and N more". */
function listTop(parts: { name: string; n: number }[], max: number): string {
  const shown = parts.slice(0, max).map((p) => `${p.name} (${formatNumber(p.n)})`);
  const rest = parts.length - max;
  return rest > 0 ? `${shown.join(', ')} and ${formatNumber(rest)} more` : shown.join(', ');
}

export function describeAnswer(
  answer: CallerAnswer,
  names: AnswerNames,
  coverage: { first: string; last: string } | null,
): AnswerView {
  const number = formatPhone(answer.digits);
  const lines: AnswerLine[] = [];
  let headline: string;
  if (answer.complaints === 0) {
    headline = `No complaint in this data reports ${number}${coverage ? ` (complaints created ${formatDay(coverage.first)} to ${formatDay(coverage.last)})` : ''}.`;
  } else {
    headline = `${plural(answer.complaints, 'complaint')} reported ${number}.`;
    lines.push({
      label: 'When',
      text:
        answer.firstDay === answer.lastDay
          ? `on ${formatDay(answer.firstDay!)}`
          : `from ${formatDay(answer.firstDay!)} to ${formatDay(answer.lastDay!)}, in ${plural(answer.byMonth.length, 'month')}`,
    });
    const states = answer.byState.map((s) => ({
      name: s.state ? names.state(s.state) : 'state not known',
      n: s.complaints,
    }));
    lines.push({
      label: answer.byState.length === 1 ? 'From' : `From ${answer.byState.length} places`,
      text: listTop(states, 5),
    });
    lines.push({
      label: 'About',
      text: listTop(
        answer.bySubject.map((s) => ({ name: names.subject(s.subject), n: s.complaints })),
        3,
      ),
    });
    const { yes, no, unknown } = answer.robocall;
    const said = yes + no;
    const parts = [`${plural(yes, ROBOCALL.yes.noun)}`, `${plural(no, ROBOCALL.no.noun)}`];
    if (unknown) parts.push(`${formatNumber(unknown)} ${ROBOCALL.unknown.noun}`);
    lines.push({
      label: 'Robocall or live',
      text: `${parts.join(', ')}${said ? ` (${formatPercent(yes / said)} robocalls of those that said)` : ''}`,
    });
  }
  const letters = answer.letters.map((l) => ({
    provider: l.provider,
    providerHref: names.providerHref(l.provider),
    letter: l.letter,
    campaign: l.campaign,
  }));
  if (letters.length === 0 && !answer.ftcStaffNumber)
    lines.push({ label: 'Project Point of No Entry', text: 'no PoNE letter names this number' });
  return {
    number,
    headline,
    lines,
    letters,
    actions: answer.actions.map((a) => ({
      date: a.date,
      text: `${a.agency}, ${a.action}: ${a.provider}`,
      source: a.source,
    })),
    note: answer.ftcStaffNumber
      ? `${number} appears on a Project Point of No Entry letter as an FTC staff member’s number (the letterhead), not as a robocaller’s; it is never linked to complaints.`
      : null,
    months: monthSeries(answer),
    exploreHref: `/explore/?chart=table&caller=${answer.digits}`,
  };
}

/** Complaints per month as a small line chart; null when there is nothing to draw. */
export function answerChart(
  view: AnswerView,
  options: { width: number; document?: Document },
): ChartElement | null {
  if (view.months.length === 0) return null;
  return trendChart(
    view.months.map((m) => ({ date: `${m.month}-01`, series: 'all', value: m.complaints })),
    {
      ...options,
      height: 200,
      yLabel: 'Complaints per month',
      seriesLabels: { all: 'Complaints' },
      ariaLabel: `Complaints that reported ${view.number}, by month`,
    },
  );
}
