/**
 * What complaints are about: the calibrated subject mix (Data Book ranking), drifting over the window, with a few
 * seasonal bumps and a stable per-state lean; and the robocall flag each subject tends to carry.
 */
import type { Subject } from '../lib/reference';
import { robocallScale, STATE_SUBJECT_TILT_SIGMA, SUBJECT_SEASONS, SUBJECTS } from './calibration';
import { rngFor, type Rng } from './random';

export type RobocallFlag = 'Y' | 'N' | '';

export interface SubjectModel {
  slug: string;
  /** Exactly as the FTC writes it (double space before `&`). */
  ftcLabel: string;
  /** Share of all complaints at mid-window (calibration.ts SUBJECTS), normalised. */
  baseShare: number;
  trendPerYear: number;
  /** Cumulative thresholds: below flagY → Y, below flagYN → N, else empty. */
  flagY: number;
  flagYN: number;
  cityEmpty: number;
}

/** Joins subjects.csv (labels) to the calibration (counts, flags) and insists they agree. */
export function buildSubjects(subjects: readonly Subject[]): SubjectModel[] {
  const slugs = new Set(subjects.map((s) => s.slug));
  for (const slug of Object.keys(SUBJECTS)) {
    if (!slugs.has(slug)) throw new Error(`calibration has subject ${slug}, subjects.csv does not`);
  }
  const total = Object.values(SUBJECTS).reduce((sum, s) => sum + s.share, 0);
  const scale = robocallScale();
  return subjects.map((subject) => {
    const calibration = SUBJECTS[subject.slug];
    if (calibration === undefined) throw new Error(`no calibration for subject ${subject.slug}`);
    const [realY, , empty] = calibration.flag;
    const y = realY * scale;
    return {
      slug: subject.slug,
      ftcLabel: subject.ftcLabel,
      baseShare: calibration.share / total,
      trendPerYear: calibration.trendPerYear,
      flagY: y,
      flagYN: 1 - empty,
      cityEmpty: calibration.cityEmpty,
    };
  });
}

/** The national subject mix on a day `years` from mid-window in calendar month `month` (1–12). */
export function subjectWeights(
  subjects: readonly SubjectModel[],
  years: number,
  month: number,
): Float64Array {
  const weights = new Float64Array(subjects.length);
  for (let i = 0; i < subjects.length; i++) {
    const s = subjects[i]!;
    let w = s.baseShare * Math.exp(s.trendPerYear * years);
    for (const season of SUBJECT_SEASONS) {
      if (season.slug === s.slug && month >= season.fromMonth && month <= season.toMonth)
        w *= season.factor;
    }
    weights[i] = w;
  }
  return weights;
}

/** Per state, a stable factor per subject: some states hear more of one kind of call. */
export function subjectTilts(
  stateCodes: readonly string[],
  subjects: readonly SubjectModel[],
  seed: string,
): Float64Array[] {
  return stateCodes.map((usps) => {
    const rng = rngFor(seed, `subject-tilt:${usps}`);
    return Float64Array.from(subjects, () => rng.lognormal(STATE_SUBJECT_TILT_SIGMA));
  });
}

export function robocallFlag(subject: SubjectModel, rng: Rng): RobocallFlag {
  const x = rng.next();
  return x < subject.flagY ? 'Y' : x < subject.flagYN ? 'N' : '';
}
