/**
 * The one-sentence summaries printed under charts, computed from the same rows the chart draws.
 * Pure functions of plain data: the build and the browser explorer write the same sentence.
 *
 * Wording rules: a change is stated against a named period ("12% below October 2025"), never as
 * a trend; percentages are whole numbers unless that would round a real change to 0%; and any
 * comparison around an enforcement action says that complaints are reports, not call volume.
 */
import type { MonthValue } from './charts/before-after';
import { addMonths, monthKey, windowsAround } from './dates';
import { formatChange, formatMonth, formatNumber, formatPercent } from './format';

export type { MonthValue };

/** Sums values by `YYYY-MM`. */
function byMonth(monthly: readonly MonthValue[]): Map<string, number> {
  const sums = new Map<string, number>();
  for (const m of monthly)
    sums.set(monthKey(m.month), (sums.get(monthKey(m.month)) ?? 0) + m.value);
  return sums;
}

/** A relative change as whole percent, or with one decimal when it would otherwise read 0%. */
function change(fraction: number): string {
  return formatChange(fraction, Math.abs(fraction) < 0.005 ? 1 : 0);
}

/**
 * Compares the latest month with the same month a year earlier:
 * "In October 2026 Ohio's complaints were 12% below October 2025."
 *
 * `subject` is a plural noun phrase ("Ohio's complaints", "robocall complaints"). Pass complete
 * months only (a month still being published would read as a fall). A month missing from
 * `monthly` has no figure; a month with none has a row with value 0.
 */
export function compareLatestToYearEarlier(
  monthly: readonly MonthValue[],
  subject: string,
): string {
  const sums = byMonth(monthly);
  const latest = [...sums.keys()].sort().at(-1);
  if (latest === undefined) return `There are no figures for ${subject} yet.`;
  const now = sums.get(latest) ?? 0;
  const earlier = addMonths(latest, -12);
  const then = sums.get(earlier);
  const [month, before] = [formatMonth(latest), formatMonth(earlier)];
  if (then === undefined)
    return `In ${month} ${subject} numbered ${formatNumber(now)}; there is no figure for ${before} to compare with.`;
  if (then === 0 && now === 0) return `In ${month} ${subject} were zero, as in ${before}.`;
  if (then === 0)
    return `In ${month} ${subject} numbered ${formatNumber(now)}, up from none in ${before}.`;
  if (now === 0)
    return `In ${month} ${subject} fell to zero, from ${formatNumber(then)} in ${before}.`;
  if (now === then)
    return `In ${month} ${subject} were unchanged from ${before}, at ${formatNumber(now)}.`;
  const fraction = (now - then) / then;
  const direction = fraction > 0 ? 'above' : 'below';
  const size = Math.abs(fraction) < 0.005 ? 'less than 1%' : formatPercent(Math.abs(fraction));
  return `In ${month} ${subject} were ${size} ${direction} ${before}.`;
}

export interface TopShareOptions {
  /** Display label per key (subject slug → label). Default: the key. */
  labels?: Record<string, string>;
  /** The period the totals cover, as a phrase: "in the last 12 months". Default: "in the last 12 months". */
  period?: string;
  /** What is counted, plural: "complaints", "robocall complaints". Default: "complaints". */
  of?: string;
}

/**
 * The largest category's share of the total: "Imposters made up 31% of complaints in the last
 * 12 months." Ties at the top are named together ("… and … each made up 25% …").
 */
export function topShare(
  totals: readonly { key: string; value: number }[],
  options: TopShareOptions = {},
): string {
  const { period = 'in the last 12 months', of = 'complaints' } = options;
  const total = totals.reduce((s, t) => s + t.value, 0);
  if (total <= 0) return `There were no ${of} ${period}.`;
  const top = Math.max(...totals.map((t) => t.value));
  const leaders = totals
    .filter((t) => t.value === top)
    .map((t) => options.labels?.[t.key] ?? t.key);
  const names =
    leaders.length === 1
      ? (leaders[0] ?? '')
      : `${leaders.slice(0, -1).join(', ')} and ${leaders.at(-1)}`;
  const share = top / total;
  const text = share < 0.005 ? 'less than 1%' : formatPercent(share);
  return `${capitalise(names)} ${leaders.length > 1 ? 'each made' : 'made'} up ${text} of ${of} ${period}.`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export interface BeforeAfterOptions {
  /** The action's date, `YYYY-MM-DD` or `YYYY-MM`; its month belongs to neither window. */
  actionDate: string;
  /** The last month the data cover (`YYYY-MM`), from the manifest: months after it have no figures yet. */
  through: string;
  /** The first month the data cover; earlier months have no figures. Default: no limit (missing months are zeros). */
  from?: string;
  /** Months in each window. Default: 3. */
  months?: number;
  /** The action, as a noun phrase after "the": "the letter". Default: "the letter". */
  event?: string;
  /** What is counted: "complaints naming these numbers". Default: that. */
  what?: string;
}

/**
 * Complaints in the months after an action against the same number of months before it:
 * "In the 3 months after the letter, complaints naming these numbers fell from 1,204 to 310
 * (−74%). Complaints are reports, not call volume; the fall may have other causes."
 *
 * Months missing from `monthly` count as zero (the cube keeps no empty months), within the
 * data's coverage; when a window reaches outside it, the sentence says it is too early (or too
 * little history) to compare.
 */
export function beforeAfter(monthly: readonly MonthValue[], options: BeforeAfterOptions): string {
  const { months = 3, event = 'the letter', what = 'complaints naming these numbers' } = options;
  const windows = windowsAround(options.actionDate, months);
  const span = months === 1 ? 'month' : `${months} months`;
  const through = monthKey(options.through);
  if (through < windows.after[1]) {
    return `It is too early to compare: the ${span} after ${event} run to ${formatMonth(windows.after[1])}, and the data end in ${formatMonth(through)}.`;
  }
  if (options.from !== undefined && monthKey(options.from) > windows.before[0]) {
    return `There is too little history to compare: the ${span} before ${event} start in ${formatMonth(windows.before[0])}, and the data begin in ${formatMonth(options.from)}.`;
  }
  const sums = byMonth(monthly);
  const total = ([a, b]: [string, string]) =>
    [...sums].filter(([m]) => m >= a && m <= b).reduce((s, [, v]) => s + v, 0);
  const [before, after] = [total(windows.before), total(windows.after)];
  const lead =
    months === 1 ? `In the month after ${event}` : `In the ${months} months after ${event}`;
  const caveat = 'Complaints are reports, not call volume';
  if (before === 0 && after === 0)
    return `There were no ${what} in the ${span} before or after ${event}.`;
  if (before === after)
    return `${lead}, ${what} stayed at ${formatNumber(after)}, the same as before. ${caveat}.`;
  const verb = after < before ? 'fell' : 'rose';
  const amount = before === 0 ? '' : ` (${change((after - before) / before)})`;
  const fmt = (n: number) => (n === 0 ? 'none' : formatNumber(n));
  return `${lead}, ${what} ${verb} from ${fmt(before)} to ${fmt(after)}${amount}. ${caveat}; the ${verb === 'fell' ? 'fall' : 'rise'} may have other causes.`;
}
