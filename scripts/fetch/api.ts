/**
 * The FTC's DNC complaints API (`GET https://api.ftc.gov/v0/dnc-complaints`), pure parts:
 * request URLs, response parsing, and turning complaints back into the FTC's daily CSV format.
 *
 * The shape, from the FTC's own reference (github.com/FederalTradeCommission/ftc-api-docs,
 * docs/endpoint-dnc-complaints.md) and its example response:
 * - query: `api_key`, `created_date_from` / `created_date_to` (used together; values in double
 *   quotes, `"YYYY-MM-DD HH:MM:SS"`), `items_per_page` (max 50), `offset`;
 * - body: `{ data: [{ type: "dnc_complaint", id: "<hash>", attributes: { "company-phone-number",
 *   "created-date", "violation-date", "consumer-city", "consumer-state", "consumer-area-code",
 *   "subject", "recorded-message-or-robocall" } }], meta: { "records-this-page", "record-total" } }`.
 * Assumptions the docs leave open, coded defensively: `record-total` is not trusted to end paging
 * (others have seen it misreport; we stop at the first short page), attribute values may be null
 * or numbers, and dates may come as ISO 8601 with a `T` (the docs say ISO 8601, the example and
 * the CSV files use a space).
 */
import { dayRange } from '../../src/lib/dates';
import { csvField, FTC_HEADER, FTC_NEWLINE } from '../../src/lib/ftc-format';

export const DEFAULT_API_URL = 'https://api.ftc.gov/v0/dnc-complaints';

/** The API's maximum page size. */
export const ITEMS_PER_PAGE = 50;

/** api.data.gov's published limit for DEMO_KEY, and its default for a registered key. */
export const DEMO_KEY_REQUESTS_PER_HOUR = 30;
export const REGISTERED_KEY_REQUESTS_PER_HOUR = 1000;

/** One page of complaints created on `createdDate` (a whole day, midnight to 23:59:59). */
export function apiPageUrl(
  baseUrl: string,
  createdDate: string,
  offset: number,
  apiKey: string,
): string {
  // Built by hand rather than with URLSearchParams: that writes spaces as `+`, while the FTC's
  // documented example uses %20 (and %22 for the required double quotes).
  const params: [string, string][] = [
    ['api_key', apiKey],
    ['created_date_from', `"${createdDate} 00:00:00"`],
    ['created_date_to', `"${createdDate} 23:59:59"`],
    ['items_per_page', String(ITEMS_PER_PAGE)],
    ['offset', String(offset)],
  ];
  const query = params.map(([key, value]) => `${key}=${encodeURIComponent(value)}`).join('&');
  return `${baseUrl}${baseUrl.includes('?') ? '&' : '?'}${query}`;
}

/**
 * The key never goes into the ledger or the log. Replaced in the text rather than through
 * URLSearchParams, which would re-encode the rest (`%20` → `+`): the ledger shows the query as sent.
 */
export function redactApiKey(url: string): string {
  return url.replace(/([?&]api_key=)[^&#]*/g, '$1REDACTED');
}

export interface ApiComplaint {
  id: string;
  companyPhoneNumber: string;
  createdDate: string;
  violationDate: string;
  consumerCity: string;
  consumerState: string;
  consumerAreaCode: string;
  subject: string;
  recordedMessageOrRobocall: string;
}

export interface ApiPage {
  complaints: ApiComplaint[];
  /** Items without a usable `created-date` (cannot be filed under a day). */
  unusable: number;
  /** `meta.record-total` when it is a plain number; for progress only. */
  recordTotal: number | null;
}

/** Parse one response body. Throws when it is not the documented shape at all. */
export function parseApiPage(body: unknown): ApiPage {
  const data = (body as { data?: unknown } | null)?.data;
  if (!Array.isArray(data)) {
    throw new Error(
      `unexpected API response: no "data" array (${JSON.stringify(body).slice(0, 200)})`,
    );
  }
  const complaints: ApiComplaint[] = [];
  let unusable = 0;
  for (const item of data) {
    const complaint = toComplaint(item);
    if (complaint) complaints.push(complaint);
    else unusable += 1;
  }
  const total = (body as { meta?: Record<string, unknown> }).meta?.['record-total'];
  const recordTotal =
    typeof total === 'number'
      ? total
      : typeof total === 'string' && /^\d+$/.test(total)
        ? Number(total)
        : null;
  return { complaints, unusable, recordTotal };
}

function toComplaint(item: unknown): ApiComplaint | null {
  if (item === null || typeof item !== 'object') return null;
  const { id, attributes } = item as { id?: unknown; attributes?: unknown };
  if (attributes === null || typeof attributes !== 'object') return null;
  const a = attributes as Record<string, unknown>;
  const createdDate = normalizeDateTime(text(a['created-date']));
  if (!/^\d{4}-\d{2}-\d{2}/.test(createdDate)) return null;
  return {
    id: text(id),
    companyPhoneNumber: text(a['company-phone-number']),
    createdDate,
    violationDate: normalizeDateTime(text(a['violation-date'])),
    consumerCity: text(a['consumer-city']),
    consumerState: text(a['consumer-state']),
    consumerAreaCode: text(a['consumer-area-code']),
    subject: text(a['subject']),
    recordedMessageOrRobocall: text(a['recorded-message-or-robocall']),
  };
}

function text(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'string' ? value : String(value);
}

/**
 * The CSV files write `YYYY-MM-DD HH:MM:SS` with no zone. An ISO form without a zone
 * (`2020-02-27T04:23:11`, maybe with fractions) is the same wall-clock time written differently
 * and is converted. The API's docs promise ISO 8601 with offsets (`2024-03-01T10:00:00-05:00`,
 * `…Z`): such an instant is converted to the wall clock of US Eastern time, the zone we assume the
 * files are written in (assumed, not documented: the FTC is in Washington, and a real day file's
 * complaints peak in the US afternoon; see docs/ftc-source.md). Anything else is kept verbatim
 * for the shape check to judge.
 */
export function normalizeDateTime(value: string): string {
  const text = value.trim();
  const plain = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})(?:\.\d+)?$/.exec(text);
  if (plain) return `${plain[1]} ${plain[2]}`;
  const zoned =
    /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})(?:\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})$/i.exec(text);
  if (zoned) {
    const offset =
      zoned[3]!.toUpperCase() === 'Z' ? 'Z' : zoned[3]!.replace(/^([+-]\d{2}):?(\d{2})$/, '$1:$2');
    const at = Date.parse(`${zoned[1]}T${zoned[2]}${offset}`);
    if (!Number.isNaN(at)) return easternWallClock(at);
  }
  return value;
}

const EASTERN = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'America/New_York',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** `YYYY-MM-DD HH:MM:SS` on the US Eastern wall clock (daylight saving time included). */
export function easternWallClock(epochMs: number): string {
  const parts = Object.fromEntries(
    EASTERN.formatToParts(new Date(epochMs)).map((part) => [part.type, part.value]),
  );
  return `${parts['year']}-${parts['month']}-${parts['day']} ${parts['hour']}:${parts['minute']}:${parts['second']}`;
}

const DATETIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

/**
 * Why an API complaint cannot be a complaint as the files write it, or null. Another project
 * reports about 2 % of API rows "misaligned" (values shifted into the neighbouring field); these
 * checks catch a shift in either direction, because every neighbour of each checked field has a
 * different shape: a date, a state name, three digits, a subject label, Y/N.
 */
export function misalignment(c: ApiComplaint): string | null {
  if (!DATETIME.test(c.createdDate))
    return `created-date ${JSON.stringify(c.createdDate)} is not a date and time`;
  if (c.violationDate !== '' && !DATETIME.test(c.violationDate))
    return `violation-date ${JSON.stringify(c.violationDate)} is not a date and time`;
  if (c.consumerAreaCode !== '' && !/^\d{3}$/.test(c.consumerAreaCode))
    return `consumer-area-code ${JSON.stringify(c.consumerAreaCode)} is not three digits`;
  if (!/^[YN]?$/i.test(c.recordedMessageOrRobocall))
    return `recorded-message-or-robocall ${JSON.stringify(c.recordedMessageOrRobocall)} is not Y, N or empty`;
  if (c.consumerState !== '' && !/^[\p{L} .'-]{2,40}$/u.test(c.consumerState))
    return `consumer-state ${JSON.stringify(c.consumerState)} is not a state name`;
  if (c.companyPhoneNumber !== '' && !/^[\d()+\-. ]{1,24}$/.test(c.companyPhoneNumber))
    return `company-phone-number ${JSON.stringify(c.companyPhoneNumber)} is not a phone number`;
  if (/^(?:[YN]|\d+|\d{4}-\d{2}-\d{2}.*)$/i.test(c.subject.trim()))
    return `subject ${JSON.stringify(c.subject)} is not a subject label`;
  return null;
}

/**
 * Complaints as an FTC daily CSV: the FTC header, CRLF after every line (the last one too), values
 * as the API gave them. Sorted by creation time then id, so the same complaints always make the
 * same bytes (and a re-fetch of an unchanged day is recognised as "already archived").
 *
 * Subjects stay as the API writes them (single space before `&`; the files have two): the archive
 * keeps what the source said, and the ingest's subject keys (scripts/ingest/normalize.ts: trimmed,
 * spaces collapsed, lower case) make both spellings the same subject.
 */
export function complaintsToFtcCsv(complaints: readonly ApiComplaint[]): string {
  const sorted = [...complaints].sort(
    (a, b) => compare(a.createdDate, b.createdDate) || compare(a.id, b.id),
  );
  const lines = [FTC_HEADER];
  for (const c of sorted) {
    lines.push(
      [
        c.companyPhoneNumber,
        c.createdDate,
        c.violationDate,
        c.consumerCity,
        c.consumerState,
        c.consumerAreaCode,
        c.subject,
        c.recordedMessageOrRobocall,
      ]
        .map(csvField)
        .join(','),
    );
  }
  return lines.join(FTC_NEWLINE) + FTC_NEWLINE;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Every date from `from` to `to` inclusive (`YYYY-MM-DD`, UTC calendar arithmetic). */
export function datesInRange(from: string, to: string): string[] {
  return dayRange(from, to);
}
