import { edgeId, leaves, outputEdgeId, topoOrder, type GraphSpec, type OpTable, type Run } from '../../engine';
import type { ValueFormat } from '../../engine';
import { buildScene } from './stage/arrange';
import {
  prepareScene,
  type PreparedScene,
  type Scene,
  type SceneEdgeIn,
  type SceneNodeIn,
  type TextMeasure,
} from './stage/scene';
import type { Orientation } from './stage/geometry';

export type DrawnNode =
  | { kind: 'input'; id: string; name: string }
  | { kind: 'op'; id: string; nodeId: string; symbol: string; label?: string; describe: string }
  | { kind: 'output'; id: string; name: string };

export interface DrawnEdge {
  id: string;
  from: string;
  to: string;
  variable: string;
  /** The node whose backward() writes this edge's gradient (null for the output edge). */
  consumer: string | null;
  /** The node whose forward() writes this edge's value (null for inputs). */
  producer: string | null;
}

export interface DrawnGraph {
  nodes: DrawnNode[];
  edges: DrawnEdge[];
  /** What the layout needs: every node's text and every edge's label lines over the whole run. */
  sceneIn: { nodes: SceneNodeIn[]; edges: SceneEdgeIn[] };
}

const inputId = (name: string) => `in:${name}`;

/** The lines written above an edge (shape, then value) and under its backward arrow (the gradient). */
export function edgeLabelLines<V>(
  fmt: ValueFormat<V>,
  value: V | undefined,
  grad: V | undefined,
  inline: boolean,
): { above: string[]; below: string[] } {
  const shape = value === undefined ? null : fmt.shape(value);
  const lines = (v: V | undefined) => (v === undefined || !inline ? [] : fmt.edgeLines(v));
  return { above: [...(shape === null ? [] : [shape]), ...lines(value)], below: lines(grad) };
}

/** The name written under a backward arrow when the gradient is too big to write out: dW1. */
export const gradName = (variable: string): string => `d${variable}`;

/**
 * Turns a graph into drawable nodes and edges. The room kept for each edge's labels is measured
 * on the complete run, so the layout does not jump while stepping.
 */
export function drawGraph<V>(
  g: GraphSpec<V>,
  ops: OpTable<V>,
  r: Run<V>,
  fmt: ValueFormat<V>,
  inline: boolean,
): DrawnGraph {
  const order = topoOrder(g);
  const producer: Record<string, string> = {};
  const nodes: DrawnNode[] = leaves(g).map((i) => ({ kind: 'input', id: inputId(i.name), name: i.name }));
  for (const n of order) {
    producer[n.output] = n.id;
    const symbol = ops[n.op].symbol(n.c);
    nodes.push({
      kind: 'op',
      id: n.id,
      nodeId: n.id,
      symbol,
      label: n.label,
      // The visible text first (symbol, then label), so the accessible name contains it.
      describe: `${symbol}${n.label ? ` ${n.label}` : ''}: ${n.inputs.join(', ')} → ${n.output}`,
    });
  }
  nodes.push({ kind: 'output', id: 'out', name: g.output });
  const edges: DrawnEdge[] = [];
  for (const n of order) {
    n.inputs.forEach((v, i) => {
      edges.push({
        id: edgeId(v, n.id, i),
        from: producer[v] ?? inputId(v),
        to: n.id,
        variable: v,
        consumer: n.id,
        producer: producer[v] ?? null,
      });
    });
  }
  edges.push({
    id: outputEdgeId(g),
    from: producer[g.output],
    to: 'out',
    variable: g.output,
    consumer: null,
    producer: producer[g.output],
  });
  const gradOf = (e: DrawnEdge): V | undefined => {
    if (!e.consumer) return r.grads[g.output];
    const t = r.traces[e.consumer];
    return t.dx[t.node.inputs.indexOf(e.variable)] ?? undefined;
  };
  const sceneIn = {
    nodes: nodes.map((n): SceneNodeIn =>
      n.kind === 'op'
        ? // A label that only repeats the symbol (Softmax) is not drawn twice.
          { id: n.id, kind: 'op', text: n.symbol, label: n.label === n.symbol ? undefined : n.label }
        : { id: n.id, kind: n.kind, text: n.name },
    ),
    edges: edges.map((e): SceneEdgeIn => {
      const grad = gradOf(e);
      const { above, below } = edgeLabelLines(fmt, r.values[e.variable], grad, inline);
      return {
        id: e.id,
        from: e.from,
        to: e.to,
        above,
        below: below.length > 0 ? below : grad === undefined ? [] : [gradName(e.variable)],
      };
    }),
  };
  return { nodes, edges, sceneIn };
}

/** The scene of a drawn graph in one orientation, its ranks wrapped into rows no longer than `wrap`. */
export const sceneOf = (d: DrawnGraph, o: Orientation, measure?: TextMeasure, wrap?: number): Scene =>
  buildScene(d.sceneIn.nodes, d.sceneIn.edges, o, measure, wrap);

/** The layout's expensive part (dagre), to arrange (and wrap) again for every width. */
export const prepareOf = (d: DrawnGraph, o: Orientation, measure?: TextMeasure): PreparedScene =>
  prepareScene(d.sceneIn.nodes, d.sceneIn.edges, o, measure);
