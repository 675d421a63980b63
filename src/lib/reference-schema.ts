/**
 * The reference tables in data/reference/, as their CSV files must be: one schema per file, over
 * the text cells (every cell of a CSV is text; the types come where the tables are read). Ingest
 * checks every file against its schema before it loads any (scripts/lib/reference.ts), so a
 * misspelt category or a population with a comma fails there, naming file, record and column,
 * instead of turning into a NULL in cube.duckdb or a page that silently leaves a row out.
 */
import { z } from 'astro/zod';
import { CATEGORIES } from './site-data/action-categories';
import { issuePath } from './manifest';

const text = z.string().min(1, 'is empty');
const anyText = z.string();
const wholeNumber = z.string().regex(/^\d+$/, 'expected a whole number (digits only)');
const optionalWholeNumber = z.string().regex(/^\d*$/, 'expected a whole number or nothing');
const yesNo = (yes: string, no: string) => z.enum([yes, no]);
/** `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, or empty (not dated). */
const optionalDate = z
  .string()
  .regex(/^(\d{4}(-\d{2}(-\d{2})?)?)?$/, 'expected YYYY-MM-DD, YYYY-MM or nothing');
const url = z.string().regex(/^https?:\/\/\S+$/, 'expected an http(s) URL');
const optionalUrl = z.string().regex(/^(https?:\/\/\S+)?$/, 'expected an http(s) URL or nothing');

export const REFERENCE_SCHEMAS = {
  'states.csv': z.object({
    usps: z.string().regex(/^[A-Z]{2}$/, 'expected a two-letter USPS code'),
    fips: z.string().regex(/^\d{2}$/, 'expected a two-digit FIPS code'),
    name: text,
    population_2020: optionalWholeNumber,
    kind: z.enum(['state', 'district', 'territory']),
  }),
  'subjects.csv': z.object({
    ftc_label: text,
    slug: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected a lower-case slug'),
    label: text,
  }),
  'area_codes.csv': z.object({
    area_code: z.string().regex(/^\d{3}$/, 'expected three digits'),
    location: anyText,
    country: anyText,
    use: z.enum(['G', 'N']),
    in_service: yesNo('Y', 'N'),
    overlay_complex: anyText,
    time_zone: anyText,
  }),
  'pone_caller_numbers.csv': z.object({
    caller_number: z.string().regex(/^\d{10}$/, 'expected ten digits'),
    provider: text,
    letter_pdf: text,
    campaign: anyText,
    likely_ftc_staff_number: yesNo('yes', 'no'),
    found_in: text,
  }),
  'pone_letters.csv': z.object({
    pdf_file: text,
    provider: text,
    letter_type: z.enum(['cease-and-desist', 'warning']),
    recordings: wholeNumber,
    caller_ids: wholeNumber,
    ftc_url: url,
    letter_date: optionalDate,
    source_url: optionalUrl,
    case_details: anyText,
    notes: anyText,
  }),
  'enforcement_actions.csv': z.object({
    date: optionalDate,
    provider: anyText,
    provider_country: anyText,
    agency: text,
    action_type: text,
    campaigns: optionalWholeNumber,
    source_url: url,
    notes: anyText,
    category: z.enum(CATEGORIES),
    source_kind: z.enum(['primary', 'secondary']),
  }),
  'databook_annual.csv': z.object({
    fiscal_year: z.string().regex(/^\d{4}$/, 'expected a four-digit fiscal year'),
    complaints: wholeNumber,
    robocall_complaints: optionalWholeNumber,
    precision: z
      .string()
      .regex(/^(exact|approx|unsourced|complaints exact)/, 'expected exact…, approx… or unsourced'),
    source: text,
  }),
} as const;

export type ReferenceFileName = keyof typeof REFERENCE_SCHEMAS;
export type ReferenceRow<F extends ReferenceFileName> = z.infer<(typeof REFERENCE_SCHEMAS)[F]>;

export function isReferenceFile(name: string): name is ReferenceFileName {
  return Object.hasOwn(REFERENCE_SCHEMAS, name);
}

/**
 * The rows of one reference file, checked against its schema. Throws one error listing every bad
 * cell (at most 20) as `data/reference/states.csv: record 4 (line 5), kind: …, got "State"`;
 * records are counted after the header, lines assume no cell spans lines.
 */
export function checkReferenceRows<F extends ReferenceFileName>(
  name: F,
  rows: readonly Record<string, unknown>[],
  where = `data/reference/${name}`,
): ReferenceRow<F>[] {
  const schema = REFERENCE_SCHEMAS[name];
  const problems: string[] = [];
  const checked: ReferenceRow<F>[] = [];
  rows.forEach((row, i) => {
    const result = schema.safeParse(row);
    if (result.success) checked.push(result.data as ReferenceRow<F>);
    else
      for (const issue of result.error.issues) {
        const column = issuePath(issue.path);
        const value = row[String(issue.path[0])];
        const got = value === undefined ? 'the column is missing' : `got ${JSON.stringify(value)}`;
        problems.push(`record ${i + 1} (line ${i + 2}), ${column}: ${issue.message}, ${got}`);
      }
  });
  if (problems.length > 0) {
    const shown = problems.slice(0, 20);
    if (problems.length > shown.length) shown.push(`… and ${problems.length - shown.length} more`);
    throw new Error(`${where} does not match its schema:\n  ${shown.join('\n  ')}`);
  }
  return checked;
}
