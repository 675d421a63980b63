/**
 * A built site projected to more years of complaints than it holds, from its own measured bytes
 * per complaint: how `check:deploy --project-years N` shows that the default layout fits a host for
 * years to come. Extrapolated, not generated (a 13-million-row sample takes hours to ingest and
 * build on a small machine): each per-year file (the yearly row files, the caller index, the
 * downloads) takes the bytes per complaint of its kind's fullest year (the least skewed by a
 * file's fixed overhead) times a year's complaints; the
 * cube and the manifest, which span the years, grow with the days and the source files; every other
 * file (pages, scripts, the engine) stays as built. Pure.
 */
import type { Manifest } from '../../src/lib/manifest';
import type { DeployFile } from './check-deploy';

export interface ProjectOptions {
  years: number;
  /** Complaints a year (issue 9: about 2.6 million, the FTC Data Book's FY2025). */
  complaintsPerYear: number;
  /** Where the data files are under the site (astro.config.mjs publishes them under /data/). */
  dataPrefix?: string;
}

export interface Projection {
  files: DeployFile[];
  /** One line per kind of file: what it measured and what it was projected to. */
  notes: string[];
}

/** Daily files a year: a file each weekday. */
const FILES_PER_YEAR = 261;

interface YearFile {
  kind: string;
  year: number;
  file: string;
  bytes: number;
}

export function projectBuild(
  files: readonly DeployFile[],
  manifest: Pick<Manifest, 'tables' | 'downloads' | 'sources'>,
  options: ProjectOptions,
): Projection {
  const prefix = options.dataPrefix ?? 'data/';
  const complaintsByYear = new Map<number, number>();
  for (const t of manifest.tables)
    if (t.name === 'complaints' && t.year !== undefined) complaintsByYear.set(t.year, t.rows);
  if (complaintsByYear.size === 0) throw new Error('the build holds no yearly complaint files');

  // Only what the site publishes: downloads kept outside it (release assets) are not projected.
  const published = new Set(files.map((f) => f.path));
  const yearFiles: YearFile[] = [];
  const seen = new Set<string>();
  const add = (file: string, year: number | undefined, bytes: number) => {
    if (year === undefined || seen.has(file) || !published.has(prefix + file)) return;
    seen.add(file);
    yearFiles.push({ kind: file.replace(String(year), '<year>'), year, file, bytes });
  };
  for (const t of manifest.tables) add(t.file, t.year, t.bytes);
  for (const d of manifest.downloads) add(d.file, d.year, d.bytes);

  const notes: string[] = [];
  const projected: DeployFile[] = [];
  const lastYear = Math.max(...complaintsByYear.keys());
  const kinds = [...new Set(yearFiles.map((f) => f.kind))].sort();
  for (const kind of kinds) {
    const fullest = yearFiles
      .filter((f) => f.kind === kind && (complaintsByYear.get(f.year) ?? 0) > 0)
      .sort((x, y) => complaintsByYear.get(y.year)! - complaintsByYear.get(x.year)!)[0]!;
    const perComplaint = fullest.bytes / complaintsByYear.get(fullest.year)!;
    const bytes = Math.round(perComplaint * options.complaintsPerYear);
    for (let year = lastYear - options.years + 1; year <= lastYear; year++)
      projected.push({ path: prefix + kind.replace('<year>', String(year)), bytes });
    notes.push(
      `${kind}: ${perComplaint.toFixed(1)} bytes a complaint (measured on ${fullest.year}) → ${(bytes / 1e6).toFixed(1)} MB a year`,
    );
  }

  const daily = manifest.tables.find((t) => t.name === 'daily');
  const days =
    daily?.date_min && daily.date_max
      ? (Date.parse(daily.date_max) - Date.parse(daily.date_min)) / 86_400_000 + 1
      : 365;
  const dayScale = Math.max(1, (options.years * 365) / days);
  const sourceScale = Math.max(
    1,
    (options.years * FILES_PER_YEAR) / Math.max(1, manifest.sources.length),
  );
  const yearPaths = new Set(yearFiles.map((f) => prefix + f.file));
  for (const f of files) {
    if (yearPaths.has(f.path)) continue;
    if (f.path === `${prefix}cube.duckdb`) {
      projected.push({ path: f.path, bytes: Math.round(f.bytes * dayScale) });
      notes.push(
        `cube.duckdb: ${days} days measured, ×${dayScale.toFixed(1)} for ${options.years} years`,
      );
    } else if (f.path === `${prefix}manifest.json`) {
      projected.push({ path: f.path, bytes: Math.round(f.bytes * sourceScale) });
    } else projected.push(f);
  }
  projected.sort((a, b) => b.bytes - a.bytes || (a.path < b.path ? -1 : 1));
  return { files: projected, notes };
}
