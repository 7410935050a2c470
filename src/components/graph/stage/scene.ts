import { layoutDag, type Point } from '../layoutDag';
import {
  arrowHead,
  axesOf,
  rimDistance,
  segsToPath,
  shapeBox,
  type Box,
  type Orientation,
  type Seg,
  type Shape,
} from './geometry';

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
const HEAD = { length: 12, half: 5.5 };
const BACK_HEAD = { length: 11, half: 5.5 };
const MIN_ARROW = 36;
const PAD = 5;

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
  /** The room the layout kept for the node (shape and label). */
  box: Box;
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

function shapeSize(
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
const baseline = (top: number, size: number, slot = LINE) =>
  top + (slot - size * (FONT_METRICS.ascent + FONT_METRICS.descent)) / 2 + size * FONT_METRICS.ascent;

export function buildScene(
  nodesIn: readonly SceneNodeIn[],
  edgesIn: readonly SceneEdgeIn[],
  orientation: Orientation,
  measure: TextMeasure = monoMeasure,
): Scene {
  const ax = axesOf(orientation);
  const LR = orientation === 'LR';
  const widest = (lines: string[]) => Math.max(0, ...lines.map((l) => measure(l, TEXT)));

  // Sizes along the flow (main) and across it (cross) of every node box and label box.
  const nodeDims = new Map<
    string,
    {
      shape: ReturnType<typeof shapeSize>;
      sMain: number;
      sCross: number;
      labelW: number;
      labelLines: string[];
      main: number;
      cross: number;
      off: number;
    }
  >();
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
  const labelDims = new Map<string, { main: number; cross: number; wa: number; wb: number; na: number; nb: number }>();
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
  const columns = new Map<number, number>();
  const key = (m: number) => Math.round(m * 4) / 4;
  const widen = (m: number, size: number) => columns.set(key(m), Math.max(columns.get(key(m)) ?? 0, size));
  for (const n of nodesIn) widen(ax.main(lay.nodes[n.id]), nodeDims.get(n.id)!.main);
  const isLabel = (p: Point, l: Point) => Math.abs(p.x - l.x) < 0.01 && Math.abs(p.y - l.y) < 0.01;
  for (const e of edgesIn) {
    const l = lay.edges[e.id];
    for (const p of l.points) widen(ax.main(p), isLabel(p, l.label) ? labelDims.get(e.id)!.main : 0);
  }
  const colStart = (m: number) => m - (columns.get(key(m)) ?? 0) / 2;
  const colEnd = (m: number) => m + (columns.get(key(m)) ?? 0) / 2;

  // Nodes: the label first on the cross axis, then the shape.
  const nodes: Record<string, SceneNode> = {};
  for (const n of nodesIn) {
    const d = nodeDims.get(n.id)!;
    const c = lay.nodes[n.id];
    const m = ax.main(c);
    const cross0 = ax.cross(c) - d.cross / 2;
    const center = ax.pt(m + d.off, ax.cross(c));
    const shape: Shape =
      d.shape.kind === 'circle'
        ? { kind: 'circle', cx: center.x, cy: center.y, r: d.shape.r }
        : { kind: 'rect', cx: center.x, cy: center.y, w: d.shape.w, h: d.shape.h, rx: d.shape.rx };
    const size = n.kind === 'op' ? symbolSize(n.text) : TEXT;
    const text: TextSlot = { x: center.x, y: center.y + size * 0.36, anchor: 'middle', size };
    const nl = d.labelLines.length;
    const label = d.labelLines.map((text, i) => ({
      text,
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
    nodes[n.id] = {
      id: n.id,
      shape,
      text,
      label,
      box: ax.box(m - d.main / 2, m + d.main / 2, cross0, cross0 + d.cross),
    };
  }

  // Where each edge crosses its label's column: the centre of its label box.
  const lineCross = (e: SceneEdgeIn): number => ax.cross(lay.edges[e.id].label);
  const stations = (e: SceneEdgeIn) => {
    const l = lay.edges[e.id];
    return l.points.map((p) => ({ main: ax.main(p), cross: isLabel(p, l.label) ? lineCross(e) : ax.cross(p) }));
  };

  // Ports: edges that meet at a node spread over its outline, in the order they arrive.
  const spread = (id: string, k: number): number[] => {
    if (k <= 1) return [0];
    const d = nodeDims.get(id)!;
    const half = d.shape.kind === 'circle' ? d.shape.r * 0.62 : d.sCross / 2 - 8;
    const step = Math.min(16, (2 * half) / (k - 1));
    return Array.from({ length: k }, (_, i) => (i - (k - 1) / 2) * step);
  };
  const shapeCrossOf = (id: string) => ax.cross({ x: nodes[id].shape.cx, y: nodes[id].shape.cy });
  const inPort = new Map<string, number>();
  const outPort = new Map<string, number>();
  for (const n of nodesIn) {
    const ins = edgesIn.filter((e) => e.to === n.id);
    const before = (e: SceneEdgeIn) => stations(e).at(-1)?.cross ?? shapeCrossOf(e.from);
    [...ins]
      .sort((a, b) => before(a) - before(b))
      .forEach((e, i, arr) => inPort.set(e.id, spread(n.id, arr.length)[i]));
    const outs = edgesIn.filter((e) => e.from === n.id);
    const after = (e: SceneEdgeIn) => stations(e)[0]?.cross ?? shapeCrossOf(e.to);
    [...outs]
      .sort((a, b) => after(a) - after(b))
      .forEach((e, i, arr) => outPort.set(e.id, spread(n.id, arr.length)[i]));
  }

  const edges: Record<string, SceneEdge> = {};
  const fwd = ax.pt(1, 0);
  const dir = { x: fwd.x, y: fwd.y };
  for (const e of edgesIn) {
    const s = nodes[e.from];
    const t = nodes[e.to];
    const sM = ax.main({ x: s.shape.cx, y: s.shape.cy });
    const tM = ax.main({ x: t.shape.cx, y: t.shape.cy });
    const oc = outPort.get(e.id)!;
    const ic = inPort.get(e.id)!;
    const sC = shapeCrossOf(e.from) + oc;
    const tC = shapeCrossOf(e.to) + ic;
    const segs: Seg[] = [];
    let at = ax.pt(sM + rimDistance(s.shape, oc, orientation) + 1, sC);
    const lineTo = (m: number, c: number) => {
      const p = ax.pt(m, c);
      if (Math.abs(p.x - at.x) > 1e-6 || Math.abs(p.y - at.y) > 1e-6) segs.push({ kind: 'L', p0: at, p1: p });
      at = p;
    };
    const curveTo = (m: number, c: number) => {
      const m0 = ax.main(at);
      const c0 = ax.cross(at);
      const k = (m - m0) / 2;
      const p = ax.pt(m, c);
      if (Math.abs(c - c0) < 1e-6) lineTo(m, c);
      else segs.push({ kind: 'C', p0: at, c1: ax.pt(m0 + k, c0), c2: ax.pt(m - k, c), p1: p });
      at = p;
    };
    lineTo(colEnd(ax.main(lay.nodes[e.from])), sC);
    for (const st of stations(e)) {
      curveTo(colStart(st.main), st.cross);
      lineTo(colEnd(st.main), st.cross);
    }
    curveTo(colStart(ax.main(lay.nodes[e.to])), tC);
    const tipM = tM - rimDistance(t.shape, ic, orientation) - 1;
    lineTo(tipM, tC);
    const tip = ax.pt(tipM, tC);
    // The visible line stops inside the arrowhead so its end does not blunt the tip.
    const drawn = segs.slice(0, -1);
    const lastSeg = segs.at(-1)!;
    drawn.push({ kind: 'L', p0: lastSeg.p0, p1: ax.pt(tipM - HEAD.length * 0.6, tC) });

    const d = labelDims.get(e.id)!;
    const l = lay.edges[e.id].label;
    const m0 = ax.main(l) - d.main / 2;
    const c0 = ax.cross(l) - d.cross / 2;
    const mid = ax.main(l);
    const lc = lineCross(e);
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
    const backTip = ax.pt(mid - half, backC);
    const backSegs: Seg[] = [
      { kind: 'L', p0: ax.pt(mid + half, backC), p1: ax.pt(mid - half + BACK_HEAD.length * 0.6, backC) },
    ];
    edges[e.id] = {
      id: e.id,
      segs,
      path: segsToPath(drawn),
      head: arrowHead(tip, dir, HEAD.length, HEAD.half),
      tip,
      above,
      below,
      back: {
        segs: [{ kind: 'L', p0: ax.pt(mid + half, backC), p1: backTip }],
        path: segsToPath(backSegs),
        head: arrowHead(backTip, { x: -dir.x, y: -dir.y }, BACK_HEAD.length, BACK_HEAD.half),
      },
      labelBox: ax.box(m0, m0 + d.main, c0, c0 + d.cross),
    };
  }

  // Everything lies inside the node and label boxes and the gaps between ranks.
  let x1 = 0,
    y1 = 0;
  for (const n of Object.values(nodes)) {
    const b = shapeBox(n.shape);
    x1 = Math.max(x1, n.box.x1, b.x1);
    y1 = Math.max(y1, n.box.y1, b.y1);
  }
  for (const e of Object.values(edges)) {
    x1 = Math.max(x1, e.labelBox.x1);
    y1 = Math.max(y1, e.labelBox.y1);
  }
  return { orientation, width: Math.max(x1, lay.width), height: Math.max(y1, lay.height), nodes, edges };
}
