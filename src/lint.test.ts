import { ESLint } from 'eslint';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The import boundaries of eslint.config.js, checked by linting small snippets as if they were
 * files of src/: every arrow the README's "How the code is laid out" draws, the libraries only
 * some layers may use, and that no folder of src/ is left without a boundary.
 */

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const eslint = new ESLint({ cwd: ROOT });
const ROOT_MODULES = new Set(['constants', 'errors']);

/** Where a snippet of `folder` is linted from. */
const fileIn = (folder: string) => (ROOT_MODULES.has(folder) ? `src/${folder}.ts` : `src/${folder}/x.ts`);
/** How a file of `from` names a module of the folder `to`. */
const spec = (from: string, to: string) =>
  (ROOT_MODULES.has(from) ? './' : '../') + (ROOT_MODULES.has(to) ? to : `${to}/x`);

/** Which of these imports the boundaries refuse in a file of `folder`, each with its message. */
async function refused(folder: string, specs: readonly string[]): Promise<Map<string, string>> {
  const code =
    specs.map((s, i) => `import * as m${i} from '${s}';\n`).join('') +
    `export const all = [${specs.map((_, i) => `m${i}`).join(', ')}];\n`;
  const [result] = await eslint.lintText(code, { filePath: fileIn(folder) });
  const out = new Map<string, string>();
  for (const m of result.messages) {
    expect(m.ruleId, m.message).toBe('no-restricted-imports');
    out.set(specs[m.line - 1], m.message);
  }
  return out;
}

/** The README's arrows, lowest first: each may import those before it, never those after. */
const CHAINS = [
  // tensor <- layers <- kernels <- net <- worker <- services, the services injected into the store.
  ['tensor', 'layers', 'kernels', 'net', 'worker', 'services', 'store'],
  // engine <- graphs <- practice <- store <- components.
  ['engine', 'graphs', 'practice', 'store', 'components'],
];
const PURE = [
  'constants',
  'i18n',
  'engine',
  'graphs',
  'practice',
  'tensor',
  'layers',
  'kernels',
  'net',
  'data',
  'worker',
  'services',
];
const REACT_AND_STATE = ['react', 'react-dom/client', 'zustand', 'zustand/react/shallow'];
const DRAWING = ['d3', 'd3-scale', '@dagrejs/dagre', 'katex'];

describe('import boundaries', { timeout: 60_000 }, () => {
  it("refuses the issue's three: React in services, net in tensor, practice in engine", async () => {
    const cases = [
      ['services', "import { useState } from 'react';", /Only src\/store, src\/components, src\/app may import React/],
      ['tensor', "import { TwoLayerNet } from '../net/twoLayerNet';", /src\/tensor may not import src\/net/],
      ['engine', "import type { TourStop } from '../practice/tour';", /src\/engine may not import src\/practice/],
      ['store', "import * as d3 from 'd3';", /Only src\/components may import d3/],
    ] as const;
    for (const [folder, line, message] of cases) {
      const [r] = await eslint.lintText(`${line}\nexport {};\n`, { filePath: fileIn(folder) });
      expect(r.messages.map((m) => m.message).join('\n'), `${folder}: ${line}`).toMatch(message);
    }
  });

  it('keeps every arrow of the README: down the chain is allowed, up it is refused', async () => {
    for (const chain of CHAINS) {
      for (const [i, from] of chain.entries()) {
        const below = chain.slice(0, i).map((to) => spec(from, to));
        const above = chain.slice(i + 1).map((to) => spec(from, to));
        const got = await refused(from, [...below, ...above]);
        expect([...got.keys()].sort(), from).toEqual([...above].sort());
      }
    }
  });

  it('keeps the pure layers free of React, zustand, d3, dagre, KaTeX, the store, the page and the tests', async () => {
    for (const folder of PURE) {
      const ups = ['store', 'components', 'app', 'testing'].map((to) => spec(folder, to));
      const specs = [...REACT_AND_STATE, ...DRAWING, ...ups];
      const got = await refused(folder, specs);
      expect([...got.keys()].sort(), folder).toEqual([...specs].sort());
    }
  });

  it('lets only the components draw, and only the store and the page use React and zustand', async () => {
    expect([...(await refused('components', [...REACT_AND_STATE, ...DRAWING])).keys()]).toEqual([]);
    expect([...(await refused('store', REACT_AND_STATE)).keys()]).toEqual([]);
    expect([...(await refused('store', DRAWING)).keys()].sort()).toEqual([...DRAWING].sort());
  });

  it('reaches the services and the worker from the page only through the store', async () => {
    const got = await refused('components', ['../services/x', '../worker/x', '../store/x', '../net/x']);
    expect([...got.keys()].sort()).toEqual(['../services/x', '../worker/x']);
  });

  it('refuses import() and import types, which the boundaries could not see', async () => {
    const [r] = await eslint.lintText("export type N = typeof import('../net/twoLayerNet');\n", {
      filePath: 'src/tensor/x.ts',
    });
    expect(r.messages.map((m) => m.ruleId)).toEqual(['no-restricted-syntax']);
  });

  it('leaves no folder or module of src/ without its boundary', async () => {
    const entries = readdirSync(`${ROOT}src`, { withFileTypes: true });
    const folders = entries.filter((e) => e.isDirectory() && e.name !== 'testing').map((e) => e.name);
    const modules = entries
      .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name))
      .map((e) => e.name.replace(/\.tsx?$/, ''));
    for (const name of [...folders, ...modules]) {
      const config: { rules?: Record<string, unknown> } = await eslint.calculateConfigForFile(fileIn(name));
      expect(config.rules?.['no-restricted-imports'], name).toBeDefined();
    }
  });
});
