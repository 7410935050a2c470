import { dtypeOf, zeros, type Matrix } from '../tensor/matrix';

/** The book's ε inside the square root, written as the book writes it (10e-7 = 1e-6). */
export const BN_EPS = 10e-7;

/**
 * The book's BatchNormalization (6.3) for a (batch × D) input: in training, normalise each
 * column by the batch's mean and variance and track running averages (momentum 0.9); in test,
 * normalise by those running averages. out = γ·x̂ + β. γ and β are 1×D and shared with the
 * net's params, so an optimizer's in-place update is seen here.
 */
export class BatchNormalization {
  gamma: Matrix;
  beta: Matrix;
  readonly momentum: number;
  runningMean: Matrix | null;
  runningVar: Matrix | null;
  dgamma: Matrix | null = null;
  dbeta: Matrix | null = null;
  private batchSize = 0;
  private xc: Matrix | null = null;
  private xn: Matrix | null = null;
  private std: Float64Array | null = null;

  constructor(gamma: Matrix, beta: Matrix, momentum = 0.9, runningMean?: Matrix, runningVar?: Matrix) {
    this.gamma = gamma;
    this.beta = beta;
    this.momentum = momentum;
    this.runningMean = runningMean ?? null;
    this.runningVar = runningVar ?? null;
  }

  forward(x: Matrix, trainFlg = true): Matrix {
    const n = x.rows,
      d = x.cols;
    const dtype = dtypeOf(x.data);
    // The book creates the running averages, as zeros, on the first forward.
    const rm = (this.runningMean ??= zeros(1, d, dtype));
    const rv = (this.runningVar ??= zeros(1, d, dtype));
    const xc = zeros(n, d, dtype);
    const xn = zeros(n, d, dtype);
    if (trainFlg) {
      const mu = columnMean(x);
      for (let i = 0; i < n * d; i++) xc.data[i] = x.data[i] - mu[i % d];
      const sq = zeros(n, d, dtype);
      for (let i = 0; i < n * d; i++) sq.data[i] = xc.data[i] ** 2;
      const variance = columnMean(sq);
      const std = new Float64Array(d);
      for (let j = 0; j < d; j++) std[j] = Math.sqrt(variance[j] + BN_EPS);
      for (let i = 0; i < n * d; i++) xn.data[i] = xc.data[i] / std[i % d];
      this.batchSize = n;
      this.xc = xc;
      this.xn = xn;
      this.std = std;
      const m = this.momentum;
      for (let j = 0; j < d; j++) {
        rm.data[j] = m * rm.data[j] + (1 - m) * mu[j];
        rv.data[j] = m * rv.data[j] + (1 - m) * variance[j];
      }
    } else {
      for (let i = 0; i < n * d; i++) {
        const j = i % d;
        xc.data[i] = x.data[i] - rm.data[j];
        xn.data[i] = xc.data[i] / Math.sqrt(rv.data[j] + BN_EPS);
      }
    }
    const out = zeros(n, d, dtype);
    for (let i = 0; i < n * d; i++) out.data[i] = this.gamma.data[i % d] * xn.data[i] + this.beta.data[i % d];
    return out;
  }

  /**
   * The book's backward, step by step through the forward's graph:
   * dxn = γ·dout, dxc = dxn/std, dstd = −Σ dxn·xc/std², dvar = ½·dstd/std,
   * dxc += (2/N)·xc·dvar, dmu = Σ dxc, dx = dxc − dmu/N; dγ = Σ x̂·dout, dβ = Σ dout.
   */
  backward(dout: Matrix): Matrix {
    const xc = this.xc!,
      xn = this.xn!,
      std = this.std!;
    const n = dout.rows,
      d = dout.cols,
      N = this.batchSize;
    const dtype = dtypeOf(dout.data);
    const dbeta = zeros(1, d, dtype);
    const dgamma = zeros(1, d, dtype);
    const dstd = new Float64Array(d);
    const dxc = zeros(n, d, dtype);
    for (let i = 0; i < n * d; i++) {
      const j = i % d;
      dbeta.data[j] += dout.data[i];
      dgamma.data[j] += xn.data[i] * dout.data[i];
      const dxn = this.gamma.data[j] * dout.data[i];
      dxc.data[i] = dxn / std[j];
      dstd[j] -= (dxn * xc.data[i]) / (std[j] * std[j]);
    }
    const dmu = new Float64Array(d);
    for (let i = 0; i < n * d; i++) {
      const j = i % d;
      const dvar = (0.5 * dstd[j]) / std[j];
      dxc.data[i] += (2.0 / N) * xc.data[i] * dvar;
      dmu[j] += dxc.data[i];
    }
    const dx = zeros(n, d, dtype);
    for (let i = 0; i < n * d; i++) dx.data[i] = dxc.data[i] - dmu[i % d] / N;
    this.dgamma = dgamma;
    this.dbeta = dbeta;
    return dx;
  }
}

/** Mean over axis 0, as NumPy's x.mean(axis=0): the column sums divided by the row count. */
function columnMean(x: Matrix): Float64Array {
  const s = new Float64Array(x.cols);
  for (let i = 0; i < x.rows * x.cols; i++) s[i % x.cols] += x.data[i];
  for (let j = 0; j < x.cols; j++) s[j] /= x.rows;
  return s;
}
