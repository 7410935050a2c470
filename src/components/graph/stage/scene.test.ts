import { describe, expect, it } from 'vitest';
import { MATRIX, run, SCALAR, toValue, type GraphSpec, type NodeSpec, type TValue } from '../../../engine';
import { GRAPH_IDS, graphDef } from '../../../graphs/registry';
import { parseLiteral } from '../../../tensor/literal';
import { mulberry32 } from '../../../tensor/random';
import { drawGraph, sceneOf, type DrawnGraph } from '../model';
import { FONT_METRICS, monoMeasure, type Scene } from './scene';
import {
  boxesOverlap,
  dist,
  inBox,
  inShape,
  rimDistance,
  samplePath,
  shapeBox,
  type Box,
  type Orientation,
} from './geometry';

/** Every text the scene can show, with the box its glyphs fill. */
function textBoxes(d: DrawnGraph, s: Scene): { owner: string; text: string; box: Box }[] {
  const out: { owner: string; text: string; box: Box }[] = [];
  const add = (owner: string, text: string, slot: { x: number; y: number; anchor: string; size: number }) => {
    const w = monoMeasure(text, slot.size);
    const x0 = slot.anchor === 'start' ? slot.x : slot.anchor === 'end' ? slot.x - w : slot.x - w / 2;
    out.push({
      owner,
      text,
      box: {
        x0,
        x1: x0 + w,
        y0: slot.y - FONT_METRICS.ascent * slot.size,
        y1: slot.y + FONT_METRICS.descent * slot.size,
      },
    });
  };
  for (const n of d.sceneIn.nodes) for (const l of s.nodes[n.id].label) add(n.id, l.text, l.slot);
  for (const e of d.sceneIn.edges) {
    const se = s.edges[e.id];
    e.above.forEach((l, i) => add(e.id, l, se.above[i]));
    e.below.forEach((l, i) => add(e.id, l, se.below[i]));
  }
  return out;
}

/** Everything that would be a collision on screen, in words. */
function collisions(d: DrawnGraph, s: Scene): string[] {
  const problems: string[] = [];
  const texts = textBoxes(d, s);
  for (let i = 0; i < texts.length; i++)
    for (let j = i + 1; j < texts.length; j++)
      if (boxesOverlap(texts[i].box, texts[j].box))
        problems.push(`label "${texts[i].text}" overlaps label "${texts[j].text}"`);
  const nodes = Object.values(s.nodes);
  for (const t of texts)
    for (const n of nodes)
      if (boxesOverlap(t.box, shapeBox(n.shape))) problems.push(`label "${t.text}" overlaps node ${n.id}`);
  for (let i = 0; i < nodes.length; i++)
    for (let j = i + 1; j < nodes.length; j++)
      if (boxesOverlap(shapeBox(nodes[i].shape), shapeBox(nodes[j].shape)))
        problems.push(`node ${nodes[i].id} overlaps node ${nodes[j].id}`);
  for (const e of d.sceneIn.edges) {
    const se = s.edges[e.id];
    const pts = [...samplePath(se.segs, 1.5), ...samplePath(se.back.segs, 1.5)];
    for (const t of texts) {
      const hit = pts.find((p) => inBox(p, t.box, -1));
      if (hit) problems.push(`edge ${e.id} runs through label "${t.text}" at ${hit.x.toFixed(1)},${hit.y.toFixed(1)}`);
    }
    for (const n of nodes) {
      const hit = pts.find((p) => inShape(p, n.shape, 0.5));
      if (hit) problems.push(`edge ${e.id} runs through node ${n.id}`);
    }
    // The arrowhead's tip touches the outline of the node it points to (its 2 px stroke).
    const target = s.nodes[e.to].shape;
    const c = { x: target.cx, y: target.cy };
    const off = s.orientation === 'LR' ? se.tip.y - c.y : se.tip.x - c.x;
    const along = s.orientation === 'LR' ? c.x - se.tip.x : c.y - se.tip.y;
    const rim = rimDistance(target, off, s.orientation);
    if (Math.abs(along - rim - 1) > 0.01) problems.push(`edge ${e.id} ends ${(along - rim).toFixed(2)} from the rim`);
  }
  return problems;
}

function bookRun(id: (typeof GRAPH_IDS)[number]): DrawnGraph {
  const def = graphDef(id);
  if (def.kind === 'scalar') {
    const r = run(SCALAR, def.graph, {});
    return drawGraph(def.graph, SCALAR.ops, r, SCALAR.fmt, true);
  }
  const rnd = mulberry32(7);
  const shapes: Record<string, [number, number]> = {
    x: [1, 6],
    W1: [6, 4],
    b1: [1, 4],
    W2: [4, 3],
    b2: [1, 3],
    t: [1, 3],
  };
  const inputs: Record<string, TValue> = {};
  for (const i of def.graph.inputs) {
    if (i.literal) {
      const p = parseLiteral(i.literal);
      if (!p.ok) throw new Error(i.name);
      inputs[i.name] = toValue(p.value);
    } else {
      const [rows, cols] = shapes[i.name];
      const data = Float64Array.from({ length: rows * cols }, () => rnd() - 0.5);
      if (i.name === 't') data.set([0, 1, 0]);
      inputs[i.name] = toValue({ shape: [rows, cols], data });
    }
  }
  const r = run(MATRIX, def.graph, inputs);
  return drawGraph(def.graph, MATRIX.ops, r, MATRIX.fmt, def.source === 'matrixFields');
}

/** A graph as users may write one: 60 operations, each on earlier variables, some used many times. */
function bigGraph(seed: number, ops = 60): GraphSpec<number> {
  const rnd = mulberry32(seed);
  const inputs = ['a', 'b', 'c', 'd', 'e'].map((name, i) => ({ name, default: i + 1.5 }));
  const vars = inputs.map((i) => i.name);
  const nodes: NodeSpec[] = [];
  const binary = ['add', 'mul'];
  const unary = ['exp', 'square', 'relu', 'sigmoid'];
  for (let k = 0; k < ops; k++) {
    const pick = () => vars[Math.max(0, vars.length - 1 - Math.floor(rnd() * Math.min(vars.length, 8)))];
    const isBinary = rnd() < 0.6;
    const op = isBinary ? binary[Math.floor(rnd() * 2)] : unary[Math.floor(rnd() * unary.length)];
    const output = `v${k}`;
    nodes.push({ id: `n${k}`, op, inputs: isBinary ? [pick(), pick()] : [pick()], output });
    vars.push(output);
  }
  // Sum the dangling variables into one output so every node reaches it.
  const used = new Set(nodes.flatMap((n) => n.inputs));
  let acc = vars.filter((v) => !used.has(v));
  let k = ops;
  while (acc.length > 1) {
    const [x, y, ...rest] = acc;
    nodes.push({ id: `n${k}`, op: 'add', inputs: [x, y], output: `v${k}` });
    acc = [...rest, `v${k}`];
    k++;
  }
  return { inputs, nodes, output: acc[0] };
}

describe('the stage layout', () => {
  for (const o of ['LR', 'TB'] as Orientation[])
    for (const id of GRAPH_IDS)
      it(`${id} (${o}): no label meets a label, a node or an edge; arrowheads end at the rim`, () => {
        const d = bookRun(id);
        const s = sceneOf(d, o);
        expect(collisions(d, s)).toEqual([]);
        expect(s.width).toBeGreaterThan(0);
        expect(s.height).toBeGreaterThan(0);
      });

  it('the book draws the graph left to right: the inputs left of the first node, the output rightmost', () => {
    const s = sceneOf(bookRun('apple-orange'), 'LR');
    const x = (id: string) => s.nodes[id].shape.cx;
    expect(x('in:apple')).toBeLessThan(x('mul_apple'));
    expect(x('mul_apple')).toBeLessThan(x('add_apple_orange'));
    expect(x('add_apple_orange')).toBeLessThan(x('mul_tax'));
    expect(x('out')).toBeGreaterThan(x('mul_tax'));
    // The first inputs on top, as in the book: apple above orange.
    expect(s.nodes['in:apple'].shape.cy).toBeLessThan(s.nodes['in:orange'].shape.cy);
    // Each forward value above its edge, the backward arrow and the gradient below it.
    const e = s.edges['all_price->mul_tax#0'];
    const lineY = e.back.segs[0].p0.y - 12;
    expect(e.above[0].y).toBeLessThan(lineY);
    expect(e.below[0].y).toBeGreaterThan(e.back.segs[0].p0.y);
    // The backward arrow points back: its tip is its left end.
    expect(e.back.segs[0].p1.x).toBeLessThan(e.back.segs[0].p0.x);
  });

  it('top to bottom: values left of each edge, the backward arrow pointing up with the gradient right of it', () => {
    const s = sceneOf(bookRun('sigmoid'), 'TB');
    const e = Object.values(s.edges)[0];
    const b = e.back.segs[0];
    expect(b.p1.y).toBeLessThan(b.p0.y);
    expect(e.above[0].x).toBeLessThan(b.p0.x);
    expect(e.below[0].x).toBeGreaterThan(b.p0.x);
  });

  it('a long chain wraps into rows instead of shrinking: the sigmoid in two or more rows, without collisions', () => {
    const d = bookRun('sigmoid');
    const whole = sceneOf(d, 'LR');
    const wrapped = sceneOf(d, 'LR', monoMeasure, 560);
    expect(whole.rows).toBe(1);
    expect(wrapped.rows).toBeGreaterThanOrEqual(2);
    expect(wrapped.width).toBeLessThanOrEqual(560);
    expect(wrapped.width).toBeLessThan(whole.width);
    expect(collisions(d, wrapped)).toEqual([]);
    // Still read left to right in each row: x is the first node of the first row.
    expect(wrapped.nodes['in:x'].shape.cx).toBeLessThan(wrapped.nodes.neg.shape.cx);
    expect(wrapped.nodes.recip.shape.cy).toBeGreaterThan(wrapped.nodes.neg.shape.cy);
  });

  for (const id of GRAPH_IDS)
    it(`${id}, wrapped into rows of 420: no collisions`, () => {
      const d = bookRun(id);
      expect(collisions(d, sceneOf(d, 'LR', monoMeasure, 420))).toEqual([]);
    });

  for (const seed of [1, 2, 3])
    it(`a graph of 60 operations written by a user (seed ${seed}) lays out without collisions, both ways`, () => {
      const g = bigGraph(seed);
      const r = run(SCALAR, g, {});
      const d = drawGraph(g, SCALAR.ops, r, SCALAR.fmt, true);
      expect(d.nodes.filter((n) => n.kind === 'op').length).toBeGreaterThanOrEqual(60);
      for (const [o, wrap] of [
        ['LR', undefined],
        ['TB', undefined],
        ['LR', 1200],
      ] as [Orientation, number | undefined][]) {
        const s = sceneOf(d, o, monoMeasure, wrap);
        expect(collisions(d, s)).toEqual([]);
        // Every edge's line starts at its source and ends at its target's outline.
        for (const e of d.edges) {
          const se = s.edges[e.id];
          expect(dist(se.segs[0].p0, se.segs[0].p0)).toBe(0);
          expect(se.segs.at(-1)!.p1).toEqual(se.tip);
        }
      }
    });
});
