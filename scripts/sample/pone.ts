/**
 * The caller numbers named in Project Point of No Entry letters, turned into campaigns: busy in
 * the months before their provider's letter, fading after it, a residue that lingers for years,
 * and for a few providers a resurgence inside the window. This is what gives provider pages a
 * before-and-after to show (see calibration.ts for which dates are facts and which are placed).
 */
import type { PoneCallerNumber } from '../lib/reference';
import {
  PONE_FCC_COMPANION_DATE,
  PONE_MONTH_ONLY_DAY,
  PONE_PEAK_PER_DAY,
  PONE_POST_HALF_LIFE_DAYS,
  PONE_PRE_LETTER_DAYS,
  PONE_RESIDUAL_HALF_LIFE_DAYS,
  PONE_RESIDUAL_NUMBER_SHARE,
  PONE_RESIDUAL_RATE_SHARE,
  PONE_RESURGENCE_DAYS,
  PONE_RESURGENCE_NUMBER_SHARE,
  PONE_RESURGENCE_PEAK_PER_DAY,
  PONE_RESURGENCE_PROVIDER_SHARE,
  PONE_UNKNOWN_BATCHES,
} from './calibration';
import { type Campaign, type CampaignShape, campaignEnd, zipfTable } from './campaigns';
import { parseDay } from './dates';
import { type Rng, rngFor } from './random';

/** One row of pone_letters.csv, as far as the generator needs it. */
export interface PoneLetter {
  pdfFile: string;
  provider: string;
  letterDate: string;
  notes: string;
}

export function toPoneLetter(row: Record<string, string>): PoneLetter {
  return {
    pdfFile: row.pdf_file ?? '',
    provider: row.provider ?? '',
    letterDate: row.letter_date ?? '',
    notes: row.notes ?? '',
  };
}

/** `YYYY-MM-DD`, or `YYYY-MM` (month only) read as the middle of the month. */
function letterDay(date: string): number {
  return /^\d{4}-\d{2}$/.test(date)
    ? parseDay(`${date}-${String(PONE_MONTH_ONLY_DAY).padStart(2, '0')}`)
    : parseDay(date);
}

/**
 * The day each letter is taken to have been sent, keyed by the PDF's base name (how
 * pone_caller_numbers.csv refers to letters): stated dates first, then the FCC companion date,
 * then the unknown ones in alphabetical order of provider into the known batches.
 */
export function letterAnchors(letters: readonly PoneLetter[]): Map<string, number> {
  const anchors = new Map<string, number>();
  const unknown: PoneLetter[] = [];
  for (const letter of letters) {
    const key = baseName(letter.pdfFile);
    if (letter.letterDate !== '') anchors.set(key, letterDay(letter.letterDate));
    else if (
      letter.notes.includes(
        `FCC companion letter to this provider dated ${PONE_FCC_COMPANION_DATE}`,
      )
    ) {
      anchors.set(key, parseDay(PONE_FCC_COMPANION_DATE));
    } else unknown.push(letter);
  }
  unknown.sort((a, b) => (a.provider < b.provider ? -1 : a.provider > b.provider ? 1 : 0));
  let next = 0;
  for (const batch of PONE_UNKNOWN_BATCHES) {
    for (let i = 0; i < batch.size && next < unknown.length; i++)
      anchors.set(baseName(unknown[next++]!.pdfFile), parseDay(batch.date));
  }
  // More unknown letters than the batches hold (the facts grew): they join the last batch.
  const last = PONE_UNKNOWN_BATCHES[PONE_UNKNOWN_BATCHES.length - 1]!;
  while (next < unknown.length)
    anchors.set(baseName(unknown[next++]!.pdfFile), parseDay(last.date));
  return anchors;
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** A campaign label from a letter's traceback table → the subject a consumer would likely pick. */
const LABEL_SUBJECTS: readonly [RegExp, string][] = [
  [/warranty/i, 'warranties'],
  [/utility/i, 'energy'],
  [/student ?loan|debt|credit ?card|ccirr|reduction|financial/i, 'debt'],
  [/hotel|marriott/i, 'vacation'],
  [
    /amazon|apple|ssa|irs|cbp|govt|imposter|impers|legal|administration|consulate|package|order|purchase|directv/i,
    'imposters',
  ],
];

export function subjectForLabel(label: string): string | null {
  for (const [pattern, slug] of LABEL_SUBJECTS) if (pattern.test(label)) return slug;
  return null;
}

function uniform(range: readonly [number, number], rng: Rng): number {
  return rng.uniform(range[0], range[1]);
}

/** A deterministic shuffle (Fisher–Yates on the given stream). */
function shuffled<T>(items: readonly T[], rng: Rng): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

interface ProviderNumbers {
  provider: string;
  letter: string;
  numbers: string[];
  subjects: number[];
}

function campaign(
  id: string,
  provider: ProviderNumbers,
  pick: readonly number[],
  shape: CampaignShape,
): Campaign {
  return {
    id,
    numbers: pick.map((i) => provider.numbers[i]!),
    numberTable: zipfTable(pick.length),
    numberSubjects: Int16Array.from(pick, (i) => provider.subjects[i]!),
    targetState: -1,
    ...shape,
    end: campaignEnd(shape),
  };
}

/**
 * PoNE campaigns for every provider with numbers (FTC staff numbers excluded). `window` is the
 * generated range: resurgences are placed inside it so every window has some.
 */
export function poneCampaigns(
  numbers: readonly PoneCallerNumber[],
  letters: readonly PoneLetter[],
  subjectIndex: (slug: string) => number,
  window: { first: number; last: number },
  seed: string,
): Campaign[] {
  const anchors = letterAnchors(letters);
  const byProvider = new Map<string, ProviderNumbers>();
  for (const n of numbers) {
    if (n.likelyFtcStaffNumber) continue;
    const entry = byProvider.get(n.letterPdf) ?? {
      provider: n.provider,
      letter: n.letterPdf,
      numbers: [],
      subjects: [],
    };
    if (entry.numbers.includes(n.callerNumber)) continue;
    const slug = subjectForLabel(n.campaign);
    entry.numbers.push(n.callerNumber);
    entry.subjects.push(slug === null ? -1 : subjectIndex(slug));
    byProvider.set(n.letterPdf, entry);
  }
  const providers = [...byProvider.values()].sort((a, b) => (a.letter < b.letter ? -1 : 1));
  const chooser = rngFor(seed, 'pone:resurgence');
  const resurgent = new Set(
    shuffled(providers, chooser)
      .slice(0, Math.max(1, Math.round(PONE_RESURGENCE_PROVIDER_SHARE * providers.length)))
      .map((p) => p.letter),
  );
  const campaigns: Campaign[] = [];
  for (const provider of providers) {
    const anchor = anchors.get(provider.letter);
    if (anchor === undefined)
      throw new Error(
        `pone_caller_numbers.csv names a letter not in pone_letters.csv: ${provider.letter}`,
      );
    const rng = rngFor(seed, `pone:${provider.letter}`);
    const all = provider.numbers.map((_, i) => i);
    const order = shuffled(all, rng);
    const peak = uniform(PONE_PEAK_PER_DAY, rng);
    const lead = Math.round(uniform(PONE_PRE_LETTER_DAYS, rng));
    campaigns.push(
      campaign(`pone:${provider.letter}:before`, provider, order, {
        start: anchor - lead,
        rampDays: 14,
        stop: anchor,
        halfLifeDays: PONE_POST_HALF_LIFE_DAYS,
        peak,
      }),
    );
    const residualCount = Math.max(1, Math.round(PONE_RESIDUAL_NUMBER_SHARE * order.length));
    campaigns.push(
      campaign(`pone:${provider.letter}:residual`, provider, order.slice(0, residualCount), {
        start: anchor - lead,
        rampDays: 14,
        stop: anchor,
        halfLifeDays: PONE_RESIDUAL_HALF_LIFE_DAYS,
        peak: peak * PONE_RESIDUAL_RATE_SHARE,
      }),
    );
    if (resurgent.has(provider.letter)) {
      const length = Math.round(uniform(PONE_RESURGENCE_DAYS, rng));
      const latestStart = Math.max(window.first, window.last - length + 1);
      const start = window.first + rng.int(latestStart - window.first + 1);
      const count = Math.max(1, Math.round(PONE_RESURGENCE_NUMBER_SHARE * order.length));
      campaigns.push(
        campaign(
          `pone:${provider.letter}:resurgence`,
          provider,
          shuffled(all, rng).slice(0, count),
          {
            start,
            rampDays: 5,
            stop: start + length - 1,
            halfLifeDays: 7,
            peak: uniform(PONE_RESURGENCE_PEAK_PER_DAY, rng),
          },
        ),
      );
    }
  }
  return campaigns;
}
