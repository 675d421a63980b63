import { describe, expect, it } from 'vitest';
import { loadPoneCallerNumbers, loadSubjects, readReferenceCsv } from '../../scripts/lib/reference';
import { campaignRate } from '../../scripts/sample/campaigns';
import { PONE_UNKNOWN_BATCHES } from '../../scripts/sample/calibration';
import { formatDay, parseDay } from '../../scripts/sample/dates';
import {
  letterAnchors,
  poneCampaigns,
  subjectForLabel,
  toPoneLetter,
} from '../../scripts/sample/pone';

const letters = readReferenceCsv('pone_letters.csv').map(toPoneLetter);
const subjects = loadSubjects();
const subjectIndex = (slug: string) => subjects.findIndex((s) => s.slug === slug);
const window = { first: parseDay('2024-11-01'), last: parseDay('2026-10-31') };
const campaigns = poneCampaigns(loadPoneCallerNumbers(), letters, subjectIndex, window, '20261129');

const total = (prefix: string, from: string, to: string) => {
  let sum = 0;
  for (const c of campaigns.filter((c) => c.id.startsWith(prefix))) {
    for (let day = parseDay(from); day <= parseDay(to); day++) sum += campaignRate(c, day);
  }
  return sum;
};

describe('PoNE letter dates', () => {
  const anchors = letterAnchors(letters);
  const date = (pdf: string) => formatDay(anchors.get(pdf)!);

  it('uses the stated dates, month-only ones mid-month', () => {
    expect(date('pointofnoentry-acrobatceasedesistletter.pdf')).toBe('2023-11-27');
    expect(date('pointofnoentry-callvoxllcwarningletter.pdf')).toBe('2022-05-15');
  });

  it('puts FCC companion-letter providers in the November 2023 batch', () => {
    expect(date('pointofnoentry-bandwidthceasedesistletter.pdf')).toBe('2023-11-27');
  });

  it('gives every letter a date, filling the known batches with the undated ones', () => {
    expect(anchors.size).toBe(letters.length);
    const counts = new Map<string, number>();
    for (const day of anchors.values())
      counts.set(formatDay(day), (counts.get(formatDay(day)) ?? 0) + 1);
    for (const batch of PONE_UNKNOWN_BATCHES) expect(counts.get(batch.date)).toBe(batch.size);
  });
});

describe('PoNE campaigns', () => {
  it('covers every provider with numbers, never an FTC staff number', () => {
    const staff = new Set(
      loadPoneCallerNumbers()
        .filter((n) => n.likelyFtcStaffNumber)
        .map((n) => n.callerNumber),
    );
    const providers = new Set(campaigns.map((c) => c.id.split(':')[1]));
    expect(providers.size).toBe(31);
    for (const c of campaigns) for (const n of c.numbers) expect(staff.has(n)).toBe(false);
  });

  it('is busy in the months before a letter and fades after it', () => {
    const before = total(
      'pone:pointofnoentry-acrobatceasedesistletter.pdf',
      '2023-09-01',
      '2023-11-26',
    );
    const after = total(
      'pone:pointofnoentry-acrobatceasedesistletter.pdf',
      '2024-06-01',
      '2024-08-26',
    );
    expect(before).toBeGreaterThan(after * 3);
  });

  it('keeps some numbers active inside the default window, which starts after every letter', () => {
    expect(total('pone:', '2024-11-01', '2025-10-31')).toBeGreaterThan(1000);
    expect(total('pone:', '2025-11-01', '2026-10-31')).toBeGreaterThan(1000);
    expect(
      campaigns.some(
        (c) => c.id.endsWith(':resurgence') && c.start >= window.first && c.start <= window.last,
      ),
    ).toBe(true);
  });

  it('reads a subject from the campaign labels in the letters', () => {
    expect(subjectForLabel('Amazon-AuthorizeOrder')).toBe('imposters');
    expect(subjectForLabel('Auto Warranty')).toBe('warranties');
    expect(subjectForLabel('Utility-30MinDisconnect')).toBe('energy');
    expect(subjectForLabel('StudentLoan-ProcessingCenter')).toBe('debt');
    expect(subjectForLabel('')).toBeNull();
  });
});
