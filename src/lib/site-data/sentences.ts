/**
 * Headline sentences for pages (the chart summaries come from ../summaries). Pure: numbers in,
 * words out, with the caution the data need (complaints, not calls).
 */
import { formatChange, formatMonth, formatNumber, formatPer100k, formatPercent } from '../format';
import { direction, type Comparison } from './shape';

/** Below this many complaints a percentage change says more about chance than about calls. */
export const SMALL_BASE = 20;

/** `up 12% from October 2025 (1,234)` / `about the same as …` / '' when there is nothing to compare. */
export function changePhrase(c: Comparison | null): string {
  if (!c || c.earlierMonth === null || c.earlierValue === null) return '';
  const when = `${formatMonth(c.earlierMonth)} (${formatNumber(c.earlierValue)})`;
  if (c.earlierValue < SMALL_BASE)
    return `against ${formatNumber(c.earlierValue)} in ${formatMonth(c.earlierMonth)}`;
  switch (direction(c.change)) {
    case 'up':
      return `up ${formatChange(c.change!).replace('+', '')} from ${when}`;
    case 'down':
      return `down ${formatChange(c.change!).replace('\u2212', '')} from ${when}`;
    case 'flat':
      return `about the same as ${when}`;
    default:
      return `against ${formatNumber(c.earlierValue)} in ${formatMonth(c.earlierMonth)}`;
  }
}

/** `In Ohio, consumers filed 4,210 complaints in October 2026, up 12% from October 2025 (3,759).` */
export function latestSentence(where: string, c: Comparison | null): string {
  if (!c) return `There are no complaints from ${where} in the data.`;
  const phrase = changePhrase(c);
  const basisNote = c.basis === 'month' ? ' (the data do not reach back a full year)' : '';
  return `${where === 'the United States' ? 'Nationally' : `In ${where}`}, consumers filed ${formatNumber(c.value)} Do Not Call complaints in ${formatMonth(c.month)}${phrase ? `, ${phrase}${basisNote}` : ''}.`;
}

/** `12.3 per 100,000 residents, against 10.1 nationally`. */
export function rateAgainst(rate: number | null, national: number | null): string {
  if (rate === null) return 'no population figure to give a rate';
  const vs = national === null ? '' : `, against ${formatPer100k(national)} nationally`;
  return `${formatPer100k(rate)} complaints per 100,000 residents${vs}`;
}

export function shareText(share: number | null): string {
  return share === null ? 'not known' : formatPercent(share);
}

/** `1st`, `2nd`, `23rd`. */
export function ordinal(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  return `${n}${teen ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th')}`;
}
