/** Adds the modulepreload links (src/lib/explore/module-preload.ts) to the built /embed/ and /explore/ pages. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { withModulePreloads } from '../../lib/explore/module-preload';

/** The pages whose first view is drawn by a script: the explorer and the dynamic embed. */
export const PRELOADED_PAGES = ['explore/index.html', 'embed/index.html'];

export function addModulePreloads(site: string, pages: readonly string[] = PRELOADED_PAGES): void {
  for (const page of pages) {
    const path = join(site, page);
    const html = readFileSync(path, 'utf8');
    const next = withModulePreloads(html, (file) =>
      readFileSync(join(site, '_astro', file), 'utf8'),
    );
    if (next !== html) writeFileSync(path, next);
  }
}
