import { Graph, layout } from '@dagrejs/dagre';

export interface LayoutNodeIn {
  id: string;
  width: number;
  height: number;
}
export interface LayoutEdgeIn {
  id: string;
  from: string;
  to: string;
  /** Room kept free around the edge's label (the label is a box of its own in a rank of its own). */
  labelWidth: number;
  labelHeight: number;
}
export interface Point {
  x: number;
  y: number;
}
export interface DagLayout {
  width: number;
  height: number;
  nodes: Record<string, Point & { width: number; height: number }>;
  /** points: the centres of the boxes the edge passes (dummies and its label), source and target excluded. */
  edges: Record<string, { points: Point[]; label: Point }>;
}

export type Rankdir = 'LR' | 'TB';

/**
 * Layered layout (dagre): left to right as the book draws its graphs, or top to bottom for a
 * tall, narrow screen. Every rank's boxes share one centre on the flow axis, which is what lets
 * the edges be routed straight through a rank and curve only between ranks.
 */
export function layoutDag(
  nodes: LayoutNodeIn[],
  edges: LayoutEdgeIn[],
  opts: { ranksep?: number; nodesep?: number; edgesep?: number; rankdir?: Rankdir } = {},
): DagLayout {
  const g = new Graph({ multigraph: true });
  g.setGraph({
    rankdir: opts.rankdir ?? 'LR',
    // dagre halves ranksep when edges carry labels (the labels get ranks of their own).
    ranksep: (opts.ranksep ?? 36) * 2,
    nodesep: opts.nodesep ?? 26,
    edgesep: opts.edgesep ?? 18,
    marginx: 0,
    marginy: 0,
  });
  g.setDefaultEdgeLabel(() => ({}));
  // dagre stacks what it is given first lowest; the book draws the first inputs on top
  // (apple above orange, x above y), so hand them over in reverse.
  for (const n of [...nodes].reverse()) g.setNode(n.id, { width: n.width, height: n.height });
  for (const e of [...edges].reverse())
    g.setEdge(e.from, e.to, { width: e.labelWidth, height: e.labelHeight, labelpos: 'c' }, e.id);
  layout(g);
  const out: DagLayout = { width: 0, height: 0, nodes: {}, edges: {} };
  for (const n of nodes) {
    const l = g.node(n.id);
    out.nodes[n.id] = { x: l.x, y: l.y, width: n.width, height: n.height };
  }
  for (const e of edges) {
    const l = g.edge({ v: e.from, w: e.to, name: e.id });
    const pts = l.points ?? [];
    // dagre adds the points where the edge meets its two end boxes: drop them.
    out.edges[e.id] = { points: pts.slice(1, -1), label: { x: l.x ?? 0, y: l.y ?? 0 } };
  }
  const gl = g.graph();
  out.width = gl.width ?? 0;
  out.height = gl.height ?? 0;
  return out;
}
