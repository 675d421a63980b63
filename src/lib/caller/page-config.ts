/**
 * What a page with the caller lookup hands its script at build time: the cube and the caller index
 * (not the yearly files: a lookup needs neither), and the names for states and subjects. Loaded by
 * src/build/caller/page-config.ts.
 */
export interface LookupPageConfig {
  files: { cube: string; years: Record<number, string>; callers?: Record<number, string> };
  states: { usps: string; name: string }[];
  subjects: { slug: string; label: string }[];
  coverage: { first: string; last: string } | null;
  /** providerKey → slug of the provider's page, for every provider with a page. */
  providerPages: Record<string, string>;
}
