/**
 * Robocall campaigns: a handful of caller numbers reported again and again for a few weeks, then
 * gone. They give the caller charts their heavy tail and state pages their spikes. Rates are
 * complaints a day at the default weekday volume; a day's generator turns them into shares.
 */
import {
  CAMPAIGN_DURATION_MEDIAN_DAYS,
  CAMPAIGN_DURATION_SIGMA,
  CAMPAIGN_FADE_HALF_LIFE_DAYS,
  CAMPAIGN_MAX_NUMBERS,
  CAMPAIGN_PEAK_MAX,
  CAMPAIGN_PEAK_SCALE,
  CAMPAIGN_PEAK_SHAPE,
  CAMPAIGN_RAMP_DAYS,
  CAMPAIGN_STARTS_PER_DAY,
  CAMPAIGN_TARGETED_SHARE,
  CAMPAIGN_TOLL_FREE_SHARE,
} from './calibration';
import { geographicNumber, type NumberTables, tollFreeNumber } from './callers';
import { AliasTable, type Rng, rngFor } from './random';

/** Below this rate a fading campaign is over (about one complaint in 50 days). */
const RATE_FLOOR = 0.02;

export interface Campaign {
  /** For tests and debugging: `c123`, or `pone:<provider>:<phase>`. */
  id: string;
  numbers: readonly string[];
  numberTable: AliasTable;
  /** Subject index per number (-1: none in particular, the consumer picks from the usual mix). */
  numberSubjects: Int16Array;
  /** State index the campaign aims at, or -1. */
  targetState: number;
  /** First day with calls. */
  start: number;
  rampDays: number;
  /** Last day at full rate; the rate halves every halfLifeDays after it. */
  stop: number;
  halfLifeDays: number;
  peak: number;
  /** First day the rate is below RATE_FLOOR: the campaign can be skipped from then on. */
  end: number;
}

export interface CampaignShape {
  start: number;
  rampDays: number;
  stop: number;
  halfLifeDays: number;
  peak: number;
}

/** The day the fade falls below the floor: lets the day loop skip finished campaigns. */
export function campaignEnd(shape: CampaignShape): number {
  if (shape.peak <= RATE_FLOOR) return shape.stop + 1;
  return Math.ceil(shape.stop + shape.halfLifeDays * Math.log2(shape.peak / RATE_FLOOR)) + 1;
}

/** Complaints a day at the default volume: ramp up, plateau, exponential fade. */
export function campaignRate(c: CampaignShape, day: number): number {
  if (day < c.start) return 0;
  const ramp = Math.min(1, (day - c.start + 1) / c.rampDays);
  if (day <= c.stop) return c.peak * ramp;
  const rate = c.peak * ramp * Math.pow(0.5, (day - c.stop) / c.halfLifeDays);
  return rate < RATE_FLOOR ? 0 : rate;
}

/** Zipf weights over a campaign's numbers: the first number carries most of the calls. */
export function zipfTable(count: number): AliasTable {
  return new AliasTable(Array.from({ length: count }, (_, i) => 1 / (i + 1)));
}

export interface CampaignContext {
  seed: string;
  tables: NumberTables;
  /** Draws a subject index from the national mix around a given day. */
  drawSubject: (day: number, rng: Rng) => number;
  /** Draws a state index by population. */
  drawState: (rng: Rng) => number;
}

function campaignNumber(tables: NumberTables, rng: Rng): string {
  return String(
    rng.chance(CAMPAIGN_TOLL_FREE_SHARE)
      ? tollFreeNumber(tables, rng)
      : geographicNumber(tables, rng),
  );
}

/** One ordinary campaign starting on `start`. */
export function makeCampaign(
  id: string,
  start: number,
  context: CampaignContext,
  rng: Rng,
): Campaign {
  let count = 1;
  while (count < CAMPAIGN_MAX_NUMBERS && rng.chance(0.5)) count++;
  const numbers = Array.from({ length: count }, () => campaignNumber(context.tables, rng));
  const subject = context.drawSubject(start, rng);
  const targetState = rng.chance(CAMPAIGN_TARGETED_SHARE) ? context.drawState(rng) : -1;
  const duration = Math.max(
    1,
    Math.round(CAMPAIGN_DURATION_MEDIAN_DAYS * rng.lognormal(CAMPAIGN_DURATION_SIGMA)),
  );
  const shape: CampaignShape = {
    start,
    rampDays: CAMPAIGN_RAMP_DAYS,
    stop: start + duration - 1,
    halfLifeDays: CAMPAIGN_FADE_HALF_LIFE_DAYS,
    peak: Math.min(CAMPAIGN_PEAK_MAX, rng.pareto(CAMPAIGN_PEAK_SCALE, CAMPAIGN_PEAK_SHAPE)),
  };
  return {
    id,
    numbers,
    numberTable: zipfTable(count),
    numberSubjects: new Int16Array(count).fill(subject),
    targetState,
    ...shape,
    end: campaignEnd(shape),
  };
}

/**
 * Ordinary campaigns for the window. They start from 90 days before it so the first day already
 * has campaigns in full swing. Each start day has its own stream, so one day's draws never shift
 * another day's campaigns.
 */
export function ordinaryCampaigns(
  firstDay: number,
  lastDay: number,
  context: CampaignContext,
): Campaign[] {
  const campaigns: Campaign[] = [];
  for (let day = firstDay - 90; day <= lastDay; day++) {
    const rng = rngFor(context.seed, `campaigns:${day}`);
    const starts = rng.poisson(CAMPAIGN_STARTS_PER_DAY);
    for (let i = 0; i < starts; i++)
      campaigns.push(makeCampaign(`c${day}-${i}`, day, context, rng));
  }
  return campaigns;
}
