import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** What only the page's own layers may import: React, the store, d3 and the drawing libraries. */
const UI = ['react', 'react-dom', 'react-dom/*', 'd3', 'd3-*', 'zustand', 'zustand/*', '@dagrejs/*', 'katex'];
/** A folder of src/ as an import pattern: the folder itself (its index.ts) and anything in it. */
const layer = (...names) => names.flatMap((n) => [`**/${n}`, `**/${n}/**`]);
/** The layers above the pure ones. */
const ABOVE_PURE = layer('store', 'components', 'app');

const restricted = (group) => [
  'error',
  {
    patterns: [
      { group, message: 'Imports flow one way: the pure layers stay free of React, d3 and the layers above them.' },
    ],
  },
];

export default tseslint.config(
  { ignores: ['src/kernels/*.gen.ts', 'dist', 'node_modules', 'test-results', 'playwright-report', 'e2e-artifacts'] },
  {
    // No function or component in src/ over 120 lines (blank lines and comments aside): a reader
    // holds one at a time. Tests may run longer (a describe holds many cases).
    files: ['src/**/*.{ts,tsx}'],
    ignores: [
      '**/*.test.ts',
      // Split on their own branches (the input sources, the store); the merge removes these two lines.
      'src/store/graphSlice.ts',
      'src/store/trainingSlice.ts',
    ],
    rules: {
      'max-lines-per-function': ['error', { max: 120, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    files: ['**/*.{ts,tsx}'],
    languageOptions: { ecmaVersion: 2022, globals: { ...globals.browser, ...globals.node } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Imports flow one way: tensor <- layers <- kernels <- net <- worker, engine <- graphs <- practice <- store <- components.
    // The pure layers (and i18n, constants) import neither React, d3 nor anything above them.
    files: [
      'src/constants.ts',
      'src/i18n/**',
      'src/engine/**',
      'src/graphs/**',
      'src/practice/**',
      'src/tensor/**',
      'src/layers/**',
      'src/kernels/**',
      'src/net/**',
      'src/data/**',
      'src/worker/**',
      'src/services/**',
      'src/errors.ts',
    ],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': restricted([...UI, ...ABOVE_PURE]),
    },
  },
  {
    // The engine knows no graph; the numeric layers know no graph engine.
    files: ['src/engine/**', 'src/tensor/**', 'src/layers/**', 'src/kernels/**', 'src/net/**', 'src/data/**'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': restricted([...UI, ...ABOVE_PURE, ...layer('graphs', 'services', 'worker')]),
    },
  },
  {
    // Only components import d3, dagre and KaTeX; the store gets its side effects injected.
    files: ['src/store/**', 'src/services/**'],
    rules: {
      'no-restricted-imports': restricted(['d3', 'd3-*', '@dagrejs/*', 'katex', ...layer('components', 'app')]),
    },
  },
);
