// @ts-check
import { createReadStream, createWriteStream } from 'node:fs';
import { cp, mkdir, readdir, stat } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { resolve } from 'node:path';
import { defineConfig } from 'astro/config';
import { addModulePreloads } from './src/build/explore/module-preload.ts';

/** Where the pipeline's outputs are: `npm run data:ingest` writes them, the site publishes them. */
const dataDir = resolve(process.env.ROBOCALL_DATA_DIR ?? 'data/build');

/** Publishes the DuckDB files, downloads, quarantine and manifest under /data/ of the built site. */
function publishData() {
  return {
    name: 'robocall-atlas:publish-data',
    hooks: {
      /** @param {{ dir: URL }} options */
      'astro:build:done': async ({ dir }) => {
        const exists = await stat(resolve(dataDir, 'manifest.json')).then(
          () => true,
          () => false,
        );
        if (!exists)
          throw new Error(
            `no manifest.json in ${dataDir}: run npm run data:ingest (or npm start) first`,
          );
        const target = resolve(new URL('data/', dir).pathname);
        await mkdir(target, { recursive: true });
        // Published elsewhere (release assets) when ROBOCALL_DOWNLOADS_URL says where: see
        // src/build/site-data/downloads-home.ts and the README's "Size on the host".
        const downloads = resolve(dataDir, 'downloads');
        const downloadsElsewhere = Boolean(process.env.ROBOCALL_DOWNLOADS_URL?.trim());
        await cp(dataDir, target, {
          recursive: true,
          filter: (src) =>
            !src.includes('.tmp-') &&
            !src.includes('.old-') &&
            !(downloadsElsewhere && (src === downloads || src.startsWith(`${downloads}/`))),
        });
      },
    },
  };
}

/**
 * Writes a gzipped twin beside each large text or wasm asset, and beside the explore cube (the
 * engine's wasm is 34 MB, 8 MB gzipped): static hosts compress on the fly, and the project's own
 * server sends these twins.
 */
function precompress() {
  const worthIt = /\.(wasm|js|css|svg|json)$/;
  return {
    name: 'robocall-atlas:precompress',
    hooks: {
      /** @param {{ dir: URL }} options */
      'astro:build:done': async ({ dir }) => {
        const root = new URL('_astro/', dir).pathname;
        const names = await readdir(root).catch(() => []);
        const paths = names.filter((n) => worthIt.test(n)).map((n) => `${root}${n}`);
        // The explore cube too: it is what a first view waits for (160 KB, 57 KB gzipped).
        const cube = new URL('data/explore-cube.json', dir).pathname;
        if (await stat(cube).catch(() => null)) paths.push(cube);
        for (const path of paths) {
          if ((await stat(path)).size < 1024) continue;
          await pipeline(
            createReadStream(path),
            createGzip({ level: 9 }),
            createWriteStream(`${path}.gz`),
          );
        }
      },
    },
  };
}

/** Modulepreload links on the pages whose first view a script draws (src/build/explore/module-preload.ts). */
function modulePreloads() {
  return {
    name: 'robocall-atlas:module-preloads',
    hooks: {
      /** @param {{ dir: URL }} options */
      'astro:build:done': ({ dir }) => addModulePreloads(dir.pathname),
    },
  };
}

// Static output only: the site is a folder of files any static host with Range support can serve.
export default defineConfig({
  // The public address, for the absolute URLs oEmbed needs; a deployment sets ROBOCALL_SITE_URL.
  ...(process.env.ROBOCALL_SITE_URL ? { site: process.env.ROBOCALL_SITE_URL } : {}),
  output: 'static',
  trailingSlash: 'always',
  build: { format: 'directory' },
  integrations: [publishData(), modulePreloads(), precompress()],
  vite: {
    // duckdb-wasm ships its own workers and wasm; pre-bundling them breaks their relative URLs.
    optimizeDeps: { exclude: ['@duckdb/duckdb-wasm'] },
  },
});
