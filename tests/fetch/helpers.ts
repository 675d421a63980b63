/**
 * Test doubles for the fetch suite: a scriptable FTC web server on 127.0.0.1 (port 0), a fake
 * clock whose sleeps return at once, and small archive helpers. Not a test file itself.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { FTC_HEADER } from '../../src/lib/ftc-format';
import type { Clock } from '../../scripts/fetch/http';
import type { Ledger } from '../../scripts/fetch/ledger';
import type { Output } from '../../scripts/lib/progress';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  /** The fake clock's time when the server saw the request (when a clock was attached). */
  at: number | null;
}

/** What the server does for one request to a path. The last behaviour of a path repeats. */
export type Behaviour =
  | { kind: 'ok'; body: string | Buffer; headers?: Record<string, string> }
  | { kind: 'status'; status: number; body?: string; headers?: Record<string, string> }
  /** Accept the request and never answer (a client timeout must end it). */
  | { kind: 'hang' }
  /** Promise `declared` bytes, send `body`, then cut the connection. */
  | { kind: 'truncate'; body: Buffer; declared: number }
  | { kind: 'custom'; handle(req: IncomingMessage, res: ServerResponse, url: URL): void };

export class FakeServer {
  readonly requests: RecordedRequest[] = [];
  private readonly routes = new Map<string, Behaviour[]>();
  private server: Server | null = null;
  private port = 0;
  clock: FakeClock | null = null;

  /** Script the answers for `path` (without query string), in order; the last one repeats. */
  route(path: string, ...behaviours: Behaviour[]): this {
    this.routes.set(path, behaviours);
    return this;
  }

  url(path: string): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  requestsTo(path: string): RecordedRequest[] {
    return this.requests.filter((request) => new URL(request.url, 'http://x').pathname === path);
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    this.server = null;
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    this.requests.push({
      method: req.method ?? 'GET',
      url: req.url ?? '/',
      headers: req.headers,
      at: this.clock?.now() ?? null,
    });
    const script = this.routes.get(url.pathname);
    if (!script || script.length === 0) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const behaviour = script.length > 1 ? script.shift()! : script[0]!;
    switch (behaviour.kind) {
      case 'ok': {
        const body =
          typeof behaviour.body === 'string' ? Buffer.from(behaviour.body) : behaviour.body;
        res
          .writeHead(200, {
            'content-type': 'text/csv',
            'content-length': String(body.length),
            ...behaviour.headers,
          })
          .end(body);
        return;
      }
      case 'status':
        res
          .writeHead(behaviour.status, { 'content-type': 'text/plain', ...behaviour.headers })
          .end(behaviour.body ?? '');
        return;
      case 'hang':
        return;
      case 'truncate':
        res.writeHead(200, {
          'content-type': 'text/csv',
          'content-length': String(behaviour.declared),
        });
        res.write(behaviour.body, () => setTimeout(() => res.socket?.destroy(), 20));
        return;
      case 'custom':
        behaviour.handle(req, res, url);
        return;
    }
  }
}

export interface FakeClock extends Clock {
  /** Every sleep asked for, in ms, in order. */
  sleeps: number[];
}

/** Starts at 2026-05-16T12:00:00Z; sleeping advances time instantly. `random()` is always 0.5. */
export function fakeClock(start = Date.parse('2026-05-16T12:00:00Z')): FakeClock {
  let now = start;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    random: () => 0.5,
    async sleep(ms) {
      sleeps.push(ms);
      now += ms;
    },
  };
}

/** Collects progress output (as stderr would show it). */
export class Captured implements Output {
  text = '';
  isTTY = false;
  write(chunk: string): boolean {
    this.text += chunk;
    return true;
  }
}

/** A small daily file in the FTC's format; `seed` varies the rows so contents differ. */
export function ftcCsv(createdDate: string, rows: number, seed = 0): string {
  const lines = [FTC_HEADER];
  for (let i = 0; i < rows; i += 1) {
    const second = String((i + seed) % 60).padStart(2, '0');
    lines.push(
      `80055501${String(i % 100).padStart(2, '0')},${createdDate} 10:00:${second},${createdDate} 09:00:00,Columbus,Ohio,614,` +
        `"Calls pretending to be government, businesses, or family and friends",${i % 2 === 0 ? 'Y' : 'N'}`,
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

export function sha256(content: string | Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}

export async function tempRaw(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'fetch-test-'));
}

export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

/** Every file under `dir`, relative, `/`-separated, sorted. */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort();
}

/** Temp files a run must never leave behind (downloads in flight, ledger being written). */
export async function leftoverTempFiles(dir: string): Promise<string[]> {
  return (await listFiles(dir)).filter((file) => /(^|\/)\.[^/]*\.(part|tmp)$/.test(file));
}

export async function readLedgerJson(raw: string): Promise<Ledger> {
  return JSON.parse(await readFile(join(raw, 'dnc', 'ledger.json'), 'utf8')) as Ledger;
}
