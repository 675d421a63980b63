/**
 * Command line of `npm run data:fetch`. Pure: argv in, a checked command out, or a UsageError
 * that says exactly what is wrong (exit code 2, nothing fetched).
 */
import {
  parseCommandLine,
  positiveInteger,
  positiveNumber,
  UsageError,
  type CommandSpec,
} from '../lib/cli';
import { isDay } from '../../src/lib/dates';
import { DEFAULT_API_URL } from './api';
import { DEFAULT_MAX_FILE_BYTES } from './ftc-body-check';
import { FTC_FILE_HOSTS } from './hosts';
import { USER_AGENT } from './http';
import { DEFAULT_LANDING_URL } from './published';

export const USAGE = `usage: npm run data:fetch -- [options]

Download the FTC's daily Do Not Call complaint files the archive lacks into <raw>/dnc/<year>/,
recording every attempt in <raw>/dnc/ledger.json. Files already archived are asked for again
(conditionally when the server allows); if the FTC changed one, the archived file is kept and
the new bytes saved beside it as <name>.fetched-<UTC time>.csv. Nothing is ever overwritten.

  --since YYYY-MM-DD     only files published on or after this date (date in the file name)
  --raw DIR              the archive (default data/raw)
  --url URL              the FTC landing page listing the files (default the FTC's)
  --limit N              request at most N files (missing ones first, oldest first)
  --file-host HOST       a host the daily files may come from besides the landing page's; repeat for
                         more (default ${FTC_FILE_HOSTS.join(', ')}). Links and redirects to any other host,
                         loopback and private addresses included, are refused
  --max-file-mb N        abort a file whose decoded body passes N MiB (default ${DEFAULT_MAX_FILE_BYTES / 1024 / 1024}; the largest
                         real daily file is 1.4 MB)

  --api                  backfill from the FTC API instead, one file per creation day, 50 complaints a
                         request: for small ranges (DEMO_KEY allows 30 requests/hour, 50/day)
  --from YYYY-MM-DD      first complaint creation date (with --api)
  --to YYYY-MM-DD        last complaint creation date, inclusive (with --api)
  --api-url URL          API endpoint (default ${DEFAULT_API_URL})
  --requests-per-hour N  request budget (default 30 for DEMO_KEY, 1000 for a registered key)
  --requests-per-day N   daily budget (default 50 for DEMO_KEY, none for a registered key); both are
                         counted across runs in <raw>/dnc/state/api-budget.json. A run that reaches
                         either stops cleanly (STOPPED in the summary, exit 0) and the next run
                         resumes at the page where it stopped
  --refresh              fetch days again even when the archive has them (with --api)
                         API key: environment variable FTC_API_KEY (default DEMO_KEY)

  --user-agent TEXT      the User-Agent sent (default "${USER_AGENT}"); the FTC host is
                         reported to answer 403 to some non-browser User-Agents
  --timeout SECONDS      give up on an attempt after this long without data (default 60)
  --attempts N           attempts per request before giving up (default 5)
  -h, --help             this text

Exit code: 0 all good, 1 some file failed (the others were still fetched), 2 bad arguments,
130 interrupted (Ctrl-C; no partial file is left).`;

export { UsageError };

export interface NetworkArgs {
  idleTimeoutMs: number;
  attempts: number;
  userAgent: string;
}

export type Command =
  | { mode: 'help' }
  | {
      mode: 'published';
      raw: string;
      url: string;
      since: string | null;
      limit: number | null;
      fileHosts: string[];
      maxFileBytes: number;
      network: NetworkArgs;
    }
  | {
      mode: 'api';
      raw: string;
      apiUrl: string;
      from: string;
      to: string;
      limit: number | null;
      refresh: boolean;
      /** null: decide from the key (demo or registered). */
      requestsPerHour: number | null;
      requestsPerDay: number | null;
      network: NetworkArgs;
    };

const OPTIONS = {
  since: { type: 'string' },
  raw: { type: 'string', default: 'data/raw' },
  url: { type: 'string', default: DEFAULT_LANDING_URL },
  limit: { type: 'string' },
  api: { type: 'boolean', default: false },
  from: { type: 'string' },
  to: { type: 'string' },
  'api-url': { type: 'string', default: DEFAULT_API_URL },
  'requests-per-hour': { type: 'string' },
  'requests-per-day': { type: 'string' },
  refresh: { type: 'boolean', default: false },
  'file-host': { type: 'string', multiple: true },
  'max-file-mb': { type: 'string' },
  'user-agent': { type: 'string', default: USER_AGENT },
  timeout: { type: 'string', default: '60' },
  attempts: { type: 'string', default: '5' },
} as const;

export const FETCH_COMMAND: CommandSpec<typeof OPTIONS> = {
  name: 'data:fetch',
  usage: USAGE,
  options: OPTIONS,
};

export function parseCommand(argv: readonly string[]): Command {
  const line = parseCommandLine(FETCH_COMMAND, argv);
  if (line.help) return { mode: 'help' };
  const v = line.values;

  const network: NetworkArgs = {
    idleTimeoutMs: Math.round(positiveNumber('--timeout', v.timeout) * 1000),
    attempts: positiveInteger('--attempts', v.attempts),
    userAgent: userAgent(v['user-agent']),
  };
  const limit = v.limit === undefined ? null : positiveInteger('--limit', v.limit);

  for (const name of ['file-host', 'max-file-mb'] as const) {
    if (v.api && v[name] !== undefined)
      throw new UsageError(`--${name} is for the published files, not --api`);
  }
  if (v.api) {
    if (v.since !== undefined)
      throw new UsageError('--since is for the published files; with --api use --from and --to');
    if (v.from === undefined || v.to === undefined)
      throw new UsageError('--api needs --from YYYY-MM-DD and --to YYYY-MM-DD');
    const from = isoDate('--from', v.from);
    const to = isoDate('--to', v.to);
    if (from > to) throw new UsageError(`--from ${from} is after --to ${to}`);
    return {
      mode: 'api',
      raw: v.raw,
      apiUrl: httpUrl('--api-url', v['api-url']),
      from,
      to,
      limit,
      refresh: v.refresh,
      requestsPerHour:
        v['requests-per-hour'] === undefined
          ? null
          : positiveNumber('--requests-per-hour', v['requests-per-hour']),
      requestsPerDay:
        v['requests-per-day'] === undefined
          ? null
          : positiveInteger('--requests-per-day', v['requests-per-day']),
      network,
    };
  }
  for (const name of ['from', 'to', 'requests-per-hour', 'requests-per-day'] as const) {
    if (v[name] !== undefined) throw new UsageError(`--${name} only applies with --api`);
  }
  if (v.refresh) throw new UsageError('--refresh only applies with --api');
  return {
    mode: 'published',
    raw: v.raw,
    url: httpUrl('--url', v.url),
    since: v.since === undefined ? null : isoDate('--since', v.since),
    limit,
    fileHosts: v['file-host'] === undefined ? [...FTC_FILE_HOSTS] : v['file-host'].map(hostName),
    maxFileBytes:
      v['max-file-mb'] === undefined
        ? DEFAULT_MAX_FILE_BYTES
        : Math.round(positiveNumber('--max-file-mb', v['max-file-mb']) * 1024 * 1024),
    network,
  };
}

/** A real calendar date written `YYYY-MM-DD` (2026-02-30 is not one). */
export function isoDate(flag: string, value: string): string {
  if (!isDay(value)) throw new UsageError(`${flag} wants a date YYYY-MM-DD, got "${value}"`);
  return value;
}

/** A host as it appears in a URL: `name` or `name:port`, nothing else. */
function hostName(value: string): string {
  let url: URL;
  try {
    url = new URL(`http://${value.trim()}/`);
  } catch {
    throw new UsageError(`--file-host wants a host name like www.ftc.gov, got "${value}"`);
  }
  if (url.host !== value.trim().toLowerCase() || url.pathname !== '/')
    throw new UsageError(`--file-host wants a host name like www.ftc.gov, got "${value}"`);
  return url.host;
}

/** Printable ASCII only: it goes into an HTTP header. */
function userAgent(value: string): string {
  const text = value.trim();
  if (text === '' || !/^[\x20-\x7e]+$/.test(text))
    throw new UsageError(`--user-agent wants printable ASCII text, got ${JSON.stringify(value)}`);
  return text;
}

function httpUrl(flag: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`${flag} wants a URL, got "${value}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new UsageError(`${flag} wants an http(s) URL, got "${value}"`);
  return url.href;
}
