import { describe, expect, it } from 'vitest';
import { assignRoles, publicationKey } from '../../scripts/ingest/sources';

describe('assignRoles(files)', () => {
  it('counts a byte-identical republication once', () => {
    const roles = assignRoles([
      { file: 'dnc/2026/DNC_Complaint_Numbers_2026-05-15_0.csv', sha256: 'a' },
      { file: 'dnc/2026/DNC_Complaint_Numbers_2026-05-15.csv', sha256: 'a' },
    ]);
    expect(roles.get('dnc/2026/DNC_Complaint_Numbers_2026-05-15.csv')).toEqual({ role: 'load' });
    expect(roles.get('dnc/2026/DNC_Complaint_Numbers_2026-05-15_0.csv')).toEqual({
      role: 'duplicate',
      of: 'dnc/2026/DNC_Complaint_Numbers_2026-05-15.csv',
    });
  });

  it('lets a changed republication replace the earlier version of the same date', () => {
    const roles = assignRoles([
      { file: 'dnc/2026/DNC_Complaint_Numbers_2026-05-15.csv', sha256: 'a' },
      { file: 'dnc/2026/DNC_Complaint_Numbers_2026-05-15_0.csv', sha256: 'b' },
      { file: 'dnc/2026/DNC_Complaint_Numbers_2026-05-16.csv', sha256: 'c' },
    ]);
    expect(roles.get('dnc/2026/DNC_Complaint_Numbers_2026-05-15.csv')).toEqual({
      role: 'superseded',
      by: 'dnc/2026/DNC_Complaint_Numbers_2026-05-15_0.csv',
    });
    expect(roles.get('dnc/2026/DNC_Complaint_Numbers_2026-05-15_0.csv')).toEqual({ role: 'load' });
    expect(roles.get('dnc/2026/DNC_Complaint_Numbers_2026-05-16.csv')).toEqual({ role: 'load' });
  });

  it('treats content fetched again later as the newest version of its publication', () => {
    expect(
      publicationKey('dnc/2026/DNC_Complaint_Numbers_2026-05-15.fetched-20260601T000000Z.csv')
        ?.date,
    ).toBe('2026-05-15');
    const roles = assignRoles([
      {
        file: 'dnc/2026/DNC_Complaint_Numbers_2026-05-15.fetched-20260601T000000Z.csv',
        sha256: 'b',
      },
      { file: 'dnc/2026/DNC_Complaint_Numbers_2026-05-15.csv', sha256: 'a' },
    ]);
    expect(roles.get('dnc/2026/DNC_Complaint_Numbers_2026-05-15.csv')?.role).toBe('superseded');
  });

  it('loads API backfills and other files as they are', () => {
    const roles = assignRoles([
      { file: 'dnc/2026/api/DNC_API_2026-05-15.csv', sha256: 'x' },
      { file: 'fixtures/anything.csv', sha256: 'y' },
    ]);
    expect(roles.get('dnc/2026/api/DNC_API_2026-05-15.csv')).toEqual({ role: 'load' });
    expect(roles.get('fixtures/anything.csv')).toEqual({ role: 'load' });
  });

  // Issue 9.2: names no longer decide between a published file and an API backfill; created
  // dates do (tests/ingest/reconcile.test.ts). Between versions of one API day, the latest wins.
  it('leaves published files and API backfills to the created dates, and keeps the latest API copy of a day', () => {
    const roles = assignRoles([
      { file: 'dnc/2026/api/DNC_API_2026-05-14.csv', sha256: 'x' },
      { file: 'dnc/2026/api/DNC_API_2026-05-14.fetched-20260601T000000Z.csv', sha256: 'z' },
      { file: 'dnc/2026/DNC_Complaint_Numbers_2026-05-15.csv', sha256: 'y' },
    ]);
    expect(roles.get('dnc/2026/DNC_Complaint_Numbers_2026-05-15.csv')).toEqual({ role: 'load' });
    expect(roles.get('dnc/2026/api/DNC_API_2026-05-14.fetched-20260601T000000Z.csv')).toEqual({
      role: 'load',
    });
    expect(roles.get('dnc/2026/api/DNC_API_2026-05-14.csv')).toEqual({
      role: 'superseded',
      by: 'dnc/2026/api/DNC_API_2026-05-14.fetched-20260601T000000Z.csv',
    });
  });
});
