import { describe, expect, it } from 'vitest';
import { affine, softmaxLoss, twoLayerNet } from '../graphs/matrixGraphs';
import { parseLiteral } from '../tensor/literal';
import { toRows } from '../tensor/matrix';
import { mulberry32, normalSampler } from '../tensor/random';
import { run, stateAt, type NodeSpec } from './core';
import { MATRIX, toValue, type TensorGraph } from './matrixValues';
import { MATRIX_OPS, ShapeError, type TValue } from './tensorOps';

const tRun = (g: TensorGraph, inputs: Record<string, TValue>) => run(MATRIX, g, inputs);

const lit = (s: string): TValue => {
  const r = parseLiteral(s);
  if (!r.ok) throw new Error(s);
  return toValue(r.value);
};
const defaults = (g: TensorGraph) => Object.fromEntries(g.inputs.map((i) => [i.name, lit(i.literal)]));
const rows = (v: TValue | undefined) => toRows(v!.m);
const near = (a: number[][], b: number[][], tol = 1e-12) =>
  a.forEach((r, i) => r.forEach((v, j) => expect(Math.abs(v - b[i][j]), `[${i}][${j}]`).toBeLessThan(tol)));

describe('Affine graph', () => {
  const g = affine.graph;
  it("reproduces the book's batch example", () => {
    const r = tRun(g, defaults(g));
    expect(rows(r.values.X_dot_W)).toEqual([
      [0, 0, 0],
      [10, 10, 10],
    ]);
    expect(rows(r.values.Y)).toEqual([
      [1, 2, 3],
      [11, 12, 13],
    ]);
    expect(rows(r.grads.B)).toEqual([[5, 7, 9]]);
    expect(r.grads.B.shape).toEqual([3]);
    expect(rows(r.grads.X)).toEqual([
      [1 * 2 + 2 * 4 + 3 * 6, 1 * 4 + 2 * 3 + 3 * 2],
      [4 * 2 + 5 * 4 + 6 * 6, 4 * 4 + 5 * 3 + 6 * 2],
    ]);
    expect(rows(r.grads.W)).toEqual([
      [4, 5, 6],
      [8, 10, 12],
    ]); // Xᵀ·dY
    const s = stateAt(MATRIX, g, r, 3);
    expect(s.grads.B).toBeDefined();
    expect(s.grads.X).toBeUndefined();
  });

  it('refuses shapes that do not fit, naming them', () => {
    expect(() => tRun(g, { ...defaults(g), X: lit('[[1, 2], [3, 4]]'), W: lit('[[1, 2, 3]]') })).toThrow(
      'X (2, 2) · W (1, 3)',
    );
    expect(() => tRun(g, { ...defaults(g), B: lit('[1, 2]') })).toThrow(ShapeError);
    expect(() => tRun(g, { ...defaults(g), dY: lit('[1, 2, 3]') })).toThrow('dY (3,) must have the shape of Y (2, 3)');
  });

  it('backward agrees with the numerical derivative for random shapes', () => {
    const n = normalSampler(mulberry32(4));
    for (const [N, D, M] of [
      [1, 3, 2],
      [4, 5, 3],
      [3, 1, 7],
    ]) {
      const rand = (r: number, c: number) =>
        lit(JSON.stringify(Array.from({ length: r }, () => Array.from({ length: c }, n))));
      const inputs: Record<string, TValue> = {
        X: rand(N, D),
        W: rand(D, M),
        B: lit(JSON.stringify(Array.from({ length: M }, n))),
        dY: rand(N, M),
      };
      const r = tRun(g, inputs);
      const f = () => {
        const y = tRun(g, inputs).values.Y.m.data;
        return Array.from(y).reduce((s, v, i) => s + v * inputs.dY.m.data[i], 0);
      };
      for (const name of ['X', 'W', 'B']) {
        const p = inputs[name].m.data;
        for (let i = 0; i < p.length; i++) {
          const old = p[i];
          p[i] = old + 1e-6;
          const a = f();
          p[i] = old - 1e-6;
          const b = f();
          p[i] = old;
          expect(Math.abs((a - b) / 2e-6 - r.grads[name].m.data[i])).toBeLessThan(1e-6);
        }
      }
    }
  });
});

describe('Softmax-with-Loss graph', () => {
  const g = softmaxLoss.graph;
  it("gives the book's (0.3, −0.8, 0.5) and (0.01, −0.01, 0)", () => {
    const r = tRun(g, defaults(g));
    near(rows(r.values.y), [[0.3, 0.2, 0.5]]);
    near(rows(r.grads.a), [[0.3, -0.8, 0.5]]);
    near([[r.values.L.m.data[0]]], [[-Math.log(0.2)]]);
    const small = tRun(g, { a: lit('[-4.605170185988091, -0.01005033585350145, -1000]'), t: lit('[0, 1, 0]') });
    near(rows(small.values.y), [[0.01, 0.99, 0]]);
    near(rows(small.grads.a), [[0.01, -0.01, 0]]);
    expect(Array.from(small.grads.a.m.data).every(Number.isFinite)).toBe(true);
  });
  it('the expanded pair equals the combined layer, also in batch form ((y − t) / N)', () => {
    const a = lit('[[0.3, 1.2, -0.5], [2, 0.1, 0.4]]');
    const t = lit('[[0, 0, 1], [1, 0, 0]]');
    const expanded = tRun(g, { a, t }).grads.a;
    const node: NodeSpec = { id: 'loss', op: 'softmaxLoss', inputs: ['a', 't'], output: 'L' };
    const combined = MATRIX_OPS.softmaxLoss.backward(
      [a, t],
      MATRIX_OPS.softmaxLoss.forward([a, t], node),
      { m: lit('1').m, shape: [] },
      node,
    )[0]!;
    near(rows(expanded), rows(combined), 1e-12);
  });
  it('flags a label that is not one-hot or does not match a', () => {
    expect(() => tRun(g, { a: lit('[1, 2, 3]'), t: lit('[0.5, 0.5, 0]') })).toThrow('one-hot');
    expect(() => tRun(g, { a: lit('[1, 2, 3]'), t: lit('[0, 1]') })).toThrow('t (2,) does not match y (3,)');
  });
});

describe('the two-layer net as a graph', () => {
  it('gives the same loss and gradients as TwoLayerNet.gradient', async () => {
    const { TwoLayerNet, PARAM_KEYS } = await import('../net/twoLayerNet');
    const { fromRows } = await import('../tensor/matrix');
    const net = new TwoLayerNet(784, 50, 10, 0.1, mulberry32(8), 'float64');
    const rng = mulberry32(5);
    const x = fromRows([Array.from({ length: 784 }, () => (rng() < 0.8 ? 0 : rng()))]);
    const label = 3;
    const grads = net.gradient(x, [label]);
    const lossRef = net.loss(x, [label]);
    const v = (m: typeof x, shape?: number[]): TValue => ({ m, shape: shape ?? [m.rows, m.cols] });
    const t = fromRows([Array.from({ length: 10 }, (_, i) => (i === label ? 1 : 0))]);
    const p = net.params;
    const r = tRun(twoLayerNet.graph, {
      x: v(x),
      W1: v(p.W1),
      b1: v(p.b1, [50]),
      W2: v(p.W2),
      b2: v(p.b2, [10]),
      t: v(t),
    });
    expect(Math.abs(r.values.loss.m.data[0] - lossRef)).toBeLessThan(1e-14);
    for (const k of PARAM_KEYS) {
      const a = r.grads[k].m.data,
        b = grads[k].data;
      for (let i = 0; i < a.length; i++) expect(Math.abs(a[i] - b[i])).toBeLessThan(1e-15);
    }
  });
});
