/**
 * The reference tables in data/reference/ (carried from ../shared/data/facts with their sources;
 * see data/README.md), parsed, checked against their schemas (src/lib/reference-schema.ts) and
 * typed. Small files: read whole, parsed synchronously.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import {
  checkReferenceRows,
  isReferenceFile,
  REFERENCE_SCHEMAS,
  type ReferenceFileName,
  type ReferenceRow,
} from '../../src/lib/reference-schema';

export const REFERENCE_DIR = fileURLToPath(new URL('../../data/reference/', import.meta.url));

export function readReferenceCsv(name: string, dir = REFERENCE_DIR): Record<string, string>[] {
  const text = readFileSync(`${dir}/${name}`, 'utf8');
  const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
  if (parsed.errors.length > 0) {
    const first = parsed.errors[0]!;
    throw new Error(`data/reference/${name}: ${first.message} (row ${first.row})`);
  }
  return isReferenceFile(name) ? checkReferenceRows(name, parsed.data) : parsed.data;
}

/** One reference file's rows, checked against its schema and typed by it. */
export function readReference<F extends ReferenceFileName>(
  name: F,
  dir = REFERENCE_DIR,
): ReferenceRow<F>[] {
  return readReferenceCsv(name, dir) as ReferenceRow<F>[];
}

/**
 * Every CSV in the reference folder against its schema, before ingest loads any of them: throws
 * naming the file, record and column, or a CSV that has no schema (add one to reference-schema.ts).
 */
export function checkReferenceDir(dir = REFERENCE_DIR): void {
  const csvs = readdirSync(dir).filter((name) => name.endsWith('.csv'));
  for (const name of csvs) {
    if (!isReferenceFile(name))
      throw new Error(
        `data/reference/${name} has no schema: add one to src/lib/reference-schema.ts (known: ${Object.keys(REFERENCE_SCHEMAS).join(', ')})`,
      );
    readReferenceCsv(name, dir);
  }
  for (const name of Object.keys(REFERENCE_SCHEMAS))
    if (!csvs.includes(name)) throw new Error(`data/reference/${name} is missing from ${dir}`);
}

export interface State {
  usps: string;
  fips: string;
  name: string;
  /** 2020 Census resident population; null for territories the Census table leaves out. */
  population: number | null;
  kind: 'state' | 'district' | 'territory';
}

export interface Subject {
  /** The label exactly as the FTC publishes it (double space before `&`). */
  ftcLabel: string;
  slug: string;
  label: string;
}

export interface AreaCode {
  areaCode: string;
  /** USPS code for US areas; a province or country name otherwise. */
  location: string;
  country: string;
  use: 'G' | 'N';
  inService: boolean;
  overlayComplex: string;
  timeZone: string;
}

export interface PoneCallerNumber {
  callerNumber: string;
  provider: string;
  letterPdf: string;
  campaign: string;
  likelyFtcStaffNumber: boolean;
  foundIn: string;
}

export function loadStates(dir?: string): State[] {
  return readReference('states.csv', dir).map((row) => ({
    usps: row.usps,
    fips: row.fips,
    name: row.name,
    population: row.population_2020 ? Number(row.population_2020) : null,
    kind: row.kind,
  }));
}

export function loadSubjects(dir?: string): Subject[] {
  return readReference('subjects.csv', dir).map((row) => ({
    ftcLabel: row.ftc_label,
    slug: row.slug,
    label: row.label,
  }));
}

export function loadAreaCodes(dir?: string): AreaCode[] {
  return readReference('area_codes.csv', dir).map((row) => ({
    areaCode: row.area_code,
    location: row.location,
    country: row.country,
    use: row.use,
    inService: row.in_service === 'Y',
    overlayComplex: row.overlay_complex,
    timeZone: row.time_zone,
  }));
}

export function loadPoneCallerNumbers(dir?: string): PoneCallerNumber[] {
  return readReference('pone_caller_numbers.csv', dir).map((row) => ({
    callerNumber: row.caller_number,
    provider: row.provider,
    letterPdf: row.letter_pdf,
    campaign: row.campaign,
    likelyFtcStaffNumber: row.likely_ftc_staff_number === 'yes',
    foundIn: row.found_in,
  }));
}
