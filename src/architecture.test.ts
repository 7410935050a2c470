import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = dirname(fileURLToPath(import.meta.url));

/** Every .ts / .tsx module under src/, tests and test helpers' tests aside. */
function modules(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return modules(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The relative specifiers a module imports or re-exports, `import type` and `export type` included. */
export function relativeImports(source: string): string[] {
  const found: string[] = [];
  const re = /(?:^|[\s;])(?:import|export)\s+(?:type\s+)?(?:[^'"`;]*?\sfrom\s+)?['"](\.{1,2}\/[^'"]+)['"]/g;
  for (const m of source.matchAll(re)) found.push(m[1]);
  for (const m of source.matchAll(/import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g)) found.push(m[1]);
  return found;
}

/** The file a relative specifier names, as TypeScript's bundler resolution finds it. */
function resolveImport(from: string, spec: string, known: Set<string>): string | null {
  const base = resolve(dirname(from), spec);
  const tries = [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')];
  if (/\.js$/.test(base)) tries.push(base.replace(/\.js$/, '.ts'), base.replace(/\.js$/, '.tsx'));
  return tries.find((t) => known.has(t)) ?? null;
}

/** The graph's cycles, each once: its modules from the first in sorted order, back to it. */
export function findCycles(graph: Map<string, string[]>): string[][] {
  const cycles = new Map<string, string[]>();
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (m: string) => {
    state.set(m, 'open');
    stack.push(m);
    for (const n of graph.get(m) ?? []) {
      if (state.get(n) === 'open') {
        const cycle = stack.slice(stack.indexOf(n));
        const first = cycle.indexOf([...cycle].sort()[0]);
        const turned = [...cycle.slice(first), ...cycle.slice(0, first)];
        cycles.set(turned.join(' → '), turned);
      } else if (!state.has(n)) visit(n);
    }
    stack.pop();
    state.set(m, 'done');
  };
  for (const m of [...graph.keys()].sort()) if (!state.has(m)) visit(m);
  return [...cycles.values()];
}

/** The import graph of src/ (paths relative to src/), every relative import resolved. */
function importGraph(): Map<string, string[]> {
  const files = modules(SRC);
  const known = new Set(files);
  const graph = new Map<string, string[]>();
  for (const f of files) {
    const deps = relativeImports(readFileSync(f, 'utf8'))
      .map((spec) => resolveImport(f, spec, known))
      .filter((d): d is string => d !== null && d !== f);
    graph.set(relative(SRC, f), [...new Set(deps.map((d) => relative(SRC, d)))]);
  }
  return graph;
}

describe('the architecture', () => {
  it('finds cycles, type-only imports included', () => {
    expect(
      relativeImports(
        `import type { A } from './a';\nexport { b } from "../b";\nimport './c.css';\nimport x from './d';`,
      ),
    ).toEqual(['./a', '../b', './c.css', './d']);
    const g = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
      ['d', ['a']],
    ]);
    expect(findCycles(g)).toEqual([['a', 'b', 'c']]);
    expect(
      findCycles(
        new Map([
          ['a', ['b']],
          ['b', []],
        ]),
      ),
    ).toEqual([]);
  });

  it('has no import cycle in src/', () => {
    const cycles = findCycles(importGraph());
    expect(cycles.map((c) => [...c, c[0]].join(' → '))).toEqual([]);
  });
});
