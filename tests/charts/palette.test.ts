import { describe, expect, it } from 'vitest';
import {
  AGENCY_COLORS,
  BAR_COLOR,
  CATEGORICAL,
  colorFor,
  contrastRatio,
  HIGHLIGHT_COLOR,
  MUTED,
  ROBOCALL_COLORS,
  SUBJECT_COLORS,
  SUBJECT_SLUGS,
  sequentialScheme,
} from '../../src/lib/charts/palette';

describe('palette', () => {
  it('gives every mark colour at least 3:1 against white (WCAG 1.4.11)', () => {
    const marks = {
      ...ROBOCALL_COLORS,
      ...SUBJECT_COLORS,
      ...AGENCY_COLORS,
      BAR_COLOR,
      HIGHLIGHT_COLOR,
      MUTED,
      ...Object.fromEntries(CATEGORICAL.entries()),
    };
    for (const [name, color] of Object.entries(marks))
      expect(contrastRatio(color), name).toBeGreaterThanOrEqual(3);
  });

  it('has a colour for all 15 FTC subjects and `unrecognized`, none repeated', () => {
    expect(SUBJECT_SLUGS).toHaveLength(16);
    expect(Object.keys(SUBJECT_COLORS).sort()).toEqual([...SUBJECT_SLUGS].sort());
    expect(new Set(Object.values(SUBJECT_COLORS)).size).toBe(16);
  });

  it('keeps robocall and live apart in hue and the highlight apart from the bars', () => {
    expect(ROBOCALL_COLORS.robocall).not.toBe(ROBOCALL_COLORS.live);
    expect(HIGHLIGHT_COLOR).not.toBe(BAR_COLOR);
  });

  it('falls back to the categorical cycle for unknown keys', () => {
    expect(colorFor('live', 0)).toBe(ROBOCALL_COLORS.live);
    expect(colorFor('imposters', 5)).toBe(SUBJECT_COLORS.imposters);
    expect(colorFor('OH', 1)).toBe(CATEGORICAL[1]);
    expect(colorFor('XX', CATEGORICAL.length)).toBe(CATEGORICAL[0]);
  });

  it('makes sequential schemes of 3 to 8 classes, light to dark, without near-white', () => {
    for (let n = 3; n <= 8; n++) {
      const scheme = sequentialScheme(n);
      expect(scheme).toHaveLength(n);
      const ratios = scheme.map((c) => contrastRatio(c));
      expect([...ratios].sort((a, b) => a - b)).toEqual(ratios);
      expect(ratios[0]).toBeGreaterThan(1.2);
    }
    expect(sequentialScheme(12)).toHaveLength(8);
  });

  it('computes WCAG contrast ratios', () => {
    expect(contrastRatio('#000000')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff')).toBe(1);
    expect(contrastRatio('#767676')).toBeCloseTo(4.54, 2);
  });
});
