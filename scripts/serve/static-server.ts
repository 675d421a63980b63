/**
 * A static file server that answers HEAD and byte-range requests the way duckdb-wasm needs
 * (`Range: bytes=0-0` → 206 with one byte). `astro preview` answers such a request with the whole
 * file, which makes DuckDB fall back to downloading everything (docs/STACK-NOTES.md).
 */
import { createReadStream } from 'node:fs';
import { realpathSync } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize, relative, resolve, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.wasm': 'application/wasm',
  '.duckdb': 'application/octet-stream',
  '.parquet': 'application/vnd.apache.parquet',
  '.gz': 'application/gzip',
  '.zip': 'application/zip',
  '.xml': 'application/xml',
  '.woff2': 'font/woff2',
};

export type ByteRange = { start: number; end: number } | 'unsatisfiable' | null;

/** One `bytes=` range against a file of `size` bytes; null means "send the whole file". */
export function parseRange(header: string | undefined, size: number): ByteRange {
  if (!header) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return null; // multiple or malformed ranges: ignore (RFC 9110 allows)
  if (match[1] === '') {
    const suffix = Number(match[2]);
    if (suffix === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(match[1]);
  const end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  if (start >= size || start > end) return 'unsatisfiable';
  return { start, end };
}

export interface StaticServerOptions {
  /**
   * Folders that symlinks under the root may lead into, besides the root itself (a test that
   * overlays a few changed files on a built site links the rest). Nothing is allowed by default.
   */
  linkTargets?: readonly string[];
}

export function createStaticServer(rootDir: string, options: StaticServerOptions = {}): Server {
  // The root's own real path: a root reached through a symlink (a CI cache, /tmp on macOS) is fine;
  // what must not happen is a link *inside* it leading out.
  const root = realpathSync(resolve(rootDir));
  const allowed = [root, ...(options.linkTargets ?? []).map((dir) => realpathSync(resolve(dir)))];
  const insideAllowed = (real: string): boolean => allowed.some((dir) => isInside(dir, real));
  return createServer((req, res) => {
    handle(root, insideAllowed, req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`server error: ${(error as Error).message}`);
    });
  });
}

async function handle(
  root: string,
  insideAllowed: (real: string) => boolean,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD' }).end();
    return;
  }
  const url = new URL(req.url ?? '/', 'http://localhost');
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    res.writeHead(400).end();
    return;
  }
  const path = normalize(join(root, pathname));
  if (!isInside(root, path)) {
    res.writeHead(403).end();
    return;
  }
  const file = await resolveFile(insideAllowed, path);
  if (file === 'outside') {
    res.writeHead(403).end();
    return;
  }
  if (!file) {
    if (
      !pathname.endsWith('/') &&
      (await resolveFile(insideAllowed, `${path}${sep}`)) &&
      !(await leavesRoot(insideAllowed, path))
    ) {
      res.writeHead(301, { location: `${directoryLocation(root, path)}${url.search}` }).end();
      return;
    }
    const notFound = await resolveFile(insideAllowed, join(root, '404.html'));
    res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
    if (notFound && notFound !== 'outside' && req.method === 'GET')
      createReadStream(notFound.path).pipe(res);
    else res.end();
    return;
  }
  const headers: Record<string, string | number> = {
    'content-type': CONTENT_TYPES[extname(file.path).toLowerCase()] ?? 'application/octet-stream',
    'accept-ranges': 'bytes',
    'last-modified': file.mtime.toUTCString(),
    'cache-control': 'no-cache',
  };
  // A gzipped twin written at build time (`npm run build` precompresses the engine's wasm and the
  // page assets) is sent to browsers that accept it, except for byte ranges, which address the
  // uncompressed file.
  if (!req.headers.range && acceptsGzip(req.headers['accept-encoding'])) {
    const gzipped = await resolveFile(insideAllowed, `${file.path}.gz`);
    if (gzipped && gzipped !== 'outside') {
      res.writeHead(200, {
        ...headers,
        'content-encoding': 'gzip',
        vary: 'accept-encoding',
        'content-length': gzipped.size,
      });
      if (req.method === 'HEAD') res.end();
      else createReadStream(gzipped.path).pipe(res);
      return;
    }
  }
  const range = parseRange(req.headers.range, file.size);
  if (range === 'unsatisfiable') {
    res.writeHead(416, { ...headers, 'content-range': `bytes */${file.size}` }).end();
    return;
  }
  if (range) {
    res.writeHead(206, {
      ...headers,
      'content-range': `bytes ${range.start}-${range.end}/${file.size}`,
      'content-length': range.end - range.start + 1,
    });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file.path, { start: range.start, end: range.end }).pipe(res);
    return;
  }
  res.writeHead(200, { ...headers, 'content-length': file.size });
  if (req.method === 'HEAD') res.end();
  else createReadStream(file.path).pipe(res);
}

function acceptsGzip(header: string | undefined): boolean {
  return /(^|,)\s*gzip\s*(;\s*q=(?!0(\.0*)?\s*(,|$))[\d.]+)?\s*(,|$)/i.test(header ?? '');
}

function isInside(root: string, path: string): boolean {
  return path === root || path.startsWith(root + sep);
}

/** True when `path` exists but its real path (symlinks followed) is outside the allowed folders. */
async function leavesRoot(
  insideAllowed: (real: string) => boolean,
  path: string,
): Promise<boolean> {
  const real = await realpath(path).catch(() => null);
  return real !== null && !insideAllowed(real);
}

/**
 * The trailing-slash redirect for a directory, built from the normalised file-system path only:
 * never from the raw request path, whose `//evil.com/…` would make `Location` protocol-relative
 * (an open redirect). Every segment is percent-encoded again, so the result is always one
 * absolute path on this host starting with a single `/`.
 */
export function directoryLocation(root: string, path: string): string {
  const segments = relative(root, path)
    .split(sep)
    .filter((segment) => segment !== '');
  return `/${segments.map(encodeURIComponent).join('/')}${segments.length > 0 ? '/' : ''}`;
}

type Resolved = { path: string; size: number; mtime: Date };

/**
 * The regular file to serve for `path` (a directory's `index.html`), or `'outside'` when the file
 * exists but a symlink takes its real path out of the root (and any `linkTargets`): a link under `dist/` to `/etc/passwd`
 * must not be served. What is served is the real path, so nothing can swap the link in between.
 */
async function resolveFile(
  insideAllowed: (real: string) => boolean,
  path: string,
): Promise<Resolved | 'outside' | null> {
  const info = await stat(path).catch(() => null);
  if (!info) return null;
  if (info.isDirectory()) {
    if (!path.endsWith(sep)) return null;
    return resolveFile(insideAllowed, join(path, 'index.html'));
  }
  if (!info.isFile()) return null;
  const real = await realpath(path).catch(() => null);
  if (real === null) return null;
  if (!insideAllowed(real)) return 'outside';
  return { path: real, size: info.size, mtime: info.mtime };
}
