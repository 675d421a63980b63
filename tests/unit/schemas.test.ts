/**
 * The schemas at the doors: manifest.json (src/lib/manifest.ts) and the reference CSVs
 * (src/lib/reference-schema.ts). A bad file must fail with the field that is wrong, and the files
 * the repository carries must pass.
 */
import { copyFileSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseManifest, type Manifest } from '../../src/lib/manifest';
import { checkReferenceRows } from '../../src/lib/reference-schema';
import { checkReferenceDir, loadStates, REFERENCE_DIR } from '../../scripts/lib/reference';
import { tempDir } from '../helpers/temp';

const source = {
  file: 'dnc/2026/DNC_Complaint_Numbers_2026-05-15.csv',
  sha256: 'a'.repeat(64),
  bytes: 120,
  rows_read: 2,
  rows_loaded: 1,
  rows_rejected: 1,
  blank_lines: 0,
  lines: 3,
  lines_rejected: 1,
  rejected_by_reason: { too_few_fields: 1 },
  flagged: {},
  created_min: '2026-05-14 08:00:00',
  created_max: '2026-05-14 08:00:00',
  status: 'loaded',
  quarantine: 'quarantine/DNC_Complaint_Numbers_2026-05-15.csv',
};

function manifest(): Manifest & Record<string, unknown> {
  return {
    schema_version: 1,
    data_version: 'f1efb6a2c4bb',
    generated_at: '2026-12-02T13:59:24.814Z',
    synthetic: true,
    totals: { rows_read: 2, rows_loaded: 1, rows_rejected: 1, files: 1 },
    gaps: [],
    gaps_assume_monday_file_holds_weekend: true,
    sources: [{ ...source, status: 'loaded' }],
    tables: [
      {
        name: 'daily',
        file: 'cube.duckdb',
        rows: 1,
        bytes: 4096,
        sha256: 'b'.repeat(64),
        columns: [{ name: 'day', type: 'DATE' }],
        date_min: '2026-05-14',
        date_max: '2026-05-14',
      },
    ],
    downloads: [],
  };
}

describe('parseManifest', () => {
  it('accepts a whole manifest and keeps fields the schema does not list', () => {
    const text = JSON.stringify({ ...manifest(), coverage_note: 'kept' });
    const parsed = parseManifest(text) as Manifest & { coverage_note?: string };
    expect(parsed.sources[0]!.rows_loaded).toBe(1);
    expect(parsed.coverage_note).toBe('kept');
  });

  it('names every wrong field with its path', () => {
    const bad = manifest() as unknown as Record<string, unknown> & {
      sources: Record<string, unknown>[];
      tables: Record<string, unknown>[];
    };
    bad.sources[0]!.rows_loaded = '1';
    bad.sources[0]!.status = 'ok';
    delete bad.tables[0]!.sha256;
    bad.synthetic = 'yes';
    const error = (() => {
      try {
        parseManifest(JSON.stringify(bad), 'build/manifest.json');
      } catch (e) {
        return (e as Error).message;
      }
      return '';
    })();
    expect(error).toMatch(/^build\/manifest\.json does not match the manifest schema/);
    expect(error).toContain(
      'sources[0].rows_loaded: Invalid input: expected number, received string',
    );
    expect(error).toMatch(/sources\[0\]\.status: .*"loaded"/);
    expect(error).toContain('tables[0].sha256');
    expect(error).toContain('synthetic: Invalid input: expected boolean');
  });

  it('refuses another schema version and text that is not JSON', () => {
    expect(() => parseManifest(JSON.stringify({ ...manifest(), schema_version: 2 }))).toThrow(
      /schema_version/,
    );
    expect(() => parseManifest('{"schema_version": 1,')).toThrow(/^manifest\.json: not JSON/);
  });
});

describe('reference schemas', () => {
  const tmp = tempDir('reference-schema');
  afterAll(() => tmp.cleanup());

  it('pass every reference file the repository carries', () => {
    expect(() => checkReferenceDir(REFERENCE_DIR)).not.toThrow();
    expect(loadStates().find((s) => s.usps === 'DC')).toMatchObject({ kind: 'district' });
  });

  it('name the file, record, column and value that are wrong', () => {
    const rows = [
      { usps: 'AL', fips: '01', name: 'Alabama', population_2020: '5024279', kind: 'state' },
      { usps: 'Ohio', fips: '39', name: 'Ohio', population_2020: '11,799,448', kind: 'State' },
      { usps: 'PR', fips: '72', name: 'Puerto Rico', population_2020: '' },
    ];
    let message = '';
    try {
      checkReferenceRows('states.csv', rows);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message.split('\n')).toEqual([
      'data/reference/states.csv does not match its schema:',
      '  record 2 (line 3), usps: expected a two-letter USPS code, got "Ohio"',
      '  record 2 (line 3), population_2020: expected a whole number or nothing, got "11,799,448"',
      expect.stringMatching(/^ {2}record 2 \(line 3\), kind: .*"territory", got "State"$/),
      expect.stringMatching(/^ {2}record 3 \(line 4\), kind: .*, the column is missing$/),
    ]);
  });

  it('stop ingest at a reference folder with a bad, missing or unknown file', () => {
    const dir = join(tmp.dir, 'reference');
    mkdirSync(dir);
    for (const name of readdirSync(REFERENCE_DIR))
      copyFileSync(join(REFERENCE_DIR, name), join(dir, name));
    expect(() => checkReferenceDir(dir)).not.toThrow();

    writeFileSync(join(dir, 'extra.csv'), 'a,b\n1,2\n');
    expect(() => checkReferenceDir(dir)).toThrow(/extra\.csv has no schema/);
    rmSync(join(dir, 'extra.csv'));

    writeFileSync(
      join(dir, 'enforcement_actions.csv'),
      'date,provider,provider_country,agency,action_type,campaigns,source_url,notes,category,source_kind\n' +
        '2023-11-27,A Inc.,US,FCC,letter,,https://fcc.gov/x,,gateway,primary\n',
    );
    expect(() => checkReferenceDir(dir)).toThrow(
      /enforcement_actions\.csv does not match its schema:\n {2}record 1 \(line 2\), category: .*got "gateway"/,
    );
    copyFileSync(
      join(REFERENCE_DIR, 'enforcement_actions.csv'),
      join(dir, 'enforcement_actions.csv'),
    );

    rmSync(join(dir, 'states.csv'));
    expect(() => checkReferenceDir(dir)).toThrow(/states\.csv is missing/);
  });
});
