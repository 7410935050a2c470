import { matmul, matmulTransA, matmulTransB, sumRows, zeros, type Matrix } from '../tensor/matrix';
import { softmax } from '../layers/layers';

/**
 * The matrix operations of 5.6–5.7, forward and backward side by side. Values are Matrix
 * (row-major, float64) with the NumPy shape kept beside them for display: a vector (n,) is
 * computed as one row.
 */
export interface TValue {
  m: Matrix;
  shape: number[];
}
export type TOpKind = 'dot' | 'addBias' | 'affine' | 'relu' | 'softmax' | 'cee' | 'softmaxLoss';

export type ShapeErrorCode = 'dot' | 'bias' | 'labelsShape' | 'oneHot' | 'upstream';

/** Shapes that do not fit; `code` and `params` let the UI say it in either language. */
export class ShapeError extends Error {
  constructor(
    readonly code: ShapeErrorCode,
    readonly params: Record<string, string | number>,
    message: string,
    /** The input variables whose shapes clash. */
    readonly vars: string[],
  ) {
    super(message);
  }
}

export interface TOpDef {
  symbol: string;
  /** Inputs that receive no gradient (the label t). */
  constant?: number[];
  forward: (x: TValue[], names: string[]) => TValue;
  /** Gradient for each input given the upstream gradient; null for constants. */
  backward: (x: TValue[], out: TValue, dout: TValue) => (TValue | null)[];
  forwardTex: string;
  backwardTex: string[];
}

const sh = (v: TValue) => (v.shape.length === 1 ? `(${v.shape[0]},)` : `(${v.shape.join(', ')})`);
const mat = (m: Matrix, shape?: number[]): TValue => ({ m, shape: shape ?? [m.rows, m.cols] });
const map = (v: TValue, f: (x: number, i: number) => number): TValue => {
  const m = zeros(v.m.rows, v.m.cols, 'float64');
  for (let i = 0; i < m.data.length; i++) m.data[i] = f(v.m.data[i], i);
  return { m, shape: v.shape };
};

function dotForward([x, w]: TValue[], [xn, wn]: string[]): TValue {
  if (x.m.cols !== w.m.rows) {
    const p = { x: xn, xs: sh(x), w: wn, ws: sh(w), xc: x.m.cols, wr: w.m.rows };
    throw new ShapeError(
      'dot',
      p,
      `${xn} ${sh(x)} · ${wn} ${sh(w)}: ${xn} has ${x.m.cols} columns but ${wn} has ${w.m.rows} rows; they must be equal.`,
      [xn, wn],
    );
  }
  const out = matmul(x.m, w.m);
  return mat(out, x.shape.length === 1 ? [out.cols] : undefined);
}

function biasForward([a, b]: TValue[], [an, bn]: string[]): TValue {
  if (b.m.rows !== 1 || b.m.cols !== a.m.cols) {
    const p = { a: an, as: sh(a), b: bn, bs: sh(b), n: a.m.cols };
    throw new ShapeError(
      'bias',
      p,
      `${an} ${sh(a)} + ${bn} ${sh(b)}: ${bn} must be a vector of length ${a.m.cols} to broadcast over the rows of ${an}.`,
      [an, bn],
    );
  }
  const m = zeros(a.m.rows, a.m.cols, 'float64');
  for (let i = 0; i < a.m.rows; i++)
    for (let j = 0; j < a.m.cols; j++) m.data[i * a.m.cols + j] = a.m.data[i * a.m.cols + j] + b.m.data[j];
  return { m, shape: a.shape };
}

const dbOf = (dout: TValue, b: TValue): TValue => ({ m: sumRows(dout.m), shape: b.shape });

function checkLabels(a: TValue, t: TValue, an: string, tn: string): void {
  if (a.m.rows !== t.m.rows || a.m.cols !== t.m.cols) {
    throw new ShapeError(
      'labelsShape',
      { t: tn, ts: sh(t), a: an, as: sh(a) },
      `${tn} ${sh(t)} does not match ${an} ${sh(a)}: they must have the same shape.`,
      [an, tn],
    );
  }
  for (let i = 0; i < t.m.rows; i++) {
    let ones = 0;
    for (let j = 0; j < t.m.cols; j++) {
      const v = t.m.data[i * t.m.cols + j];
      if (v === 1) ones++;
      else if (v !== 0) ones = -Infinity;
    }
    if (ones !== 1)
      throw new ShapeError(
        'oneHot',
        { t: tn, row: i + 1 },
        `${tn} must be one-hot: row ${i + 1} needs exactly one 1 and 0 elsewhere.`,
        [tn],
      );
  }
}

function cee(y: Matrix, t: Matrix): number {
  let s = 0;
  for (let i = 0; i < y.data.length; i++)
    if (t.data[i] !== 0) s += t.data[i] * Math.log(y.data[i] > 0 ? y.data[i] : 1e-7);
  return -s / y.rows;
}
const scalar = (v: number): TValue => {
  const m = zeros(1, 1, 'float64');
  m.data[0] = v;
  return { m, shape: [] };
};

export const TOPS: Record<TOpKind, TOpDef> = {
  dot: {
    symbol: 'dot',
    forward: dotForward,
    backward: ([x, w], _out, d) => [mat(matmulTransB(d.m, w.m), x.shape), mat(matmulTransA(x.m, d.m), w.shape)],
    forwardTex: 'X \\cdot W',
    backwardTex: [
      '\\frac{\\partial L}{\\partial X} = \\frac{\\partial L}{\\partial Y} \\cdot W^{T}',
      '\\frac{\\partial L}{\\partial W} = X^{T} \\cdot \\frac{\\partial L}{\\partial Y}',
    ],
  },
  addBias: {
    symbol: '+',
    forward: biasForward,
    backward: ([, b], _out, d) => [d, dbOf(d, b)],
    forwardTex: 'X\\_dot\\_W + B',
    backwardTex: [
      '\\frac{\\partial L}{\\partial (X \\cdot W)} = \\frac{\\partial L}{\\partial Y}',
      '\\frac{\\partial L}{\\partial B} = \\sum_{n} \\frac{\\partial L}{\\partial Y_{n}} \\text{ (axis 0)}',
    ],
  },
  affine: {
    symbol: 'Affine',
    forward: ([x, w, b], [xn, wn, bn]) => biasForward([dotForward([x, w], [xn, wn]), b], [`${xn}·${wn}`, bn]),
    backward: ([x, w, b], _out, d) => [
      mat(matmulTransB(d.m, w.m), x.shape),
      mat(matmulTransA(x.m, d.m), w.shape),
      dbOf(d, b),
    ],
    forwardTex: 'x \\cdot W + b',
    backwardTex: ['dx = dout \\cdot W^{T}', 'dW = x^{T} \\cdot dout', 'db = \\textstyle\\sum_{axis=0} dout'],
  },
  relu: {
    symbol: 'ReLU',
    forward: ([x]) => map(x, (v) => (v > 0 ? v : 0)),
    backward: ([x], _out, d) => [map(d, (v, i) => (x.m.data[i] > 0 ? v : 0))],
    forwardTex: '\\max(0, x)',
    backwardTex: ['dx = dout \\text{ where } x > 0 \\text{, else } 0'],
  },
  softmax: {
    symbol: 'Softmax',
    forward: ([a]) => ({ m: softmax(a.m), shape: a.shape }),
    // dy → da = y ⊙ (dy − Σ y·dy), row by row
    backward: (_x, y, d) => {
      const out = zeros(y.m.rows, y.m.cols, 'float64');
      for (let i = 0; i < y.m.rows; i++) {
        let s = 0;
        for (let j = 0; j < y.m.cols; j++) s += y.m.data[i * y.m.cols + j] * d.m.data[i * y.m.cols + j];
        for (let j = 0; j < y.m.cols; j++)
          out.data[i * y.m.cols + j] = y.m.data[i * y.m.cols + j] * (d.m.data[i * y.m.cols + j] - s);
      }
      return [{ m: out, shape: y.shape }];
    },
    forwardTex: 'y_k = \\frac{\\exp(a_k)}{\\sum_i \\exp(a_i)}',
    backwardTex: [
      '\\frac{\\partial L}{\\partial a_k} = y_k \\Big(\\frac{\\partial L}{\\partial y_k} - \\sum_i y_i \\frac{\\partial L}{\\partial y_i}\\Big) = y_k - t_k',
    ],
  },
  cee: {
    symbol: 'CEE',
    constant: [1],
    forward: ([y, t], [yn, tn]) => {
      checkLabels(y, t, yn, tn);
      return scalar(cee(y.m, t.m));
    },
    // ∂L/∂y = −t / y / N; where t is 0 the term is absent, so its derivative is 0 even at y = 0.
    backward: ([y, t], _out, d) => [
      map(y, (v, i) => (t.m.data[i] !== 0 ? (-d.m.data[0] * t.m.data[i]) / (v * y.m.rows) : 0)),
      null,
    ],
    forwardTex: 'L = -\\sum_k t_k \\log y_k',
    backwardTex: ['\\frac{\\partial L}{\\partial y_k} = -\\frac{t_k}{y_k}'],
  },
  softmaxLoss: {
    symbol: 'Softmax-with-Loss',
    constant: [1],
    forward: ([a, t], [an, tn]) => {
      checkLabels(a, t, an, tn);
      return scalar(cee(softmax(a.m), t.m));
    },
    backward: ([a, t], _out, d) => {
      const y = softmax(a.m);
      return [map(a, (_v, i) => (d.m.data[0] * (y.data[i] - t.m.data[i])) / a.m.rows), null];
    },
    forwardTex: 'L = -\\sum_k t_k \\log \\mathrm{softmax}(a)_k',
    backwardTex: ['\\frac{\\partial L}{\\partial a} = \\frac{y - t}{N}'],
  },
};
