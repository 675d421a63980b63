import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 600_000,
    // DuckDB and Chromium each want a core; two workers is what this 2-core machine holds.
    maxWorkers: 2,
  },
});
