/**
 * A static file server that answers HEAD and byte-range requests the way duckdb-wasm needs
 * (`Range: bytes=0-0` → 206 with one byte). `astro preview` answers such a request with the whole
 * file, which makes DuckDB fall back to downloading everything (STACK-NOTES.md).
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';

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

export function createStaticServer(rootDir: string): Server {
  const root = resolve(rootDir);
  return createServer((req, res) => {
    handle(root, req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`server error: ${(error as Error).message}`);
    });
  });
}

async function handle(root: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
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
  if (path !== root && !path.startsWith(root + sep)) {
    res.writeHead(403).end();
    return;
  }
  const file = await resolveFile(path);
  if (!file) {
    if (!pathname.endsWith('/') && (await resolveFile(`${path}${sep}`))) {
      res.writeHead(301, { location: `${url.pathname}/${url.search}` }).end();
      return;
    }
    const notFound = await resolveFile(join(root, '404.html'));
    res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
    if (notFound && req.method === 'GET') createReadStream(notFound.path).pipe(res);
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
    const gzipped = await resolveFile(`${file.path}.gz`);
    if (gzipped) {
      res.writeHead(200, { ...headers, 'content-encoding': 'gzip', vary: 'accept-encoding', 'content-length': gzipped.size });
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
    res.writeHead(206, { ...headers, 'content-range': `bytes ${range.start}-${range.end}/${file.size}`, 'content-length': range.end - range.start + 1 });
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

async function resolveFile(path: string): Promise<{ path: string; size: number; mtime: Date } | null> {
  const info = await stat(path).catch(() => null);
  if (!info) return null;
  if (info.isDirectory()) {
    if (!path.endsWith(sep)) return null;
    return resolveFile(join(path, 'index.html'));
  }
  return info.isFile() ? { path, size: info.size, mtime: info.mtime } : null;
}
