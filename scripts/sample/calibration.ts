/**
 * Every number the sample generator is calibrated to, with where it came from.
 *
 * Sources:
 * - REAL: the FTC daily file published 2021-07-08 (14,034 complaints created 2021-07-07),
 *   ../shared/data/real/dnc_complaint_numbers_2021-07-08.csv and its README. One day only: its
 *   shares are good estimates of the format's quirks, weak estimates of anything seasonal.
 * - DATABOOK: data/reference/databook_annual.csv (FTC National Do Not Call Registry Data Book),
 *   and for what that table does not hold, the FTC's Data Book releases as reported (stored copies):
 *   FY2025, einpresswire.com/article/874664736 (2025-12-11, the FTC release: top states per
 *   100,000 people; "debt, imposters, and medical and prescription" the most reported topics),
 *   scambuzz.info "ftc-issues-biennial-report-to-congress…" (then energy, solar and utilities,
 *   and home improvement and cleaning), communicationsdaily.com 2026-01-08 (robocall complaints
 *   "about 133,000 monthly in FY 2025"); FY2024, ftc.gov press release 2024/11
 *   "reports-unwanted-telemarketing-calls-down-more-50-percent-2021" (medical "more than 170,000")
 *   and ecacusa.org 2024-11-20 (imposters "over 158,000", then debt, energy, home improvement;
 *   top five states DE, OH, AZ, IL, NC).
 * - ISSUE9: what other projects observed of the FTC's files in 2026 (docs/ftc-source.md): files on
 *   weekdays only, "about 11,000 to 13,000 complaints per file".
 * - CENSUS: data/reference/states.csv (2020 Census) and the 2020 Island Areas counts below.
 * - PONE: data/reference/pone_letters.csv, pone_caller_numbers.csv, enforcement_actions.csv.
 * - ASSUMED: a choice made so that charts have a story; not a fact, nothing to cite. The site
 *   labels the whole sample synthetic, and these are the knobs to turn.
 */

// ── Volume ─────────────────────────────────────────────────────────────────────────────────────

/** DATABOOK: complaints per fiscal year, approximate (FY2023 "more than two million"; FY2025). */
export const DATABOOK_FY2023_COMPLAINTS = 2_100_000;
export const DATABOOK_FY2025_COMPLAINTS = 2_600_000;
/** DATABOOK: FY2025 robocall complaints, about 1.6 million (133,000 a month × 12 ≈ 1.596 million). */
export const DATABOOK_FY2025_ROBOCALLS = 1_600_000;

/**
 * ISSUE9: complaints in one weekday file, 2026. Checked as the mean over the window's last twelve
 * months of files (tests/sample/calibration.test.ts). Not every file: with Monday's file holding
 * three days (see MONDAY_FILE_HOLDS_WEEKEND) and the Data Book's 2.6 million a year spread over
 * ~250 files (10,400 each), Tuesday to Friday files hold about 9,500 and Monday's about 19,000.
 */
export const ISSUE9_FILE_COMPLAINTS_2026 = [11_000, 13_000] as const;

/**
 * Relative volume by weekday, Sunday first. ASSUMED shape: weekdays near 1 with a Monday peak
 * (complaints about the weekend's calls), Saturday and Sunday about 60% of a weekday (brief; the
 * FTC does not publish daily totals). The five weekdays average exactly 1.
 */
export const WEEKDAY_FACTOR = [0.58, 1.05, 1.02, 1.0, 0.98, 0.95, 0.62] as const;

/** ASSUMED: federal holidays look like a weekend day; the biggest ones lower still. */
export const HOLIDAY_FACTOR = 0.55;
export const MAJOR_HOLIDAY_FACTOR = 0.45;
/** ASSUMED: Christmas Eve, New Year's Eve and the day after Thanksgiving are half-days for many. */
export const HOLIDAY_EVE_FACTOR = 0.75;

/**
 * ASSUMED seasonality: 1 + A·cos(2π(doy − peak)/365.25), peaking in mid-March (late winter and
 * spring are busy for robocall campaigns: tax season, Medicare and insurance drives), with an
 * extra December dip for the holidays.
 */
export const SEASONAL_AMPLITUDE = 0.07;
export const SEASONAL_PEAK_DAY_OF_YEAR = 75;
export const DECEMBER_FACTOR = 0.92;

/**
 * DATABOOK: FY2023 → FY2025 went from ~2.1M to ~2.6M, ln(2.6/2.1)/2 ≈ +10.7% a year
 * (continuous). Applied as exp(rate · years from the middle of the window), so --volume stays the
 * mean weekday at mid-window and the window's total does not depend on the trend.
 */
export const TREND_PER_YEAR = Math.log(DATABOOK_FY2025_COMPLAINTS / DATABOOK_FY2023_COMPLAINTS) / 2;

/** ASSUMED: day-to-day noise, lognormal sigma (about ±6% on a typical day). */
export const DAILY_NOISE_SIGMA = 0.06;

/**
 * Mean complaints created on a weekday at mid-window (the default window's middle is 2025-11-01).
 * Two sources pull apart: DATABOOK FY2025 ≈ 2.6M a year, and ISSUE9's 11,000–13,000 a file in
 * 2026. With the calendar's average factor of ≈ 0.87 a day (five weekdays at 1, weekend days at
 * 0.6, eleven holidays, the December dip), 8,800 gives FY2025 (centred 2025-04, trend factor 0.94)
 * 365 × 0.87 × 8,800 × 0.94 ≈ 2.63M, and a file in the 12 months to October 2026 a mean of
 * 8,800 × 1.24 (a week's 6.2 weekday-volumes over 5 files) × 1.055 (trend) × 0.98 ≈ 11,300.
 * 730 days ≈ 5.55M rows (8,200, the earlier default, gave 5.18M and files of ~10,500).
 */
export const DEFAULT_WEEKDAY_VOLUME = 8_800;

/** REAL: created times by hour of day (00…23); few at night, a plateau from 11:00 to 18:00. */
export const CREATED_HOUR_WEIGHTS = [
  80, 61, 40, 26, 49, 18, 52, 83, 114, 369, 810, 1247, 1384, 1396, 1228, 1388, 1474, 1240, 1092,
  705, 430, 343, 240, 165,
] as const;

/**
 * REAL: the file is almost sorted by Created_Date: 506 of 14,033 neighbouring pairs (3.6%) are
 * out of order by a few seconds to minutes. Reproduced by swapping that share of neighbours.
 */
export const CREATED_NEIGHBOUR_SWAP_SHARE = 0.036;

// ── Violation date ─────────────────────────────────────────────────────────────────────────────

/**
 * REAL: hours from violation to complaint. Quantiles 10% 0.1 h, 25% 1.1 h, 50% 3.4 h, 75% 21.4 h,
 * 90% 126 h, 95% 213 h, 99% 746 h. A lognormal with median 3.4 h and sigma 2.73 matches 10/50/75/
 * 90%; above z = 1.5 its tail is too heavy (99% would be 1,900 h), so z is halved beyond that
 * knee (95% → 246 h, 99% → 630 h). Capped at 60 days; older ones come from the "old" shares.
 */
export const VIOLATION_DELAY_MEDIAN_HOURS = 3.4;
export const VIOLATION_DELAY_SIGMA = 2.73;
export const VIOLATION_DELAY_TAIL_KNEE = 1.5;
export const VIOLATION_DELAY_TAIL_COMPRESSION = 0.5;
export const VIOLATION_DELAY_CAP_HOURS = 60 * 24;
/** REAL: 442 of 14,034 (3.1%) violation dates are after the complaint, by up to 57 hours. */
export const VIOLATION_AFTER_SHARE = 0.031;
export const VIOLATION_AFTER_MEAN_HOURS = 3;
export const VIOLATION_AFTER_CAP_HOURS = 57;
/**
 * REAL: 78 of 14,034 (0.56%) are more than 60 days old, back to 2007. The compressed tail gives
 * ~0.17% beyond 60 days; the rest is split into months and years.
 */
export const VIOLATION_OLD_MONTHS_SHARE = 0.0025;
export const VIOLATION_OLD_YEARS_SHARE = 0.0015;
export const VIOLATION_OLD_MAX_YEARS = 14;
/** REAL: 607 of 14,034 (4.3%) have a time of exactly 00:00:00 (the consumer gave a date only). */
export const VIOLATION_MIDNIGHT_SHARE = 0.043;
/** Brief (the real day has none; other files and the API do): an empty Violation_Date. */
export const VIOLATION_EMPTY_SHARE = 0.005;
/**
 * REAL: 99.6% have seconds :00 (minute precision); beyond midnight, ~6% are on the hour (vs 1.7%
 * by chance) and ~0.5% each on :15, :30, :45 more than chance: people round.
 */
export const VIOLATION_KEEP_SECONDS_SHARE = 0.004;
export const VIOLATION_ROUND_HOUR_SHARE = 0.045;
export const VIOLATION_ROUND_QUARTER_SHARE = 0.015;

// ── States ─────────────────────────────────────────────────────────────────────────────────────

/**
 * CENSUS 2020 Island Areas counts (states.csv leaves these territories without population):
 * U.S. Virgin Islands 87,146; Guam 153,836; American Samoa 49,710; Northern Mariana Islands 47,329.
 */
export const ISLAND_AREA_POPULATION_2020: Readonly<Record<string, number>> = {
  VI: 87_146,
  GU: 153_836,
  AS: 49_710,
  MP: 47_329,
};

/**
 * REAL: Puerto Rico had 4 complaints (0.03%) against a 1.0% population share, the Virgin Islands
 * 1; territories complain far less per person (Spanish-language, local carriers). ASSUMED 0.3 so
 * their pages still have data; states and DC stay in proportion to population.
 */
export const TERRITORY_PROPENSITY = 0.3;

/**
 * DATABOOK FY2025: the five states with the most complaints per 100,000 people, and their rates
 * (Arizona 1,028, Tennessee 1,017, Nevada 960, Illinois 943, Florida 933). Their propensity is
 * the rate over the national one (2.6M / 331.4M people ≈ 785 per 100,000), and they keep it over
 * the window (no own trend), so they are the sample's top five in every year.
 */
export const DATABOOK_FY2025_TOP_STATES: Readonly<Record<string, number>> = {
  AZ: 1028,
  TN: 1017,
  NV: 960,
  IL: 943,
  FL: 933,
};
export const DATABOOK_FY2025_COMPLAINTS_PER_100K =
  (DATABOOK_FY2025_COMPLAINTS / 331_449_281) * 100_000;
/**
 * DATABOOK FY2024: the top five were Delaware, Ohio, Arizona, Illinois and North Carolina (no rates
 * found). Those not also in FY2025's five come next here: ASSUMED propensity 1.15, below FY2025's
 * lowest (Florida, 933 / 785 = 1.19) and above every other state's.
 */
export const DATABOOK_FY2024_NEXT_STATES = ['DE', 'OH', 'NC'] as const;
export const DATABOOK_FY2024_NEXT_PROPENSITY = 1.15;

/**
 * ASSUMED: every other state's stable "complains more or less" factor, lognormal sigma 0.12
 * clamped to [0.75, 1.08] (REAL, 2021: California 13.7% of complaints vs 11.8% of population,
 * Florida 7.4% vs 6.4%, New York 6.0% vs 6.0%), and a state-specific trend of N(0, 0.03) a year
 * clamped to ±0.04: at most 1.08 · e^0.04 ≈ 1.12 a year from mid-window, so the ranked states
 * above stay on top.
 */
export const STATE_PROPENSITY_SIGMA = 0.12;
export const STATE_PROPENSITY_MIN = 0.75;
export const STATE_PROPENSITY_MAX = 1.08;
export const STATE_TREND_SIGMA = 0.03;
export const STATE_TREND_MAX = 0.04;
/** ASSUMED: how much one state's subject mix leans away from the national one (lognormal sigma). */
export const STATE_SUBJECT_TILT_SIGMA = 0.15;

/** REAL: 25 of 14,034 (0.18%) rows have an empty Consumer_State. */
export const STATE_EMPTY_SHARE = 0.0018;
/**
 * ASSUMED (the real day has none, consumer-typed data elsewhere does): case variants and names
 * that are not states, so the ingest's normalisation and its area-code fallback are exercised.
 */
export const STATE_LOWER_SHARE = 0.002;
export const STATE_UPPER_SHARE = 0.001;
export const STATE_UNKNOWN_SHARE = 0.0005;
export const UNKNOWN_STATE_NAMES = [
  'Ontario',
  'N/A',
  'British Columbia',
  'Unknown',
  'Armed Forces Europe',
  'Mexico',
  'XX',
] as const;

/**
 * ASSUMED: area codes within a state are picked roughly evenly, with a stable lognormal factor
 * (sigma 0.35) so that older codes can outweigh new overlays. The area code always belongs to the
 * consumer's state here; REAL has ~7% of rows where it does not (mobile numbers that moved):
 * left out on purpose so that the ingest's fallback is checkable against the reported state.
 */
export const AREA_CODE_WEIGHT_SIGMA = 0.35;

// ── City ───────────────────────────────────────────────────────────────────────────────────────

/** REAL: 8.7% of non-empty cities are all upper case, 5.7% all lower case. */
export const CITY_UPPER_SHARE = 0.087;
export const CITY_LOWER_SHARE = 0.057;
/** ASSUMED: city picks fall off with rank in the state's list as 1/(rank+1)^0.8. */
export const CITY_RANK_EXPONENT = 0.8;

// ── Subjects ───────────────────────────────────────────────────────────────────────────────────

export interface SubjectCalibration {
  /** REAL: rows with this subject in the 2021-07-07 file (where the flag and city shares come from). */
  count: number;
  /**
   * Share of all complaints at mid-window, before seasons (normalised over the subjects): see
   * NAMED_SHARES for which are sourced and which assumed.
   */
  share: number;
  /**
   * REAL: share of Y, N and empty flags for this subject, shrunk toward the overall 69.1/23.6/7.3
   * with 50 pseudo-rows (small subjects have 21–95 rows). The REAL file does not bear out "dropped
   * calls are more often robocalls" (64% Y): "No Subject Provided" carries most empty flags.
   * Scaled to the Data Book's robocall share by `robocallScale` (the lean between subjects kept).
   */
  flag: readonly [y: number, n: number, empty: number];
  /** REAL: share of rows with this subject whose Consumer_City is empty (78% for no subject). */
  cityEmpty: number;
  /** Drift per year, as exp(rate · years from mid-window); see NAMED_SHARES. */
  trendPerYear: number;
}

/** DATABOOK FY2025: the most reported named topics, most first. */
export const DATABOOK_FY2025_TOP_TOPICS = [
  'debt',
  'imposters',
  'medical',
  'energy',
  'home-improvement',
] as const;

/**
 * Where the subject shares come from.
 * - The five named topics the Data Book ranks first (DATABOOK FY2025: reducing debt, imposters,
 *   medical and prescriptions, then energy, solar and utilities, and home improvement and
 *   cleaning; FY2024 had the same five, medical first with "more than 170,000" of ~2.0M = 8.5%
 *   and imposters "over 158,000" = 7.9%): their ranking is sourced, their sizes are ASSUMED near
 *   FY2024's 8–9% and spaced so the ranking holds in every 12 months of the window, seasons
 *   included. Debt rises (+85% in FY2024, first in FY2025), medical falls: their trends.
 * - Warranties, 10.5% of the REAL 2021 day, are not in either year's top five: ASSUMED 2.5%, falling.
 * - The smaller named topics: ASSUMED near their REAL shares.
 * - "Other", "Dropped call or no message" and "No Subject Provided", which the Data Book leaves
 *   out of its topic counts: the rest (about 59%), split as in the REAL file (5,049 : 2,078 : 1,786).
 */
const NAMED_SHARES = {
  debt: 0.105,
  imposters: 0.08,
  medical: 0.068,
  energy: 0.045,
  'home-improvement': 0.035,
  warranties: 0.025,
  'tech-support': 0.015,
  vacation: 0.01,
  prizes: 0.009,
  charities: 0.007,
  'home-security': 0.006,
  'work-from-home': 0.004,
} as const;
const REST = 1 - Object.values(NAMED_SHARES).reduce((a, b) => a + b, 0);
const REAL_REST = 5049 + 2078 + 1786;

export const SUBJECTS: Readonly<Record<string, SubjectCalibration>> = {
  imposters: {
    count: 1830,
    share: NAMED_SHARES.imposters,
    flag: [0.824, 0.167, 0.009],
    cityEmpty: 0.29,
    trendPerYear: 0.02,
  },
  warranties: {
    count: 1467,
    share: NAMED_SHARES.warranties,
    flag: [0.903, 0.086, 0.011],
    cityEmpty: 0.32,
    trendPerYear: -0.15,
  },
  debt: {
    count: 584,
    share: NAMED_SHARES.debt,
    flag: [0.73, 0.254, 0.016],
    cityEmpty: 0.28,
    trendPerYear: 0.12,
  },
  medical: {
    count: 507,
    share: NAMED_SHARES.medical,
    flag: [0.658, 0.328, 0.014],
    cityEmpty: 0.21,
    trendPerYear: -0.08,
  },
  energy: {
    count: 195,
    share: NAMED_SHARES.energy,
    flag: [0.704, 0.264, 0.032],
    cityEmpty: 0.19,
    trendPerYear: 0,
  },
  'tech-support': {
    count: 175,
    share: NAMED_SHARES['tech-support'],
    flag: [0.802, 0.159, 0.039],
    cityEmpty: 0.22,
    trendPerYear: 0.05,
  },
  vacation: {
    count: 95,
    share: NAMED_SHARES.vacation,
    flag: [0.687, 0.288, 0.025],
    cityEmpty: 0.24,
    trendPerYear: -0.05,
  },
  prizes: {
    count: 75,
    share: NAMED_SHARES.prizes,
    flag: [0.62, 0.334, 0.046],
    cityEmpty: 0.23,
    trendPerYear: 0,
  },
  'home-improvement': {
    count: 58,
    share: NAMED_SHARES['home-improvement'],
    flag: [0.551, 0.415, 0.034],
    cityEmpty: 0.34,
    trendPerYear: 0,
  },
  'home-security': {
    count: 21,
    share: NAMED_SHARES['home-security'],
    flag: [0.684, 0.265, 0.051],
    cityEmpty: 0.29,
    trendPerYear: 0,
  },
  'work-from-home': {
    count: 21,
    share: NAMED_SHARES['work-from-home'],
    flag: [0.67, 0.279, 0.051],
    cityEmpty: 0.33,
    trendPerYear: 0.05,
  },
  charities: {
    count: 93,
    share: NAMED_SHARES.charities,
    flag: [0.577, 0.383, 0.04],
    cityEmpty: 0.13,
    trendPerYear: 0,
  },
  'dropped-call': {
    count: 2078,
    share: (REST * 2078) / REAL_REST,
    flag: [0.645, 0.241, 0.114],
    cityEmpty: 0.37,
    trendPerYear: 0,
  },
  other: {
    count: 5049,
    share: (REST * 5049) / REAL_REST,
    flag: [0.676, 0.261, 0.063],
    cityEmpty: 0.27,
    trendPerYear: 0,
  },
  none: {
    count: 1786,
    share: (REST * 1786) / REAL_REST,
    flag: [0.48, 0.292, 0.228],
    cityEmpty: 0.78,
    trendPerYear: -0.04,
  },
};

/** REAL: overall robocall flag shares in 2021-07-07's file (Y 9,698, N 3,310, empty 1,026 of 14,034). */
export const REAL_ROBOCALL_SHARES = { y: 0.691, n: 0.236, empty: 0.073 } as const;

/**
 * The robocall share the sample aims at: DATABOOK FY2025, 1.6M of 2.6M ≈ 61.5% of all complaints
 * (the Data Book counts "call type not reported" in the total, as an empty flag is here). The
 * empty share stays REAL's (the Data Book does not give FY2025's); N takes the rest.
 */
export const ROBOCALL_SHARES = {
  y: DATABOOK_FY2025_ROBOCALLS / DATABOOK_FY2025_COMPLAINTS,
  empty: REAL_ROBOCALL_SHARES.empty,
  n: 1 - DATABOOK_FY2025_ROBOCALLS / DATABOOK_FY2025_COMPLAINTS - REAL_ROBOCALL_SHARES.empty,
} as const;

/**
 * The factor every subject's Y share is multiplied by so that the mix of SUBJECTS gives
 * ROBOCALL_SHARES.y overall; each subject keeps its empty share, N takes the difference.
 */
export function robocallScale(
  subjects: Readonly<Record<string, SubjectCalibration>> = SUBJECTS,
): number {
  let total = 0;
  let y = 0;
  for (const s of Object.values(subjects)) {
    total += s.share;
    y += s.share * s.flag[0];
  }
  return (ROBOCALL_SHARES.y * total) / y;
}

/**
 * ASSUMED seasonal bumps for a few subjects (month ranges inclusive, 1-based): Medicare open
 * enrollment (mid-October to early December) for medical calls, year-end giving for charities,
 * summer bills for energy and solar.
 */
export const SUBJECT_SEASONS: readonly {
  slug: string;
  fromMonth: number;
  toMonth: number;
  factor: number;
}[] = [
  { slug: 'medical', fromMonth: 10, toMonth: 12, factor: 1.3 },
  { slug: 'charities', fromMonth: 11, toMonth: 12, factor: 1.4 },
  { slug: 'energy', fromMonth: 6, toMonth: 8, factor: 1.2 },
];

// ── Caller numbers ─────────────────────────────────────────────────────────────────────────────

/** REAL: 669 of 14,034 (4.8%) Company_Phone_Number are empty. */
export const CALLER_EMPTY_SHARE = 0.0477;
/** REAL: 172 of 14,034 (1.2%) have another length than 10 (within 7–20 here; REAL also 1–6). */
export const CALLER_ODD_SHARE = 0.0123;
/** REAL: counts of those odd numbers by length (7…20). */
export const CALLER_ODD_LENGTH_WEIGHTS: Readonly<Record<number, number>> = {
  7: 33,
  8: 8,
  9: 29,
  11: 30,
  12: 33,
  13: 7,
  14: 13,
  15: 4,
  16: 1,
  17: 1,
  18: 2,
  19: 4,
  20: 1,
};
/** REAL: 10 rows report 0000000000. */
export const CALLER_ZEROS_SHARE = 0.0007;
/** REAL: ~41 10-digit numbers start with 0 or 1, which no NANP area code does. */
export const CALLER_INVALID_NPA_SHARE = 0.003;
/**
 * REAL: of 10-digit numbers, 41% share the consumer's area code (neighbour spoofing) and 7% are
 * toll-free (800/833/844/855/866/877/888).
 */
export const CALLER_NEIGHBOUR_SHARE = 0.41;
export const CALLER_TOLL_FREE_SHARE = 0.07;
export const TOLL_FREE_AREA_CODES = ['800', '833', '844', '855', '866', '877', '888'] as const;

/**
 * Repeat callers. REAL, one day: 83% of 10-digit rows have a number seen once that day, 8.9%
 * twice, 4.5% 3–4 times, 2.8% 5–9, 1.1% 10 or more (top: 42). Two mechanisms reproduce that:
 *
 * 1. A consumer filing again about the same call minutes later (REAL: 4708091299 from the same
 *    California area code at 00:05:28 and 00:06:38, different violation dates): ASSUMED 3.5% of
 *    rows repeat the previous complaint's consumer, caller and subject; most of the "twice".
 * 2. Campaigns: new ones start at a Poisson rate, each with a Pareto peak rate (heavy tail: a few
 *    numbers reach thousands of reports over the window), a lognormal duration (median 12 days),
 *    a 3-day ramp, a 4-day half-life fade, and 1–4 numbers. Fitted by simulation to the 3–4 / 5–9 /
 *    10+ shares above; about 17% of rows. Rates are complaints a day at the default weekday
 *    volume, so --volume scales campaigns along with everything else.
 */
export const CONSUMER_REPEAT_SHARE = 0.035;
export const CAMPAIGN_STARTS_PER_DAY = 20;
export const CAMPAIGN_PEAK_SCALE = 1.5;
export const CAMPAIGN_PEAK_SHAPE = 2.0;
export const CAMPAIGN_PEAK_MAX = 45;
export const CAMPAIGN_DURATION_MEDIAN_DAYS = 12;
export const CAMPAIGN_DURATION_SIGMA = 0.9;
export const CAMPAIGN_RAMP_DAYS = 3;
export const CAMPAIGN_FADE_HALF_LIFE_DAYS = 4;
export const CAMPAIGN_MAX_NUMBERS = 4;
export const CAMPAIGN_TOLL_FREE_SHARE = 0.25;
/** ASSUMED: 30% of campaigns aim at one state (80% of their rows), so state pages get spikes. */
export const CAMPAIGN_TARGETED_SHARE = 0.3;
export const CAMPAIGN_TARGET_STATE_SHARE = 0.8;
/** ASSUMED: consumers file a campaign's call under its subject 70% of the time. */
export const CAMPAIGN_SUBJECT_SHARE = 0.7;
/** Campaign rows never take more than this share of a day, whatever the tail produces. */
export const CAMPAIGN_MAX_DAY_SHARE = 0.5;

// ── Project Point of No Entry ──────────────────────────────────────────────────────────────────

/**
 * PONE letter dates. Known: the 5 warning letters of May 2022 (month only: the 15th is used) and
 * Acrobat 2023-11-27. The 6 providers whose notes cite an FCC companion letter of 2023-11-27 are
 * put in the "later batch around November 2023" on that date. The other 19 are unknown; the facts
 * give batch sizes (9 in August 2022, 9 on 2023-03-17, 1 on 2023-04-04), so ASSUMED: those 19,
 * in alphabetical order of provider, fill the batches in date order. Synthetic placement only.
 */
export const PONE_MONTH_ONLY_DAY = 15;
export const PONE_FCC_COMPANION_DATE = '2023-11-27';
export const PONE_UNKNOWN_BATCHES: readonly { date: string; size: number }[] = [
  { date: '2022-08-15', size: 9 },
  { date: '2023-03-17', size: 9 },
  { date: '2023-04-04', size: 1 },
];

/**
 * ASSUMED activity of the numbers a letter names (rates per default volume, per provider):
 * - before the letter, a campaign that starts 60–180 days earlier and peaks at 2–12 a day, then
 *   fades with a 30-day half-life after the letter (letters worked, mostly);
 * - a residual 25% of the numbers keep being reported at 15% of that peak, fading with a two-year
 *   half-life: all letters predate the default window (2024-11 … 2026-10), so this is what keeps
 *   provider pages non-empty there;
 * - 20% of providers see a resurgence inside the window: 3–8 weeks at 3–15 a day on 30% of their
 *   numbers (numbers recycled by a new campaign).
 * REAL anchor: in 2021-07-07's file, 5 PoNE numbers drew 61 complaints (0.43% of the day).
 */
export const PONE_PRE_LETTER_DAYS = [60, 180] as const;
export const PONE_PEAK_PER_DAY = [2, 12] as const;
export const PONE_POST_HALF_LIFE_DAYS = 30;
export const PONE_RESIDUAL_NUMBER_SHARE = 0.25;
export const PONE_RESIDUAL_RATE_SHARE = 0.15;
export const PONE_RESIDUAL_HALF_LIFE_DAYS = 730;
export const PONE_RESURGENCE_PROVIDER_SHARE = 0.2;
export const PONE_RESURGENCE_DAYS = [21, 56] as const;
export const PONE_RESURGENCE_PEAK_PER_DAY = [3, 15] as const;
export const PONE_RESURGENCE_NUMBER_SHARE = 0.3;

// ── Generator defaults (the CLI's; the default output is reproducible) ─────────────────────────

export const DEFAULT_DAYS = 730;
export const DEFAULT_END = '2026-10-31';
export const DEFAULT_SEED = '20261129';
export const DEFAULT_OUT = 'data/sample';
