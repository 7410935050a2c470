import { edgeId, OPS, outputEdgeId, topoOrder, type ScalarGraph } from '../../engine';
import { layoutDag, type DagLayout } from './layoutDag';

export type DrawnNode =
  | { kind: 'input'; id: string; name: string }
  | { kind: 'op'; id: string; nodeId: string; symbol: string; label?: string }
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
  layout: DagLayout;
}

export const OP_R = 24;
const inputId = (name: string) => `in:${name}`;

/** Turns a scalar graph into drawable nodes and edges and lays them out left to right. */
export function drawGraph(g: ScalarGraph): DrawnGraph {
  const order = topoOrder(g);
  const producer: Record<string, string> = {};
  const nodes: DrawnNode[] = g.inputs.map((i) => ({ kind: 'input', id: inputId(i.name), name: i.name }));
  for (const n of order) {
    producer[n.output] = n.id;
    nodes.push({ kind: 'op', id: n.id, nodeId: n.id, symbol: OPS[n.op].symbol(n.c), label: n.label });
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
  const size = (n: DrawnNode) =>
    n.kind === 'op'
      ? { width: OP_R * 2, height: OP_R * 2 + 16 }
      : { width: Math.max(44, n.name.length * 8.4 + 18), height: 28 };
  const layout = layoutDag(
    nodes.map((n) => ({ id: n.id, ...size(n) })),
    edges.map((e) => ({ id: e.id, from: e.from, to: e.to, labelWidth: 78, labelHeight: 44 })),
  );
  return { nodes, edges, layout };
}
