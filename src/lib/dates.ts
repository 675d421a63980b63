/**
 * Calendar dates as the site writes them (`YYYY-MM-DD`, UTC, no time zone), and the explorer's
 * URL dates (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`) with the days they cover.
 */

const URL_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** True for a `from`/`to` value the explorer accepts: a real year, month or day from 1990 to 2100. */
export function isUrlDate(value: string): boolean {
  const match = URL_DATE.exec(value);
  if (!match) return false;
  const [, y, m, d] = match;
  const year = Number(y);
  if (year < 1990 || year > 2100) return false;
  if (m === undefined) return true;
  const month = Number(m);
  if (month < 1 || month > 12) return false;
  if (d === undefined) return true;
  const day = Number(d);
  return day >= 1 && day <= daysInMonth(year, month);
}

/** First and last day (inclusive, `YYYY-MM-DD`) that a `from`/`to` value covers. */
export function dateBounds(value: string): { start: string; end: string } {
  const [, y, m, d] = URL_DATE.exec(value)!;
  if (d) return { start: value, end: value };
  if (m)
    return {
      start: `${y}-${m}-01`,
      end: `${y}-${m}-${String(daysInMonth(Number(y), Number(m))).padStart(2, '0')}`,
    };
  return { start: `${y}-01-01`, end: `${y}-12-31` };
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
