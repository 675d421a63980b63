/**
 * Violation_Date: when the consumer says the call came. Usually hours to days before the
 * complaint, rounded the way people round, sometimes a date only, now and then after the
 * complaint (clock or typing slips) or years before it, and rarely missing.
 */
import {
  VIOLATION_AFTER_CAP_HOURS,
  VIOLATION_AFTER_MEAN_HOURS,
  VIOLATION_AFTER_SHARE,
  VIOLATION_DELAY_CAP_HOURS,
  VIOLATION_DELAY_MEDIAN_HOURS,
  VIOLATION_DELAY_SIGMA,
  VIOLATION_DELAY_TAIL_COMPRESSION,
  VIOLATION_DELAY_TAIL_KNEE,
  VIOLATION_EMPTY_SHARE,
  VIOLATION_KEEP_SECONDS_SHARE,
  VIOLATION_MIDNIGHT_SHARE,
  VIOLATION_OLD_MAX_YEARS,
  VIOLATION_OLD_MONTHS_SHARE,
  VIOLATION_OLD_YEARS_SHARE,
  VIOLATION_ROUND_HOUR_SHARE,
  VIOLATION_ROUND_QUARTER_SHARE,
} from './calibration';
import { normalQuantile, QuantileTable, type Rng } from './random';

const SECONDS_PER_DAY = 86_400;
const SECONDS_PER_HOUR = 3_600;

/** Hours from the call to the complaint for the ordinary (neither late nor old) reports. */
export function delayHoursQuantile(p: number): number {
  let z = normalQuantile(p);
  if (z > VIOLATION_DELAY_TAIL_KNEE)
    z =
      VIOLATION_DELAY_TAIL_KNEE +
      (z - VIOLATION_DELAY_TAIL_KNEE) * VIOLATION_DELAY_TAIL_COMPRESSION;
  return Math.min(
    VIOLATION_DELAY_CAP_HOURS,
    VIOLATION_DELAY_MEDIAN_HOURS * Math.exp(VIOLATION_DELAY_SIGMA * z),
  );
}

const delayHours = QuantileTable.of(delayHoursQuantile);

/** Signed seconds from violation to complaint (positive: the call came first). */
export function violationDelaySeconds(rng: Rng): number | null {
  let x = rng.next();
  if (x < VIOLATION_EMPTY_SHARE) return null;
  x -= VIOLATION_EMPTY_SHARE;
  if (x < VIOLATION_AFTER_SHARE) {
    return -Math.round(
      Math.min(VIOLATION_AFTER_CAP_HOURS, rng.exponential(VIOLATION_AFTER_MEAN_HOURS)) *
        SECONDS_PER_HOUR,
    );
  }
  x -= VIOLATION_AFTER_SHARE;
  if (x < VIOLATION_OLD_MONTHS_SHARE) return Math.round(rng.uniform(60, 365) * SECONDS_PER_DAY);
  x -= VIOLATION_OLD_MONTHS_SHARE;
  if (x < VIOLATION_OLD_YEARS_SHARE)
    return Math.round(rng.uniform(1, VIOLATION_OLD_MAX_YEARS) * 365.25 * SECONDS_PER_DAY);
  return Math.round(delayHours.sample(rng) * SECONDS_PER_HOUR);
}

/** How a consumer writes the time of the call: date only, on the hour, a quarter, a minute. */
export function roundedClock(second: number, rng: Rng): number {
  const x = rng.next();
  if (x < VIOLATION_MIDNIGHT_SHARE) return 0;
  if (x < VIOLATION_MIDNIGHT_SHARE + VIOLATION_KEEP_SECONDS_SHARE) return second;
  if (x < VIOLATION_MIDNIGHT_SHARE + VIOLATION_KEEP_SECONDS_SHARE + VIOLATION_ROUND_HOUR_SHARE)
    return second - (second % 3600);
  if (
    x <
    VIOLATION_MIDNIGHT_SHARE +
      VIOLATION_KEEP_SECONDS_SHARE +
      VIOLATION_ROUND_HOUR_SHARE +
      VIOLATION_ROUND_QUARTER_SHARE
  ) {
    return second - (second % 900);
  }
  return second - (second % 60);
}

/**
 * When the call came, in seconds from midnight of the complaint's created day (negative: days
 * before), as the consumer wrote it; NaN when they left it empty.
 */
export function violationAt(createdSecond: number, rng: Rng): number {
  const delay = violationDelaySeconds(rng);
  if (delay === null) return Number.NaN;
  const at = createdSecond - delay;
  const midnight = Math.floor(at / SECONDS_PER_DAY) * SECONDS_PER_DAY;
  return midnight + roundedClock(at - midnight, rng);
}
