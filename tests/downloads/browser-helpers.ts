/**
 * Helpers for the real-browser download and embed tests: drive the explorer, catch a download and
 * open its zip, and run the same SQL in native DuckDB to compare.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import Papa from 'papaparse';
import type { Page } from 'playwright-core';
import { openDb } from '../../scripts/lib/duckdb';
import { looksLikeFormula, type ColumnKind } from '../../src/lib/download/csv';

/** Waits for a number in `[data-role=match-count]` and returns it. */
export async function matchCount(page: Page, timeout = 90_000): Promise<number> {
  const handle = await page.waitForFunction(
    () => {
      const text = document.querySelector('[data-role="match-count"]')?.textContent ?? '';
      return /^\s*[\d,]+\s*$/.test(text) ? text : false;
    },
    null,
    { timeout },
  );
  return Number(String(await handle.jsonValue()).replace(/[^\d]/g, ''));
}

/** Shows another view in an open explorer without reloading it (the explorer follows history). */
export async function showView(page: Page, query: string): Promise<void> {
  await page.evaluate((q) => {
    history.pushState(null, '', q ? `?${q}` : location.pathname);
    dispatchEvent(new PopStateEvent('popstate'));
  }, query);
}

/** Waits until a download button is enabled, and returns the number its label shows. */
export async function buttonCount(
  page: Page,
  role: 'download-rows' | 'download-aggregate',
): Promise<number> {
  await page.waitForSelector(`[data-role="${role}"]:not([disabled])`, { timeout: 90_000 });
  const text = (await page.textContent(`[data-role="${role}-count"]`)) ?? '';
  return Number(text.replace(/[^\d]/g, ''));
}

export interface Downloaded {
  name: string;
  files: Record<string, Uint8Array>;
  text(name: string): string;
}

/** Clicks `role` and returns the file the page downloads (unzipped when it is a zip). */
export async function download(
  page: Page,
  selector: string,
  timeout = 120_000,
): Promise<Downloaded> {
  const [event] = await Promise.all([
    page.waitForEvent('download', { timeout }),
    page.click(selector),
  ]);
  const path = await event.path();
  const bytes = new Uint8Array(readFileSync(path));
  const name = event.suggestedFilename();
  const files = name.endsWith('.zip') ? unzipSync(bytes) : { [name]: bytes };
  return { name, files, text: (file) => strFromU8(files[file]!) };
}

export function parseCsv(text: string): string[][] {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), {
    header: false,
    skipEmptyLines: true,
    newline: text.includes('\r\n') ? '\r\n' : '\n',
  });
  if (parsed.errors.length)
    throw new Error(`CSV errors: ${JSON.stringify(parsed.errors.slice(0, 3))}`);
  return parsed.data;
}

/**
 * The CSV native DuckDB writes for `sql` (COPY … TO, with a header). `search` are the folders the
 * literal SQL's relative file names are found in (the Parquet downloads and reference tables);
 * `attach` attaches DuckDB files for bound SQL.
 */
export async function nativeCsv(
  sql: string,
  options: {
    params?: (string | number | boolean)[];
    search?: string[];
    attach?: Record<string, string>;
    out: string;
  },
): Promise<string[][]> {
  const db = await openDb();
  try {
    if (options.search)
      await db.run(`SET file_search_path = '${options.search.join(',').replace(/'/g, "''")}'`);
    for (const [alias, file] of Object.entries(options.attach ?? {}))
      await db.run(`ATTACH '${file.replace(/'/g, "''")}' AS ${alias} (READ_ONLY)`);
    const target = join(
      options.out,
      `native-${Date.now()}-${Math.random().toString(36).slice(2)}.csv`,
    );
    if (options.params?.length) {
      // COPY takes no parameters: materialise the bound query first.
      await db.run(`CREATE TEMP TABLE result AS ${sql.replace(/;\s*$/, '')}`, options.params);
      await db.run(`COPY (SELECT * FROM result) TO '${target}' (HEADER)`);
    } else await db.run(`COPY (${sql.replace(/;\s*$/, '')}) TO '${target}' (HEADER)`);
    return parseCsv(readFileSync(target, 'utf8'));
  } finally {
    db.close();
  }
}

export interface ColumnInfo {
  name: string;
  kind: ColumnKind;
}

/**
 * Compares the downloaded CSV with DuckDB's, cell by cell: text as DuckDB wrote it (with the
 * apostrophe the download puts before formula-looking text), numbers as values. Returns the
 * number of cells that were neutralised.
 */
export function compareWithNative(
  downloaded: string[][],
  native: string[][],
  columns: ColumnInfo[],
  neutralised: boolean,
): number {
  if (downloaded.length !== native.length)
    throw new Error(`the download has ${downloaded.length - 1} rows, DuckDB ${native.length - 1}`);
  const header = downloaded[0]!;
  if (header.join() !== native[0]!.join())
    throw new Error(`headers differ: ${header.join()} / ${native[0]!.join()}`);
  if (header.join() !== columns.map((c) => c.name).join())
    throw new Error('metadata.json lists other columns than the CSV has');
  let changed = 0;
  for (let r = 1; r < native.length; r++) {
    const a = downloaded[r]!;
    const b = native[r]!;
    for (let c = 0; c < columns.length; c++) {
      const kind = columns[c]!.kind;
      let expected = b[c]!;
      if (kind === 'number') {
        if (expected === '' ? a[c] !== '' : Number(a[c]) !== Number(expected))
          throw new Error(`row ${r} ${columns[c]!.name}: ${a[c]} ≠ ${expected}`);
        continue;
      }
      if (kind === 'text' && neutralised && looksLikeFormula(expected)) {
        expected = `'${expected}`;
        changed++;
      }
      if (a[c] !== expected)
        throw new Error(
          `row ${r} ${columns[c]!.name}: ${JSON.stringify(a[c])} ≠ ${JSON.stringify(expected)}`,
        );
    }
  }
  return changed;
}
