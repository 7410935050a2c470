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
  /** Room kept free around the edge's midpoint for its two labels. */
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
  edges: Record<string, { points: Point[]; label: Point }>;
}

/** Left-to-right layered layout (dagre), as the book draws its graphs. */
export function layoutDag(
  nodes: LayoutNodeIn[],
  edges: LayoutEdgeIn[],
  opts: { ranksep?: number; nodesep?: number } = {},
): DagLayout {
  const g = new Graph({ multigraph: true });
  g.setGraph({
    rankdir: 'LR',
    ranksep: opts.ranksep ?? 36,
    nodesep: opts.nodesep ?? 26,
    edgesep: 18,
    marginx: 12,
    marginy: 12,
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
    out.edges[e.id] = { points: l.points ?? [], label: { x: l.x ?? 0, y: l.y ?? 0 } };
  }
  const gl = g.graph();
  out.width = gl.width ?? 0;
  out.height = gl.height ?? 0;
  return out;
}
