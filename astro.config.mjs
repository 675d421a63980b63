// @ts-check
import { defineConfig } from 'astro/config';

// Static output only: the site is a folder of files any static host (with Range support) can serve.
export default defineConfig({
  output: 'static',
  trailingSlash: 'always',
  build: { format: 'directory' },
  vite: {
    // duckdb-wasm ships its own workers and wasm; bundling them breaks their relative URLs.
    optimizeDeps: { exclude: ['@duckdb/duckdb-wasm'] },
  },
});
