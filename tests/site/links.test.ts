/**
 * No broken internal link anywhere in the built site: every href and src in every HTML file
 * that points at the site itself resolves to a file in dist/ (a directory URL to its
 * index.html), and every `#fragment` on a page names an id on the target page.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { getSiteBuild, htmlFiles, type SiteBuild } from '../helpers/site-build';

let site: SiteBuild;
let pages: string[];

beforeAll(async () => {
  site = await getSiteBuild();
  pages = htmlFiles(site.dist);
});

/** The file a site path is served from, or null. */
function fileFor(dist: string, pathname: string): string | null {
  const path = join(dist, decodeURIComponent(pathname));
  if (pathname.endsWith('/'))
    return existsSync(join(path, 'index.html')) ? join(path, 'index.html') : null;
  if (existsSync(path) && statSync(path).isFile()) return path;
  return existsSync(join(path, 'index.html')) ? join(path, 'index.html') : null;
}

/** The page's URL path from its file: `states/oh/index.html` → `/states/oh/`. */
function urlOf(file: string): string {
  return `/${file.replace(/index\.html$/, '')}`;
}

const ids = new Map<string, Set<string>>();
function idsOf(file: string): Set<string> {
  let set = ids.get(file);
  if (!set) {
    set = new Set([...readFileSync(file, 'utf8').matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!));
    ids.set(file, set);
  }
  return set;
}

describe('internal links', () => {
  it('the build has every page type', () => {
    for (const page of [
      'index.html',
      '404.html',
      'states/index.html',
      'states/oh/index.html',
      'subjects/index.html',
      'providers/index.html',
      'data/index.html',
      'about/index.html',
    ]) {
      expect(pages).toContain(page);
    }
  });

  it('every same-origin href and src resolves to a file', () => {
    const broken: string[] = [];
    let checked = 0;
    for (const page of pages) {
      const html = readFileSync(join(site.dist, page), 'utf8');
      const base = new URL(urlOf(page), 'http://site.invalid');
      for (const match of html.matchAll(/\s(?:href|src)="([^"]*)"/g)) {
        const raw = match[1]!.replace(/&amp;/g, '&');
        if (/^(mailto:|tel:|data:|javascript:)/.test(raw)) continue;
        const url = new URL(raw, base);
        if (url.origin !== base.origin) continue;
        checked++;
        const file = fileFor(site.dist, url.pathname);
        if (!file) {
          broken.push(`${page}: ${raw}`);
          continue;
        }
        if (
          url.hash &&
          file.endsWith('.html') &&
          !idsOf(file).has(decodeURIComponent(url.hash.slice(1)))
        )
          broken.push(`${page}: ${raw} (no such id)`);
      }
    }
    expect(broken).toEqual([]);
    expect(checked).toBeGreaterThan(pages.length * 5);
  });

  it('links to /explore/ only when the explorer page is built', () => {
    const explorer = existsSync(join(site.dist, 'explore/index.html'));
    const home = readFileSync(join(site.dist, 'index.html'), 'utf8');
    expect(home.includes('href="/explore/"')).toBe(explorer);
  });
});
