/**
 * What travels with a download (src/lib/download/metadata.ts, filename.ts, page-config.ts): a
 * reader can tell exactly what the file is — filters in words and as a URL, the SQL, the data
 * version and dates, the sources, when it was made, the licence and how to cite it.
 */
import { describe, expect, it } from 'vitest';
import { csvName, downloadName, filterSlug } from '../../src/lib/download/filename';
import {
  describeColumn,
  filterList,
  metadataJson,
  readme,
  type DownloadDescription,
} from '../../src/lib/download/metadata';
import { dataFactsOf, scriptJson } from '../../src/lib/download/page-config';
import type { Manifest } from '../../src/lib/manifest';
import { DEFAULT_VIEW, type ExploreView } from '../../src/lib/explore/view';

const state: ExploreView = {
  ...DEFAULT_VIEW,
  states: ['OH', 'PA'],
  subjects: ['energy'],
  robocall: ['yes'],
  from: '2026-01',
  to: '2026-03',
  areas: ['614'],
};

const manifest = {
  schema_version: 1,
  data_version: '3d823eea31c2',
  generated_at: '2026-11-29T01:34:38.038Z',
  synthetic: false,
  totals: { rows_read: 10, rows_loaded: 9, rows_rejected: 1, files: 3 },
  sources: [
    { file: 'a.csv', status: 'loaded' },
    { file: 'b.csv', status: 'loaded' },
    { file: 'b_0.csv', status: 'duplicate' },
  ],
  tables: [{ name: 'daily', file: 'cube.duckdb', date_min: '2025-09-27', date_max: '2026-10-31' }],
  downloads: [
    {
      file: 'downloads/complaints-2026.parquet',
      format: 'parquet',
      year: 2026,
      rows: 5,
      bytes: 500,
      sha256: 'b'.repeat(64),
    },
    {
      file: 'downloads/complaints-2025.csv.gz',
      format: 'csv.gz',
      year: 2025,
      rows: 4,
      bytes: 400,
      sha256: 'c'.repeat(64),
    },
    {
      file: 'downloads/complaints-2025.parquet',
      format: 'parquet',
      year: 2025,
      rows: 4,
      bytes: 400,
      sha256: 'a'.repeat(64),
    },
  ],
} as unknown as Manifest;

function description(overrides: Partial<DownloadDescription> = {}): DownloadDescription {
  const facts = dataFactsOf(manifest);
  return {
    kind: 'rows',
    csvFile: 'complaints.csv',
    view: state,
    chartTitle: 'Complaints over time',
    filtersText:
      'Robocall complaints in Ohio and Pennsylvania from area code 614 about energy & utilities from January 2026 through March 2026',
    stateNames: { OH: 'Ohio', PA: 'Pennsylvania' },
    subjectNames: { energy: 'Energy & utilities' },
    site: 'https://atlas.example',
    permalink:
      'https://atlas.example/explore/?from=2026-01&to=2026-03&state=OH,PA&subject=energy&robocall=yes&area=614&v=3d823eea31c2',
    sql: "SELECT created_at FROM read_parquet(['complaints-2026.parquet'])\nWHERE state IN ('OH', 'PA')\nORDER BY created_at, source_file, source_line",
    boundSql: 'SELECT created_at FROM c2026.complaints WHERE state IN (?, ?)',
    boundParams: ['OH', 'PA'],
    columns: [
      {
        name: 'created_at',
        type: 'TIMESTAMP',
        kind: 'timestamp',
        description: describeColumn('created_at', 'rows', state),
      },
      {
        name: 'city',
        type: 'VARCHAR',
        kind: 'text',
        description: describeColumn('city', 'rows', state),
      },
    ],
    rows: 1234,
    expectedRows: 1234,
    csv: { bom: false, neutralised: true, neutralisedCells: 2, bytes: 98765 },
    createdAt: '2026-11-29T10:11:12.000Z',
    data: {
      ...facts,
      parquet: facts.parquet.map((p) => ({ ...p, url: `https://atlas.example${p.url}` })),
    },
    ...overrides,
  };
}

describe('dataFactsOf(manifest)', () => {
  it('takes the version, dates, sources and the Parquet files with checksums', () => {
    const facts = dataFactsOf(manifest);
    expect(facts).toMatchObject({
      dataVersion: '3d823eea31c2',
      synthetic: false,
      builtAt: '2026-11-29T01:34:38.038Z',
      dateMin: '2025-09-27',
      dateMax: '2026-10-31',
      sourceFiles: 2,
      rowsLoaded: 9,
    });
    expect(facts.parquet.map((p) => [p.file, p.url, p.sha256[0]])).toEqual([
      ['complaints-2025.parquet', '/data/downloads/complaints-2025.parquet', 'a'],
      ['complaints-2026.parquet', '/data/downloads/complaints-2026.parquet', 'b'],
    ]);
    expect(facts.reference.map((r) => r.url)).toEqual([
      '/data/reference/states.csv',
      '/data/reference/pone_caller_numbers.csv',
    ]);
  });

  it('embeds safely in a script element', () => {
    expect(scriptJson({ a: '</script><script>alert(1)</script>' })).not.toContain('</script>');
    expect(JSON.parse(scriptJson({ a: '</script>\u2028' }))).toEqual({ a: '</script>\u2028' });
  });
});

describe('README.md', () => {
  const text = readme(description());

  it('says what the file is and where it came from', () => {
    expect(text).toMatch(/^# Robocall Atlas: Matching FTC Do Not Call complaints\n/);
    expect(text).toContain('`complaints.csv`: 1,234 rows');
    expect(text).toContain('In words: Robocall complaints in Ohio and Pennsylvania');
    expect(text).toContain(
      'As a link (opens the same view, pinned to this data version): https://atlas.example/explore/?from=2026-01&to=2026-03&state=OH,PA&subject=energy&robocall=yes&area=614&v=3d823eea31c2',
    );
    expect(text).toContain('- Created from: 2026-01 (2026-01-01)');
    expect(text).toContain('- Created through: 2026-03 (2026-03-31)');
    expect(text).toContain('- States: Ohio (OH), Pennsylvania (PA)');
    expect(text).toContain('- Subjects: Energy & utilities (energy)');
    expect(text).toContain('- Robocall or live: robocall');
    expect(text).toContain('- Consumer area codes: 614');
    expect(text).toContain('Data version: `3d823eea31c2`');
    expect(text).toContain('created 2025-09-27 to 2026-10-31, from 2 FTC daily files');
    expect(text).toContain(
      'Made by Robocall Atlas (https://atlas.example) on 2026-11-29 10:11:12 UTC',
    );
    expect(text).toContain(
      'https://www.ftc.gov/policy-notices/open-government/data-sets/do-not-call-data',
    );
  });

  it('gives the SQL and only the files it reads, with checksums', () => {
    expect(text).toContain(
      "```sql\nSELECT created_at FROM read_parquet(['complaints-2026.parquet'])\nWHERE state IN ('OH', 'PA')\nORDER BY created_at, source_file, source_line;\n```",
    );
    expect(text).toContain(
      `\`complaints-2026.parquet\` (5 rows, 500 bytes, SHA-256 \`${'b'.repeat(64)}\`): https://atlas.example/data/downloads/complaints-2026.parquet`,
    );
    expect(text).not.toContain('complaints-2025.parquet');
  });

  it('describes the columns, the CSV conventions, the licence and the citation', () => {
    expect(text).toContain('| created_at | TIMESTAMP | When the complaint was filed');
    expect(text).toContain('2 cells were changed this way');
    expect(text).toContain('no byte-order mark');
    expect(text).toContain('## Licence\n\nThe complaint data are US government works');
    expect(text).toContain(
      '## How to cite\n\nRobocall Atlas. “FTC Do Not Call complaints: Robocall complaints in Ohio',
    );
    expect(text).toContain('```bibtex\n@misc{robocallatlas-2026-3d823eea31c2-');
    expect(text).not.toContain('synthetic');
  });

  it('says when the count changed, the data are synthetic or protection was off', () => {
    const other = readme(
      description({
        expectedRows: 1235,
        csv: { bom: true, neutralised: false, neutralisedCells: 0, bytes: 1 },
        data: { ...dataFactsOf(manifest), synthetic: true },
      }),
    );
    expect(other).toContain(
      'the page counted 1,235 matching rows before the download; the file has 1,234',
    );
    expect(other).toContain('**These are synthetic data, not real FTC complaints.**');
    expect(other).toContain('Spreadsheet safety was switched off');
    expect(other).toContain('with a byte-order mark');
  });

  it('describes chart data by its chart', () => {
    const agg = readme(
      description({
        kind: 'aggregate',
        csvFile: 'chart-map.csv',
        view: { ...state, chart: 'map', measure: 'per100k' },
        chartTitle: 'Complaints by state',
      }),
    );
    expect(agg).toMatch(/^# Robocall Atlas: Chart data: Complaints by state\n/);
    expect(agg).toContain('- Chart: map');
    expect(agg).toContain('- Measure: complaints per 100,000 residents');
    expect(
      describeColumn('value', 'aggregate', { ...state, chart: 'map', measure: 'per100k' }),
    ).toBe('Complaints per 100,000 residents');
    expect(describeColumn('usps', 'aggregate', state)).toBe('USPS code of the state');
  });
});

describe('metadata.json', () => {
  it('holds the same facts for code', () => {
    // The file read back as any consumer reads JSON: untyped, field by field.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const json = JSON.parse(JSON.stringify(metadataJson(description()))) as Record<string, any>;
    expect(json.rows).toBe(1234);
    expect(json.filters).toMatchObject({
      from: '2026-01',
      to: '2026-03',
      states: ['OH', 'PA'],
      subjects: ['energy'],
      robocall: ['yes'],
      area_codes: ['614'],
    });
    expect(json.filters.chart).toBeUndefined();
    expect(json.data.version).toBe('3d823eea31c2');
    expect(json.data.parquet_files).toHaveLength(2);
    expect(json.sql).toContain('read_parquet');
    expect(json.browser_query).toEqual({
      sql: 'SELECT created_at FROM c2026.complaints WHERE state IN (?, ?)',
      params: ['OH', 'PA'],
      runs_on: expect.any(String),
    });
    expect(json.csv.formula_neutralising).toMatchObject({
      on: true,
      prefix: "'",
      cells_prefixed: 2,
    });
    expect(json.citation.text).toContain('3d823eea31c2');
    expect(json.citation.bibtex).toMatch(/^@misc\{/);
    expect(json.licence).toContain('public domain');
    expect(json.sources[0].url).toContain('ftc.gov');
  });

  it('lists the filters in order', () => {
    expect(
      filterList({ view: DEFAULT_VIEW, stateNames: {}, subjectNames: {}, kind: 'rows' }).map(
        ([k, v]) => `${k}: ${v}`,
      ),
    ).toEqual([
      'Created from: start of the data',
      'Created through: end of the data',
      'States: all',
      'Subjects: all',
      'Robocall or live: all',
      'Consumer area codes: all',
      'Caller number: all',
    ]);
  });
});

describe('file names', () => {
  it('say what the file holds in safe characters', () => {
    expect(downloadName('rows', state, '3d823eea31c2')).toBe(
      'robocall-atlas-complaints-oh-pa-energy-robocall-yes-area-614-2026-01-to-2026-03-3d823eea31c2.zip',
    );
    expect(downloadName('aggregate', { ...DEFAULT_VIEW, chart: 'map' }, 'abc')).toBe(
      'robocall-atlas-chart-map-all-abc.zip',
    );
    expect(filterSlug({ ...DEFAULT_VIEW, states: ['AL', 'AK', 'AZ', 'AR', 'CA'] })).toBe(
      'al-ak-az-and-2-more',
    );
    expect(filterSlug({ ...DEFAULT_VIEW, to: '2026-02-03' })).toBe('start-to-2026-02-03');
    expect(csvName('rows', DEFAULT_VIEW)).toBe('complaints.csv');
    expect(csvName('aggregate', { ...DEFAULT_VIEW, chart: 'area-codes' })).toBe(
      'chart-area-codes.csv',
    );
    expect(downloadName('rows', DEFAULT_VIEW, '../../etc')).toMatch(/^[a-z0-9-]+\.zip$/);
  });
});
