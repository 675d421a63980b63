/**
 * `--api` mode: backfill days the published files no longer cover, from the FTC API.
 *
 * One day at a time (`created_date_from`/`to` spanning that day), paged 50 complaints a request,
 * every request (retries included) waiting its turn at the rate limiter. A day is written only
 * when all its pages arrived, as `dnc/<year>/api/DNC_API_<day>.csv` in the FTC's CSV format, and
 * through the same archive rules as published files (temp file, never overwrite, changed content
 * kept beside). Days already archived are skipped without a request unless `--refresh`: at 30
 * requests an hour on the demo key, requests are the scarce thing.
 */
import {
  apiRelPath,
  digestBytes,
  exists,
  removeQuietly,
  settleIntoArchive,
  toAbsolute,
  writeTemp,
} from './archive';
import {
  apiPageUrl,
  complaintsToFtcCsv,
  datesInRange,
  ITEMS_PER_PAGE,
  misalignment,
  parseApiPage,
  redactApiKey,
  type ApiComplaint,
  type ApiPage,
} from './api';
import { ApiLimitReached } from './api-budget';
import { apiPartialPath, readJsonOrNull, writeJsonAtomic } from './state';
import { hostPolicy, refusedHost } from './hosts';
import { FetchFailedError, PermanentError, readText, requestWithRetries } from './http';
import { ledgerKnows, type LedgerEntry } from './ledger';
import { counter, formatBytes } from '../lib/progress';
import { shortHash } from './progress';
import type { RateLimiter } from './rate-limit';
import {
  emptySummary,
  record,
  recordFoundOnDisk,
  requestOptions,
  type RunContext,
  type RunSummary,
} from './run-context';

export interface ApiOptions {
  apiUrl: string;
  apiKey: string;
  /** Complaint creation dates, inclusive, `YYYY-MM-DD`. */
  from: string;
  to: string;
  /** At most this many days this run. */
  limit: number | null;
  /** Fetch days again even when the archive has them. */
  refresh: boolean;
  limiter: RateLimiter;
}

/** Stop paging a day after this many pages: an API that ignores `offset` must not loop forever. */
const MAX_PAGES_PER_DAY = 2_000;

export async function fetchFromApi(options: ApiOptions, context: RunContext): Promise<RunSummary> {
  const summary = emptySummary();
  const all = datesInRange(options.from, options.to);
  const days = options.limit === null ? all : all.slice(0, options.limit);
  context.progress.log(
    `FTC API ${options.apiUrl}: complaints created ${options.from} to ${options.to}, ${days.length} day(s)` +
      (days.length < all.length ? ` (--limit ${options.limit})` : ''),
  );
  for (const [index, day] of days.entries()) {
    context.signal?.throwIfAborted();
    await backfillDay(day, `${counter(index + 1, days.length)} ${day}`, options, context, summary);
    if (summary.stopped !== null) {
      summary.deferred = days.length - index;
      break;
    }
  }
  return summary;
}

/** The run stops here (the API's limit); the day's pages so far are saved for the next run. */
class StopRun extends Error {
  override name = 'StopRun';
}

async function backfillDay(
  day: string,
  label: string,
  options: ApiOptions,
  context: RunContext,
  summary: RunSummary,
): Promise<void> {
  const { progress, clock } = context;
  const rel = apiRelPath(day);
  const finalPath = toAbsolute(context.raw, rel);
  const firstUrl = redactApiKey(apiPageUrl(options.apiUrl, day, 0, options.apiKey));

  if (await exists(finalPath)) {
    if (!ledgerKnows(context.ledger.entries, rel))
      await recordFoundOnDisk(context, summary, firstUrl, rel, finalPath);
    if (!options.refresh) {
      summary.counts['skipped-present'] += 1;
      progress.log(`${label}: already archived as ${rel}; skipped (--refresh fetches it again)`);
      return;
    }
  }

  let fetched: DayFetch;
  try {
    fetched = await fetchDay(day, label, options, context, summary);
  } catch (error) {
    if (error instanceof StopRun) {
      summary.stopped = error.message;
      progress.loud([`${label}: STOPPED: ${error.message}`]);
      return;
    }
    if (!(error instanceof FetchFailedError)) throw error;
    await recordFailure(
      context,
      summary,
      firstUrl,
      rel,
      error.status,
      error.attempts,
      error.message,
    );
    progress.loud([`${label}: FAILED: ${error.message}`]);
    return;
  }
  const { complaints, requests, lastStatus, dropped } = fetched;
  if (dropped > 0)
    progress.loud([
      `${label}: ${dropped} item(s) not created on ${day} (or without a created date) were left out`,
    ]);
  if (complaints.length === 0) {
    // Thousands of complaints are filed every day: none means not yet published, or purged.
    const reason = `the API returned no complaints created on ${day} (not published yet, or older than the FTC keeps)`;
    await recordFailure(context, summary, firstUrl, rel, lastStatus, requests, reason);
    progress.loud([`${label}: FAILED: ${reason}`]);
    return;
  }

  const rejected = fetched.rejected;
  if (rejected.length > 0) {
    progress.loud([
      `${label}: ${rejected.length} complaint(s) fail the shape checks (misaligned fields) and are kept apart with their reasons`,
    ]);
  }
  const rejectedFile =
    rejected.length > 0 ? await archiveRejected(context, rel, rejected, clock.now()) : null;
  const content = new TextEncoder().encode(complaintsToFtcCsv(complaints));
  const digest = digestBytes(content);
  const fetchedAt = new Date(clock.now());
  const temp = await writeTemp(finalPath, content);
  const settled = await settleIntoArchive(context.raw, rel, temp, digest, fetchedAt);
  const entry: LedgerEntry = {
    url: firstUrl,
    file: settled.rel,
    bytes: digest.bytes,
    sha256: digest.sha256,
    fetched_at: fetchedAt.toISOString(),
    http_status: lastStatus,
    outcome: settled.outcome,
    source: 'api',
    attempts: requests,
    rows: complaints.length,
    ...(rejectedFile === null
      ? {}
      : {
          rows_rejected: rejected.length,
          rejected_file: rejectedFile.rel,
          rejected_sha256: rejectedFile.sha256,
        }),
  };
  if (settled.outcome === 'changed-kept-both') {
    entry.original_file = settled.original.rel;
    entry.original_sha256 = settled.original.sha256;
    entry.original_bytes = settled.original.bytes;
    entry.reason =
      'the API now returns different complaints for this day; the archived file is kept and the new one saved beside it';
    progress.loud([
      `CONTENT CHANGED: the API's complaints for ${day} differ from the archived ones`,
      `  archived   ${settled.original.rel}: sha256 ${settled.original.sha256} (kept untouched)`,
      `  served now ${settled.rel}: sha256 ${digest.sha256} (saved beside it)`,
    ]);
  } else {
    progress.log(
      `${label}: ${complaints.length} complaints, ${formatBytes(digest.bytes)} → ${settled.rel} ` +
        `(${settled.outcome === 'downloaded' ? 'written' : 'same as archived'}; sha256 ${shortHash(digest.sha256)})`,
    );
  }
  await record(context, summary, entry);
  await removeQuietly(apiPartialPath(context.raw, day));
}

/** An API complaint kept out of the day's CSV, with the reason and the item as the API sent it. */
export interface RejectedComplaint {
  reason: string;
  complaint: ApiComplaint;
}

/**
 * Rejected complaints go beside the day's CSV as `DNC_API_<day>.rejected.json` (JSON, so the
 * ingest's `*.csv` search never loads them): archived like everything else, never lost.
 */
async function archiveRejected(
  context: RunContext,
  csvRel: string,
  rejected: RejectedComplaint[],
  at: number,
): Promise<{ rel: string; sha256: string }> {
  const rel = csvRel.replace(/\.csv$/, '.rejected.json');
  const content = new TextEncoder().encode(
    `${JSON.stringify({ source: 'FTC API', rejected }, null, 2)}\n`,
  );
  const digest = digestBytes(content);
  const temp = await writeTemp(toAbsolute(context.raw, rel), content);
  const settled = await settleIntoArchive(context.raw, rel, temp, digest, new Date(at));
  return { rel: settled.rel, sha256: digest.sha256 };
}

interface DayFetch {
  complaints: ApiComplaint[];
  rejected: RejectedComplaint[];
  /** HTTP requests made for the day, retries included. */
  requests: number;
  lastStatus: number;
  dropped: number;
}

/** What a day's backfill has collected so far, saved when the API's limit stops the run. */
interface PartialDay {
  schema_version: 1;
  day: string;
  next_page: number;
  requests: number;
  dropped: number;
  complaints: ApiComplaint[];
}

async function fetchDay(
  day: string,
  label: string,
  options: ApiOptions,
  context: RunContext,
  summary: RunSummary,
): Promise<DayFetch> {
  const byId = new Map<string, ApiComplaint>();
  let requests = 0;
  let lastStatus = 0;
  let dropped = 0;
  let firstPage = 0;
  const partialPath = apiPartialPath(context.raw, day);
  const partial = await readJsonOrNull<PartialDay>(partialPath);
  if (partial !== null && partial.day === day) {
    for (const complaint of partial.complaints)
      byId.set(complaint.id === '' ? `row:${byId.size}` : complaint.id, complaint);
    firstPage = partial.next_page;
    requests = partial.requests;
    dropped = partial.dropped;
    context.progress.log(
      `${label}: resuming at page ${firstPage + 1} with ${byId.size} complaints from an earlier run`,
    );
  }
  const saveAndStop = async (page: number, message: string): Promise<never> => {
    const state: PartialDay = {
      schema_version: 1,
      day,
      next_page: page,
      requests,
      dropped,
      complaints: [...byId.values()],
    };
    await writeJsonAtomic(partialPath, state);
    throw new StopRun(
      `${message}; ${byId.size} complaints of ${day} so far are saved, the next run resumes at page ${page + 1}`,
    );
  };
  for (let page = firstPage; ; page += 1) {
    if (page >= MAX_PAGES_PER_DAY)
      throw new FetchFailedError(
        `more than ${MAX_PAGES_PER_DAY} pages for one day; stopping`,
        lastStatus,
        requests,
      );
    const offset = page * ITEMS_PER_PAGE;
    const url = apiPageUrl(options.apiUrl, day, offset, options.apiKey);
    let result;
    try {
      result = await requestWithRetries(
        url,
        requestOptions(context, `${label} page ${page + 1}`, {
          headers: { accept: 'application/json' },
          // The API's own host only: a redirect elsewhere would carry the api_key with it.
          checkHop: (hop) => refusedHost(hostPolicy(options.apiUrl, []), hop),
          beforeAttempt: () => options.limiter.acquire(),
        }),
        async (response, attempt) => {
          const body = await readText(response, attempt);
          summary.bytes += Buffer.byteLength(body);
          return parsePage(body);
        },
      );
    } catch (error) {
      if (error instanceof ApiLimitReached) return saveAndStop(page, error.message);
      // A 429 whose Retry-After is longer than we wait: the server's own count says "later".
      if (error instanceof FetchFailedError && error.status === 429)
        return saveAndStop(page, `the API says its limit is reached (${error.message})`);
      throw error;
    }
    requests += result.attempts;
    lastStatus = result.status;
    const { complaints, unusable, recordTotal } = result.value;
    dropped += unusable;
    let fresh = 0;
    for (const complaint of complaints) {
      // The filter is the API's; a complaint from another day would land in the wrong file.
      if (!complaint.createdDate.startsWith(day)) {
        dropped += 1;
        continue;
      }
      // Pages of a live data set can shift under us; the same complaint twice is counted once.
      const key = complaint.id === '' ? `row:${byId.size}` : complaint.id;
      if (!byId.has(key)) {
        byId.set(key, complaint);
        fresh += 1;
      }
    }
    context.progress.log(
      `${label}: page ${page + 1} (offset ${offset}): ${complaints.length} complaints, ${byId.size}` +
        `${recordTotal === null ? '' : ` of ${recordTotal}`} so far`,
    );
    const itemsOnPage = complaints.length + unusable;
    if (itemsOnPage < ITEMS_PER_PAGE) break;
    if (fresh === 0) {
      // A full page of complaints we already have: the API is not honouring `offset`.
      throw new FetchFailedError(
        `page at offset ${offset} repeated earlier complaints; the API may be ignoring offset`,
        lastStatus,
        requests,
      );
    }
  }
  const complaints: ApiComplaint[] = [];
  const rejected: RejectedComplaint[] = [];
  for (const complaint of byId.values()) {
    const reason = misalignment(complaint);
    if (reason === null) complaints.push(complaint);
    else rejected.push({ reason, complaint });
  }
  return { complaints, rejected, requests, lastStatus, dropped };
}

function parsePage(body: string): ApiPage {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new PermanentError(
      `the API answered with something that is not JSON: ${JSON.stringify(body.slice(0, 120))}`,
    );
  }
  try {
    return parseApiPage(json);
  } catch (error) {
    throw new PermanentError((error as Error).message);
  }
}

async function recordFailure(
  context: RunContext,
  summary: RunSummary,
  url: string,
  rel: string,
  status: number | null,
  attempts: number,
  reason: string,
): Promise<void> {
  await record(context, summary, {
    url,
    file: rel,
    bytes: null,
    sha256: null,
    fetched_at: new Date(context.clock.now()).toISOString(),
    http_status: status,
    outcome: 'failed',
    source: 'api',
    attempts,
    reason,
  });
}
