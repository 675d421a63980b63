/**
 * The real entry point, `scripts/fetch-dnc.ts`, as a child process: exit codes a cron job sees,
 * and Ctrl-C in the middle of a download leaving no partial file behind.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FTC_HEADER } from '../../src/lib/ftc-format';
import {
  FakeServer,
  leftoverTempFiles,
  listFiles,
  readLedgerJson,
  removeDir,
  tempRaw,
} from './helpers';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

interface Exit {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(
  args: string[],
  onStderr?: (text: string, child: ReturnType<typeof spawn>) => void,
): Promise<Exit> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/fetch-dnc.ts', ...args], {
      cwd: ROOT,
      stdio: 'pipe',
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      onStderr?.(stderr, child);
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

let server: FakeServer;
let raw: string;

beforeEach(async () => {
  server = await new FakeServer().start();
  raw = await tempRaw();
});

afterEach(async () => {
  const leftovers = await leftoverTempFiles(raw);
  await server.stop();
  await removeDir(raw);
  expect(leftovers).toEqual([]);
});

describe('scripts/fetch-dnc.ts', () => {
  it('exits 1 when a file is an HTML page, and leaves no file for it', async () => {
    server.route('/page', {
      kind: 'ok',
      body: '<a href="/f/DNC_Complaint_Numbers_2026-05-15.csv">x</a>',
    });
    server.route('/f/DNC_Complaint_Numbers_2026-05-15.csv', {
      kind: 'ok',
      headers: { 'content-type': 'text/html' },
      body: '<html><head><title>Service Unavailable</title></head></html>',
    });
    const result = await cli(['--raw', raw, '--url', server.url('/page')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('not an FTC CSV: an HTML page titled "Service Unavailable"');
    expect(await listFiles(raw)).toEqual(['dnc/ledger.json']);
    expect((await readLedgerJson(raw)).entries[0]).toMatchObject({
      outcome: 'failed',
      file: 'dnc/2026/DNC_Complaint_Numbers_2026-05-15.csv',
    });
  });

  it('exits 2 on bad arguments and 0 on --help', async () => {
    const bad = await cli(['--raw', raw, '--since', '2026-13-01']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--since wants a date YYYY-MM-DD, got "2026-13-01"');
    expect(existsSync(join(raw, 'dnc'))).toBe(false);
    const help = await cli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('usage: npm run data:fetch');
  });

  it('on SIGINT mid-download removes the partial file and exits 130', async () => {
    server.route('/page', {
      kind: 'ok',
      body: '<a href="/f/DNC_Complaint_Numbers_2026-05-15.csv">x</a>',
    });
    server.route('/f/DNC_Complaint_Numbers_2026-05-15.csv', {
      kind: 'custom',
      // Half a file, then silence: the client is mid-download with a temp file open.
      handle: (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/csv', 'content-length': '100000' });
        res.write(`${FTC_HEADER}\r\n${'1,2026-05-14 00:00:00,,,,,,Y\r\n'.repeat(100)}`);
      },
    });
    let sent = false;
    const result = await cli(
      ['--raw', raw, '--url', server.url('/page'), '--timeout', '30'],
      (text, child) => {
        if (!sent && text.includes('downloading')) {
          sent = true;
          // Let the first chunk reach the temp file before interrupting.
          setTimeout(() => child.kill('SIGINT'), 300);
        }
      },
    );
    expect(result.code).toBe(130);
    expect(result.stderr).toContain('interrupted');
    expect(await listFiles(raw)).toEqual([]);
  });
});
