import { layoutDag, type Point } from '../layoutDag';
import { axesOf, type Box, type Orientation, type Seg, type Shape } from './geometry';

/**
 * The drawing of a computational graph, laid out as the book's figures: nodes in ranks, each
 * edge a straight arrow through a column of its own where its forward value rides above it and
 * its backward arrow, pointing back, carries the gradient below it. Labels sit in boxes that the
 * layout keeps free, and edges run straight through ranks and curve only between them, so no
 * label can meet another label, a node or an edge. Units are CSS pixels at scale 1, where the
 * text is as large as the page's body text.
 */

/** Width of a text at a font size, in the drawing's font. */
export type TextMeasure = (text: string, size: number) => number;

/** The drawing's font (JetBrains Mono): every glyph advances 0.6 em; ascent 1.02 em, descent 0.30 em. */
export const FONT_METRICS = { advance: 0.6, ascent: 1.02, descent: 0.3 } as const;
export const monoMeasure: TextMeasure = (text, size) => [...text].length * FONT_METRICS.advance * size;

/** The body text's size: every number and name in the drawing is at least this large at scale 1. */
export const TEXT = 16;
/** One line of text, with room for the glyphs' full height. */
export const LINE = Math.ceil(TEXT * (FONT_METRICS.ascent + FONT_METRICS.descent)) + 3;
/** The straight runs of an edge where it enters a node (longer than an arrowhead) and leaves it. */
const PORT_IN = 15;
const PORT_OUT = 4;
export const HEAD = { length: 12, half: 5.5 };
export const BACK_HEAD = { length: 11, half: 5.5 };
export const MIN_ARROW = 36;
export const PAD = 5;

export interface SceneNodeIn {
  id: string;
  kind: 'input' | 'op' | 'output';
  /** The symbol of an op, or a variable's name. */
  text: string;
  /** The book's label beside an op: "(1)", "Affine1". */
  label?: string;
}
export interface SceneEdgeIn {
  id: string;
  from: string;
  to: string;
  /** The most lines written above the edge (shape, then value rows) over the whole run. */
  above: string[];
  /** The most lines written under its backward arrow. */
  below: string[];
}

/** Where a line of text goes: its anchor point on the baseline. */
export interface TextSlot {
  x: number;
  y: number;
  anchor: 'start' | 'middle' | 'end';
  size: number;
}

export interface SceneNode {
  id: string;
  shape: Shape;
  text: TextSlot;
  /** The book's label, one slot per line. */
  label: { text: string; slot: TextSlot }[];
  /** The room the layout kept for the node (shape and label, and as much again on the far side). */
  box: Box;
  /** What is drawn: the shape and its label. */
  visible: Box;
}

export interface SceneEdge {
  id: string;
  segs: Seg[];
  /** The edge's line, ending under its arrowhead. */
  path: string;
  head: string;
  /** Where the arrowhead's tip touches the target's outline. */
  tip: Point;
  above: TextSlot[];
  below: TextSlot[];
  /** The backward arrow: a line and its head, pointing against the flow. */
  back: { segs: Seg[]; path: string; head: string };
  labelBox: Box;
}

export interface Scene {
  orientation: Orientation;
  /** Rows the ranks were wrapped into (1: not wrapped). */
  rows: number;
  width: number;
  height: number;
  nodes: Record<string, SceneNode>;
  edges: Record<string, SceneEdge>;
}

/** The font size of an op's symbol: one or two characters large, as in the book's circles. */
export const symbolSize = (symbol: string): number => {
  const n = [...symbol].length;
  return n <= 1 ? 26 : n === 2 ? 22 : n === 3 ? 19 : 17;
};

export function shapeSize(
  n: SceneNodeIn,
  measure: TextMeasure,
): { kind: 'circle'; r: number } | { kind: 'rect'; w: number; h: number; rx: number } {
  if (n.kind !== 'op') {
    const w = measure(n.text, TEXT) + 22;
    return { kind: 'rect', w: Math.max(w, 44), h: 36, rx: 18 };
  }
  const size = symbolSize(n.text);
  const w = measure(n.text, size);
  if ([...n.text].length <= 3) return { kind: 'circle', r: Math.max(24, w / 2 + 9) };
  // Layers (Affine, ReLU, Softmax…) are boxes, as in the book's figures of layers.
  return { kind: 'rect', w: w + 24, h: 44, rx: 8 };
}

/** A long label ("Cross Entropy Error") on lines of at most 13 characters, split at spaces. */
export function wrapLabel(label: string, max = 13): string[] {
  const lines: string[] = [];
  for (const w of label.split(' ')) {
    const last = lines.at(-1);
    if (last !== undefined && last.length + 1 + w.length <= max) lines[lines.length - 1] = `${last} ${w}`;
    else lines.push(w);
  }
  return lines;
}

/** Baseline of a line of text centred in a slot of height LINE starting at `top`. */
export const baseline = (top: number, size: number, slot = LINE) =>
  top + (slot - size * (FONT_METRICS.ascent + FONT_METRICS.descent)) / 2 + size * FONT_METRICS.ascent;

export interface NodeDims {
  shape: ReturnType<typeof shapeSize>;
  sMain: number;
  sCross: number;
  labelW: number;
  labelLines: string[];
  main: number;
  cross: number;
  /** How far the shape sits from the box's centre along the flow (room for arrowheads in). */
  off: number;
}
export interface LabelDims {
  main: number;
  cross: number;
  wa: number;
  wb: number;
  na: number;
  nb: number;
}
/** A place an edge passes: a rank (column) and where across it. */
export interface Pass {
  col: number;
  cross: number;
}

/** The expensive part, done once per graph and font: sizes, dagre's ranks and order, the columns. */
export interface PreparedScene {
  orientation: Orientation;
  nodesIn: readonly SceneNodeIn[];
  edgesIn: readonly SceneEdgeIn[];
  nodeDims: Map<string, NodeDims>;
  labelDims: Map<string, LabelDims>;
  /** Ranks in flow order: centre and size along the flow, whether a node sits in it. */
  columns: { center: number; size: number; nodes: boolean }[];
  /** Each node's column and the centre of its box across the flow. */
  nodeAt: Record<string, Pass>;
  /** Each edge's passes between its two nodes (dummies and its label), and which one is the label. */
  stations: Record<string, { passes: Pass[]; label: number }>;
  /** Extent across the flow of everything in each column. */
  colCross: { min: number; max: number }[];
  /** The whole layout's size along the flow, unwrapped. */
  mainSize: number;
}

export const LANE = 9;
export const CORNER = 6;

export function prepareScene(
  nodesIn: readonly SceneNodeIn[],
  edgesIn: readonly SceneEdgeIn[],
  orientation: Orientation,
  measure: TextMeasure = monoMeasure,
): PreparedScene {
  const ax = axesOf(orientation);
  const LR = orientation === 'LR';
  const widest = (lines: string[]) => Math.max(0, ...lines.map((l) => measure(l, TEXT)));

  // Sizes along the flow (main) and across it (cross) of every node box and label box.
  const nodeDims = new Map<string, NodeDims>();
  for (const n of nodesIn) {
    const shape = shapeSize(n, measure);
    const sw = shape.kind === 'circle' ? 2 * shape.r : shape.w;
    const sh = shape.kind === 'circle' ? 2 * shape.r : shape.h;
    const sMain = LR ? sw : sh;
    const sCross = LR ? sh : sw;
    const labelLines = n.label ? wrapLabel(n.label) : [];
    const labelW = widest(labelLines);
    // Room for the arrowheads coming in and the lines going out; the shape sits off centre by the difference.
    const pin = n.kind === 'input' ? 0 : PORT_IN;
    const pout = n.kind === 'output' ? 0 : PORT_OUT;
    const off = (pin - pout) / 2;
    const labelMain = LR ? labelW : labelLines.length * LINE;
    const main = Math.max(sMain + pin + pout, labelMain + 2 * Math.abs(off));
    // LR: the label above the shape; TB: to its left. The box is symmetric about the shape, so that
    // dagre, which lines up box centres, draws a chain as a straight line.
    const side = labelLines.length === 0 ? 0 : LR ? labelLines.length * LINE + 2 : labelW + 10;
    const cross = 2 * (side + sCross / 2);
    nodeDims.set(n.id, { shape, sMain, sCross, labelW, labelLines, main, cross, off });
  }
  const labelDims = new Map<string, LabelDims>();
  for (const e of edgesIn) {
    const na = Math.max(1, e.above.length);
    const nb = Math.max(1, e.below.length);
    const wa = widest(e.above);
    const wb = widest(e.below);
    // The edge crosses the box at its centre (as it does the nodes': straight chains); the values
    // on one side of it, the backward arrow and the gradient on the other.
    if (LR) {
      const main = Math.max(wa, wb, MIN_ARROW) + 2 * PAD;
      const cross = 2 * Math.max(PAD + na * LINE + 4, 12 + BACK_HEAD.half + 1 + nb * LINE + PAD);
      labelDims.set(e.id, { main, cross, wa, wb, na, nb });
    } else {
      const main = Math.max(na * LINE, nb * LINE, MIN_ARROW) + 2 * PAD;
      const cross = 2 * Math.max(PAD + wa + 10, 14 + BACK_HEAD.half + 8 + wb + PAD);
      labelDims.set(e.id, { main, cross, wa, wb, na, nb });
    }
  }

  const wh = (main: number, cross: number) => (LR ? { width: main, height: cross } : { width: cross, height: main });
  const lay = layoutDag(
    nodesIn.map((n) => {
      const d = nodeDims.get(n.id)!;
      return { id: n.id, ...wh(d.main, d.cross) };
    }),
    edgesIn.map((e) => {
      const d = labelDims.get(e.id)!;
      const s = wh(d.main, d.cross);
      return { id: e.id, from: e.from, to: e.to, labelWidth: s.width, labelHeight: s.height };
    }),
    { rankdir: orientation, ranksep: 22, nodesep: 22, edgesep: 14 },
  );

  // Every rank shares one centre on the main axis; its column is as wide as its widest box.
  const key = (m: number) => Math.round(m * 4) / 4;
  const size = new Map<number, number>();
  const hasNode = new Set<number>();
  const widen = (m: number, s: number) => size.set(key(m), Math.max(size.get(key(m)) ?? 0, s));
  for (const n of nodesIn) {
    widen(ax.main(lay.nodes[n.id]), nodeDims.get(n.id)!.main);
    hasNode.add(key(ax.main(lay.nodes[n.id])));
  }
  const isLabel = (p: Point, l: Point) => Math.abs(p.x - l.x) < 0.01 && Math.abs(p.y - l.y) < 0.01;
  for (const e of edgesIn) {
    const l = lay.edges[e.id];
    for (const p of l.points) widen(ax.main(p), isLabel(p, l.label) ? labelDims.get(e.id)!.main : 0);
  }
  const keys = [...size.keys()].sort((a, b) => a - b);
  const colOf = new Map(keys.map((k, i) => [k, i]));
  const columns = keys.map((k) => ({ center: k, size: size.get(k)!, nodes: hasNode.has(k) }));
  const colCross = keys.map(() => ({ min: Infinity, max: -Infinity }));
  const extend = (col: number, c0: number, c1: number) => {
    colCross[col].min = Math.min(colCross[col].min, c0);
    colCross[col].max = Math.max(colCross[col].max, c1);
  };

  const nodeAt: Record<string, Pass> = {};
  for (const n of nodesIn) {
    const c = lay.nodes[n.id];
    const col = colOf.get(key(ax.main(c)))!;
    nodeAt[n.id] = { col, cross: ax.cross(c) };
    const half = nodeDims.get(n.id)!.cross / 2;
    extend(col, ax.cross(c) - half, ax.cross(c) + half);
  }
  const stations: PreparedScene['stations'] = {};
  for (const e of edgesIn) {
    const l = lay.edges[e.id];
    let label = -1;
    const passes = l.points.map((p, i) => {
      const col = colOf.get(key(ax.main(p)))!;
      if (isLabel(p, l.label)) {
        label = i;
        const half = labelDims.get(e.id)!.cross / 2;
        extend(col, ax.cross(p) - half, ax.cross(p) + half);
      } else extend(col, ax.cross(p) - 2, ax.cross(p) + 2);
      return { col, cross: ax.cross(p) };
    });
    stations[e.id] = { passes, label };
  }
  const last = columns.at(-1);
  const mainSize = last ? last.center + last.size / 2 : 0;
  return { orientation, nodesIn, edgesIn, nodeDims, labelDims, columns, nodeAt, stations, colCross, mainSize };
}

/**
 * Where the ranks break into rows so that each row is at most `width` long: a long chain (the
 * sigmoid) reads like lines of text instead of shrinking to a strip. Each break goes where the
 * fewest edges cross it, preferring to end a row after a node (its edge's value starts the next
 * row); a graph that would need more than two edges around one break is not wrapped ([]).
 */
export function rowBreaks(p: PreparedScene, width?: number): number[] {
  const cols = p.columns;
  if (width === undefined || p.mainSize <= width) return [];
  const crossing = cols.map(() => 0);
  for (const e of p.edgesIn) {
    const passes = [p.nodeAt[e.from], ...p.stations[e.id].passes, p.nodeAt[e.to]];
    for (let i = 1; i < passes.length; i++) crossing[passes[i].col]++;
  }
  const reserve = 2 * (10 + 2 * LANE);
  const breaks: number[] = [];
  let start = 0;
  while (true) {
    const rowStart = cols[start].center - cols[start].size / 2;
    let last = start;
    while (last + 1 < cols.length && cols[last + 1].center + cols[last + 1].size / 2 - rowStart + reserve <= width)
      last++;
    if (last === cols.length - 1) return breaks;
    // Rows at least 40% full where possible; then the fewest crossings, a row ending after a node, the longest row.
    const end = (j: number) => cols[j - 1].center + cols[j - 1].size / 2 - rowStart;
    const range = Array.from({ length: last + 1 - start }, (_, i) => start + 1 + i);
    const full = range.filter((j) => end(j) >= 0.4 * width);
    const score = (j: number) => crossing[j] * 1e6 + (cols[j].nodes ? 1e3 : 0) - j;
    const best = (full.length > 0 ? full : range).reduce((a, j) => (a < 0 || score(j) < score(a) ? j : a), -1);
    if (best < 0 || crossing[best] > 2) return [];
    breaks.push(best);
    start = best;
  }
}
