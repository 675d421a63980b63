/** Re-running ingest on the same raw files gives the same outputs; a failed run changes nothing. */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProgress } from '../../scripts/lib/progress';
import { REFERENCE_DIR } from '../../scripts/lib/reference';
import { ingest } from '../../scripts/ingest/run-ingest';
import { writeCorpus } from '../fixtures/malformed-corpus';
import { tempDir } from '../helpers/temp';
import { snapshot } from './snapshot';

const quiet = createProgress(process.stderr, true);

describe('ingest, run again', () => {
  const tmp = tempDir('idempotent');
  const raw = join(tmp.dir, 'raw');
  const out = join(tmp.dir, 'build');

  beforeAll(() => writeCorpus(raw));
  afterAll(() => tmp.cleanup());

  it('gives the same tables, downloads, quarantine and manifest', async () => {
    await ingest({ raw, out, progress: quiet });
    const first = await snapshot(out);
    await ingest({ raw, out, progress: quiet });
    const second = await snapshot(out);
    expect(second).toEqual(first);
    expect(Object.keys(first.contents).length).toBeGreaterThan(5);
    // Parquet and gzipped CSV come out byte for byte the same.
    expect(second.manifest.downloads.map((d) => d.sha256)).toEqual(
      first.manifest.downloads.map((d) => d.sha256),
    );
  });

  it('leaves the previous build untouched when a run fails, and no temporary folder behind', async () => {
    await ingest({ raw, out, progress: quiet });
    const before = readFileSync(join(out, 'manifest.json'), 'utf8');
    const brokenReference = join(tmp.dir, 'broken-reference');
    mkdirSync(brokenReference);
    writeFileSync(join(brokenReference, 'states.csv'), 'not,the,states\n');
    await expect(
      ingest({ raw, out, referenceDir: brokenReference, progress: quiet }),
    ).rejects.toThrow();
    expect(readFileSync(join(out, 'manifest.json'), 'utf8')).toBe(before);
    expect(readdirSync(tmp.dir).filter((f) => f.includes('.tmp-') || f.includes('.old-'))).toEqual(
      [],
    );
    expect(REFERENCE_DIR).not.toBe(brokenReference);
  });
});

describe('ingest of an archive with nothing to load', () => {
  const tmp = tempDir('nothing');
  afterAll(() => tmp.cleanup());

  it('writes an empty but complete build from header-only files', async () => {
    const raw = join(tmp.dir, 'raw');
    mkdirSync(raw);
    writeFileSync(
      join(raw, 'DNC_Complaint_Numbers_2026-01-02.csv'),
      'Company_Phone_Number,Created_Date,Violation_Date,Consumer_City,Consumer_State,Consumer_Area_Code,Subject,Recorded_Message_Or_Robocall\r\n',
    );
    const { manifest } = await ingest({ raw, out: join(tmp.dir, 'build'), progress: quiet });
    expect(manifest.totals).toEqual({ files: 1, rows_read: 0, rows_loaded: 0, rows_rejected: 0 });
    expect(manifest.tables.map((t) => t.name)).toContain('monthly');
    expect(manifest.tables.find((t) => t.name === 'monthly')!.rows).toBe(0);
  });
});
