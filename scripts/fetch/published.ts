/**
 * The default mode: bring the daily files listed on the FTC landing page into the archive.
 *
 * For each listed file (after `--since`), the archive "has" it when it is on disk; a file on disk
 * that the ledger does not know is hashed and recorded first. Files the archive lacks are fetched
 * first, oldest first (the FTC purges the oldest). Files it has are asked for again, conditionally
 * when the server gave us an ETag / Last-Modified (a 304 costs nothing), because the FTC does
 * republish files: changed bytes are kept beside the original, never over it.
 */
import { archiveRelPath, exists, settleIntoArchive, toAbsolute } from './archive';
import { withBlockedAdvice } from './blocked';
import { downloadToTemp, type Conditional } from './download';
import { hostPolicy, refusedByName, refusedHost, type Resolver } from './hosts';
import { FetchFailedError, readText, requestWithRetries } from './http';
import { partitionDailyFileLinks, type DailyFileLink } from './landing-page';
import { latestValidators, ledgerKnows, type LedgerEntry, type Validators } from './ledger';
import { counter, formatBytes } from '../lib/progress';
import { shortHash } from './progress';
import {
  emptySummary,
  record,
  recordFoundOnDisk,
  requestOptions,
  type RunContext,
  type RunSummary,
} from './run-context';

export const DEFAULT_LANDING_URL =
  'https://www.ftc.gov/policy-notices/open-government/data-sets/do-not-call-data';

export interface PublishedOptions {
  url: string;
  /** Only files published on or after this date (`YYYY-MM-DD`). */
  since: string | null;
  /** At most this many files requested this run (files the archive lacks come first). */
  limit: number | null;
  /** Hosts besides the landing page's that files may come from (FTC_FILE_HOSTS by default). */
  fileHosts: readonly string[];
  /** Decoded bytes a file may have before its download is aborted. */
  maxFileBytes: number;
  /** Replaces DNS for the private-address check (tests). */
  resolver?: Resolver;
}

interface PlannedFile {
  link: DailyFileLink;
  rel: string;
  onDisk: boolean;
}

export async function fetchPublished(
  options: PublishedOptions,
  context: RunContext,
): Promise<RunSummary> {
  const summary = emptySummary();
  const { progress } = context;

  const policy = hostPolicy(options.url, options.fileHosts, options.resolver);
  const checkHop = (url: URL): Promise<string | null> => refusedHost(policy, url);
  progress.log(`reading the FTC landing page ${options.url}`);
  let html: string;
  let pageUrl: string;
  try {
    ({
      value: { html, pageUrl },
    } = await requestWithRetries(
      options.url,
      requestOptions(context, 'landing page', { checkHop }),
      async (response, attempt) => ({
        html: await readText(response, attempt),
        pageUrl: attempt.url,
      }),
    ));
  } catch (error) {
    if (!(error instanceof FetchFailedError)) throw error;
    summary.fatal = `could not read the landing page ${options.url}: ${withBlockedAdvice(error.message, error.status)}`;
    return summary;
  }

  const { links, refused } = partitionDailyFileLinks(html, pageUrl, (url) =>
    refusedByName(policy, url),
  );
  for (const link of refused) await recordRefusedLink(link, context, summary);
  if (links.length === 0 && refused.length === 0) {
    // A page without a single daily file is a changed page layout or an error page, not "no news".
    summary.fatal = `no daily CSV links (DNC_Complaint_Numbers_YYYY-MM-DD.csv) found on ${options.url}; has the page changed?`;
    return summary;
  }
  const wanted = links.filter((link) => options.since === null || link.published >= options.since);
  const plan = await planFiles(wanted, context);
  const selected = options.limit === null ? plan : plan.slice(0, options.limit);
  const lacking = selected.filter((file) => !file.onDisk).length;
  progress.log(
    `${links.length} daily files listed` +
      (options.since === null ? '' : `, ${wanted.length} published on or after ${options.since}`) +
      `; ${lacking} not in the archive, ${selected.length - lacking} to re-check` +
      (selected.length < plan.length
        ? ` (--limit ${options.limit}, ${plan.length - selected.length} left for later)`
        : ''),
  );

  for (const [index, file] of selected.entries()) {
    context.signal?.throwIfAborted();
    await fetchOne(
      file,
      `${counter(index + 1, selected.length)} ${file.link.fileName}`,
      { checkHop, maxBytes: options.maxFileBytes },
      context,
      summary,
    );
  }
  return summary;
}

/** A daily-file link to a host we do not fetch from: never requested, recorded, and the run fails. */
async function recordRefusedLink(
  link: DailyFileLink & { reason: string },
  context: RunContext,
  summary: RunSummary,
): Promise<void> {
  const reason = `not fetched: the landing page links ${link.url}, and ${link.reason}; if the FTC really moved its files, add --file-host`;
  await record(context, summary, {
    url: link.url,
    file: archiveRelPath(link.fileName),
    bytes: null,
    sha256: null,
    fetched_at: new Date(context.clock.now()).toISOString(),
    http_status: null,
    outcome: 'failed',
    source: 'landing-page',
    attempts: 0,
    reason,
  });
  context.progress.loud([`${link.fileName}: REFUSED: ${reason}`]);
}

interface FileFetchRules {
  checkHop: (url: URL) => Promise<string | null>;
  maxBytes: number;
}

/** Files the archive lacks first, then those it has; each group oldest first. */
async function planFiles(links: DailyFileLink[], context: RunContext): Promise<PlannedFile[]> {
  const files: PlannedFile[] = [];
  for (const link of links) {
    const rel = archiveRelPath(link.fileName);
    files.push({ link, rel, onDisk: await exists(toAbsolute(context.raw, rel)) });
  }
  return [...files.filter((file) => !file.onDisk), ...files.filter((file) => file.onDisk)];
}

async function fetchOne(
  file: PlannedFile,
  label: string,
  rules: FileFetchRules,
  context: RunContext,
  summary: RunSummary,
): Promise<void> {
  const { progress, clock } = context;
  const { link, rel } = file;
  const finalPath = toAbsolute(context.raw, rel);

  if (!file.onDisk && ledgerKnows(context.ledger.entries, rel)) {
    progress.loud([`${rel} is in the ledger but not on disk: fetching it again`]);
  }
  if (file.onDisk && !ledgerKnows(context.ledger.entries, rel)) {
    const digest = await recordFoundOnDisk(context, summary, link.url, rel, finalPath);
    progress.log(
      `${label}: on disk but not in the ledger; recorded (sha256 ${shortHash(digest.sha256)})`,
    );
  }

  const validators = file.onDisk ? await usableValidators(context, link.url) : null;
  progress.log(`${label}: ${file.onDisk ? 're-checking' : 'downloading'} ${link.url}`);
  let result;
  try {
    result = await downloadToTemp(link.url, finalPath, {
      request: requestOptions(context, label, { checkHop: rules.checkHop }),
      maxBytes: rules.maxBytes,
      ...(validators ? { conditional: conditionalFrom(validators) } : {}),
      onBytes: (received, total) =>
        progress.update(
          `${label}: ${formatBytes(received)}${total === null ? '' : ` of ${formatBytes(total)}`}`,
        ),
    });
  } catch (error) {
    if (!(error instanceof FetchFailedError)) throw error;
    const reason = withBlockedAdvice(error.message, error.status);
    await record(context, summary, {
      url: link.url,
      file: rel,
      bytes: null,
      sha256: null,
      fetched_at: new Date(clock.now()).toISOString(),
      http_status: error.status,
      outcome: 'failed',
      source: 'landing-page',
      attempts: error.attempts,
      reason,
    });
    progress.loud([`${label}: FAILED: ${reason}`]);
    return;
  }

  const fetchedAt = new Date(clock.now());
  if (result.kind === 'not-modified') {
    await record(context, summary, {
      url: link.url,
      file: validators?.file ?? rel,
      bytes: validators?.bytes ?? null,
      sha256: validators?.sha256 ?? null,
      fetched_at: fetchedAt.toISOString(),
      http_status: result.status,
      outcome: 'skipped-present',
      source: 'landing-page',
      attempts: result.attempts,
      reason: 'not modified since archived (HTTP 304)',
      ...validatorFields(validators?.etag ?? null, validators?.lastModified ?? null),
    });
    progress.log(`${label}: unchanged (304), already archived`);
    return;
  }

  summary.bytes += result.bytes;
  const settled = await settleIntoArchive(context.raw, rel, result.temp, result, fetchedAt);
  const entry: LedgerEntry = {
    url: link.url,
    file: settled.rel,
    bytes: result.bytes,
    sha256: result.sha256,
    fetched_at: fetchedAt.toISOString(),
    http_status: result.status,
    outcome: settled.outcome,
    source: 'landing-page',
    attempts: result.attempts,
    ...validatorFields(result.etag, result.lastModified),
    ...(result.finalUrl === link.url ? {} : { final_url: result.finalUrl }),
    ...(result.verdict.warning === null ? {} : { warning: result.verdict.warning }),
  };
  if (settled.outcome === 'changed-kept-both') {
    entry.original_file = settled.original.rel;
    entry.original_sha256 = settled.original.sha256;
    entry.original_bytes = settled.original.bytes;
    entry.reason =
      'the FTC now serves different bytes under this name; the archived file is kept as it was and the new one saved beside it';
  }
  await record(context, summary, entry);
  if (result.verdict.kind === 'changed' && settled.outcome !== 'skipped-present') {
    progress.loud([`SHAPE CHANGED: ${settled.rel}: ${result.verdict.warning}`]);
  } else if (result.verdict.warning !== null && settled.outcome !== 'skipped-present') {
    progress.loud([`${settled.rel}: ${result.verdict.warning}`]);
  }

  if (settled.outcome === 'downloaded') {
    progress.log(
      `${label}: downloaded ${formatBytes(result.bytes)} to ${settled.rel} (sha256 ${shortHash(result.sha256)})`,
    );
  } else if (settled.outcome === 'skipped-present') {
    progress.log(`${label}: same bytes as archived ${settled.rel}; nothing to do`);
  } else {
    progress.loud([
      `CONTENT CHANGED: ${link.fileName} is now served with different bytes`,
      `  archived   ${settled.original.rel}: ${formatBytes(settled.original.bytes)}, sha256 ${settled.original.sha256} (kept untouched)`,
      `  served now ${settled.rel}: ${formatBytes(result.bytes)}, sha256 ${result.sha256} (saved beside it)`,
    ]);
  }
}

/** Validators are only worth sending when the file they vouch for is still on disk. */
async function usableValidators(context: RunContext, url: string): Promise<Validators | null> {
  const validators = latestValidators(context.ledger.entries, url);
  if (!validators) return null;
  return (await exists(toAbsolute(context.raw, validators.file))) ? validators : null;
}

function conditionalFrom(validators: Validators): Conditional {
  return {
    ...(validators.etag === undefined ? {} : { etag: validators.etag }),
    ...(validators.lastModified === undefined ? {} : { lastModified: validators.lastModified }),
  };
}

function validatorFields(
  etag: string | null,
  lastModified: string | null,
): Pick<LedgerEntry, 'etag' | 'last_modified'> {
  return {
    ...(etag === null ? {} : { etag }),
    ...(lastModified === null ? {} : { last_modified: lastModified }),
  };
}
