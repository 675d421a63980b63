/**
 * Real-format files for more days than the real one (scripts/sample/real-format.ts): the real
 * records byte for byte with only their dates moved, in the FTC's cadence, and a build from them
 * that the pipeline takes as real (no synthetic flag) with the gap a missing file leaves.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createProgress } from '../../scripts/lib/progress';
import { ingest } from '../../scripts/ingest/run-ingest';
import { moveRecord, writeRealFormat } from '../../scripts/sample/real-format';
import { FTC_HEADER } from '../../src/lib/ftc-format';
import { REAL_DATA_DIR, realDataFile } from '../helpers/real-data';
import { tempDir } from '../helpers/temp';

describe('moveRecord', () => {
  it('moves Created_Date to the day and Violation_Date by as many days, nothing else', () => {
    const record =
      '2178398804,2021-07-07 00:01:41,2021-07-06 18:17:00,Clinton,Illinois,217,"Reducing your debt (credit cards, mortgage, student loans)",Y';
    // 2021-07-07 → 2026-05-04 is 1,762 days; 2021-07-06 + 1,762 days = 2026-05-03.
    expect(moveRecord(record, Date.UTC(2026, 4, 4) / 86_400_000)).toBe(
      '2178398804,2026-05-04 00:01:41,2026-05-03 18:17:00,Clinton,Illinois,217,"Reducing your debt (credit cards, mortgage, student loans)",Y',
    );
  });

  it('finds the dates after a quoted number that holds a comma (as the real file has)', () => {
    expect(
      moveRecord(
        '"4242972172,347284638",2021-07-07 16:44:10,2021-07-05 00:00:00,,Texas,512,Other,N',
        Date.UTC(2026, 0, 2) / 86_400_000,
      ),
    ).toBe('"4242972172,347284638",2026-01-02 16:44:10,2025-12-31 00:00:00,,Texas,512,Other,N');
  });

  it('keeps an empty Violation_Date empty', () => {
    expect(
      moveRecord(',2021-07-07 23:59:51,,,,510,Other,', Date.UTC(2026, 0, 2) / 86_400_000),
    ).toBe(',2026-01-02 23:59:51,,,,510,Other,');
  });
});

describe.skipIf(!REAL_DATA_DIR)('a month of real-format files', () => {
  const tmp = tempDir('real-format');
  afterAll(() => tmp.cleanup());

  it('writes weekday files of real records, leaves out the file asked, and builds as real data with its gap', async () => {
    const real = readFileSync(realDataFile('dnc_complaint_numbers_2021-07-08.csv'));
    const raw = join(tmp.dir, 'raw');
    const files = writeRealFormat(real, raw, {
      first: '2026-05-01',
      last: '2026-05-31',
      perDay: 40,
      seed: 'month',
      skipFiles: ['2026-05-13'],
    });
    // Counted by hand: files on the weekdays 2026-05-04 … 2026-06-01 (21), less 2026-05-13.
    expect(files).toHaveLength(20);
    expect(readdirSync(join(raw, 'dnc', '2026'))).toContain('DNC_Complaint_Numbers_2026-06-01.csv');
    // Every written record, moved back to the real day, is a record of the real file.
    const realRecords = new Set(real.toString('utf8').split('\r\n').slice(1));
    const realDay = Date.UTC(2021, 6, 7) / 86_400_000;
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      expect(text.startsWith(`${FTC_HEADER}\r\n`)).toBe(true);
      expect(text.endsWith('\r\n')).toBe(true);
      for (const line of text.split('\r\n').slice(1, -1))
        expect(realRecords.has(moveRecord(line, realDay)), line).toBe(true);
    }

    const result = await ingest({
      raw,
      out: join(tmp.dir, 'build'),
      progress: createProgress(process.stderr, true),
    });
    expect(result.manifest.synthetic).toBe(false);
    // Friday 2026-05-01's complaints are in Monday's file; 2026-05-12 (Tuesday) was in the file left out.
    expect(result.manifest.gaps).toEqual([
      { created_date: '2026-05-12', expected_file_date: '2026-05-13' },
    ]);
    expect(result.manifest.totals.rows_loaded).toBe(40 * 30);
  }, 120_000);
});
