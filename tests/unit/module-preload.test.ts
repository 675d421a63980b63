import { describe, expect, it } from 'vitest';
import { staticImports, withModulePreloads } from '../../src/lib/explore/module-preload';

// Chunks as Vite writes them (minified), by file name.
const CHUNKS: Record<string, string> = {
  'entry.A1.js':
    'import{a as e}from"./shared.B2.js";import"./side.C3.js";const t=()=>import("./engine.D4.js");e(t);',
  'shared.B2.js': 'import{f}from"./format.E5.js";export const a=f;',
  'side.C3.js': 'import{a}from"./shared.B2.js";a();',
  'format.E5.js': 'export const f=1;',
  'engine.D4.js': 'import{x}from"./duckdb.F6.js";export{x};',
};
const read = (file: string) => {
  const code = CHUNKS[file];
  if (code === undefined) throw new Error(`no chunk ${file}`);
  return code;
};
const page = (head = '') =>
  `<html><head><title>t</title>${head}</head><body><script type="module" src="/_astro/entry.A1.js"></script></body></html>`;

describe('modulepreload links for a page’s entry script', () => {
  it('finds static imports and leaves dynamic import() out', () => {
    expect(staticImports(CHUNKS['entry.A1.js']!)).toEqual(['./shared.B2.js', './side.C3.js']);
  });

  it('links every module the entry imports, directly or not, once each, and never the dynamic ones', () => {
    const html = withModulePreloads(page(), read);
    expect(html).toBe(
      page(
        '<link rel="modulepreload" href="/_astro/shared.B2.js"><link rel="modulepreload" href="/_astro/format.E5.js"><link rel="modulepreload" href="/_astro/side.C3.js">',
      ),
    );
    expect(html).not.toContain('engine.D4.js');
    expect(html).not.toContain('duckdb.F6.js');
  });

  it('changes nothing on a page without module scripts, or when run twice', () => {
    const plain = '<html><head></head><body><p>hi</p></body></html>';
    expect(withModulePreloads(plain, read)).toBe(plain);
    const once = withModulePreloads(page(), read);
    expect(withModulePreloads(once, read)).toBe(once);
  });
});
