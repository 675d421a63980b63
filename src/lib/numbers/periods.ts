/**
 * The periods a trend is drawn in, clipped to what the view can hold: the filter's dates and the
 * data's own first and last day. A week that starts before `from`, a year that holds only two
 * months of data, the month the data are still filling: each is labelled with the days it really
 * holds ("Aug 1–2, 2026", "Nov–Dec 2024") and says how many of its days those are, so a short
 * bucket never poses as a whole one. Pure; weeks start on Monday, as DuckDB's `date_trunc('week')`
 * does, so the engine's bucket keys and these periods name the same days.
 */
import { utcDay, utcMonday, utcMonth, utcYear, type CountableTimeInterval } from 'd3-time';
import { formatDay, formatMonth } from '../format';
import { dayKey, parseDate } from '../dates';

export type Interval = 'day' | 'week' | 'month' | 'year';

/** Inclusive `YYYY-MM-DD` bounds. */
export interface DayRange {
  start: string;
  end: string;
}

export interface Period {
  /** The bucket's first day as the engine truncates it (`date_trunc`): the key query rows carry. */
  bucket: string;
  /** First and last day the period holds, inside the view's range. */
  start: string;
  end: string;
  /** Days it holds, and days in the whole bucket. */
  days: number;
  fullDays: number;
  /** It holds fewer days than its bucket has. */
  partial: boolean;
  /** It ends on the data's last day before its bucket ends: the data are still filling it. */
  filling: boolean;
  /** "Nov 2024", "Nov 15–30, 2024", "2024", "Nov–Dec 2024", "Week of Jul 27, 2026", "Aug 1–2, 2026", "Nov 3, 2024". */
  label: string;
}

const INTERVALS: Record<Interval, CountableTimeInterval> = {
  day: utcDay,
  week: utcMonday,
  month: utcMonth,
  year: utcYear,
};
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The days a view covers: its `from`/`to` day bounds inside the data's range; null when they do not meet. */
export function viewRange(
  bounds: { start: string | null; end: string | null },
  data: DayRange,
): DayRange | null {
  const start = bounds.start && bounds.start > data.start ? bounds.start : data.start;
  const end = bounds.end && bounds.end < data.end ? bounds.end : data.end;
  return start <= end ? { start, end } : null;
}

/** The first day of the bucket `day` falls in. */
export function bucketOf(day: string, interval: Interval): string {
  return dayKey(INTERVALS[interval].floor(parseDate(day)));
}

/** The period of the bucket starting `bucket`, clipped to `range`; `dataEnd` tells a still-filling bucket. */
export function periodOf(
  bucket: string,
  interval: Interval,
  range: DayRange,
  dataEnd: string,
): Period {
  const every = INTERVALS[interval];
  const first = parseDate(bucket);
  const next = every.offset(first, 1);
  const last = utcDay.offset(next, -1);
  const bucketEnd = dayKey(last);
  const start = bucket > range.start ? bucket : range.start;
  const end = bucketEnd < range.end ? bucketEnd : range.end;
  const fullDays = utcDay.count(first, next);
  const days = Math.max(0, utcDay.count(parseDate(start), parseDate(end)) + 1);
  const partial = days < fullDays;
  return {
    bucket,
    start,
    end,
    days,
    fullDays,
    partial,
    filling: partial && end === dataEnd && end < bucketEnd,
    label: periodLabel(interval, start, end, partial),
  };
}

/** Every period of `interval` that `range` touches, in order. */
export function periodsIn(interval: Interval, range: DayRange, dataEnd: string): Period[] {
  const every = INTERVALS[interval];
  const out: Period[] = [];
  for (let d = every.floor(parseDate(range.start)); dayKey(d) <= range.end; d = every.offset(d, 1))
    out.push(periodOf(dayKey(d), interval, range, dataEnd));
  return out;
}

/** A period in words, naming only the days it holds. */
export function periodLabel(
  interval: Interval,
  start: string,
  end: string,
  partial: boolean,
): string {
  const s = parseDate(start);
  const e = parseDate(end);
  const year = (d: Date) => d.getUTCFullYear();
  const month = (d: Date) => MONTHS[d.getUTCMonth()]!;
  if (interval === 'day' || start === end) return formatDay(start, true);
  if (!partial) {
    if (interval === 'year') return String(year(s));
    if (interval === 'month') return formatMonth(start, true);
    return `Week of ${formatDay(start, true)}`;
  }
  // A partial year that starts and ends on month boundaries reads as months: "Nov–Dec 2024".
  const wholeMonths = s.getUTCDate() === 1 && utcDay.offset(e, 1).getUTCDate() === 1;
  if (interval === 'year' && wholeMonths)
    return s.getUTCMonth() === e.getUTCMonth()
      ? formatMonth(start, true)
      : `${month(s)}–${month(e)} ${year(e)}`;
  return dayRangeLabel(start, end);
}

/** `Aug 1–2, 2026`, `Jul 30–Aug 2, 2026`, `Dec 30, 2025–Jan 2, 2026`. */
export function dayRangeLabel(start: string, end: string): string {
  const s = parseDate(start);
  const e = parseDate(end);
  if (start === end) return formatDay(start, true);
  if (s.getUTCFullYear() !== e.getUTCFullYear())
    return `${formatDay(start, true)}–${formatDay(end, true)}`;
  if (s.getUTCMonth() !== e.getUTCMonth())
    return `${MONTHS[s.getUTCMonth()]} ${s.getUTCDate()}–${MONTHS[e.getUTCMonth()]} ${e.getUTCDate()}, ${e.getUTCFullYear()}`;
  return `${MONTHS[s.getUTCMonth()]} ${s.getUTCDate()}–${e.getUTCDate()}, ${e.getUTCFullYear()}`;
}

/** A whole range in words: `Nov 2024 to Oct 2026` when it runs from a month's first day to a month's last, else days. */
export function rangeLabel(range: DayRange): string {
  const s = parseDate(range.start);
  const e = parseDate(range.end);
  const wholeMonths = s.getUTCDate() === 1 && utcDay.offset(e, 1).getUTCDate() === 1;
  if (!wholeMonths)
    return range.start === range.end
      ? formatDay(range.start, true)
      : `${formatDay(range.start, true)} to ${formatDay(range.end, true)}`;
  const first = formatMonth(range.start, true);
  const last = formatMonth(range.end, true);
  return first === last ? first : `${first} to ${last}`;
}

/** What a partial period's note says: "2 of 7 days", "still filling: 15 of 31 days". */
export function partialNote(period: Period): string {
  if (!period.partial) return '';
  return `${period.filling ? 'still filling: ' : ''}${period.days} of ${period.fullDays} days`;
}
