/**
 * The generator's model, built once from the reference tables and the options: states, subjects,
 * caller-number tables and every campaign of the window (ordinary and PoNE). Deterministic in the
 * seed, so worker threads can each build their own and agree byte for byte.
 */
import {
  loadAreaCodes,
  loadPoneCallerNumbers,
  loadStates,
  loadSubjects,
  readReferenceCsv,
  REFERENCE_DIR,
} from '../lib/reference';
import { yearsFrom } from './calendar';
import { buildNumberTables, type NumberTables } from './callers';
import { type Campaign, type CampaignContext, ordinaryCampaigns } from './campaigns';
import { parseDay } from './dates';
import { buildStates, type StateModel, stateWeights } from './geography';
import { poneCampaigns, toPoneLetter } from './pone';
import { AliasTable, type Rng } from './random';
import { buildSubjects, type SubjectModel, subjectTilts, subjectWeights } from './subjects';

/** Everything the day generator draws from, fixed for the whole window. */
export interface SampleModel {
  seed: string;
  weekdayVolume: number;
  /** The window's middle day: the clock for every trend. */
  middle: number;
  states: readonly StateModel[];
  subjects: readonly SubjectModel[];
  /** Per state, per subject: a stable lean (see subjects.ts). */
  tilts: readonly Float64Array[];
  /** Sorted by start day. */
  campaigns: readonly Campaign[];
  numbers: NumberTables;
}

/** What the model depends on (a subset of the CLI options). */
export interface ModelOptions {
  days: number;
  /** Last created date, `YYYY-MM-DD`. */
  end: string;
  seed: string;
  /** Mean complaints on a weekday at mid-window. */
  volume: number;
  /** Where the reference CSVs are (tests may point elsewhere). */
  referenceDir?: string;
}

export function buildModel(options: ModelOptions): SampleModel {
  const dir = options.referenceDir ?? REFERENCE_DIR;
  const last = parseDay(options.end);
  const first = last - options.days + 1;
  const middle = Math.floor((first + last) / 2);
  const areaCodes = loadAreaCodes(dir);
  const states = buildStates(loadStates(dir), areaCodes, options.seed);
  const subjects = buildSubjects(loadSubjects(dir));
  const numbers = buildNumberTables(areaCodes);

  const populationTable = new AliasTable(stateWeights(states, 0));
  const subjectTableByMonth = new Map<number, AliasTable>();
  const context: CampaignContext = {
    seed: options.seed,
    tables: numbers,
    drawState: (rng: Rng) => populationTable.sample(rng),
    drawSubject: (day: number, rng: Rng) => {
      // Campaign subjects follow the national mix of their start month: cache one table a month.
      const date = new Date(day * 86_400_000);
      const key = date.getUTCFullYear() * 12 + date.getUTCMonth();
      let table = subjectTableByMonth.get(key);
      if (table === undefined) {
        table = new AliasTable(
          subjectWeights(subjects, yearsFrom(day, middle), date.getUTCMonth() + 1),
        );
        subjectTableByMonth.set(key, table);
      }
      return table.sample(rng);
    },
  };
  const slugIndex = new Map(subjects.map((s, i) => [s.slug, i]));
  const pone = poneCampaigns(
    loadPoneCallerNumbers(dir),
    readReferenceCsv('pone_letters.csv', dir).map(toPoneLetter),
    (slug) => {
      const index = slugIndex.get(slug);
      if (index === undefined) throw new Error(`unknown subject slug ${slug}`);
      return index;
    },
    { first, last },
    options.seed,
  );
  const campaigns: Campaign[] = [...ordinaryCampaigns(first, last, context), ...pone].sort(
    (a, b) => a.start - b.start,
  );
  return {
    seed: options.seed,
    weekdayVolume: options.volume,
    middle,
    states,
    subjects,
    tilts: subjectTilts(
      states.map((s) => s.usps),
      subjects,
      options.seed,
    ),
    campaigns,
    numbers,
  };
}
