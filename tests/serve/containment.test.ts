/**
 * The static server stays inside its root and its host (issue 14.5): symlinks under the root that
 * lead out are refused, and the directory redirect never becomes a protocol-relative `Location`.
 * Raw requests through node:http, because fetch() would normalise the hostile paths away.
 */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaticServer, directoryLocation } from '../../scripts/serve/static-server';
import { tempDir } from '../helpers/temp';

interface RawAnswer {
  status: number;
  location: string | undefined;
  body: string;
}

function rawGet(port: number, path: string): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, location: res.headers.location, body }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

describe('static server containment', () => {
  const outside = tempDir('serve-outside');
  const tmp = tempDir('serve-root');
  const server = createStaticServer(tmp.dir);
  let port = 0;
  const SECRET = 'root:x:0:0:secret outside the root';

  beforeAll(async () => {
    writeFileSync(join(outside.dir, 'passwd'), SECRET);
    mkdirSync(join(outside.dir, 'private'));
    writeFileSync(join(outside.dir, 'private', 'index.html'), SECRET);
    mkdirSync(join(tmp.dir, 'explore'));
    writeFileSync(join(tmp.dir, 'explore', 'index.html'), '<h1>explore</h1>');
    mkdirSync(join(tmp.dir, 'data'));
    writeFileSync(join(tmp.dir, 'data', 'real.csv'), 'a,b\r\n');
    symlinkSync(join(outside.dir, 'passwd'), join(tmp.dir, 'data', 'passwd'));
    symlinkSync(join(outside.dir, 'private'), join(tmp.dir, 'private'));
    writeFileSync(join(outside.dir, 'engine.wasm.gz'), SECRET);
    writeFileSync(join(tmp.dir, 'engine.wasm'), 'wasm');
    symlinkSync(join(outside.dir, 'engine.wasm.gz'), join(tmp.dir, 'engine.wasm.gz'));
    // A link that stays inside the root is fine.
    symlinkSync(join(tmp.dir, 'data', 'real.csv'), join(tmp.dir, 'data', 'alias.csv'));
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => {
    server.close();
    tmp.cleanup();
    outside.cleanup();
  });

  it('refuses a symlinked file that leads outside the root', async () => {
    const answer = await rawGet(port, '/data/passwd');
    expect(answer.status).toBe(403);
    expect(answer.body).not.toContain('secret');
  });

  it('refuses a symlinked directory that leads outside the root, index and redirect alike', async () => {
    const index = await rawGet(port, '/private/');
    expect(index.status).toBe(403);
    expect(index.body).not.toContain('secret');
    const bare = await rawGet(port, '/private');
    expect(bare.status).not.toBe(301);
    expect(bare.body).not.toContain('secret');
  });

  it('never sends a gzipped twin that is a link out of the root', async () => {
    const answer = await new Promise<RawAnswer>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port, path: '/engine.wasm', headers: { 'accept-encoding': 'gzip' } },
        (res) => {
          let body = '';
          res.on('data', (chunk: Buffer) => (body += chunk.toString('latin1')));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, location: undefined, body }));
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toBe('wasm');
  });

  it('serves a symlink that stays inside the root', async () => {
    const answer = await rawGet(port, '/data/alias.csv');
    expect(answer.status).toBe(200);
    expect(answer.body).toBe('a,b\r\n');
  });

  it.each([
    ['/.//evil.com/%2e%2e%2fexplore', '/explore/'],
    ['//evil.com/%2e%2e/explore', '/explore/'],
    ['/%2fevil.com/..%2fexplore', '/explore/'],
    ['/\\evil.com/../explore', '/explore/'],
    ['/explore?x=1', '/explore/?x=1'],
  ])(
    'builds the directory redirect for %s from the normalised path only',
    async (path, expected) => {
      const answer = await rawGet(port, path);
      expect(answer.status).toBe(301);
      expect(answer.location).toBe(expected);
      expect(answer.location!.startsWith('//')).toBe(false);
    },
  );

  it('percent-encodes each segment of a redirect again', () => {
    expect(directoryLocation('/srv', '/srv/a b/%2f')).toBe('/a%20b/%252f/');
    expect(directoryLocation('/srv', '/srv')).toBe('/');
  });
});

describe('static server linkTargets', () => {
  it('follows links into an explicitly allowed folder, and only there', async () => {
    const site = tempDir('serve-site');
    const other = tempDir('serve-other');
    const root = tempDir('serve-overlay');
    writeFileSync(join(site.dir, 'page.html'), 'from the site');
    writeFileSync(join(other.dir, 'secret'), 'not allowed');
    symlinkSync(join(site.dir, 'page.html'), join(root.dir, 'page.html'));
    symlinkSync(join(other.dir, 'secret'), join(root.dir, 'secret'));
    const server = createStaticServer(root.dir, { linkTargets: [site.dir] });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const port = (server.address() as AddressInfo).port;
    try {
      expect(await rawGet(port, '/page.html')).toMatchObject({
        status: 200,
        body: 'from the site',
      });
      expect((await rawGet(port, '/secret')).status).toBe(403);
    } finally {
      server.close();
      for (const dir of [site, other, root]) dir.cleanup();
    }
  });
});
