/**
 * What every page needs: the manifest, the reference tables, the months the data cover, and the
 * monthly cube (month × state × subject × robocall, small enough to hold in memory and shape in JS).
 * Loaded once per build.
 */
import { getManifest, once, query } from './db';
import type { Month } from '../../lib/dates';
import { coverage, lastTwelve, spanName, type Coverage } from '../../lib/site-data/months';
import { formatMonth } from '../../lib/format';
import type { StateRef } from '../../lib/site-data/shape';
import type { CubeRow } from '../../lib/site-data/views';
import type { Manifest } from '../../lib/manifest';
import { SUBJECT_SHORT_LABELS, UNRECOGNIZED_SUBJECT } from '../../lib/catalog/enums';
import type { SubjectRow } from '../../lib/catalog/tables';
import { selectColumns } from '../../lib/catalog/sql';

export type MonthlyRow = CubeRow;

/** A row of the subjects reference table (the catalog's). */
export type SubjectRef = SubjectRow;

export interface Site {
  manifest: Manifest;
  synthetic: boolean;
  dataVersion: string;
  coverage: Coverage | null;
  /** The months charts and comparisons use (complete months; see months.ts). */
  months: Month[];
  /** The (up to) twelve latest of those, for maps, ranks and mixes. */
  window: Month[];
  windowName: string;
  states: StateRef[];
  subjects: SubjectRef[];
  /** Places with at least one complaint, in the order of `states`. */
  statesInData: StateRef[];
  /** Subjects with at least one complaint, in the order of `subjects` (plus any unknown slug). */
  subjectsInData: SubjectRef[];
  monthly: MonthlyRow[];
  totalComplaints: number;
  stateName(usps: string | null): string;
  subjectLabel(slug: string): string;
  /** A label short enough for a chart on a phone. */
  subjectShort(slug: string): string;
  /** `the 12 months to October 2026` (or fewer months, or one month's name). */
  windowPhrase: string;
  /** `Nov 2025–Oct 2026`, for labels. */
  windowShort: string;
}

export { CATCH_ALL_SUBJECTS } from '../../lib/site-data/shape';

export const loadSite = once(async (): Promise<Site> => {
  const manifest = getManifest();
  const [states, subjects, monthly, range] = await Promise.all([
    query<StateRef>(`SELECT ${selectColumns('states')} FROM states ORDER BY name`),
    query<SubjectRef>(`SELECT ${selectColumns('subjects')} FROM subjects`),
    query<MonthlyRow>(
      `SELECT strftime(month, '%Y-%m') AS month, state, subject, robocall, complaints FROM monthly ORDER BY month`,
    ),
    query<{ first: string | null; last: string | null }>(
      `SELECT strftime(min(day), '%Y-%m-%d') AS first, strftime(max(day), '%Y-%m-%d') AS last FROM daily`,
    ),
  ]);
  const cov = coverage(range[0]?.first ?? null, range[0]?.last ?? null);
  const months = cov?.months ?? [];
  const window = cov ? lastTwelve(cov) : [];
  const withData = new Set(monthly.map((r) => r.state));
  const subjectSlugs = new Set(monthly.map((r) => r.subject));
  const bySlug = new Map(subjects.map((s) => [s.slug, s]));
  const unknownSubjects = [...subjectSlugs]
    .filter((s) => !bySlug.has(s))
    .sort()
    .map((slug) => ({
      slug,
      label: slug === UNRECOGNIZED_SUBJECT.slug ? UNRECOGNIZED_SUBJECT.label : slug,
      ftc_label: '',
    }));
  const allSubjects = [...subjects, ...unknownSubjects];
  const stateByCode = new Map(states.map((s) => [s.usps, s]));
  return {
    manifest,
    synthetic: manifest.synthetic,
    dataVersion: manifest.data_version,
    coverage: cov,
    months,
    window,
    windowName: spanName(window),
    states,
    subjects: allSubjects,
    statesInData: states.filter((s) => withData.has(s.usps)),
    subjectsInData: allSubjects.filter((s) => subjectSlugs.has(s.slug)),
    monthly,
    totalComplaints: monthly.reduce((sum, r) => sum + r.complaints, 0),
    stateName: (usps) => (usps ? (stateByCode.get(usps)?.name ?? usps) : 'State not known'),
    subjectLabel: (slug) => allSubjects.find((s) => s.slug === slug)?.label ?? slug,
    subjectShort: (slug) =>
      SUBJECT_SHORT_LABELS[slug] ?? allSubjects.find((s) => s.slug === slug)?.label ?? slug,
    windowPhrase: windowPhrase(window),
    windowShort: window.length
      ? window.length === 1
        ? formatMonth(window[0]!, true)
        : `${formatMonth(window[0]!, true)}–${formatMonth(window[window.length - 1]!, true)}`
      : '',
  };
});

/** `the 12 months to October 2026`; one month reads as its name. */
export function windowPhrase(months: readonly Month[]): string {
  const last = months[months.length - 1];
  if (!last) return 'no months';
  return months.length === 1
    ? formatMonth(last)
    : `the ${months.length} months to ${formatMonth(last)}`;
}
