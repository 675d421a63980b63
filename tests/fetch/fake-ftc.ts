/**
 * A fake FTC that behaves like the real one as far as others have observed it (and, where nobody
 * has, as docs/ftc-source.md assumes), on one local FakeServer:
 *
 * - one complaint store; complaints are created every day of the week, fewer at weekends;
 * - daily files for weekdays only, named for the publication day, each holding the complaints
 *   created since the previous file: Tuesday's file holds Monday's, Monday's holds Friday to
 *   Sunday (assumed: the API docs say weekend data is loaded on Monday);
 * - late files (published two days after the date in their name, "Monday's data on Wednesday"),
 *   `_0` names (the plain name then answers 404), a changed header on one day;
 * - a landing page listing the files of the last `windowDays` days that have appeared by `today`;
 * - 403 for User-Agents matching `blockedUserAgent`;
 * - the API: 50 a page, created-date filters, its hourly and daily limits counted per key
 *   (429 with a long Retry-After once spent), optionally ISO timestamps with offsets and a share of
 *   misaligned rows (values shifted one field), as another project reports.
 *
 * `today` can move forward between runs (`advanceTo`), which is how the tests play out a schedule.
 */
import type { ServerResponse } from 'node:http';
import { csvField, dailyFileName, FTC_HEADER, FTC_NEWLINE } from '../../src/lib/ftc-format';
import { FakeServer } from './helpers';

export const LANDING_PATH = '/policy-notices/open-government/data-sets/do-not-call-data';
export const FILES_PATH = '/sites/default/files/';
export const API_PATH = '/v0/dnc-complaints';

const DAY_MS = 86_400_000;

export interface FakeComplaint {
  id: string;
  phone: string;
  created: string;
  violation: string;
  city: string;
  state: string;
  areaCode: string;
  subject: string;
  robocall: string;
}

export interface FakeFtcOptions {
  /** First and last creation day of the complaint store, `YYYY-MM-DD`. */
  firstDay: string;
  lastDay: string;
  /** The fake's calendar day (what "now" is for publication). Defaults to lastDay + 1. */
  today?: string;
  /** Complaints created on a weekday; weekends get a third (default 12). */
  perWeekday?: number;
  /** Days the landing page keeps a file listed (observed 2026: about 26 to 35). */
  windowDays?: number;
  /** Publication days whose file appears two days late. */
  late?: readonly string[];
  /** Publication days published under a `_0` name only. */
  suffixed?: readonly string[];
  /** Publication days whose file has a changed header (an extra column). */
  changedHeader?: readonly string[];
  /** 403 for a User-Agent that matches (several projects report it for non-browser agents). */
  blockedUserAgent?: RegExp;
  /** API limits per key; DEMO_KEY's documented ones by default. */
  apiPerHour?: number;
  apiPerDay?: number;
  /** API timestamps written ISO 8601 with an offset (`2026-05-11T10:00:00-04:00`). */
  apiOffsetTimestamps?: boolean;
  /** Every n-th API item is misaligned (values shifted into the next field). */
  apiMisalignedEvery?: number;
  /** The fake's clock for the API's rolling windows (epoch ms). */
  now?: () => number;
}

const SUBJECTS = [
  'Other',
  'Dropped call or no message',
  'Calls pretending to be government, businesses, or family and friends',
  'Warranties  & protection plans',
  'Reducing your debt (credit cards, mortgage, student loans)',
  'Medical  & prescriptions',
];
const PLACES: [string, string, string][] = [
  ['Columbus', 'Ohio', '614'],
  ['Houston', 'Texas', '713'],
  ['', 'California', '510'],
  ['Miami', 'Florida', '305'],
  ['Albany', 'New York', '518'],
];

export function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
export function dayMs(day: string): number {
  return Date.parse(`${day}T00:00:00Z`);
}
export function weekday(day: string): number {
  return new Date(dayMs(day)).getUTCDay();
}
export function addDays(day: string, n: number): string {
  return isoDay(dayMs(day) + n * DAY_MS);
}

export class FakeFtc {
  readonly server = new FakeServer();
  readonly complaints: FakeComplaint[] = [];
  today: string;
  /** API requests counted per key: epoch ms of each. */
  private readonly apiRequests = new Map<string, number[]>();

  constructor(readonly options: FakeFtcOptions) {
    this.today = options.today ?? addDays(options.lastDay, 1);
    const perWeekday = options.perWeekday ?? 12;
    let serial = 0;
    for (let day = options.firstDay; day <= options.lastDay; day = addDays(day, 1)) {
      const weekend = weekday(day) === 0 || weekday(day) === 6;
      const n = weekend ? Math.max(1, Math.round(perWeekday / 3)) : perWeekday;
      for (let i = 0; i < n; i += 1) {
        serial += 1;
        const [city, state, areaCode] = PLACES[serial % PLACES.length]!;
        const seconds = Math.floor(((i + 0.5) / n) * 86_399);
        const time = new Date(dayMs(day) + seconds * 1000).toISOString().slice(11, 19);
        this.complaints.push({
          id: `c${String(serial).padStart(7, '0')}`,
          phone: serial % 9 === 0 ? '' : `8005${String(500000 + serial).padStart(6, '0')}`,
          created: `${day} ${time}`,
          violation: `${addDays(day, -(serial % 3))} 09:30:00`,
          city,
          state,
          areaCode,
          subject: SUBJECTS[serial % SUBJECTS.length]!,
          robocall: ['Y', 'Y', 'N', ''][serial % 4]!,
        });
      }
    }
  }

  async start(): Promise<this> {
    await this.server.start();
    this.server.route(LANDING_PATH, {
      kind: 'custom',
      handle: (req, res) => this.guard(req.headers['user-agent'], res, () => this.landing(res)),
    });
    this.server.route(API_PATH, { kind: 'custom', handle: (_req, res, url) => this.api(res, url) });
    for (const file of this.allFiles()) {
      this.server.route(`${FILES_PATH}${file.name}`, {
        kind: 'custom',
        handle: (req, res) =>
          this.guard(req.headers['user-agent'], res, () => {
            if (file.appears > this.today)
              return void res
                .writeHead(404, { 'content-type': 'text/html' })
                .end('<html><title>Page not found</title></html>');
            const body = this.fileBody(file);
            res
              .writeHead(200, { 'content-type': 'text/csv', 'content-length': String(body.length) })
              .end(body);
          }),
      });
    }
    return this;
  }

  stop(): Promise<void> {
    return this.server.stop();
  }

  landingUrl(): string {
    return this.server.url(LANDING_PATH);
  }
  apiUrl(): string {
    return this.server.url(API_PATH);
  }

  advanceTo(day: string): void {
    this.today = day;
  }

  /** Every weekday file the FTC would publish for the store, with the days it covers. */
  allFiles(): {
    name: string;
    published: string;
    appears: string;
    covers: string[];
    changed: boolean;
  }[] {
    const files = [];
    const first = addDays(this.options.firstDay, 1);
    const last = addDays(this.options.lastDay, 1);
    let pending: string[] = [];
    // Past the last creation day until the complaints still pending have had their file.
    for (
      let day = this.options.firstDay;
      day <= last || (pending.length > 0 && day <= addDays(last, 7));
      day = addDays(day, 1)
    ) {
      const publishing = day >= first && weekday(day) >= 1 && weekday(day) <= 5;
      if (publishing && pending.length > 0) {
        const suffixed = this.options.suffixed?.includes(day) ?? false;
        const late = this.options.late?.includes(day) ?? false;
        files.push({
          name: dailyFileName(day, 'current', suffixed ? '0' : undefined),
          published: day,
          appears: late ? addDays(day, 2) : day,
          covers: pending,
          changed: this.options.changedHeader?.includes(day) ?? false,
        });
        pending = [];
      }
      if (day <= this.options.lastDay) pending.push(day);
    }
    return files;
  }

  /** The files the landing page lists today. */
  listedFiles(): ReturnType<FakeFtc['allFiles']> {
    const oldest = addDays(this.today, -(this.options.windowDays ?? 30));
    return this.allFiles().filter((file) => file.appears <= this.today && file.published > oldest);
  }

  complaintsCreatedOn(days: readonly string[]): FakeComplaint[] {
    const wanted = new Set(days);
    return this.complaints.filter((c) => wanted.has(c.created.slice(0, 10)));
  }

  fileBody(file: { covers: string[]; changed: boolean }): Buffer {
    const rows = this.complaintsCreatedOn(file.covers);
    const header = file.changed ? `${FTC_HEADER},Consumer_Zip` : FTC_HEADER;
    const lines = [header];
    for (const c of rows) {
      const fields = [
        c.phone,
        c.created,
        c.violation,
        c.city,
        c.state,
        c.areaCode,
        c.subject,
        c.robocall,
      ];
      if (file.changed) fields.push('43215');
      lines.push(fields.map(csvField).join(','));
    }
    return Buffer.from(lines.join(FTC_NEWLINE) + FTC_NEWLINE);
  }

  private guard(userAgent: string | undefined, res: ServerResponse, serve: () => void): void {
    if (this.options.blockedUserAgent?.test(userAgent ?? '')) {
      res
        .writeHead(403, { 'content-type': 'text/html' })
        .end('<html><head><title>Access Denied</title></head><body>Access Denied</body></html>');
      return;
    }
    serve();
  }

  private landing(res: ServerResponse): void {
    const rows = this.listedFiles()
      .map(
        (file) =>
          `<tr><td><a href="${FILES_PATH}${file.name}">${file.name}</a></td><td>${file.published}</td></tr>`,
      )
      .join('\n');
    res
      .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      .end(
        `<!DOCTYPE html><html><head><title>Do Not Call data | FTC</title></head><body><table>${rows}</table></body></html>`,
      );
  }

  /** Requests `key` made in the window ending now. */
  apiRequestsIn(key: string, windowMs: number): number {
    const now = this.options.now?.() ?? Date.now();
    return (this.apiRequests.get(key) ?? []).filter((at) => at > now - windowMs).length;
  }

  private api(res: ServerResponse, url: URL): void {
    const json = (status: number, body: unknown, headers: Record<string, string> = {}): void => {
      res
        .writeHead(status, { 'content-type': 'application/json', ...headers })
        .end(JSON.stringify(body));
    };
    const q = url.searchParams;
    const key = q.get('api_key') ?? '';
    if (key === '')
      return json(403, { error: { code: 'API_KEY_MISSING', message: 'No api_key was supplied.' } });
    const now = this.options.now?.() ?? Date.now();
    const perHour = this.options.apiPerHour ?? 30;
    const perDay = this.options.apiPerDay ?? 50;
    if (
      this.apiRequestsIn(key, 3_600_000) >= perHour ||
      this.apiRequestsIn(key, DAY_MS) >= perDay
    ) {
      return json(
        429,
        { error: { code: 'OVER_RATE_LIMIT', message: 'You have exceeded your rate limit.' } },
        { 'retry-after': '3600' },
      );
    }
    this.apiRequests.set(key, [...(this.apiRequests.get(key) ?? []), now]);
    const from = /^"(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2})"$/.exec(
      q.get('created_date_from') ?? '',
    )?.[1];
    const to = /^"(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2})"$/.exec(
      q.get('created_date_to') ?? '',
    )?.[1];
    const perPage = Number(q.get('items_per_page'));
    const offset = Number(q.get('offset'));
    if (!from || !to || !(perPage <= 50) || !(offset >= 0))
      return json(400, { error: { message: 'bad query' } });
    const matching = this.complaints
      .filter((c) => c.created >= from && c.created <= to)
      .sort((a, b) => (a.created < b.created ? 1 : -1));
    const page = matching.slice(offset, offset + perPage).map((c) => this.apiItem(c));
    json(200, {
      data: page,
      meta: { 'records-this-page': page.length, 'record-total': matching.length },
    });
  }

  /** Is this complaint one the API serves misaligned? */
  isMisaligned(c: FakeComplaint): boolean {
    const every = this.options.apiMisalignedEvery;
    return every !== undefined && Number(c.id.slice(1)) % every === 0;
  }

  private apiItem(c: FakeComplaint): unknown {
    const stamp = (value: string): string =>
      this.options.apiOffsetTimestamps ? toEasternOffset(value) : value;
    const values = [
      c.phone,
      stamp(c.created),
      stamp(c.violation),
      c.city,
      c.state,
      c.areaCode,
      c.subject.replace(/ {2}&/g, ' &'),
      c.robocall,
    ];
    if (this.isMisaligned(c)) {
      // From the city on, every value one field to the right; the last one falls off.
      values.splice(3, values.length - 3, '', ...values.slice(3, -1));
    }
    const names = [
      'company-phone-number',
      'created-date',
      'violation-date',
      'consumer-city',
      'consumer-state',
      'consumer-area-code',
      'subject',
      'recorded-message-or-robocall',
    ];
    return {
      type: 'dnc_complaint',
      id: c.id,
      attributes: Object.fromEntries(names.map((name, i) => [name, values[i]])),
    };
  }
}

/** The Eastern wall-clock time `value` written as ISO 8601 with its offset (EDT or EST). */
export function toEasternOffset(value: string): string {
  const [day, time] = value.split(' ') as [string, string];
  // US daylight saving time: second Sunday of March to first Sunday of November (2007 rules).
  const year = Number(day.slice(0, 4));
  const nthSunday = (month: number, n: number): string => {
    const first = new Date(Date.UTC(year, month, 1)).getUTCDay();
    return isoDay(Date.UTC(year, month, 1 + ((7 - first) % 7) + 7 * (n - 1)));
  };
  const summer = day >= nthSunday(2, 2) && day < nthSunday(10, 1);
  return `${day}T${time}${summer ? '-04:00' : '-05:00'}`;
}
