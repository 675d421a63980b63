/**
 * data/reference/ carries the project's fact tables (../shared/data/facts, compiled from public
 * sources) into the repository. This test reads the facts where they live and checks that every
 * table here still equals the one it came from, so a corrected fact cannot be left behind again.
 * The facts directory: $ROBOCALL_FACTS, else the `facts` sibling of $ROBOCALL_REAL_DATA (CI sets
 * that one). Without either the test skips locally; under CI=true, or when the variable points at
 * a missing directory, it fails.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { REFERENCE_DIR } from '../../scripts/lib/reference';

function factsDir(): string | null {
  if (process.env.ROBOCALL_FACTS) return process.env.ROBOCALL_FACTS;
  if (process.env.ROBOCALL_REAL_DATA)
    return join(dirname(process.env.ROBOCALL_REAL_DATA.replace(/\/+$/, '')), 'facts');
  return null;
}

const FACTS = factsDir();
const REQUIRED = FACTS !== null || process.env.CI === 'true';

function rows(path: string): Record<string, string>[] {
  const parsed = Papa.parse<Record<string, string>>(readFileSync(path, 'utf8'), {
    header: true,
    skipEmptyLines: true,
  });
  if (parsed.errors.length)
    throw new Error(`${path}: ${parsed.errors[0]!.message} (row ${parsed.errors[0]!.row})`);
  return parsed.data;
}

describe.runIf(REQUIRED)('data/reference equals the facts it came from', () => {
  it('finds the facts directory', () => {
    expect(
      FACTS,
      'set ROBOCALL_FACTS or ROBOCALL_REAL_DATA (CI=true needs the facts)',
    ).not.toBeNull();
    expect(existsSync(FACTS!), `no facts directory at ${FACTS}`).toBe(true);
  });

  const names =
    FACTS && existsSync(FACTS)
      ? readdirSync(FACTS)
          .filter((n) => n.endsWith('.csv'))
          .sort()
      : [];

  it('carries every fact table', () => {
    expect(names.length).toBeGreaterThan(0);
    const missing = names.filter((n) => !existsSync(join(REFERENCE_DIR, n)));
    expect(missing, 'fact tables missing from data/reference/').toEqual([]);
  });

  it.each(names)('%s: same columns, same rows, same order', (name) => {
    const facts = rows(join(FACTS!, name));
    const reference = rows(join(REFERENCE_DIR, name));
    expect(Object.keys(reference[0] ?? {})).toEqual(Object.keys(facts[0] ?? {}));
    expect(reference.length).toBe(facts.length);
    reference.forEach((row, i) => expect(row, `${name} row ${i + 2}`).toEqual(facts[i]));
  });
});
