/** Providers, letters and actions: matching spellings, dates, merging, slugs. */
import { describe, expect, it } from 'vitest';
import {
  agencyGroup,
  buildEvents,
  buildProviders,
  parseEventDate,
  providerKey,
  providerSlug,
  PONE_LETTERS_URL,
  type ActionRow,
  type LetterRow,
} from '../../src/lib/site-data/providers';
import { eventMarks } from '../../src/lib/site-data/provider-pages';
import {
  formatBytes,
  publishedFiles,
  reasonsText,
  summariseSources,
} from '../../src/lib/site-data/data-files';
import { hostOf } from '../../src/lib/site-data/event-table';
import type { Manifest } from '../../src/lib/manifest';

const action = (
  date: string | null,
  provider: string,
  agency: string,
  action_type: string,
  category = 'gateway_action',
  notes: string | null = null,
  source_kind = 'primary',
): ActionRow => ({
  date,
  provider,
  agency,
  action_type,
  provider_country: null,
  campaigns: null,
  source_url: `https://example.gov/${provider.length}`,
  notes,
  category,
  source_kind,
});
const letter = (
  provider: string,
  letter_type: string,
  letter_date: string | null,
  caller_ids = '5',
): LetterRow => ({
  pdf_file: `pdf_files/${providerSlug(provider)}.pdf`,
  provider,
  letter_type,
  recordings: '1',
  caller_ids,
  ftc_url: PONE_LETTERS_URL,
  letter_date,
  source_url: null,
  notes: null,
});

describe('providerKey and providerSlug', () => {
  it.each([
    ['One Eye LLC', 'One Eye, LLC'],
    ['XCast Labs Inc.', 'XCast Labs, Inc.'],
    ['VoIP Terminator, Inc. (a/k/a BLMarketing)', 'VoIP Terminator d/b/a BL Marketing'],
    ['SipJoin Holding, Corp.', 'SIPJoin Holdings Company'],
    ['Telcast Networks, LLC', 'Telcast Network, LLC'],
    ['Acrobat Communications, Inc. d/b/a Telstar Express', 'Acrobat Communications, Inc.'],
    ['RSCom', 'RSCom Ltd.'],
    [
      'Sumco Panama SA / Sumco Panama USA / Virtual Telecom kft',
      'Sumco Panama SA et al. (same 10 entities as 2022-12-23 NAL)',
    ],
  ])('%s and %s are one provider', (a, b) => {
    expect(providerKey(a)).toBe(providerKey(b));
    expect(providerKey(a)).not.toBe('');
  });

  it('keeps different companies apart', () => {
    expect(providerKey('Telecall Communications, Corp.')).not.toBe(
      providerKey('TeleCall Telecommunications'),
    );
  });

  it('gives no key to entries that name no single provider', () => {
    expect(providerKey('(19 VoIP service providers - names not disclosed by FTC)')).toBe('');
    expect(providerKey('')).toBe('');
  });

  it('makes readable slugs', () => {
    expect(providerSlug('HFA Services LLC (d/b/a Call48)')).toBe('hfa-services');
    expect(providerSlug('Tata Communications (America) Inc.')).toBe('tata-communications');
    expect(providerSlug('Avid Telecom; Michael D. Lansky; Stacey S. Reeves')).toBe('avid-telecom');
    expect(providerSlug('iBasis, Inc.')).toBe('ibasis');
  });
});

describe('parseEventDate and agencyGroup', () => {
  it('reads day, month and missing dates', () => {
    expect(parseEventDate('2023-03-17')).toEqual({
      text: '2023-03-17',
      precision: 'day',
      month: '2023-03',
      day: '2023-03-17',
    });
    expect(parseEventDate('2022-05')).toEqual({
      text: '2022-05',
      precision: 'month',
      month: '2022-05',
      day: '2022-05-01',
    });
    expect(parseEventDate('')).toEqual({ text: null, precision: 'none', month: null, day: null });
    expect(parseEventDate(null).precision).toBe('none');
  });

  it.each([
    ['FTC', 'FTC'],
    ['FCC', 'FCC'],
    ['FTC+FCC', 'FTC and FCC'],
    ['FTC + FCC', 'FTC and FCC'],
    ["FTC (DOJ filed on FTC's behalf)", 'FTC'],
    ['State AGs (Anti-Robocall Multistate Litigation Task Force)', 'State AGs'],
    ['FTC + 100+ federal/state partners', 'FTC and partners'],
    [null, 'Not stated'],
  ])('agencyGroup(%s) is %s', (agency, group) => {
    expect(agencyGroup(agency)).toBe(group);
  });
});

describe('buildEvents and buildProviders', () => {
  const letters = [
    letter('One Eye, LLC', 'cease-and-desist', null, '50'),
    letter('Callvox, LLC', 'warning', '2022-05'),
  ];
  const actions = [
    action('2023-02-15', 'One Eye LLC', 'FCC', 'cease-and-desist letter'),
    action(null, 'One Eye, LLC', 'FTC', 'PoNE cease-and-desist demand letter', 'pone_letter'),
    action(
      '2022-05',
      '',
      'FTC',
      'PoNE warning letters (batch of 5)',
      'pone_letter',
      'batch: 5 PoNE warning letters; names on the FTC page',
    ),
    action(
      '2024-05-13',
      'One Eye LLC',
      'FCC',
      'C-CIST designation (Royal Tiger)',
      'robocaller_action',
    ),
    action(
      '2022-12-23',
      'Sumco Panama SA / Sumco Panama USA',
      'FCC',
      'Notice of Apparent Liability',
      'robocaller_action',
      null,
      'secondary',
    ),
  ];

  it('merges a letter into the action row that describes it, and lists undated events last', () => {
    const events = buildEvents(letters, actions);
    expect(events.map((e) => [e.date.text, e.provider || e.batch, e.origin, !!e.letter])).toEqual([
      ['2022-05', '5 PoNE warning letters', 'action', false],
      ['2022-05', 'Callvox, LLC', 'letter', true],
      ['2022-12-23', 'Sumco Panama SA / Sumco Panama USA', 'action', false],
      ['2023-02-15', 'One Eye LLC', 'action', false],
      ['2024-05-13', 'One Eye LLC', 'action', false],
      [null, 'One Eye, LLC', 'action', true],
    ]);
    const callvox = events.find((e) => e.provider === 'Callvox, LLC')!;
    expect(callvox).toMatchObject({
      kind: 'PoNE warning letter',
      agency: 'FTC',
      source_url: PONE_LETTERS_URL,
      category: 'pone_letter',
      sourceKind: 'primary',
    });
  });

  it('refuses placeholder names and unnamed rows that are not batches, naming the row', () => {
    expect(() =>
      buildEvents([], [action('2022-05', '(5 PoNE target providers)', 'FTC', 'x')]),
    ).toThrow(/row 2: provider "\(5 PoNE target providers\)" is a placeholder/);
    expect(() => buildEvents([], [action('2022-05', '', 'FTC', 'x')])).toThrow(
      /row 2: no provider/,
    );
    expect(() => buildEvents([], [action('2022-05', 'A', 'FTC', 'x', 'gateway')])).toThrow(
      /row 2: category "gateway" is not one of/,
    );
  });

  it('gives a robocall operation no provider record, and a provider every action naming it, whatever its category', () => {
    const events = buildEvents(letters, actions);
    const providers = buildProviders(events, [], []);
    expect(providers.map((p) => p.slug)).toEqual(['callvox', 'one-eye']);
    expect(providers[1]!.events.map((e) => e.category)).toEqual([
      'gateway_action',
      'robocaller_action',
      'pone_letter',
    ]);
    expect(events.find((e) => e.provider.startsWith('Sumco'))!.slug).toBeNull();
    expect(events.find((e) => e.batch !== null)!.slug).toBeNull();
  });

  it('groups events, numbers and complaints by provider, named as the letter names it', () => {
    const events = buildEvents(letters, actions);
    const providers = buildProviders(
      events,
      [
        {
          caller_number: '2025550100',
          provider: 'One Eye, LLC',
          campaign: 'Amazon',
          likely_ftc_staff_number: false,
        },
        {
          caller_number: '2025550101',
          provider: 'One Eye, LLC',
          campaign: null,
          likely_ftc_staff_number: false,
        },
      ],
      [
        { month: '2026-01', provider: 'One Eye, LLC', caller_number: '2025550100', complaints: 4 },
        { month: '2026-02', provider: 'One Eye, LLC', caller_number: '2025550100', complaints: 1 },
      ],
    );
    expect(providers.map((p) => p.slug)).toEqual(['callvox', 'one-eye']);
    const oneEye = providers[1]!;
    expect(oneEye.name).toBe('One Eye, LLC');
    expect(oneEye.names).toEqual(expect.arrayContaining(['One Eye, LLC', 'One Eye LLC']));
    expect(oneEye.events).toHaveLength(3);
    expect(oneEye.letters).toHaveLength(1);
    expect(oneEye.complaints).toBe(5);
    expect([...oneEye.monthly]).toEqual([
      ['2026-01', 4],
      ['2026-02', 1],
    ]);
    expect(oneEye.numbers.map((n) => [n.caller_number, n.complaints])).toEqual([
      ['2025550100', 5],
      ['2025550101', 0],
    ]);
    expect(events.filter((e) => e.slug === 'one-eye')).toHaveLength(3);
  });

  it('eventMarks() keeps dated events inside the months, labelled with their category in words', () => {
    const events = buildEvents(letters, actions);
    expect(eventMarks(events, ['2022-05', '2022-06']).map((m) => [m.date, m.label])).toEqual([
      ['2022-05', 'PoNE letter: 5 PoNE warning letters'],
      ['2022-05', 'PoNE letter: Callvox'],
    ]);
    expect(eventMarks(events, ['2024-05'], false).map((m) => m.label)).toEqual([
      'Robocall operation: FCC C-CIST designation',
    ]);
    expect(eventMarks(events, [])).toEqual([]);
  });
});

describe('data files', () => {
  const manifest = {
    downloads: [
      {
        file: 'downloads/complaints-2025.parquet',
        format: 'parquet',
        year: 2025,
        rows: 10,
        bytes: 1234,
        sha256: 'a',
      },
      {
        file: 'downloads/complaints-2026.csv.gz',
        format: 'csv.gz',
        year: 2026,
        rows: 20,
        bytes: 5_600_000,
        sha256: 'b',
      },
      {
        file: 'downloads/complaints-2026.parquet',
        format: 'parquet',
        year: 2026,
        rows: 20,
        bytes: 999,
        sha256: 'c',
      },
    ],
    tables: [
      {
        name: 'complaints',
        year: 2026,
        file: 'complaints-2026.duckdb',
        rows: 20,
        bytes: 1,
        sha256: 'd',
        columns: [],
        date_min: null,
        date_max: null,
      },
      {
        name: 'daily',
        file: 'cube.duckdb',
        rows: 3,
        bytes: 2,
        sha256: 'e',
        columns: [],
        date_min: null,
        date_max: null,
      },
      {
        name: 'monthly',
        file: 'cube.duckdb',
        rows: 3,
        bytes: 2,
        sha256: 'e',
        columns: [],
        date_min: null,
        date_max: null,
      },
    ],
  } as unknown as Manifest;

  it('publishedFiles() lists downloads newest first, then the DuckDB files once each', () => {
    expect(publishedFiles(manifest).map((f) => [f.file, f.kind])).toEqual([
      ['downloads/complaints-2026.parquet', 'Parquet'],
      ['downloads/complaints-2026.csv.gz', 'CSV (gzip)'],
      ['downloads/complaints-2025.parquet', 'Parquet'],
      ['cube.duckdb', 'DuckDB'],
      ['complaints-2026.duckdb', 'DuckDB'],
    ]);
    expect(publishedFiles(manifest).find((f) => f.file === 'cube.duckdb')!.note).toMatch(
      /^The cube: 2 tables/,
    );
  });

  it('formatBytes() uses decimal units', () => {
    expect([512, 1234, 5_600_000, 12_345_678_901].map(formatBytes)).toEqual([
      '512 bytes',
      '1.2 KB',
      '5.6 MB',
      '12 GB',
    ]);
  });

  it('reasonsText() and summariseSources() describe what was rejected', () => {
    expect(reasonsText({ wrong_column_count: 3, no_created_date: 0 })).toBe(
      'wrong column count: 3',
    );
    const s = summariseSources([
      { status: 'loaded', rows_rejected: 2, flagged: { state_unknown: 1 } },
      { status: 'duplicate', rows_rejected: 0, flagged: { state_unknown: 2 } },
    ] as unknown as Manifest['sources']);
    expect(s).toMatchObject({ loaded: 1, duplicate: 1, flagged: { state_unknown: 3 } });
    expect(s.withRejects).toHaveLength(1);
  });

  it('hostOf() names a source by its host', () => {
    expect(hostOf('https://www.ftc.gov/news/x')).toBe('ftc.gov');
    expect(hostOf('not a url')).toBe('not a url');
  });
});

describe('provider page helpers', () => {
  it('sameWindow() groups comparisons by the action month (a month-only date and a day in it share one window)', async () => {
    const { sameWindow, windowName, kindShort, whoShort } =
      await import('../../src/lib/site-data/provider-pages');
    const events = buildEvents(
      [],
      [
        action('2023-11-27', 'A Inc.', 'FCC', 'notice'),
        action('2023-11', 'A Inc.', 'FTC', 'letter'),
        action('2023-12-01', 'A Inc.', 'FCC', 'order'),
      ],
    );
    const groups = sameWindow(events.map((event) => ({ event, national: null, provider: null })));
    expect(groups.map((g) => g.length)).toEqual([2, 1]);
    expect(groups.map((g) => windowName(g))).toEqual(['November 2023', 'December 1, 2023']);
    expect(kindShort('cease-and-desist letter + K4 public notice (DA 22-727)')).toBe(
      'cease-and-desist letter',
    );
    expect(kindShort('Final Determination Order - first RoboBlocking order (DA 23-389)')).toBe(
      'Final Determination Order',
    );
    expect(whoShort(events[0]!)).toBe('A Inc.');
    expect(
      whoShort(
        buildEvents(
          [],
          [
            action(
              '2020-01',
              '',
              'FTC',
              'x',
              'provider_action',
              'batch: 19 VoIP service providers; the FTC did not disclose the recipients.',
            ),
          ],
        )[0]!,
      ),
    ).toBe('19 VoIP service providers');
    expect(
      whoShort(buildEvents([], [action('2021-10', 'PZ/Illum Telecommunication', 'FCC', 'x')])[0]!),
    ).toBe('PZ/Illum Telecommunication');
  });
});
