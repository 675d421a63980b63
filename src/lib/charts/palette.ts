/**
 * Colours for every chart. Hues follow Okabe–Ito (blue against vermillion is safe for the common
 * colour-vision deficiencies), darkened where needed so every mark colour reaches 3:1 against a
 * white background (WCAG 1.4.11); tests/charts/palette.test.ts checks that. Colour is never the
 * only carrier: the charts label lines and panels directly.
 */
import { schemeBlues } from 'd3';

/** Text and axis ink (16:1 on white). */
export const INK = '#1a1a1a';
/** Secondary text, rules and outlines (7:1 on white). */
export const MUTED = '#595959';
/** States or months with no data: a neutral grey, apart from the blue classes of the map. */
export const NO_DATA = '#c8c8c8';
/** A place the view's filter leaves out: blank, outlined (it has data; it is just not chosen). */
export const NOT_SELECTED = '#ffffff';
export const NOT_SELECTED_STROKE = '#9a9a9a';

/** The three answers to "was it a recorded message or robocall?". */
export const ROBOCALL_COLORS = {
  robocall: '#0072B2',
  live: '#C25400',
  unknown: '#737373',
} as const;

/** The FTC's subjects, by slug, in the FTC's order (subjects.csv), and `unrecognized`. */
export const SUBJECT_SLUGS = [
  'imposters',
  'warranties',
  'debt',
  'medical',
  'energy',
  'tech-support',
  'vacation',
  'prizes',
  'home-improvement',
  'home-security',
  'work-from-home',
  'charities',
  'dropped-call',
  'other',
  'none',
  'unrecognized',
] as const;
export type SubjectSlug = (typeof SUBJECT_SLUGS)[number];

/** One fixed colour per subject, so a subject looks the same on every chart; the catch-alls are grey. */
export const SUBJECT_COLORS: Record<SubjectSlug, string> = {
  imposters: '#0072B2',
  warranties: '#C25400',
  debt: '#008060',
  medical: '#B8407A',
  energy: '#9A6B00',
  'tech-support': '#6A4C9C',
  vacation: '#1A7A8A',
  prizes: '#C0392B',
  'home-improvement': '#6B7A1E',
  'home-security': '#3A5FA8',
  'work-from-home': '#8A5A3C',
  charities: '#2E7D32',
  'dropped-call': '#5C5C5C',
  other: '#767676',
  none: '#8C8C8C',
  unrecognized: '#4D4D4D',
};

/** Agencies on the enforcement timeline; anything else (state AGs, joint actions) is grey. */
export const AGENCY_COLORS: Record<string, string> = { FTC: '#0072B2', FCC: '#C25400' };
export const OTHER_AGENCY_COLOR = '#595959';

/** For series with no fixed colour (a state against the nation, say): the same hues, in order. */
export const CATEGORICAL = [
  '#0072B2',
  '#C25400',
  '#008060',
  '#B8407A',
  '#6A4C9C',
  '#9A6B00',
  '#1A7A8A',
  '#595959',
] as const;

/** Bars: the ordinary colour, and the one for rows flagged `highlight` (always with a text marker too). */
export const BAR_COLOR = '#3A5FA8';
export const HIGHLIGHT_COLOR = '#C25400';

/** The shaded windows of the before/after chart (backgrounds, so they stay light). */
export const WINDOW_COLORS = { before: '#ececec', after: '#fbe3d3' } as const;

/**
 * `classes` blues for the choropleth (3–8), light to dark. ColorBrewer's lightest blue is all but
 * white, so it is skipped: the palliest class must still read as a filled state.
 */
export function sequentialScheme(classes: number): string[] {
  const n = Math.min(8, Math.max(3, Math.round(classes)));
  return [...(schemeBlues[n + 1] ?? [])].slice(1);
}

/** The fixed colour of a known key (robocall flag or subject slug), else the `index`-th categorical colour. */
export function colorFor(key: string, index: number): string {
  if (key in ROBOCALL_COLORS) return ROBOCALL_COLORS[key as keyof typeof ROBOCALL_COLORS];
  if (key in SUBJECT_COLORS) return SUBJECT_COLORS[key as SubjectSlug];
  return CATEGORICAL[index % CATEGORICAL.length] ?? INK;
}

function luminance(hex: string): number {
  const channel = (offset: number) => {
    const c = parseInt(hex.slice(offset, offset + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** WCAG contrast ratio of two `#rrggbb` colours (1–21). */
export function contrastRatio(a: string, b = '#ffffff'): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}
