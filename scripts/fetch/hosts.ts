/**
 * Which hosts the fetcher may talk to, so that a landing page (or a redirect) cannot turn it into
 * a proxy onto another server, the machine's loopback or the local network.
 *
 * Accepted: the landing page's own host (the operator chose it with `--url`) and the FTC's file
 * hosts (`--file-host`, default below). Everything else is refused by name, on every hop: links
 * on the page, `<base href>` targets, each `Location` of a redirect chain (so a link or a 302 to
 * 127.0.0.1, 10.x or 169.254.169.254 is refused unless the operator named exactly that host). A
 * file host given by name must also not resolve to a loopback, private or link-local address (a
 * DNS answer pointing `www.ftc.gov` into the LAN is not the FTC). Hosts written as addresses are
 * exempt from that check: a test or a local mirror on 127.0.0.1 is the operator's own choice.
 *
 * Limit, said plainly: fetch() resolves the name again when it connects, so a resolver that
 * changes its answer between our lookup and the connection is not caught here.
 */
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';

/** Where the FTC serves its daily files today (observed: `www.ftc.gov/sites/default/files/…`). */
export const FTC_FILE_HOSTS: readonly string[] = ['www.ftc.gov', 'ftc.gov'];

/** Most hops a redirect chain may take before we call it a loop. */
export const MAX_REDIRECTS = 5;

export type Resolver = (hostname: string) => Promise<string[]>;

export const systemResolver: Resolver = async (hostname) =>
  (await lookup(hostname, { all: true })).map((entry) => entry.address);

export interface HostPolicy {
  /** `host` (hostname and non-default port, lower case) of the landing page. */
  landingHost: string;
  /** Hosts accepted besides the landing page's. */
  fileHosts: ReadonlySet<string>;
  resolve: Resolver;
}

export function hostPolicy(
  landingUrl: string,
  fileHosts: readonly string[] = FTC_FILE_HOSTS,
  resolve: Resolver = systemResolver,
): HostPolicy {
  return {
    landingHost: new URL(landingUrl).host.toLowerCase(),
    fileHosts: new Set(
      fileHosts.map((host) => host.trim().toLowerCase()).filter((host) => host !== ''),
    ),
    resolve,
  };
}

/** Why `url` may not be requested, judged by its text alone; null when it may. */
export function refusedByName(policy: HostPolicy, url: URL): string | null {
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return `${url.protocol} is not http(s)`;
  if (url.username !== '' || url.password !== '') return 'a URL with credentials in it';
  const host = url.host.toLowerCase();
  if (host === policy.landingHost || policy.fileHosts.has(host)) return null;
  const where = isPrivateAddress(stripBrackets(url.hostname))
    ? ' (a loopback or private address)'
    : '';
  return `host ${host}${where} is neither the landing page's (${policy.landingHost}) nor an FTC file host (${[...policy.fileHosts].join(', ') || 'none'})`;
}

/** `refusedByName`, then, for a file host given by name, what it resolves to. */
export async function refusedHost(policy: HostPolicy, url: URL): Promise<string | null> {
  const byName = refusedByName(policy, url);
  if (byName !== null) return byName;
  const hostname = stripBrackets(url.hostname);
  // An address written out (landing page or --file-host) is the operator's explicit choice.
  if (url.host.toLowerCase() === policy.landingHost || isIP(hostname) !== 0) return null;
  let addresses: string[];
  try {
    addresses = await policy.resolve(hostname);
  } catch {
    return null; // fetch will report the DNS failure itself, with retries
  }
  const inside = addresses.find(isPrivateAddress);
  return inside === undefined
    ? null
    : `host ${url.host} resolves to ${inside}, a loopback or private address`;
}

function stripBrackets(hostname: string): string {
  return hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
}

/** Loopback, RFC 1918, CGNAT, link-local, unspecified, IPv6 ULA/link-local, IPv4-mapped forms. */
export function isPrivateAddress(address: string): boolean {
  const kind = isIP(address);
  if (kind === 4) {
    const [a = 0, b = 0] = address.split('.').map(Number);
    return (
      a === 0 ||
      a === 10 ||
      a === 127 ||
      (a === 100 && b >= 64 && b <= 127) ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168)
    );
  }
  if (kind === 6) {
    const lower = address.toLowerCase();
    const mapped = /^(?:0*:)*:?ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower)?.[1];
    if (mapped) return isPrivateAddress(mapped);
    const hexMapped = /^(?:0*:)*:?ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
    if (hexMapped) {
      const high = Number.parseInt(hexMapped[1]!, 16);
      const low = Number.parseInt(hexMapped[2]!, 16);
      return isPrivateAddress(`${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`);
    }
    return lower === '::' || lower === '::1' || /^f[cd]/.test(lower) || /^fe[89ab]/.test(lower);
  }
  return false;
}
