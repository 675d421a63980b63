/**
 * What "national" means for a rate per 100,000 residents, everywhere the site divides by a
 * population: the 50 states and DC. That is the Census Bureau's resident population of the United
 * States (331,449,281 in 2020, the sum data/reference/states.csv gives for these places), and the
 * places the FTC's Data Book ranks per 100,000 population. Puerto Rico has a 2020 Census figure
 * and keeps its own rate and rank, but is not part of the national denominator (nor are its
 * complaints part of the national numerator), so the explorer's national line and the static
 * pages' national rate are the same number.
 */
export const NATIONAL_KINDS = ['state', 'district'] as const;

export function isNational(kind: string): boolean {
  return (NATIONAL_KINDS as readonly string[]).includes(kind);
}

/** The same rule as a SQL condition on a states table's `kind` column. */
export const NATIONAL_SQL = `kind IN (${NATIONAL_KINDS.map((k) => `'${k}'`).join(', ')})`;
