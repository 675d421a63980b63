/**
 * Where complaints come from: each state's weight (population × a stable propensity × its own
 * trend), its area codes, its cities, and the way consumers spell its name.
 */
import type { AreaCode, State } from '../lib/reference';
import {
  AREA_CODE_WEIGHT_SIGMA,
  CITY_LOWER_SHARE,
  CITY_RANK_EXPONENT,
  CITY_UPPER_SHARE,
  DATABOOK_FY2024_NEXT_PROPENSITY,
  DATABOOK_FY2024_NEXT_STATES,
  DATABOOK_FY2025_COMPLAINTS_PER_100K,
  DATABOOK_FY2025_TOP_STATES,
  ISLAND_AREA_POPULATION_2020,
  STATE_EMPTY_SHARE,
  STATE_LOWER_SHARE,
  STATE_PROPENSITY_MAX,
  STATE_PROPENSITY_MIN,
  STATE_PROPENSITY_SIGMA,
  STATE_TREND_MAX,
  STATE_TREND_SIGMA,
  STATE_UNKNOWN_SHARE,
  STATE_UPPER_SHARE,
  TERRITORY_PROPENSITY,
  UNKNOWN_STATE_NAMES,
} from './calibration';
import { citiesFor } from './cities';
import { AliasTable, type Rng, rngFor } from './random';

/** NANPA writes the Northern Mariana Islands as CNMI; the USPS code is MP. */
const NANPA_LOCATION: Readonly<Record<string, string>> = { MP: 'CNMI' };

export interface StateModel {
  usps: string;
  name: string;
  /** 2020 population (Island Areas from calibration). */
  population: number;
  /** Stable multiplicative "complains more or less" factor. */
  propensity: number;
  /** Log-rate per year, relative to the national trend. */
  trendPerYear: number;
  areaCodes: readonly string[];
  /** The same area codes as integers (for spoofed numbers built on the consumer's own code). */
  areaCodeValues: readonly number[];
  areaCodeTable: AliasTable;
  cities: readonly CityNames[];
  cityTable: AliasTable | null;
  lower: string;
  upper: string;
}

/** A city as typed three ways, built once so the hot loop only picks. */
export interface CityNames {
  name: string;
  upper: string;
  lower: string;
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}

/** The Data Book's ranked states keep their sourced (or ranked) propensity; undefined for others. */
function rankedPropensity(usps: string): number | undefined {
  const rate = DATABOOK_FY2025_TOP_STATES[usps];
  if (rate !== undefined) return rate / DATABOOK_FY2025_COMPLAINTS_PER_100K;
  if ((DATABOOK_FY2024_NEXT_STATES as readonly string[]).includes(usps))
    return DATABOOK_FY2024_NEXT_PROPENSITY;
  return undefined;
}

/** US geographic, in-service area codes grouped by NANPA location (a USPS code, or CNMI). */
export function areaCodesByLocation(areaCodes: readonly AreaCode[]): Map<string, string[]> {
  const byLocation = new Map<string, string[]>();
  for (const code of areaCodes) {
    if (code.country !== 'US' || code.use !== 'G' || !code.inService) continue;
    const list = byLocation.get(code.location) ?? [];
    list.push(code.areaCode);
    byLocation.set(code.location, list);
  }
  for (const list of byLocation.values()) list.sort();
  return byLocation;
}

export function buildStates(
  states: readonly State[],
  areaCodes: readonly AreaCode[],
  seed: string,
): StateModel[] {
  const byLocation = areaCodesByLocation(areaCodes);
  return states.map((state) => {
    const population = state.population ?? ISLAND_AREA_POPULATION_2020[state.usps];
    if (population === undefined) throw new Error(`no population for ${state.usps}`);
    const codes = byLocation.get(NANPA_LOCATION[state.usps] ?? state.usps);
    if (codes === undefined || codes.length === 0)
      throw new Error(`no geographic area code for ${state.usps}`);
    // Draw in a fixed order per state so that adding a state later moves no other state's numbers.
    const own = rngFor(seed, `state:${state.usps}`);
    const territory = state.kind === 'territory' ? TERRITORY_PROPENSITY : 1;
    const drawn =
      territory *
      clamp(own.lognormal(STATE_PROPENSITY_SIGMA), STATE_PROPENSITY_MIN, STATE_PROPENSITY_MAX);
    const drawnTrend = clamp(STATE_TREND_SIGMA * own.normal(), -STATE_TREND_MAX, STATE_TREND_MAX);
    const ranked = rankedPropensity(state.usps);
    const propensity = ranked ?? drawn;
    const trendPerYear = ranked === undefined ? drawnTrend : 0;
    const areaCodeTable = new AliasTable(codes.map(() => own.lognormal(AREA_CODE_WEIGHT_SIGMA)));
    const cityNames = citiesFor(state.usps);
    const cities = cityNames.map((name) => ({
      name,
      upper: name.toUpperCase(),
      lower: name.toLowerCase(),
    }));
    const cityTable =
      cities.length === 0
        ? null
        : new AliasTable(cities.map((_, rank) => 1 / Math.pow(rank + 1, CITY_RANK_EXPONENT)));
    return {
      usps: state.usps,
      name: state.name,
      population,
      propensity,
      trendPerYear,
      areaCodes: codes,
      areaCodeValues: codes.map(Number),
      areaCodeTable,
      cities,
      cityTable,
      lower: state.name.toLowerCase(),
      upper: state.name.toUpperCase(),
    };
  });
}

/** Each state's share of complaints on a day `years` from mid-window (not normalised). */
export function stateWeights(states: readonly StateModel[], years: number): Float64Array {
  const weights = new Float64Array(states.length);
  for (let i = 0; i < states.length; i++) {
    const s = states[i]!;
    weights[i] = s.population * s.propensity * Math.exp(s.trendPerYear * years);
  }
  return weights;
}

/** Consumer_State as typed: mostly the full name, sometimes empty, re-cased or not a state. */
export function stateText(state: StateModel, rng: Rng): string {
  const x = rng.next();
  if (x >= STATE_EMPTY_SHARE + STATE_LOWER_SHARE + STATE_UPPER_SHARE + STATE_UNKNOWN_SHARE)
    return state.name;
  if (x < STATE_EMPTY_SHARE) return '';
  if (x < STATE_EMPTY_SHARE + STATE_LOWER_SHARE) return state.lower;
  if (x < STATE_EMPTY_SHARE + STATE_LOWER_SHARE + STATE_UPPER_SHARE) return state.upper;
  return rng.pick(UNKNOWN_STATE_NAMES);
}

/** An index into the state's area codes. */
export function areaCodeFor(state: StateModel, rng: Rng): number {
  return state.areaCodeTable.sample(rng);
}

/** Consumer_City when the consumer gave one: a city of the state, now and then in one case. */
export function cityText(state: StateModel, rng: Rng): string {
  if (state.cityTable === null) return '';
  const city = state.cities[state.cityTable.sample(rng)]!;
  const x = rng.next();
  if (x < CITY_UPPER_SHARE) return city.upper;
  if (x < CITY_UPPER_SHARE + CITY_LOWER_SHARE) return city.lower;
  return city.name;
}
