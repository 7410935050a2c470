import { msg, type Msg } from '../i18n/msg';
import { softmax } from '../layers/layers';
import { BN_EPS } from '../layers/batchNorm';
import { shapeText } from '../tensor/literal';
import { fromRows, matmul, matmulTransA, matmulTransB, sumRows, zeros, type Matrix } from '../tensor/matrix';
import type { NodeSpec, OpTable, Trace } from './core';
import { formatNumber } from './format';
import { ShapeError } from './shapeError';
import { isSmall, tensorText } from './tensorFormat';
import type { TValue } from './tensorValue';

/**
 * The matrix operations of 5.6–5.7, each defined once: forward and backward side by side, the
 * TeX, and how its steps read (i18n keys with parameters). Shapes that do not fit throw a
 * ShapeError, a code with parameters.
 */
export type { TValue } from './tensorValue';
export { ShapeError, type ShapeErrorCode } from './shapeError';

const sh = (v: TValue) => shapeText(v.shape);
/** The shape of Aᵀ as the step text writes it. */
const T = (shape: number[]): string =>
  shape.length === 2 ? `(${shape[1]}, ${shape[0]})` : shape.length === 1 ? `(${shape[0]},)ᵀ` : '()';
const mat = (m: Matrix, shape?: number[]): TValue => ({ m, shape: shape ?? [m.rows, m.cols] });
const map = (v: TValue, f: (x: number, i: number) => number): TValue => {
  const m = zeros(v.m.rows, v.m.cols, 'float64');
  for (let i = 0; i < m.data.length; i++) m.data[i] = f(v.m.data[i], i);
  return { m, shape: v.shape };
};
const scalar = (v: number): TValue => ({ m: fromRows([[v]]), shape: [] });

/** " = [[1, 2], [3, 4]]" when small enough to read, else nothing. */
const val = (v: TValue | null): string =>
  !v ? '' : v.shape.length === 0 ? ` = ${formatNumber(v.m.data[0])}` : isSmall(v) ? ` = ${tensorText(v)}` : '';
const named = (name: string, v: TValue) => `${name} ${sh(v)}`;
const math = (text: string): Msg => msg('step.math', { text });
const result = (t: Trace<TValue>): string => `${named(t.node.output, t.out)}${val(t.out)}`;
const grad = (t: Trace<TValue>, i: number): string => {
  const v = t.dx[i];
  return v ? `${sh(v)}${val(v)}` : '';
};
const d = (name: string) => `d${name}`;

function dotForward([x, w]: TValue[], n: NodeSpec): TValue {
  const [xn, wn] = n.inputs;
  if (x.m.cols !== w.m.rows) {
    throw new ShapeError('dot', { x: xn, xs: sh(x), w: wn, ws: sh(w), xc: x.m.cols, wr: w.m.rows }, [xn, wn]);
  }
  const out = matmul(x.m, w.m);
  return mat(out, x.shape.length === 1 ? [out.cols] : undefined);
}

function biasForward(a: TValue, b: TValue, an: string, bn: string): TValue {
  if (b.m.rows !== 1 || b.m.cols !== a.m.cols) {
    throw new ShapeError('bias', { a: an, as: sh(a), b: bn, bs: sh(b), n: a.m.cols }, [an, bn]);
  }
  const m = zeros(a.m.rows, a.m.cols, 'float64');
  for (let i = 0; i < a.m.rows; i++)
    for (let j = 0; j < a.m.cols; j++) m.data[i * a.m.cols + j] = a.m.data[i * a.m.cols + j] + b.m.data[j];
  return { m, shape: a.shape };
}

const dbOf = (dout: TValue, b: TValue): TValue => ({ m: sumRows(dout.m), shape: b.shape });

function checkLabels(a: TValue, t: TValue, an: string, tn: string): void {
  if (a.m.rows !== t.m.rows || a.m.cols !== t.m.cols) {
    throw new ShapeError('labelsShape', { t: tn, ts: sh(t), a: an, as: sh(a) }, [an, tn]);
  }
  for (let i = 0; i < t.m.rows; i++) {
    let ones = 0;
    for (let j = 0; j < t.m.cols; j++) {
      const v = t.m.data[i * t.m.cols + j];
      if (v === 1) ones++;
      else if (v !== 0) ones = -Infinity;
    }
    if (ones !== 1) throw new ShapeError('oneHot', { t: tn, row: i + 1 }, [tn]);
  }
}

function cee(y: Matrix, t: Matrix): number {
  let s = 0;
  for (let i = 0; i < y.data.length; i++)
    if (t.data[i] !== 0) s += t.data[i] * Math.log(y.data[i] > 0 ? y.data[i] : 1e-7);
  return -s / y.rows;
}

/** dX = dY · Wᵀ and dW = Xᵀ · dY, with the shapes that make them fit. */
const dotSteps = (t: Trace<TValue>, [a, b]: string[], first: number): Msg[] => {
  const [x, w] = t.x;
  const up = d(t.node.output);
  return [
    math(`${d(a)} = ${up} · ${b}ᵀ: ${sh(t.dout)} · ${T(w.shape)} → ${grad(t, first)}`),
    math(`${d(b)} = ${a}ᵀ · ${up}: ${T(x.shape)} · ${sh(t.dout)} → ${grad(t, first + 1)}`),
  ];
};
const sumStep = (t: Trace<TValue>, b: string, i: number): Msg =>
  msg('matrix.sumAxis0', { db: d(b), dout: d(t.node.output), result: grad(t, i) });

export const MATRIX_OPS: OpTable<TValue> = {
  dot: {
    symbol: () => 'dot',
    forward: dotForward,
    backward: ([x, w], _out, dy) => [mat(matmulTransB(dy.m, w.m), x.shape), mat(matmulTransA(x.m, dy.m), w.shape)],
    tex: () => ({
      forward: 'X \\cdot W',
      backward: [
        '\\frac{\\partial L}{\\partial X} = \\frac{\\partial L}{\\partial Y} \\cdot W^{T}',
        '\\frac{\\partial L}{\\partial W} = X^{T} \\cdot \\frac{\\partial L}{\\partial Y}',
      ],
    }),
    explain: 'op.dot.explain',
    describeForward: (t) =>
      math(`${named(t.node.inputs[0], t.x[0])} · ${named(t.node.inputs[1], t.x[1])} → ${result(t)}`),
    describeBackward: (t) => dotSteps(t, t.node.inputs, 0),
  },
  addBias: {
    symbol: () => '+',
    forward: ([a, b], n) => biasForward(a, b, n.inputs[0], n.inputs[1]),
    backward: ([, b], _out, dy) => [dy, dbOf(dy, b)],
    tex: () => ({
      forward: 'X\\_dot\\_W + B',
      backward: [
        '\\frac{\\partial L}{\\partial (X \\cdot W)} = \\frac{\\partial L}{\\partial Y}',
        '\\frac{\\partial L}{\\partial B} = \\sum_{n} \\frac{\\partial L}{\\partial Y_{n}}',
      ],
    }),
    explain: 'op.addBias.explain',
    describeForward: (t) =>
      msg('matrix.broadcast', {
        a: named(t.node.inputs[0], t.x[0]),
        b: named(t.node.inputs[1], t.x[1]),
        result: result(t),
      }),
    describeBackward: (t) => [
      math(`${d(t.node.inputs[0])} = ${d(t.node.output)} ${grad(t, 0)}`),
      sumStep(t, t.node.inputs[1], 1),
    ],
  },
  affine: {
    symbol: () => 'Affine',
    forward: ([x, w, b], n) => {
      const [xn, wn, bn] = n.inputs;
      return biasForward(dotForward([x, w], n), b, `${xn}·${wn}`, bn);
    },
    backward: ([x, w, b], _out, dy) => [
      mat(matmulTransB(dy.m, w.m), x.shape),
      mat(matmulTransA(x.m, dy.m), w.shape),
      dbOf(dy, b),
    ],
    tex: () => ({
      forward: 'x \\cdot W + b',
      backward: ['dx = dout \\cdot W^{T}', 'dW = x^{T} \\cdot dout', 'db = \\textstyle\\sum_{axis=0} dout'],
    }),
    explain: 'op.affine.explain',
    describeForward: (t) => {
      const [a, b, c] = t.node.inputs;
      return math(`${named(a, t.x[0])} · ${named(b, t.x[1])} + ${named(c, t.x[2])} → ${result(t)}`);
    },
    describeBackward: (t) => [...dotSteps(t, t.node.inputs, 0), sumStep(t, t.node.inputs[2], 2)],
  },
  relu: {
    symbol: () => 'ReLU',
    forward: ([x]) => map(x, (v) => (v > 0 ? v : 0)),
    backward: ([x], _out, dy) => [map(dy, (v, i) => (x.m.data[i] > 0 ? v : 0))],
    tex: () => ({ forward: '\\max(0, x)', backward: ['dx = dout \\cdot [x > 0]'] }),
    explain: 'op.relu.explain',
    describeForward: (t) => math(`ReLU(${named(t.node.inputs[0], t.x[0])}) → ${result(t)}`),
    describeBackward: (t) => {
      let pass = 0;
      for (const v of t.x[0].m.data) if (v > 0) pass++;
      const a = t.node.inputs[0];
      return [
        msg('matrix.reluMask', {
          da: d(a),
          dout: d(t.node.output),
          a,
          pass,
          total: t.x[0].m.data.length,
          result: grad(t, 0),
        }),
      ];
    },
  },
  sigmoid: {
    symbol: () => 'Sigmoid',
    forward: ([x]) => map(x, (v) => 1 / (1 + Math.exp(-v))),
    backward: (_x, y, dy) => [map(dy, (v, i) => v * (1.0 - y.m.data[i]) * y.m.data[i])],
    tex: () => ({ forward: '\\frac{1}{1 + \\exp(-x)}', backward: ['dx = dout \\cdot y (1 - y)'] }),
    explain: 'op.sigmoid.explain',
    describeForward: (t) => math(`sigmoid(${named(t.node.inputs[0], t.x[0])}) → ${result(t)}`),
    describeBackward: (t) => [
      math(`${d(t.node.inputs[0])} = ${d(t.node.output)} ⊙ ${t.node.output}(1 − ${t.node.output}) → ${grad(t, 0)}`),
    ],
  },
  /** Batch norm as a trace of one image runs it: in test mode, with the running averages (constants). */
  batchNorm: {
    symbol: () => 'BatchNorm',
    constant: [3, 4],
    forward: ([x, g, b, mu, v]) =>
      map(x, (xv, i) => {
        const j = i % x.m.cols;
        return g.m.data[j] * ((xv - mu.m.data[j]) / Math.sqrt(v.m.data[j] + BN_EPS)) + b.m.data[j];
      }),
    backward: ([x, g, b, mu, v], _out, dy) => {
      const c = x.m.cols;
      const std = (j: number) => Math.sqrt(v.m.data[j] + BN_EPS);
      const dg = zeros(1, c, 'float64');
      for (let i = 0; i < dy.m.data.length; i++) {
        const j = i % c;
        dg.data[j] += dy.m.data[i] * ((x.m.data[i] - mu.m.data[j]) / std(j));
      }
      return [
        map(dy, (dv, i) => (dv * g.m.data[i % c]) / std(i % c)),
        { m: dg, shape: g.shape },
        dbOf(dy, b),
        null,
        null,
      ];
    },
    tex: () => ({
      forward: '\\gamma \\frac{x - \\mu}{\\sqrt{\\sigma^2 + \\varepsilon}} + \\beta',
      backward: [
        'dx = dout \\cdot \\frac{\\gamma}{\\sqrt{\\sigma^2 + \\varepsilon}}',
        'd\\gamma = \\textstyle\\sum dout \\cdot \\hat{x}',
        'd\\beta = \\textstyle\\sum dout',
      ],
    }),
    explain: 'op.batchNorm.explain',
    describeForward: (t) => {
      const [x, g, b, mu, v] = t.node.inputs;
      return math(`${g} ⊙ (${named(x, t.x[0])} − ${mu}) / √(${v} + ε) + ${b} → ${result(t)}`);
    },
    describeBackward: (t) => {
      const [x, g, b, , v] = t.node.inputs;
      const up = d(t.node.output);
      return [
        math(`${d(x)} = ${up} ⊙ ${g} / √(${v} + ε) → ${grad(t, 0)}`),
        math(`${d(g)} = Σ ${up} ⊙ x̂ → ${grad(t, 1)}`),
        sumStep(t, b, 2),
      ];
    },
  },
  /** x times a constant: the book's dropout in a test (train_flg=False), x × (1 − dropout_ratio). */
  scale: {
    symbol: () => '×',
    constant: [1],
    forward: ([x, s]) => map(x, (v) => v * s.m.data[0]),
    backward: ([, s], _out, dy) => [map(dy, (v) => v * s.m.data[0]), null],
    tex: () => ({ forward: 'x \\cdot (1 - r)', backward: ['dx = dout \\cdot (1 - r)'] }),
    explain: 'op.scale.explain',
    describeForward: (t) => math(`${named(t.node.inputs[0], t.x[0])} × ${t.node.inputs[1]} → ${result(t)}`),
    describeBackward: (t) => [
      math(`${d(t.node.inputs[0])} = ${d(t.node.output)} × ${t.node.inputs[1]} → ${grad(t, 0)}`),
    ],
  },
  softmax: {
    symbol: () => 'Softmax',
    forward: ([a]) => ({ m: softmax(a.m), shape: a.shape }),
    // dy → da = y ⊙ (dy − Σ y·dy), row by row
    backward: (_x, y, dy) => {
      const out = zeros(y.m.rows, y.m.cols, 'float64');
      const c = y.m.cols;
      for (let i = 0; i < y.m.rows; i++) {
        let s = 0;
        for (let j = 0; j < c; j++) s += y.m.data[i * c + j] * dy.m.data[i * c + j];
        for (let j = 0; j < c; j++) out.data[i * c + j] = y.m.data[i * c + j] * (dy.m.data[i * c + j] - s);
      }
      return [{ m: out, shape: y.shape }];
    },
    tex: () => ({
      forward: 'y_k = \\frac{\\exp(a_k)}{\\sum_i \\exp(a_i)}',
      backward: [
        '\\frac{\\partial L}{\\partial a_k} = y_k \\Big(\\frac{\\partial L}{\\partial y_k} - \\sum_i y_i \\frac{\\partial L}{\\partial y_i}\\Big) = y_k - t_k',
      ],
    }),
    explain: 'op.softmax.explain',
    describeForward: (t) => math(`softmax(${named(t.node.inputs[0], t.x[0])}) → ${result(t)}`),
    describeBackward: (t) => {
      const [a] = t.node.inputs;
      const y = t.node.output;
      return [math(`${d(a)} = ${y} ⊙ (${d(y)} − Σ ${y}·${d(y)}) = ${y} − t → ${grad(t, 0)}`)];
    },
  },
  cee: {
    symbol: () => 'CEE',
    constant: [1],
    forward: ([y, t], n) => {
      checkLabels(y, t, n.inputs[0], n.inputs[1]);
      return scalar(cee(y.m, t.m));
    },
    // ∂L/∂y = −t / y / N; where t is 0 the term is absent, so its derivative is 0 even at y = 0.
    backward: ([y, t], _out, dl) => [
      map(y, (v, i) => (t.m.data[i] !== 0 ? (-dl.m.data[0] * t.m.data[i]) / (v * y.m.rows) : 0)),
      null,
    ],
    tex: () => ({
      forward: 'L = -\\sum_k t_k \\log y_k',
      backward: ['\\frac{\\partial L}{\\partial y_k} = -\\frac{t_k}{y_k}'],
    }),
    explain: 'op.cee.explain',
    describeForward: (t) => math(`cross_entropy_error(${t.node.inputs[0]}, ${t.node.inputs[1]}) → ${result(t)}`),
    describeBackward: (t) => {
      const [a, b] = t.node.inputs;
      return [math(`${d(a)} = −${b} / ${a} → ${grad(t, 0)}`)];
    },
  },
  softmaxLoss: {
    symbol: () => 'SoftmaxWithLoss',
    constant: [1],
    forward: ([a, t], n) => {
      checkLabels(a, t, n.inputs[0], n.inputs[1]);
      return scalar(cee(softmax(a.m), t.m));
    },
    backward: ([a, t], _out, dl) => {
      const y = softmax(a.m);
      return [map(a, (_v, i) => (dl.m.data[0] * (y.data[i] - t.m.data[i])) / a.m.rows), null];
    },
    tex: () => ({
      forward: 'L = -\\sum_k t_k \\log \\mathrm{softmax}(a)_k',
      backward: ['\\frac{\\partial L}{\\partial a} = \\frac{y - t}{N}'],
    }),
    explain: 'op.softmaxLoss.explain',
    describeForward: (t) =>
      math(`softmax + cross_entropy_error(${named(t.node.inputs[0], t.x[0])}, ${t.node.inputs[1]}) → ${result(t)}`),
    describeBackward: (t) => [math(`${d(t.node.inputs[0])} = (y − ${t.node.inputs[1]}) / batch_size → ${grad(t, 0)}`)],
  },
};
