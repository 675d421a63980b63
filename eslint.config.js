// ESLint for the whole repository: typescript-eslint's recommended rules, and import zones that
// keep the three layers the README describes (src/lib pure, src/build Node at build time,
// src/client and .astro <script>s the browser). `npm run lint`; `npm test` runs it first.
import js from '@eslint/js';
import astro from 'eslint-plugin-astro';
import tseslint from 'typescript-eslint';

/** Relative imports that leave a layer, by the folder they reach (`../../build/site-data/db`). */
const reaching = (...folders) => `^(\\.\\./)+(${folders.join('|')})(/|$)`;

const NODE_ONLY = {
  regex: '^(node:|(fs|path|os|url|crypto|child_process|stream|zlib|util)(/|$))',
  message: 'Node modules belong in src/build or scripts/, not in this layer.',
};
const NATIVE_DUCKDB = {
  regex: '^@duckdb/node-',
  message: 'Native DuckDB runs at build time only: src/build or scripts/.',
};
const LINKEDOM = {
  regex: '^linkedom$',
  message: 'linkedom is the build-time DOM: src/build/charts/document.ts.',
};

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'node_modules/',
      '.astro/',
      '.tmp/',
      'data/',
      'public/',
      'bench/results/',
      'bench/.cache/',
      'tests/output/',
      'tests/fixtures/',
      '**/__snapshots__/',
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  // .astro files: the frontmatter runs at build time (any layer may be imported there); each
  // <script> is browser code, linted as a virtual file `<page>.astro/<n>_<n>.ts`.
  astro.configs['flat/recommended'],
  {
    files: ['**/*.{ts,mts,js,mjs}'],
    languageOptions: { ecmaVersion: 2024, sourceType: 'module' },
    rules: {
      // `_` marks a parameter kept for its position (callbacks such as `(_, value) => …`).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
    },
  },
  {
    // TypeScript checks names itself (the DOM lib for src/client, @types/node elsewhere).
    files: ['**/*.ts'],
    rules: { 'no-undef': 'off' },
  },
  {
    // Plain JavaScript run by Node (configs) or by the browser (public/ is not linted).
    files: ['**/*.{js,mjs}'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly' },
    },
  },
  {
    files: ['src/lib/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            NODE_ONLY,
            NATIVE_DUCKDB,
            LINKEDOM,
            {
              regex: '^@duckdb/duckdb-wasm',
              message: 'The DuckDB-wasm engine is wired in src/client; src/lib builds SQL as text.',
            },
            {
              regex: reaching(
                'build',
                'client',
                'pages',
                'components',
                'layouts',
                'scripts',
                'tests',
                'bench',
              ),
              message:
                'src/lib is the bottom layer: it imports only src/lib and packages (see README, Layout).',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'document', message: 'Take a Document as a parameter; src/client owns the page.' },
        { name: 'window', message: 'Browser globals belong in src/client.' },
        { name: 'localStorage', message: 'Browser globals belong in src/client.' },
        { name: 'navigator', message: 'Browser globals belong in src/client.' },
        { name: 'process', message: 'Environment reads belong in src/build or scripts/.' },
      ],
    },
  },
  {
    files: ['src/client/**/*.ts', 'src/**/*.astro/*.ts', 'src/**/*.astro/*.js'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            NODE_ONLY,
            NATIVE_DUCKDB,
            LINKEDOM,
            {
              regex: reaching(
                'build',
                'pages',
                'components',
                'layouts',
                'scripts',
                'tests',
                'bench',
              ),
              message:
                'src/client runs in the browser: it imports src/lib, src/client and packages.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/build/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: reaching('client', 'pages', 'components', 'layouts', 'tests', 'bench'),
              message:
                'src/build feeds the pages: it imports src/lib, scripts/lib and packages, never browser code or pages.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['scripts/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: reaching(
                'build',
                'client',
                'pages',
                'components',
                'layouts',
                'tests',
                'bench',
              ),
              message:
                'scripts/ share code with the site only through src/lib (pure) or scripts/lib.',
            },
            // `../src/build/...` from scripts/<file>.ts does not start with the folder name.
            {
              regex: '(^|/)src/(build|client|pages|components|layouts)(/|$)',
              message:
                'scripts/ share code with the site only through src/lib (pure) or scripts/lib.',
            },
          ],
        },
      ],
    },
  },
);
