/** Small fixed data for the chart tests: hand-written, so a snapshot change is always the code's. */
import type { BarRow } from '../../src/lib/charts/bars';
import type { MonthValue } from '../../src/lib/charts/before-after';
import type { StateValue } from '../../src/lib/charts/map';
import type { SubjectPoint } from '../../src/lib/charts/subjects';
import type { TrendPoint } from '../../src/lib/charts/trend-data';

const MONTHS = [
  '2025-01-01',
  '2025-02-01',
  '2025-03-01',
  '2025-04-01',
  '2025-05-01',
  '2025-06-01',
  '2025-07-01',
  '2025-08-01',
  '2025-09-01',
  '2025-10-01',
  '2025-11-01',
  '2025-12-01',
];
const ROBOCALL = [
  120500, 118200, 131000, 127400, 119800, 101200, 98500, 97000, 102300, 99800, 94100, 90200,
];
const LIVE = [60200, 61000, 63900, 60100, 58800, 55000, 53200, 52900, 54100, 51000, 49900, 48000];
const UNKNOWN = [9100, 8800, 9400, 9000, 8700, 8100, 7900, 7800, 8000, 7700, 7500, 7300];

/** National complaints by month in 2025, split by the robocall flag. */
export const byRobocall: TrendPoint[] = MONTHS.flatMap((date, i) => [
  { date, series: 'robocall', value: ROBOCALL[i]! },
  { date, series: 'live', value: LIVE[i]! },
  { date, series: 'unknown', value: UNKNOWN[i]! },
]);

export const robocallLabels = { robocall: 'Robocall', live: 'Live caller', unknown: 'Not said' };

/** Ohio against the nation, complaints per 100,000 people. */
export const ohioRate: TrendPoint[] = MONTHS.flatMap((date, i) => [
  { date, series: 'OH', value: 52.4 - i * 1.1 },
  { date, series: 'US', value: 55.9 - i * 1.3 },
]);

export const enforcement = [
  { date: '2025-03-04', label: 'FTC letters' },
  { date: '2025-03-20', label: 'FCC order' },
  { date: '2025-09', label: 'Lawsuit' },
];

/** A choropleth's values: every state and DC, Puerto Rico, one state without a value. */
export function stateValues(): StateValue[] {
  const codes = [
    'AL',
    'AK',
    'AZ',
    'AR',
    'CA',
    'CO',
    'CT',
    'DE',
    'DC',
    'FL',
    'GA',
    'HI',
    'ID',
    'IL',
    'IN',
    'IA',
    'KS',
    'KY',
    'LA',
    'ME',
    'MD',
    'MA',
    'MI',
    'MN',
    'MS',
    'MO',
    'MT',
    'NE',
    'NV',
    'NH',
    'NJ',
    'NM',
    'NY',
    'NC',
    'ND',
    'OH',
    'OK',
    'OR',
    'PA',
    'RI',
    'SC',
    'SD',
    'TN',
    'TX',
    'UT',
    'VT',
    'VA',
    'WA',
    'WV',
    'WI',
    'WY',
    'PR',
  ];
  return codes.map((usps, i) => ({
    usps,
    value: usps === 'WY' ? null : 20 + ((i * 17) % 41) + (usps === 'OH' ? 0.25 : 0),
  }));
}

export const areaCodes: BarRow[] = [
  { label: '614', value: 2410, href: '/explore/?area=614' },
  { label: '216', value: 1805, href: '/explore/?area=216' },
  { label: '330', value: 1203, href: '/explore/?area=330' },
  { label: '513', value: 988, href: '/explore/?area=513' },
  { label: '419', value: 640, href: '/explore/?area=419' },
];

export const callers: BarRow[] = [
  { label: '(202) 555-0101', value: 310 },
  { label: '(833) 631-7911', value: 1204, highlight: true },
  { label: '(724) 442-8039', value: 877, highlight: true },
  { label: '(888) 555-0199', value: 402 },
];

const SHARES: Record<string, number[]> = {
  imposters: [300, 320, 310, 330],
  warranties: [150, 140, 120, 110],
  debt: [100, 110, 120, 100],
  medical: [90, 80, 85, 95],
  energy: [60, 70, 50, 40],
  'tech-support': [50, 45, 40, 35],
  vacation: [30, 25, 20, 30],
  'dropped-call': [220, 210, 255, 260],
};

/** Four months of complaints by subject; each month totals 1,000. */
export const subjectPoints: SubjectPoint[] = [
  '2025-07-01',
  '2025-08-01',
  '2025-09-01',
  '2025-10-01',
].flatMap((date, i) =>
  Object.entries(SHARES).map(([subject, values]) => ({ date, subject, value: values[i]! })),
);

export const subjectLabels = {
  imposters: 'Imposters (government, business, family)',
  warranties: 'Warranties & protection plans',
  debt: 'Reducing your debt',
  medical: 'Medical & prescriptions',
  energy: 'Energy, solar & utilities',
  'tech-support': 'Computer & technical support',
  vacation: 'Vacation & timeshares',
  'dropped-call': 'Dropped call or no message',
};

/** Complaints naming one provider's numbers around a letter of 27 November 2023; June 2023 is missing, i.e. zero. */
export const providerMonths: MonthValue[] = [
  { month: '2023-05', value: 380 },
  { month: '2023-07', value: 402 },
  { month: '2023-08', value: 400 },
  { month: '2023-09', value: 404 },
  { month: '2023-10', value: 400 },
  { month: '2023-11', value: 250 },
  { month: '2023-12', value: 150 },
  { month: '2024-01', value: 100 },
  { month: '2024-02', value: 60 },
  { month: '2024-03', value: 75 },
];
