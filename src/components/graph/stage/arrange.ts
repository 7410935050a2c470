import {
  axesOf,
  arrowHead,
  rimDistance,
  segsToPath,
  shapeBox,
  type Axes,
  type Box,
  type Orientation,
  type Seg,
  type Shape,
} from './geometry';
import type { Point } from '../layoutDag';
import {
  BACK_HEAD,
  baseline,
  CORNER,
  HEAD,
  LANE,
  LINE,
  MIN_ARROW,
  monoMeasure,
  PAD,
  prepareScene,
  rowBreaks,
  symbolSize,
  TEXT,
  type LabelDims,
  type NodeDims,
  type Pass,
  type PreparedScene,
  type Scene,
  type SceneEdge,
  type SceneEdgeIn,
  type SceneNode,
  type SceneNodeIn,
  type TextMeasure,
  type TextSlot,
} from './scene';

/**
 * The second half of the layout, cheap enough to redo for every width: places the prepared ranks
 * (wrapped into rows where asked), the nodes and their labels, and routes every edge: straight
 * through each rank, an S-curve between ranks, around the end of a row in a lane of its own.
 * Its phases, in order: frameRows (rows, lanes, coordinates), placeNode, assignPorts,
 * routeEdge, placeEdgeLabel, extentOf.
 */
/** The scene, wrapped into rows where `breaks` says (column indices that start a new row). */
export function arrangeScene(p: PreparedScene, breaks: readonly number[] = []): Scene {
  const f = frameRows(p, breaks);
  const nodes: Record<string, SceneNode> = {};
  for (const n of p.nodesIn) nodes[n.id] = placeNode(f, n, p.nodeDims.get(n.id)!);
  const ports = assignPorts(f);
  const edges: Record<string, SceneEdge> = {};
  let farMain = 0;
  for (const e of p.edgesIn) {
    const route = routeEdge(f, e, nodes[e.from].shape, nodes[e.to].shape, ports);
    farMain = Math.max(farMain, route.farMain);
    edges[e.id] = { id: e.id, ...route.edge, ...placeEdgeLabel(f, e, p.labelDims.get(e.id)!) };
  }
  const { width, height } = extentOf(f, nodes, edges, farMain);
  return { orientation: p.orientation, rows: f.nRows, width, height, nodes, edges };
}

/** The ranks wrapped into rows: which row each column is in, the lanes between rows, and where things go. */
interface Frame {
  p: PreparedScene;
  ax: Axes;
  LR: boolean;
  rowOf: number[];
  nRows: number;
  lastCol: number[];
  /** The lane of each hop from one row to the next, keyed `edgeId|passIndex`, and how many each band holds. */
  lanes: Map<string, number>;
  laneCount: number[];
  /** Room before the first column for the lanes coming back to the start of a row. */
  gutter: number;
  rowBottom: number[];
  /** An edge's passes, from its source node through its stations to its target node. */
  passesOf: (e: SceneEdgeIn) => Pass[];
  /** A column's start, end and middle along the flow, on the page. */
  colStart: (c: number) => number;
  colEnd: (c: number) => number;
  colMid: (c: number) => number;
  /** Where a pass lies across the flow, on the page. */
  placed: (q: Pass) => number;
}

/** Phase 1: rows, the lanes between them, and the maps from prepared coordinates to the page's. */
function frameRows(p: PreparedScene, breaks: readonly number[]): Frame {
  const { orientation, edgesIn, columns, nodeAt, stations } = p;
  const rowOf = columns.map((_, i) => breaks.filter((b) => b <= i).length);
  const nRows = breaks.length + 1;
  const firstCol = [0, ...breaks];
  const lastCol = [...breaks.map((b) => b - 1), columns.length - 1];
  const passesOf = (e: SceneEdgeIn): Pass[] => [nodeAt[e.from], ...stations[e.id].passes, nodeAt[e.to]];
  const { lanes, laneCount } = assignLanes(edgesIn, passesOf, nRows, firstCol, lastCol);
  const gutter = nRows > 1 ? 10 + Math.max(...laneCount) * LANE : 0;
  const { rowMin, rowTop, rowBottom } = stackRows(p, nRows, firstCol, lastCol, laneCount);
  const startOf = (c: number) => columns[c].center - columns[c].size / 2;
  const shiftMain = (c: number) => gutter - startOf(firstCol[rowOf[c]]);
  const M = (c: number, m: number) => m + shiftMain(c);
  const C = (c: number, cross: number) => cross - rowMin[rowOf[c]] + rowTop[rowOf[c]];
  return {
    p,
    ax: axesOf(orientation),
    LR: orientation === 'LR',
    rowOf,
    nRows,
    lastCol,
    lanes,
    laneCount,
    gutter,
    rowBottom,
    passesOf,
    colStart: (c) => M(c, startOf(c)),
    colEnd: (c) => M(c, columns[c].center + columns[c].size / 2),
    colMid: (c) => M(c, columns[c].center),
    placed: (q) => C(q.col, q.cross),
  };
}

/** Hops from the last column of a row to the first of the next: each gets a lane of its own. */
function assignLanes(
  edgesIn: readonly SceneEdgeIn[],
  passesOf: (e: SceneEdgeIn) => Pass[],
  nRows: number,
  firstCol: number[],
  lastCol: number[],
): { lanes: Map<string, number>; laneCount: number[] } {
  const lanes = new Map<string, number>();
  const laneCount = Array.from({ length: nRows }, () => 0);
  for (let r = 0; r < nRows - 1; r++) {
    const hops: { k: string; cross: number }[] = [];
    for (const e of edgesIn)
      passesOf(e).forEach((q, i, all) => {
        if (i > 0 && all[i - 1].col === lastCol[r] && q.col === firstCol[r + 1])
          hops.push({ k: `${e.id}|${i}`, cross: all[i - 1].cross });
      });
    hops.sort((a, b) => b.cross - a.cross).forEach((h, i) => lanes.set(h.k, i));
    laneCount[r] = hops.length;
  }
  return { lanes, laneCount };
}

/** Rows stack across the flow, each as tall as what it holds, with a band for the lanes between. */
function stackRows(p: PreparedScene, nRows: number, firstCol: number[], lastCol: number[], laneCount: number[]) {
  const rowMin: number[] = [];
  const rowTop: number[] = [];
  const rowBottom: number[] = [];
  let top = 0;
  for (let r = 0; r < nRows; r++) {
    let min = Infinity,
      max = -Infinity;
    for (let c = firstCol[r]; c <= lastCol[r]; c++) {
      min = Math.min(min, p.colCross[c].min);
      max = Math.max(max, p.colCross[c].max);
    }
    rowMin.push(min);
    rowTop.push(top);
    rowBottom.push(top + max - min);
    top += max - min + (r < nRows - 1 ? 20 + laneCount[r] * LANE : 0);
  }
  return { rowMin, rowTop, rowBottom };
}

/** Phase 2, for each node: the shape at the centre of its box across the flow, the label on the near side. */
function placeNode(f: Frame, n: SceneNodeIn, d: NodeDims): SceneNode {
  const { ax, LR } = f;
  const at = f.p.nodeAt[n.id];
  const m = f.colMid(at.col);
  const cc = f.placed(at);
  const center = ax.pt(m + d.off, cc);
  const shape: Shape =
    d.shape.kind === 'circle'
      ? { kind: 'circle', cx: center.x, cy: center.y, r: d.shape.r }
      : { kind: 'rect', cx: center.x, cy: center.y, w: d.shape.w, h: d.shape.h, rx: d.shape.rx };
  const size = n.kind === 'op' ? symbolSize(n.text) : TEXT;
  const text: TextSlot = { x: center.x, y: center.y + size * 0.36, anchor: 'middle', size };
  const nl = d.labelLines.length;
  const label = d.labelLines.map((t, i) => ({
    text: t,
    slot: LR
      ? {
          x: center.x,
          y: baseline(center.y - d.sCross / 2 - 2 - (nl - i) * LINE, TEXT),
          anchor: 'middle' as const,
          size: TEXT,
        }
      : {
          x: center.x - d.sCross / 2 - 10,
          y: baseline(center.y - (nl * LINE) / 2 + i * LINE, TEXT),
          anchor: 'end' as const,
          size: TEXT,
        },
  }));
  const sb = shapeBox(shape);
  const lb: Box | null =
    nl === 0
      ? null
      : LR
        ? { x0: center.x - d.labelW / 2, x1: center.x + d.labelW / 2, y0: sb.y0 - 2 - nl * LINE, y1: sb.y0 }
        : {
            x0: sb.x0 - 10 - d.labelW,
            x1: sb.x0,
            y0: center.y - (nl * LINE) / 2,
            y1: center.y + (nl * LINE) / 2,
          };
  const visible = lb
    ? {
        x0: Math.min(sb.x0, lb.x0),
        y0: Math.min(sb.y0, lb.y0),
        x1: Math.max(sb.x1, lb.x1),
        y1: Math.max(sb.y1, lb.y1),
      }
    : sb;
  return {
    id: n.id,
    shape,
    text,
    label,
    visible,
    box: ax.box(m - d.main / 2, m + d.main / 2, cc - d.cross / 2, cc + d.cross / 2),
  };
}

/** Where each edge leaves its source and meets its target, across the flow from the shape's centre. */
interface Ports {
  inPort: Map<string, number>;
  outPort: Map<string, number>;
}

/** Phase 3: edges that meet at a node spread over its outline, in the order they arrive. */
function assignPorts(f: Frame): Ports {
  const { nodesIn, edgesIn, nodeDims } = f.p;
  const spread = (id: string, k: number): number[] => {
    if (k <= 1) return [0];
    const d = nodeDims.get(id)!;
    const half = d.shape.kind === 'circle' ? d.shape.r * 0.62 : d.sCross / 2 - 8;
    const step = Math.min(16, (2 * half) / (k - 1));
    return Array.from({ length: k }, (_, i) => (i - (k - 1) / 2) * step);
  };
  const inPort = new Map<string, number>();
  const outPort = new Map<string, number>();
  for (const n of nodesIn) {
    const before = (e: SceneEdgeIn) => f.placed(f.passesOf(e).at(-2)!);
    [...edgesIn.filter((e) => e.to === n.id)]
      .sort((a, b) => before(a) - before(b))
      .forEach((e, i, arr) => inPort.set(e.id, spread(n.id, arr.length)[i]));
    const after = (e: SceneEdgeIn) => f.placed(f.passesOf(e)[1]);
    [...edgesIn.filter((e) => e.from === n.id)]
      .sort((a, b) => after(a) - after(b))
      .forEach((e, i, arr) => outPort.set(e.id, spread(n.id, arr.length)[i]));
  }
  return { inPort, outPort };
}

/** A path drawn along the flow's axes: straight lines, S-curves and quarter turns from the current point. */
function pathFrom(ax: Axes, start: Point) {
  const segs: Seg[] = [];
  let at = start;
  const lineTo = (m: number, c: number) => {
    const p = ax.pt(m, c);
    if (Math.abs(p.x - at.x) > 1e-6 || Math.abs(p.y - at.y) > 1e-6) segs.push({ kind: 'L', p0: at, p1: p });
    at = p;
  };
  const curveTo = (m: number, c: number) => {
    const m0 = ax.main(at);
    const c0 = ax.cross(at);
    const k = (m - m0) / 2;
    if (Math.abs(c - c0) < 1e-6) return lineTo(m, c);
    const p = ax.pt(m, c);
    segs.push({ kind: 'C', p0: at, c1: ax.pt(m0 + k, c0), c2: ax.pt(m - k, c), p1: p });
    at = p;
  };
  // A quarter turn of radius CORNER from the current point to (m, c), leaving along `first`.
  const turnTo = (m: number, c: number, first: 'main' | 'cross') => {
    const m0 = ax.main(at);
    const c0 = ax.cross(at);
    const K = 0.5523;
    const c1 = first === 'main' ? ax.pt(m0 + (m - m0) * K, c0) : ax.pt(m0, c0 + (c - c0) * K);
    const c2 = first === 'main' ? ax.pt(m, c - (c - c0) * K) : ax.pt(m - (m - m0) * K, c);
    const p = ax.pt(m, c);
    segs.push({ kind: 'C', p0: at, c1, c2, p1: p });
    at = p;
  };
  return { segs, lineTo, curveTo, turnTo };
}

/** Phase 4, for each edge: its line from the source's rim through its passes to the target's arrowhead. */
function routeEdge(
  f: Frame,
  e: SceneEdgeIn,
  s: Shape,
  t: Shape,
  ports: Ports,
): { edge: Pick<SceneEdge, 'segs' | 'path' | 'head' | 'tip'>; farMain: number } {
  const { ax, rowOf, lanes, laneCount, lastCol, gutter, rowBottom } = f;
  const orientation = f.p.orientation;
  const oc = ports.outPort.get(e.id)!;
  const ic = ports.inPort.get(e.id)!;
  const passes = f.passesOf(e);
  const shapeCross = (sh: Shape) => ax.cross({ x: sh.cx, y: sh.cy });
  const crossAt = passes.map((q, i) =>
    i === 0 ? shapeCross(s) + oc : i === passes.length - 1 ? shapeCross(t) + ic : f.placed(q),
  );
  let farMain = 0;
  const path = pathFrom(ax, ax.pt(ax.main({ x: s.cx, y: s.cy }) + rimDistance(s, oc, orientation) + 1, crossAt[0]));
  const { segs, lineTo, curveTo, turnTo } = path;
  lineTo(f.colEnd(passes[0].col), crossAt[0]);
  for (let i = 1; i < passes.length; i++) {
    const q = passes[i];
    const prev = passes[i - 1];
    const r = rowOf[prev.col];
    if (rowOf[q.col] === r) curveTo(f.colStart(q.col), crossAt[i]);
    else {
      // Round the end of the row: out to the right, down into the band, back to the start, down into the row.
      const lane = lanes.get(`${e.id}|${i}`) ?? 0;
      const n = laneCount[r];
      const xr = f.colEnd(lastCol[r]) + 10 + lane * LANE;
      const xl = gutter - 10 - (n - 1 - lane) * LANE;
      const yl = rowBottom[r] + 10 + lane * LANE;
      const c0 = crossAt[i - 1];
      farMain = Math.max(farMain, xr + CORNER);
      lineTo(xr - CORNER, c0);
      turnTo(xr, c0 + CORNER, 'main');
      lineTo(xr, yl - CORNER);
      turnTo(xr - CORNER, yl, 'cross');
      lineTo(xl + CORNER, yl);
      turnTo(xl, yl + CORNER, 'main');
      lineTo(xl, crossAt[i] - CORNER);
      turnTo(xl + CORNER, crossAt[i], 'cross');
    }
    if (i < passes.length - 1) {
      lineTo(f.colStart(q.col), crossAt[i]);
      lineTo(f.colEnd(q.col), crossAt[i]);
    }
  }
  const tM = ax.main({ x: t.cx, y: t.cy });
  const tipM = tM - rimDistance(t, ic, orientation) - 1;
  const tC = crossAt.at(-1)!;
  lineTo(tipM, tC);
  const tip = ax.pt(tipM, tC);
  // The visible line stops inside the arrowhead so its end does not blunt the tip.
  const drawn = segs.slice(0, -1);
  drawn.push({ kind: 'L', p0: segs.at(-1)!.p0, p1: ax.pt(tipM - HEAD.length * 0.6, tC) });
  const fwd = ax.pt(1, 0);
  return {
    edge: { segs, path: segsToPath(drawn), head: arrowHead(tip, fwd, HEAD.length, HEAD.half), tip },
    farMain,
  };
}

/** Phase 5, for each edge: its label's lines above and below, and the backward arrow between them. */
function placeEdgeLabel(
  f: Frame,
  e: SceneEdgeIn,
  d: LabelDims,
): Pick<SceneEdge, 'above' | 'below' | 'back' | 'labelBox'> {
  const { ax, LR } = f;
  const lp = f.p.stations[e.id].passes[f.p.stations[e.id].label];
  const mid = f.colMid(lp.col);
  const lc = f.placed(lp);
  const m0 = mid - d.main / 2;
  const c0 = lc - d.cross / 2;
  let above: TextSlot[];
  let below: TextSlot[];
  let backC: number;
  let half: number;
  if (LR) {
    above = Array.from({ length: d.na }, (_, i) => ({
      x: mid,
      y: baseline(lc - 4 - (d.na - i) * LINE, TEXT),
      anchor: 'middle' as const,
      size: TEXT,
    }));
    backC = lc + 12;
    const top = backC + BACK_HEAD.half + 1;
    below = Array.from({ length: d.nb }, (_, i) => ({
      x: mid,
      y: baseline(top + i * LINE, TEXT),
      anchor: 'middle' as const,
      size: TEXT,
    }));
    half = Math.max(MIN_ARROW, Math.max(d.wa, d.wb)) / 2;
  } else {
    const mTop = (n: number) => mid - (n * LINE) / 2;
    above = Array.from({ length: d.na }, (_, i) => ({
      x: lc - 10,
      y: baseline(mTop(d.na) + i * LINE, TEXT),
      anchor: 'end' as const,
      size: TEXT,
    }));
    backC = lc + 14;
    below = Array.from({ length: d.nb }, (_, i) => ({
      x: backC + BACK_HEAD.half + 8,
      y: baseline(mTop(d.nb) + i * LINE, TEXT),
      anchor: 'start' as const,
      size: TEXT,
    }));
    half = (d.main - 2 * PAD) / 2;
  }
  const fwd = ax.pt(1, 0);
  const backTip = ax.pt(mid - half, backC);
  const backSegs: Seg[] = [
    { kind: 'L', p0: ax.pt(mid + half, backC), p1: ax.pt(mid - half + BACK_HEAD.length * 0.6, backC) },
  ];
  return {
    above,
    below,
    back: {
      segs: [{ kind: 'L', p0: ax.pt(mid + half, backC), p1: backTip }],
      path: segsToPath(backSegs),
      head: arrowHead(backTip, { x: -fwd.x, y: -fwd.y }, BACK_HEAD.length, BACK_HEAD.half),
    },
    labelBox: ax.box(m0, m0 + d.main, c0, c0 + d.cross),
  };
}

/** Phase 6: everything lies inside the node and label boxes, the gaps between ranks and the lanes. */
function extentOf(
  f: Frame,
  nodes: Record<string, SceneNode>,
  edges: Record<string, SceneEdge>,
  farMain: number,
): { width: number; height: number } {
  const { ax } = f;
  let x1 = 0,
    y1 = 0;
  const grow = (b: Box) => {
    x1 = Math.max(x1, b.x1);
    y1 = Math.max(y1, b.y1);
  };
  for (const n of Object.values(nodes)) {
    grow(n.box);
    grow(shapeBox(n.shape));
  }
  for (const e of Object.values(edges)) grow(e.labelBox);
  for (let c = 0; c < f.p.columns.length; c++) grow(ax.box(f.colStart(c), f.colEnd(c), 0, 0));
  grow(ax.box(0, farMain, 0, f.rowBottom.at(-1) ?? 0));
  return { width: x1, height: y1 };
}

/** The whole layout in one go (unit tests, and callers that do not wrap). */
export function buildScene(
  nodesIn: readonly SceneNodeIn[],
  edgesIn: readonly SceneEdgeIn[],
  orientation: Orientation,
  measure: TextMeasure = monoMeasure,
  wrapWidth?: number,
): Scene {
  const p = prepareScene(nodesIn, edgesIn, orientation, measure);
  return arrangeScene(p, rowBreaks(p, wrapWidth));
}
