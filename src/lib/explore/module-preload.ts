/**
 * `<link rel="modulepreload">` for every module a page's entry script imports statically, so the
 * browser fetches them with the entry instead of finding them only once it has parsed it. The
 * first view of /embed/ and /explore/ waited for two such rounds (entry → its chunks → theirs):
 * one round trip each, 165 ms under Chrome's Fast 4G profile. Dynamic `import()`s (the engine, Arrow
 * for downloads) are left out: those stay off the first view.
 */

/** The relative modules a built chunk imports statically (`import … from "./x.js"`, `import "./x.js"`). */
export function staticImports(code: string): string[] {
  const found = new Set<string>();
  for (const match of code.matchAll(/(?:\bfrom|\bimport)\s*["'](\.\/[^"']+\.js)["']/g))
    found.add(match[1]!);
  return [...found];
}

/**
 * The page with a modulepreload link, before `</head>`, for each module its entry scripts (under
 * `/_astro/`) import, directly or not; `read` gives a chunk's code by its file name. A page
 * without module scripts, or whose links are already there, comes back unchanged.
 */
export function withModulePreloads(html: string, read: (file: string) => string): string {
  const entries = [
    ...html.matchAll(/<script type="module" src="\/_astro\/([^"]+\.js)"><\/script>/g),
  ].map((m) => m[1]!);
  const seen = new Set<string>(entries);
  const preload: string[] = [];
  const walk = (file: string) => {
    for (const relative of staticImports(read(file))) {
      const name = relative.slice(2);
      if (seen.has(name)) continue;
      seen.add(name);
      preload.push(name);
      walk(name);
    }
  };
  entries.forEach(walk);
  const links = preload
    .filter((name) => !html.includes(`href="/_astro/${name}"`))
    .map((name) => `<link rel="modulepreload" href="/_astro/${name}">`)
    .join('');
  return links ? html.replace('</head>', `${links}</head>`) : html;
}
