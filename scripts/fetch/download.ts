/**
 * One daily file from the FTC, streamed into a temp file beside its archive place and checked
 * before anyone may keep it: the byte count matches Content-Length (a short body is a failed
 * attempt, retried), the first bytes are not a web page (rejected at once), the decoded body
 * stays under a size cap (aborted the moment it passes), and the whole body is FTC rows or at
 * least a CSV of one shape (`FtcBodyCheck`). Whatever goes wrong, the temp file is removed; on
 * success the caller settles it into the archive.
 */
import { createHash } from 'node:crypto';
import { mkdir, open } from 'node:fs/promises';
import { dirname } from 'node:path';
import { removeQuietly, tempPathFor } from './archive';
import {
  DEFAULT_MAX_FILE_BYTES,
  FtcBodyCheck,
  TooLargeError,
  type BodyVerdict,
} from './ftc-body-check';
import { withBlockedAdvice } from './blocked';
import { checkFtcCsvHead, HEAD_BYTES } from './ftc-csv-check';
import {
  declaredLength,
  PermanentError,
  readChunks,
  requestWithRetries,
  RetryableError,
  type RequestOptions,
} from './http';

export interface Conditional {
  etag?: string;
  lastModified?: string;
}

export type DownloadResult =
  | { kind: 'not-modified'; status: number; attempts: number }
  | {
      kind: 'body';
      status: number;
      attempts: number;
      temp: string;
      sha256: string;
      bytes: number;
      etag: string | null;
      lastModified: string | null;
      /** The URL that served the bytes, after redirects. */
      finalUrl: string;
      /** `changed` verdicts are archived with a loud warning; `ftc` may carry a milder one. */
      verdict: Exclude<BodyVerdict, { kind: 'rejected' }>;
    };

export interface DownloadOptions {
  request: RequestOptions;
  conditional?: Conditional;
  /** Decoded bytes a body may have before the download is aborted (default DEFAULT_MAX_FILE_BYTES). */
  maxBytes?: number;
  /** Bytes received so far in this attempt (progress display). */
  onBytes?: (received: number, total: number | null) => void;
}

/** Download `url` to a temp file beside `finalPath`. Throws `FetchFailedError` when it cannot. */
export async function downloadToTemp(
  url: string,
  finalPath: string,
  options: DownloadOptions,
): Promise<DownloadResult> {
  await mkdir(dirname(finalPath), { recursive: true });
  const headers: Record<string, string> = {
    ...options.request.headers,
    accept: 'text/csv, */*;q=0.1',
  };
  if (options.conditional?.etag !== undefined) headers['if-none-match'] = options.conditional.etag;
  if (options.conditional?.lastModified !== undefined)
    headers['if-modified-since'] = options.conditional.lastModified;

  const { value, status, attempts } = await requestWithRetries(
    url,
    { ...options.request, headers },
    async (response, context) => {
      if (response.status === 304) {
        await response.body?.cancel().catch(() => undefined);
        return null;
      }
      const maxBytes = options.maxBytes ?? DEFAULT_MAX_FILE_BYTES;
      const total = declaredLength(response);
      if (total !== null && total > maxBytes) {
        await response.body?.cancel().catch(() => undefined);
        throw new PermanentError(
          `not an FTC CSV: Content-Length ${total} is over the ${Math.round(maxBytes / 1024 / 1024)} MiB a daily file may have; nothing downloaded`,
        );
      }
      const temp = tempPathFor(finalPath);
      const handle = await open(temp, 'wx');
      try {
        const hash = createHash('sha256');
        const body = new FtcBodyCheck(maxBytes);
        const contentType = response.headers.get('content-type');
        let head: Uint8Array = new Uint8Array(0);
        let checked = false;
        let written = 0;
        const received = await readChunks(response, context, async (chunk) => {
          try {
            body.push(chunk);
          } catch (error) {
            if (error instanceof TooLargeError) throw new PermanentError(error.message);
            throw error;
          }
          if (!checked) {
            head = concat(head, chunk);
            checked = judge(head, contentType, false);
          }
          hash.update(chunk);
          await handle.write(chunk);
          written += chunk.byteLength;
          options.onBytes?.(written, total);
        });
        if (!checked) judge(head, contentType, true);
        if (total !== null && received !== total) {
          throw new RetryableError(
            `body cut short: ${received} of ${total} bytes (Content-Length)`,
          );
        }
        const verdict = body.finish();
        if (verdict.kind === 'rejected') throw new PermanentError(verdict.reason);
        await handle.sync();
        await handle.close();
        return {
          temp,
          sha256: hash.digest('hex'),
          bytes: received,
          etag: response.headers.get('etag'),
          lastModified: response.headers.get('last-modified'),
          finalUrl: context.url,
          verdict,
        };
      } catch (error) {
        await handle.close().catch(() => undefined);
        await removeQuietly(temp);
        throw error;
      }
    },
  );
  if (value === null) return { kind: 'not-modified', status, attempts };
  return { kind: 'body', status, attempts, ...value };
}

/**
 * True once the head has been judged (the FTC header, or another first line for the body check to
 * weigh); throws `PermanentError` for a web page, so that no more of it is read.
 */
function judge(head: Uint8Array, contentType: string | null, complete: boolean): boolean {
  const verdict = checkFtcCsvHead(
    head.subarray(0, HEAD_BYTES),
    contentType,
    complete || head.length >= HEAD_BYTES,
  );
  if (verdict.kind === 'rejected') throw new PermanentError(withBlockedAdvice(verdict.reason));
  return verdict.kind !== 'undecided';
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
