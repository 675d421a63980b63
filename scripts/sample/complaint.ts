/**
 * One synthetic complaint, and one created-date's worth of them. The model (states, subjects,
 * campaigns) is built once; each day gets its own tables and its own random stream, so a day's
 * rows depend only on the seed, the model and the day.
 */
import {
  CAMPAIGN_MAX_DAY_SHARE,
  CAMPAIGN_SUBJECT_SHARE,
  CAMPAIGN_TARGET_STATE_SHARE,
  CONSUMER_REPEAT_SHARE,
  CREATED_HOUR_WEIGHTS,
  CREATED_NEIGHBOUR_SWAP_SHARE,
  DEFAULT_WEEKDAY_VOLUME,
} from './calibration';
import { dailyVolume, yearsFrom } from './calendar';
import { backgroundNumber, MALFORMED_SHARE, malformedNumber } from './callers';
import { type Campaign, campaignRate } from './campaigns';
import { formatDay } from './dates';
import { areaCodeFor, cityText, stateText, stateWeights } from './geography';
import type { SampleModel } from './model';
import { AliasTable, type Rng, rngFor } from './random';
import { robocallFlag, type RobocallFlag, subjectWeights } from './subjects';
import { violationAt } from './violation';

/**
 * A complaint's values, before formatting (csv-writer.ts turns them into the FTC's text). Numbers
 * stay numbers so that the hot loop allocates nothing per row; pooled strings are shared.
 */
export interface Complaint {
  /** A well-formed 10-digit caller as an integer, or -1 when `callerText` holds what was reported. */
  callerNumber: number;
  callerText: string;
  createdDay: number;
  /** Seconds since the created day's midnight. */
  createdSecond: number;
  /** NaN when the consumer gave no violation date. */
  violationDay: number;
  violationSecond: number;
  city: string;
  state: string;
  areaCode: string;
  /** The FTC's label (double space before `&`). */
  subject: string;
  flag: RobocallFlag;
}

export function emptyComplaint(): Complaint {
  return {
    callerNumber: -1,
    callerText: '',
    createdDay: 0,
    createdSecond: 0,
    violationDay: Number.NaN,
    violationSecond: 0,
    city: '',
    state: '',
    areaCode: '',
    subject: '',
    flag: '',
  };
}

/** Everything a day's rows are drawn from, built once per day. */
export interface DayContext {
  model: SampleModel;
  day: number;
  stateTable: AliasTable;
  /** Per state, an alias over subjects (the national mix of the day × the state's lean). */
  subjectTables: readonly AliasTable[];
  /** Slot 0 is "no campaign"; slot k is active[k - 1]. */
  slotTable: AliasTable;
  active: readonly Campaign[];
}

const hourTable = new AliasTable(CREATED_HOUR_WEIGHTS);

function monthOf(day: number): number {
  return new Date(day * 86_400_000).getUTCMonth() + 1;
}

export function dayContext(model: SampleModel, day: number): DayContext {
  const years = yearsFrom(day, model.middle);
  const stateTable = new AliasTable(stateWeights(model.states, years));
  const national = subjectWeights(model.subjects, years, monthOf(day));
  const subjectTables = model.tilts.map(
    (tilt) => new AliasTable(national.map((w, i) => w * tilt[i]!)),
  );
  const active: Campaign[] = [];
  const rates: number[] = [0];
  let busy = 0;
  for (const campaign of model.campaigns) {
    if (campaign.start > day) break;
    if (campaign.end <= day) continue;
    const rate = campaignRate(campaign, day);
    if (rate <= 0) continue;
    active.push(campaign);
    rates.push(rate);
    busy += rate;
  }
  // Campaign rates are complaints a day at the default weekday volume, so their share of a day
  // does not depend on --volume; a pile-up of campaigns is capped rather than crowding out the rest.
  const scale =
    busy > CAMPAIGN_MAX_DAY_SHARE * DEFAULT_WEEKDAY_VOLUME
      ? (CAMPAIGN_MAX_DAY_SHARE * DEFAULT_WEEKDAY_VOLUME) / busy
      : 1;
  for (let i = 1; i < rates.length; i++) rates[i] = rates[i]! * scale;
  rates[0] = DEFAULT_WEEKDAY_VOLUME - busy * scale;
  return { model, day, stateTable, subjectTables, slotTable: new AliasTable(rates), active };
}

/**
 * Created times for `count` complaints, seconds of the day in the file's order: ascending, with
 * the few neighbouring pairs out of order that the FTC's files have.
 */
export function createdSeconds(count: number, rng: Rng): Int32Array {
  // Counting sort over the 86,400 seconds of a day: cheaper than sorting thousands of draws.
  const perSecond = new Uint32Array(86_400);
  for (let i = 0; i < count; i++) perSecond[hourTable.sample(rng) * 3600 + rng.int(3600)]!++;
  const seconds = new Int32Array(count);
  let at = 0;
  for (let s = 0; s < 86_400; s++) for (let k = perSecond[s]!; k > 0; k--) seconds[at++] = s;
  for (let i = 0; i + 1 < count; i++) {
    if (rng.chance(CREATED_NEIGHBOUR_SWAP_SHARE)) {
      const a = seconds[i]!;
      seconds[i] = seconds[i + 1]!;
      seconds[i + 1] = a;
      i++;
    }
  }
  return seconds;
}

/** Fills `row` with one complaint created at `second` on the context's day, and returns it. */
export function makeComplaint(
  ctx: DayContext,
  second: number,
  rng: Rng,
  row: Complaint = emptyComplaint(),
): Complaint {
  const { model } = ctx;
  const slot = ctx.slotTable.sample(rng);
  const campaign = slot === 0 ? undefined : ctx.active[slot - 1]!;

  let stateIndex: number;
  if (
    campaign !== undefined &&
    campaign.targetState >= 0 &&
    rng.chance(CAMPAIGN_TARGET_STATE_SHARE)
  )
    stateIndex = campaign.targetState;
  else stateIndex = ctx.stateTable.sample(rng);
  const state = model.states[stateIndex]!;
  const areaCode = areaCodeFor(state, rng);

  let subjectIndex = -1;
  row.callerNumber = -1;
  const x = rng.next();
  if (x < MALFORMED_SHARE) row.callerText = malformedNumber(x, model.numbers, rng);
  else if (campaign === undefined)
    row.callerNumber = backgroundNumber(state.areaCodeValues[areaCode]!, model.numbers, rng);
  else {
    const n = campaign.numberTable.sample(rng);
    row.callerText = campaign.numbers[n]!;
    if (rng.chance(CAMPAIGN_SUBJECT_SHARE)) subjectIndex = campaign.numberSubjects[n]!;
  }
  // A campaign number without a subject of its own, or a consumer who filed it elsewhere.
  if (subjectIndex < 0) subjectIndex = ctx.subjectTables[stateIndex]!.sample(rng);
  const subject = model.subjects[subjectIndex]!;

  row.createdDay = ctx.day;
  row.createdSecond = second;
  setViolation(row, ctx.day, second, rng);
  row.city = rng.chance(subject.cityEmpty) ? '' : cityText(state, rng);
  row.state = stateText(state, rng);
  row.areaCode = state.areaCodes[areaCode]!;
  row.subject = subject.ftcLabel;
  row.flag = robocallFlag(subject, rng);
  return row;
}

/**
 * The same consumer filing again, minutes later, about the same call: `row` still holds their
 * previous complaint, so only the times change (the violation date is typed afresh).
 */
export function repeatComplaint(
  ctx: DayContext,
  second: number,
  rng: Rng,
  row: Complaint,
): Complaint {
  row.createdSecond = second;
  setViolation(row, ctx.day, second, rng);
  return row;
}

function setViolation(row: Complaint, day: number, second: number, rng: Rng): void {
  const violation = violationAt(second, rng);
  if (Number.isNaN(violation)) {
    row.violationDay = Number.NaN;
    return;
  }
  const offset = Math.floor(violation / 86_400);
  row.violationDay = day + offset;
  row.violationSecond = violation - offset * 86_400;
}

/** How many complaints are created on `day` (the first draw of the day's stream). */
function dayStream(model: SampleModel, day: number): { rng: Rng; count: number } {
  const rng = rngFor(model.seed, `day:${formatDay(day)}`);
  return { rng, count: dailyVolume(day, model.weekdayVolume, model.middle, rng) };
}

/**
 * The complaints created on `day`, in the file's order, handed to `emit` one at a time in a
 * record that is reused: emit must use or copy it before returning. Returns the count.
 */
export function generateDay(
  model: SampleModel,
  day: number,
  emit: (row: Complaint) => void,
): number {
  const { rng, count } = dayStream(model, day);
  const ctx = dayContext(model, day);
  const seconds = createdSeconds(count, rng);
  const row = emptyComplaint();
  for (let i = 0; i < count; i++) {
    const second = seconds[i]!;
    emit(
      i > 0 && rng.chance(CONSUMER_REPEAT_SHARE)
        ? repeatComplaint(ctx, second, rng, row)
        : makeComplaint(ctx, second, rng, row),
    );
  }
  return count;
}

/** The same rows as an array of separate records (tests, small days). */
export function collectDay(model: SampleModel, day: number): Complaint[] {
  const rows: Complaint[] = [];
  generateDay(model, day, (row) => rows.push({ ...row }));
  return rows;
}
