import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// ---------------------------------------------------------------------------------------------
// Import boundaries (README, "How the code is laid out"). Imports flow one way:
//   tensor <- layers <- kernels <- net <- lab <- worker <- services,   engine <- graphs <- practice <- store <- components,
// the services injected into the store. One table says, for each folder of src/, which folders
// it may import; every other folder of src/ is forbidden to it. A second table says which
// folders may import each drawing or state library. Each folder gets ONE `no-restricted-imports`
// entry built from both tables: in flat config a later block for the same files replaces an
// earlier block's entry for a rule entirely, so the lists must not be split over blocks.
// Type-only imports count too. Tests (*.test.ts) and src/testing/ may import anything.
// ---------------------------------------------------------------------------------------------

/** Every module may import these: the book's numbers and the error codes. */
const BASE = ['constants', 'errors'];
const NUMERIC = ['tensor', 'layers', 'kernels', 'data', 'net', 'lab', 'worker', 'services'];
const GRAPH_SIDE = ['i18n', 'engine', 'graphs', 'practice'];

/** What each folder (or root module) of src/ may import from src/. Not listed: forbidden. */
const MAY_IMPORT = {
  constants: [],
  errors: [],
  i18n: ['errors'],
  // The numeric layers: errors travel as codes (errors.ts), so no i18n here.
  tensor: BASE,
  layers: [...BASE, 'tensor'],
  kernels: [...BASE, 'tensor', 'layers'],
  data: [...BASE, 'tensor'],
  net: [...BASE, 'tensor', 'layers', 'kernels', 'data'],
  // The chapter 6 lab's experiments: pure computations on the net's classes.
  lab: [...BASE, 'tensor', 'layers', 'kernels', 'data', 'net'],
  worker: [...BASE, 'tensor', 'layers', 'kernels', 'data', 'net', 'lab'],
  services: [...BASE, 'tensor', 'layers', 'kernels', 'data', 'net', 'lab', 'worker'],
  // The graph layers use the numeric ones' matrices and softmax, never the net, the data or the worker.
  engine: [...BASE, 'i18n', 'tensor', 'layers'],
  graphs: [...BASE, 'i18n', 'tensor', 'layers', 'engine'],
  practice: [...BASE, 'i18n', 'tensor', 'layers', 'engine', 'graphs'],
  // The store is given the services (store/index.ts builds the browser's store with them).
  store: [...BASE, ...NUMERIC, ...GRAPH_SIDE],
  // The page reaches the worker and the services only through the store.
  components: [...BASE, ...GRAPH_SIDE, 'tensor', 'layers', 'kernels', 'data', 'net', 'lab', 'store'],
  app: [...BASE, ...GRAPH_SIDE, 'tensor', 'layers', 'kernels', 'data', 'net', 'lab', 'store', 'components'],
};
/** src/'s test helpers: only tests import them. */
const TEST_ONLY = ['testing'];
const ROOT_MODULES = ['constants', 'errors'];

/** Libraries only some folders may import: React and zustand above the pure layers, drawing in components. */
const PACKAGES = [
  { name: 'React', regex: '^react(-dom)?(/.*)?$', allowed: ['store', 'components', 'app'] },
  { name: 'zustand', regex: '^zustand(/.*)?$', allowed: ['store', 'components', 'app'] },
  { name: 'd3', regex: '^d3(-[\\w-]+)?(/.*)?$', allowed: ['components'] },
  { name: 'dagre', regex: '^@dagrejs/', allowed: ['components'] },
  // app/main.tsx loads KaTeX's stylesheet.
  { name: 'KaTeX', regex: '^katex(/.*)?$', allowed: ['components', 'app'] },
  { name: 'the drawing font', regex: '^@fontsource/', allowed: ['components'] },
  { name: 'idb (the run storage)', regex: '^idb(/.*)?$', allowed: ['services'] },
];

const WHY = 'imports flow one way (README, "How the code is laid out"; eslint.config.js, MAY_IMPORT).';

/** The full `no-restricted-imports` entry for one folder (or root module) of src/. */
function boundaries(folder) {
  const allowed = new Set([folder, ...MAY_IMPORT[folder]]);
  // From a root module a sibling is ./x; from inside a folder another folder is ../x, ../../x, ...
  const up = ROOT_MODULES.includes(folder) ? '\\./' : '(\\.\\./)+';
  const forbidden = [...Object.keys(MAY_IMPORT), ...TEST_ONLY].filter((f) => !allowed.has(f));
  const patterns = [
    ...forbidden.map((f) => ({
      regex: `^${up}${f}(/.*)?$`,
      caseSensitive: true,
      message: `src/${folder} may not import src/${f}: ${WHY}`,
    })),
    ...PACKAGES.filter((p) => !p.allowed.includes(folder)).map((p) => ({
      regex: p.regex,
      caseSensitive: true,
      message: `Only ${p.allowed.map((f) => `src/${f}`).join(', ')} may import ${p.name}: ${WHY}`,
    })),
  ];
  return ['error', { patterns }];
}

const boundaryBlocks = Object.keys(MAY_IMPORT).map((folder) => ({
  name: `boundaries/${folder}`,
  files: ROOT_MODULES.includes(folder) ? [`src/${folder}.ts`] : [`src/${folder}/**/*.{ts,tsx}`],
  ignores: ['**/*.test.ts', '**/*.test.tsx'],
  rules: {
    'no-restricted-imports': boundaries(folder),
    // import() and import('...') types would slip past the rule above.
    'no-restricted-syntax': [
      'error',
      { selector: 'ImportExpression', message: 'Import statically, so the import boundaries can check it.' },
      {
        selector: 'TSImportType',
        message: 'Import the type statically (import type), so the boundaries can check it.',
      },
    ],
  },
}));

export default tseslint.config(
  { ignores: ['src/kernels/*.gen.ts', 'dist', 'node_modules', 'test-results', 'playwright-report', 'e2e-artifacts'] },
  {
    // No function or component in src/ over 120 lines (blank lines and comments aside): a reader
    // holds one at a time. Tests may run longer (a describe holds many cases).
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['**/*.test.ts'],
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
  ...boundaryBlocks,
);
