import { mkdirSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaticServer, parseRange } from '../../scripts/serve/static-server';
import { tempDir } from '../helpers/temp';

describe('parseRange', () => {
  it.each([
    ['bytes=0-0', 100, { start: 0, end: 0 }],
    ['bytes=10-19', 100, { start: 10, end: 19 }],
    ['bytes=90-', 100, { start: 90, end: 99 }],
    ['bytes=-5', 100, { start: 95, end: 99 }],
    ['bytes=50-500', 100, { start: 50, end: 99 }],
    ['bytes=100-', 100, 'unsatisfiable'],
    ['bytes=5-2', 100, 'unsatisfiable'],
    ['bytes=0-1,5-6', 100, null],
    [undefined, 100, null],
  ] as const)('%s of %i bytes', (header, size, expected) => {
    expect(parseRange(header, size)).toEqual(expected);
  });
});

describe('createStaticServer', () => {
  const tmp = tempDir('serve');
  let base: string;
  const server = createStaticServer(tmp.dir);
  const body = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 256));

  beforeAll(async () => {
    mkdirSync(join(tmp.dir, 'data'));
    writeFileSync(join(tmp.dir, 'data', 'cube.duckdb'), body);
    mkdirSync(join(tmp.dir, 'explore'));
    writeFileSync(join(tmp.dir, 'explore', 'index.html'), '<h1>explore</h1>');
    writeFileSync(join(tmp.dir, 'engine.wasm'), body);
    writeFileSync(join(tmp.dir, 'engine.wasm.gz'), gzipSync(body));
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.close();
    tmp.cleanup();
  });

  it('answers Range: bytes=0-0 with 206 and one byte', async () => {
    const res = await fetch(`${base}/data/cube.duckdb`, { headers: { range: 'bytes=0-0' } });
    expect(res.status).toBe(206);
    expect(res.headers.get('content-range')).toBe('bytes 0-0/1000');
    expect(Buffer.from(await res.arrayBuffer())).toEqual(body.subarray(0, 1));
  });

  it('serves the exact bytes of a middle range', async () => {
    const res = await fetch(`${base}/data/cube.duckdb`, { headers: { range: 'bytes=300-599' } });
    expect(res.status).toBe(206);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(body.subarray(300, 600));
  });

  it('answers HEAD with the length and no body', async () => {
    const res = await fetch(`${base}/data/cube.duckdb`, { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBe('1000');
    expect(res.headers.get('accept-ranges')).toBe('bytes');
  });

  it('refuses ranges past the end with 416', async () => {
    const res = await fetch(`${base}/data/cube.duckdb`, { headers: { range: 'bytes=1000-' } });
    expect(res.status).toBe(416);
  });

  it('serves index.html for directories and redirects to the trailing slash', async () => {
    expect(await (await fetch(`${base}/explore/`)).text()).toBe('<h1>explore</h1>');
    const res = await fetch(`${base}/explore?chart=map`, { redirect: 'manual' });
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe('/explore/?chart=map');
  });

  it('sends the gzipped twin to a browser that accepts gzip, and the plain bytes for a Range', async () => {
    const raw = await new Promise<{ encoding: string | undefined; length: string | undefined }>(
      (resolve) => {
        // fetch() always accepts gzip and decodes it; node:http shows what went over the wire.
        void import('node:http').then(({ get }) =>
          get(`${base}/engine.wasm`, { headers: { 'accept-encoding': 'gzip, br' } }, (res) => {
            res.resume();
            resolve({
              encoding: res.headers['content-encoding'],
              length: res.headers['content-length'],
            });
          }),
        );
      },
    );
    expect(raw.encoding).toBe('gzip');
    expect(Number(raw.length)).toBe(gzipSync(body).length);
    const decoded = await fetch(`${base}/engine.wasm`);
    expect(Buffer.from(await decoded.arrayBuffer())).toEqual(body);
    const range = await fetch(`${base}/engine.wasm`, {
      headers: { range: 'bytes=0-9', 'accept-encoding': 'gzip' },
    });
    expect(range.status).toBe(206);
    expect(range.headers.get('content-encoding')).toBeNull();
    expect(Buffer.from(await range.arrayBuffer())).toEqual(body.subarray(0, 10));
  });

  it('never serves files outside its folder', async () => {
    const res = await fetch(`${base}/..%2F..%2Fetc%2Fpasswd`);
    expect([403, 404]).toContain(res.status);
  });
});
