/**
 * What an enforcement action targets, in plain words: one entry per `category` of
 * data/reference/enforcement_actions.csv (the fact check of December 2026 decided each row's
 * category from its own notes and sources). Every page, table, chart label and download that
 * names a category takes its words from here.
 */

export const CATEGORIES = [
  'pone_letter',
  'gateway_action',
  'provider_action',
  'robocaller_action',
  'sweep',
] as const;
export type Category = (typeof CATEGORIES)[number];

export interface CategoryWords {
  /** One action: "FTC Point of No Entry letter". */
  label: string;
  /** A heading over several: "Point of No Entry letters". */
  heading: string;
  /** A tag or chart label, two or three words: "PoNE letter". */
  short: string;
  /** In a count, one and many: "action against a gateway provider", "actions against gateway providers". */
  one: string;
  many: string;
}

export const CATEGORY_WORDS: Record<Category, CategoryWords> = {
  pone_letter: {
    label: 'FTC Project Point of No Entry letter or announcement',
    heading: 'Project Point of No Entry letters',
    short: 'PoNE letter',
    one: 'Project Point of No Entry letter or announcement',
    many: 'Project Point of No Entry letters and announcements',
  },
  gateway_action: {
    label: 'Action against a gateway provider',
    heading: 'Actions against gateway providers',
    short: 'Gateway provider',
    one: 'action against a gateway provider',
    many: 'actions against gateway providers',
  },
  provider_action: {
    label: 'Action against another voice provider (originating, intermediate or database filer)',
    heading: 'Actions against other voice providers',
    short: 'Other voice provider',
    one: 'action against another voice provider',
    many: 'actions against other voice providers',
  },
  robocaller_action: {
    label: 'Action against a robocall operation',
    heading: 'Actions against robocall operations',
    short: 'Robocall operation',
    one: 'action against a robocall operation',
    many: 'actions against robocall operations',
  },
  sweep: {
    label: 'Enforcement sweep with many parties',
    heading: 'Enforcement sweeps',
    short: 'Sweep',
    one: 'enforcement sweep',
    many: 'enforcement sweeps',
  },
};

/**
 * The categories "letters and actions against gateway providers" covers: PoNE letters (sent to
 * gateway providers) and actions whose target is a gateway provider, nothing else.
 */
export const GATEWAY_CATEGORIES: ReadonlySet<Category> = new Set(['pone_letter', 'gateway_action']);

/** Categories whose named party is a voice provider, and so gets a provider page. */
export const PROVIDER_CATEGORIES: ReadonlySet<Category> = new Set([
  'pone_letter',
  'gateway_action',
  'provider_action',
]);

/** `3 Project Point of No Entry letters and announcements, 1 action against a gateway provider and 2 enforcement sweeps`. */
export function categoryCountPhrase(counts: ReadonlyMap<Category, number>): string {
  const parts = CATEGORIES.filter((c) => (counts.get(c) ?? 0) > 0).map((c) => {
    const n = counts.get(c)!;
    return `${n.toLocaleString('en-US')} ${n === 1 ? CATEGORY_WORDS[c].one : CATEGORY_WORDS[c].many}`;
  });
  return parts.length > 1
    ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`
    : (parts[0] ?? 'nothing');
}

export function isCategory(value: string): value is Category {
  return (CATEGORIES as readonly string[]).includes(value);
}

/** The category of a fact row; a value outside the five stops the build with the row named. */
export function parseCategory(value: string | null | undefined, where: string): Category {
  const v = (value ?? '').trim();
  if (!isCategory(v))
    throw new Error(
      `${where}: category ${JSON.stringify(v)} is not one of ${CATEGORIES.join(', ')}`,
    );
  return v;
}

export type SourceKind = 'primary' | 'secondary';

export function parseSourceKind(value: string | null | undefined, where: string): SourceKind {
  const v = (value ?? '').trim();
  if (v !== 'primary' && v !== 'secondary')
    throw new Error(`${where}: source_kind ${JSON.stringify(v)} is neither primary nor secondary`);
  return v;
}
