/**
 * The reference tables in data/reference/ (carried from ../shared/data/facts with their sources;
 * see data/README.md), parsed and typed. Small files: read whole, parsed synchronously.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';

export const REFERENCE_DIR = fileURLToPath(new URL('../../data/reference/', import.meta.url));

export function readReferenceCsv(name: string, dir = REFERENCE_DIR): Record<string, string>[] {
  const text = readFileSync(`${dir}/${name}`, 'utf8');
  const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
  if (parsed.errors.length > 0) {
    const first = parsed.errors[0]!;
    throw new Error(`data/reference/${name}: ${first.message} (row ${first.row})`);
  }
  return parsed.data;
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
  return readReferenceCsv('states.csv', dir).map((row) => ({
    usps: row.usps!,
    fips: row.fips!,
    name: row.name!,
    population: row.population_2020 ? Number(row.population_2020) : null,
    kind: row.kind as State['kind'],
  }));
}

export function loadSubjects(dir?: string): Subject[] {
  return readReferenceCsv('subjects.csv', dir).map((row) => ({
    ftcLabel: row.ftc_label!,
    slug: row.slug!,
    label: row.label!,
  }));
}

export function loadAreaCodes(dir?: string): AreaCode[] {
  return readReferenceCsv('area_codes.csv', dir).map((row) => ({
    areaCode: row.area_code!,
    location: row.location!,
    country: row.country!,
    use: row.use as AreaCode['use'],
    inService: row.in_service === 'Y',
    overlayComplex: row.overlay_complex ?? '',
    timeZone: row.time_zone ?? '',
  }));
}

export function loadPoneCallerNumbers(dir?: string): PoneCallerNumber[] {
  return readReferenceCsv('pone_caller_numbers.csv', dir).map((row) => ({
    callerNumber: row.caller_number!,
    provider: row.provider!,
    letterPdf: row.letter_pdf!,
    campaign: row.campaign ?? '',
    likelyFtcStaffNumber: row.likely_ftc_staff_number === 'yes',
    foundIn: row.found_in ?? '',
  }));
}
