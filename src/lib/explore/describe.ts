/**
 * A view's filters in words, for the chart title, the download's README and the citation:
 * "Robocall and live complaints in Ohio and Pennsylvania about imposters, January–December 2024".
 */
import { dateBounds, type ExploreState } from './view';

export interface Names {
  state(usps: string): string;
  subject(slug: string): string;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export const CHART_TITLES: Record<ExploreState['chart'], string> = {
  trend: 'Complaints over time',
  map: 'Complaints by state',
  subjects: 'Complaints by subject',
  'area-codes': 'Busiest area codes',
  callers: 'Most-reported caller numbers',
  providers: 'Complaints naming numbers in PoNE letters, by provider',
  table: 'The complaints',
};

export const MEASURE_LABELS: Record<ExploreState['measure'], string> = {
  count: 'complaints',
  per100k: 'complaints per 100,000 residents',
  robocall_share: 'share that were robocalls',
};

export function describeFilters(state: ExploreState, names: Names): string {
  const parts: string[] = [];
  if (state.robocall.length) {
    const words = { yes: 'robocall', no: 'live-caller', unknown: 'unstated-type' };
    parts.push(`${joinWords(state.robocall.map((r) => words[r]))} complaints`);
  } else parts.push('All complaints');
  if (state.states.length) parts.push(`in ${joinWords(state.states.map(names.state))}`);
  if (state.areas.length) parts.push(`from area code${state.areas.length > 1 ? 's' : ''} ${joinWords(state.areas)}`);
  if (state.subjects.length) parts.push(`about ${joinWords(state.subjects.map((s) => names.subject(s).toLowerCase()))}`);
  parts.push(describePeriod(state.from, state.to));
  const text = parts.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function describePeriod(from: string | null, to: string | null): string {
  if (!from && !to) return 'over the whole period';
  if (from && !to) return `from ${describeDate(from)}`;
  if (!from && to) return `through ${describeDate(to)}`;
  if (from === to) return `in ${describeDate(from!)}`;
  return `from ${describeDate(from!)} through ${describeDate(to!)}`;
}

function describeDate(value: string): string {
  const start = dateBounds(value).start;
  const [y, m, d] = start.split('-').map(Number) as [number, number, number];
  if (value.length === 4) return String(y);
  if (value.length === 7) return `${MONTHS[m - 1]} ${y}`;
  return `${MONTHS[m - 1]} ${d}, ${y}`;
}

function joinWords(words: string[]): string {
  if (words.length <= 2) return words.join(' and ');
  return `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}
