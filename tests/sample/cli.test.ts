/**
 * The command as other scripts run it (`npx tsx scripts/sample.ts …`), with worker threads:
 * the same bytes as generating in one thread.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateSample } from '../../scripts/sample/generate';
import { tempDir } from '../helpers/temp';

const temp = tempDir('sample-cli');
afterAll(() => temp.cleanup());

function hashes(out: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const year of readdirSync(join(out, 'dnc'))) {
    for (const file of readdirSync(join(out, 'dnc', year))) {
      result[`${year}/${file}`] = createHash('sha256')
        .update(readFileSync(join(out, 'dnc', year, file)))
        .digest('hex');
    }
  }
  return result;
}

describe('npm run data:sample', () => {
  it('writes with worker threads exactly what one thread writes, across a year boundary', async () => {
    const args = ['--days', '4', '--end', '2025-12-31', '--seed', '7', '--volume', '3000'];
    const cli = join(temp.dir, 'cli');
    const stdout = execFileSync(
      'npx',
      ['tsx', 'scripts/sample.ts', ...args, '--workers', '2', '--out', cli],
      { encoding: 'utf8' },
    );
    expect(stdout).toMatch(
      /data:sample: [\d,]+ complaints created 2025-12-28 … 2025-12-31 in 4 files/,
    );
    const inline = join(temp.dir, 'inline');
    await generateSample({
      days: 4,
      end: '2025-12-31',
      seed: '7',
      volume: 3000,
      out: inline,
      workers: 1,
    });
    const expected = hashes(inline);
    expect(Object.keys(expected)).toContain('2026/DNC_Complaint_Numbers_2026-01-01.csv');
    expect(hashes(cli)).toEqual(expected);
    expect(JSON.parse(readFileSync(join(cli, 'synthetic.json'), 'utf8'))).toEqual(
      JSON.parse(readFileSync(join(inline, 'synthetic.json'), 'utf8')),
    );
  });

  it('explains a bad option and exits 2', () => {
    const result = spawnSync('npx', ['tsx', 'scripts/sample.ts', '--days', 'ten'], {
      encoding: 'utf8',
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--days must be a positive integer');
    expect(result.stderr).toContain('Usage:');
  });
});
