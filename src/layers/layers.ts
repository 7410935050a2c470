import {
  addRowInPlace,
  dtypeOf,
  matmul,
  matmulTransA,
  matmulTransB,
  sumRows,
  zeros,
  type Matrix,
} from '../tensor/matrix';

/**
 * The book's layers (5.5–5.6). Each caches what backward needs in forward; backward returns
 * new arrays (the book's Relu.backward writes into dout, a trap once buffers are shared).
 */
export class Relu {
  private mask: Uint8Array | null = null;

  forward(x: Matrix): Matrix {
    const out = zeros(x.rows, x.cols, dtypeOf(x.data));
    const mask = new Uint8Array(x.data.length);
    for (let i = 0; i < x.data.length; i++) {
      const v = x.data[i];
      if (v > 0) out.data[i] = v;
      else mask[i] = 1; // the book's mask = (x <= 0)
    }
    this.mask = mask;
    return out;
  }

  backward(dout: Matrix): Matrix {
    const mask = this.mask!;
    const dx = zeros(dout.rows, dout.cols, dtypeOf(dout.data));
    for (let i = 0; i < dout.data.length; i++) dx.data[i] = mask[i] ? 0 : dout.data[i];
    return dx;
  }
}

export class Sigmoid {
  private out: Matrix | null = null;

  forward(x: Matrix): Matrix {
    const out = zeros(x.rows, x.cols, dtypeOf(x.data));
    for (let i = 0; i < x.data.length; i++) out.data[i] = 1 / (1 + Math.exp(-x.data[i]));
    this.out = out;
    return out;
  }

  /** dx = dout · (1 − y) · y */
  backward(dout: Matrix): Matrix {
    const y = this.out!;
    const dx = zeros(dout.rows, dout.cols, dtypeOf(dout.data));
    for (let i = 0; i < dout.data.length; i++) dx.data[i] = dout.data[i] * (1.0 - y.data[i]) * y.data[i];
    return dx;
  }
}

export class Affine {
  W: Matrix;
  b: Matrix;
  dW: Matrix | null = null;
  db: Matrix | null = null;
  private x: Matrix | null = null;

  constructor(W: Matrix, b: Matrix) {
    this.W = W;
    this.b = b;
  }

  /** out = x·W + b, b broadcast over the batch. */
  forward(x: Matrix): Matrix {
    this.x = x;
    return addRowInPlace(matmul(x, this.W), this.b);
  }

  /** dx = dout·Wᵀ, dW = xᵀ·dout, db = Σ dout over axis 0. */
  backward(dout: Matrix, needDx = true): Matrix | null {
    this.dW = matmulTransA(this.x!, dout);
    this.db = sumRows(dout);
    return needDx ? matmulTransB(dout, this.W) : null;
  }
}

/** Row-wise softmax with the row maximum subtracted, so exp never overflows. */
export function softmax(a: Matrix): Matrix {
  const y = zeros(a.rows, a.cols, dtypeOf(a.data));
  const n = a.cols;
  for (let i = 0; i < a.rows; i++) {
    const o = i * n;
    let max = -Infinity;
    for (let j = 0; j < n; j++) max = Math.max(max, a.data[o + j]);
    let sum = 0;
    for (let j = 0; j < n; j++) {
      const e = Math.exp(a.data[o + j] - max);
      y.data[o + j] = e;
      sum += e;
    }
    for (let j = 0; j < n; j++) y.data[o + j] /= sum;
  }
  return y;
}

/** log that stays finite only where a probability is exactly 0 (the book adds 1e-7 to every log). */
const safeLog = (p: number): number => Math.log(p > 0 ? p : 1e-7);

/**
 * Cross-entropy of softmax outputs y against class labels t, averaged over the batch. With
 * `logEps` it is the book's exact cross_entropy_error, −Σ log(y + logEps) / N (the reference
 * path passes 1e-7 so its loss matches the book's to the last digits); without, the 1e-7 only
 * stands in for a probability of exactly 0.
 */
export function crossEntropy(y: Matrix, t: ArrayLike<number>, logEps?: number): number {
  let s = 0;
  for (let i = 0; i < y.rows; i++) {
    const p = y.data[i * y.cols + t[i]];
    s += logEps === undefined ? safeLog(p) : Math.log(p + logEps);
  }
  return -s / y.rows;
}

/**
 * Labels come as class indices (the one-hot t of the book has a single 1 per row, so
 * y − t only touches the label's column).
 */
export class SoftmaxWithLoss {
  loss = 0;
  y: Matrix | null = null;
  private t: ArrayLike<number> | null = null;

  /** `logEps`: see crossEntropy (1e-7 for the book's exact loss). */
  private readonly logEps: number | undefined;

  constructor(logEps?: number) {
    this.logEps = logEps;
  }

  forward(x: Matrix, t: ArrayLike<number>): number {
    this.t = t;
    this.y = softmax(x);
    this.loss = crossEntropy(this.y, t, this.logEps);
    return this.loss;
  }

  /** dx = (y − t) / batch_size */
  backward(dout = 1): Matrix {
    const y = this.y!;
    const t = this.t!;
    const batch = y.rows;
    const dx = zeros(y.rows, y.cols, dtypeOf(y.data));
    for (let i = 0; i < y.data.length; i++) dx.data[i] = (y.data[i] * dout) / batch;
    for (let i = 0; i < batch; i++) dx.data[i * y.cols + t[i]] -= dout / batch;
    return dx;
  }
}
