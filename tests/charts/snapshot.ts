/**
 * SVG snapshots the way Observable Plot's tests keep them: pretty-printed, one element a line, so
 * a change reads as a small diff; and on a mismatch the new drawing is written beside the snapshot
 * as `<name>-changed.svg` (git ignores it), to open next to the old one. Once the change is
 * intended, `npx vitest run tests/charts -u` replaces the snapshot and the twin goes away.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { prettySvg } from './pretty-svg';

const SNAPSHOTS = join(import.meta.dirname, '__snapshots__');

/** Compares the chart's markup, pretty-printed, with `__snapshots__/<name>.svg`. */
export async function expectSvgSnapshot(markup: string, name: string): Promise<void> {
  const pretty = prettySvg(markup);
  const path = join(SNAPSHOTS, `${name}.svg`);
  const changed = join(SNAPSHOTS, `${name}-changed.svg`);
  if (existsSync(path) && readFileSync(path, 'utf8') !== pretty) writeFileSync(changed, pretty);
  try {
    await expect(pretty).toMatchFileSnapshot(path);
  } catch (error) {
    if (error instanceof Error) error.message += `\nThe new drawing, to compare: ${changed}`;
    throw error;
  }
  // Matched, or replaced with -u: no twin left to mislead.
  rmSync(changed, { force: true });
}
