import type { ScalarGraph } from '../engine/graph';

export const GRAPH_IDS = [
  'apple',
  'apple-orange',
  'chain-rule',
  'sigmoid',
  'sigmoid-simple',
  'relu',
  'affine',
  'softmax-loss',
  'two-layer-net',
] as const;
export type GraphId = (typeof GRAPH_IDS)[number];
export type ScalarGraphId = 'apple' | 'apple-orange' | 'chain-rule' | 'sigmoid' | 'sigmoid-simple' | 'relu';

/** The book's code for a graph, with the line each step runs. */
export interface BookCode {
  lines: string[];
  /** Node id → 0-based line its forward() call is on. */
  forwardLine: Record<string, number>;
  /** Node id → 0-based line its backward() call is on. */
  backwardLine: Record<string, number>;
}

export interface ScalarGraphDef {
  id: ScalarGraphId;
  graph: ScalarGraph;
  code: BookCode;
}

/** Builds a BookCode from lines tagged with `@f:nodeId` / `@b:nodeId` markers (markers stripped). */
export function bookCode(source: string): BookCode {
  const forwardLine: Record<string, number> = {};
  const backwardLine: Record<string, number> = {};
  const lines = source
    .replace(/^\n/, '')
    .replace(/\n$/, '')
    .split('\n')
    .map((line, i) => {
      return line.replace(/\s*@([fb]):(\S+)/g, (_m, kind: string, id: string) => {
        (kind === 'f' ? forwardLine : backwardLine)[id] = i;
        return '';
      });
    });
  return { lines, forwardLine, backwardLine };
}
