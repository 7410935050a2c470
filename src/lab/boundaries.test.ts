import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * src/lab's row of MAY_IMPORT (eslint.config.js): the lab builds on the net and everything under
 * it, and stays pure: no worker, services, store, page, React, zustand or drawing library. The
 * folders that run or show the lab (worker, services, store, components, app) may import it.
 */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const eslint = new ESLint({ cwd: ROOT });

async function refused(filePath: string, specs: readonly string[]): Promise<string[]> {
  const code =
    specs.map((s, i) => `import * as m${i} from '${s}';\n`).join('') +
    `export const all = [${specs.map((_, i) => `m${i}`).join(', ')}];\n`;
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.map((m) => {
    expect(m.ruleId, m.message).toBe('no-restricted-imports');
    return specs[m.line - 1];
  });
}

describe("src/lab's import boundary", { timeout: 60_000 }, () => {
  it('may import the net and the layers under it, and nothing above', async () => {
    const below = ['tensor', 'layers', 'kernels', 'data', 'net'].map((f) => `../${f}/x`);
    const above = ['worker', 'services', 'store', 'components', 'app', 'engine', 'graphs', 'practice', 'i18n'];
    const libs = ['react', 'zustand', 'd3', '@dagrejs/dagre', 'katex', 'idb'];
    const specs = [...below, '../constants', '../errors', ...above.map((f) => `../${f}/x`), '../testing/x', ...libs];
    const got = await refused('src/lab/x.ts', specs);
    expect(got.sort()).toEqual([...above.map((f) => `../${f}/x`), '../testing/x', ...libs].sort());
  });

  it('is imported from above, never from below', async () => {
    for (const f of ['worker', 'services', 'store', 'components', 'app'])
      expect(await refused(`src/${f}/x.ts`, ['../lab/x']), f).toEqual([]);
    for (const f of ['tensor', 'layers', 'kernels', 'data', 'net', 'engine', 'graphs', 'practice'])
      expect(await refused(`src/${f}/x.ts`, ['../lab/x']), f).toEqual(['../lab/x']);
  });
});
