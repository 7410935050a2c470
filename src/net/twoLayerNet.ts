import { Affine, Relu, SoftmaxWithLoss } from '../layers/layers';
import { argmaxRows, zeros, type DType, type Matrix } from '../tensor/matrix';
import { normalSampler, type Rng } from '../tensor/random';

export const PARAM_KEYS = ['W1', 'b1', 'W2', 'b2'] as const;
export type ParamKey = (typeof PARAM_KEYS)[number];
export type Params = Record<ParamKey, Matrix>;

/** The book's TwoLayerNet (5.7): Affine1 → Relu1 → Affine2 → SoftmaxWithLoss. */
export class TwoLayerNet {
  params: Params;
  readonly affine1: Affine;
  readonly relu1 = new Relu();
  readonly affine2: Affine;
  readonly lastLayer = new SoftmaxWithLoss();
  readonly dtype: DType;

  constructor(
    inputSize: number,
    hiddenSize: number,
    outputSize: number,
    weightInitStd: number,
    rng: Rng,
    dtype: DType = 'float64',
  ) {
    this.dtype = dtype;
    const normal = normalSampler(rng);
    const randn = (r: number, c: number): Matrix => {
      const m = zeros(r, c, dtype);
      for (let i = 0; i < m.data.length; i++) m.data[i] = weightInitStd * normal();
      return m;
    };
    this.params = {
      W1: randn(inputSize, hiddenSize),
      b1: zeros(1, hiddenSize, dtype),
      W2: randn(hiddenSize, outputSize),
      b2: zeros(1, outputSize, dtype),
    };
    // The layers hold the same matrices as params, so an update to params is seen by both.
    this.affine1 = new Affine(this.params.W1, this.params.b1);
    this.affine2 = new Affine(this.params.W2, this.params.b2);
  }

  /** Replaces the weights (e.g. with trained ones), keeping layers and params shared. */
  setParams(p: Params): void {
    for (const k of PARAM_KEYS) this.params[k].data.set(p[k].data);
  }

  predict(x: Matrix): Matrix {
    return this.affine2.forward(this.relu1.forward(this.affine1.forward(x)));
  }

  loss(x: Matrix, t: ArrayLike<number>): number {
    return this.lastLayer.forward(this.predict(x), t);
  }

  accuracy(x: Matrix, t: ArrayLike<number>): number {
    return countCorrect(this.predict(x), t) / x.rows;
  }

  /** Backprop: one forward, then backward through the layers in reverse. */
  gradient(x: Matrix, t: ArrayLike<number>): Params {
    this.loss(x, t);
    let dout = this.lastLayer.backward(1);
    dout = this.affine2.backward(dout)!;
    dout = this.relu1.backward(dout);
    this.affine1.backward(dout, false); // the input's dx is never used
    return { W1: this.affine1.dW!, b1: this.affine1.db!, W2: this.affine2.dW!, b2: this.affine2.db! };
  }

  /** Central-difference gradient (h = 1e-4), all at once. */
  numericalGradient(x: Matrix, t: ArrayLike<number>, h = 1e-4): Params {
    const it = this.numericalGradientSteps(x, t, h);
    let r = it.next();
    while (!r.done) r = it.next();
    return r.value;
  }

  /**
   * The same, as a generator that yields the number of parameters done every `every`
   * parameters, so a worker can report progress and be cancelled between chunks.
   */
  *numericalGradientSteps(x: Matrix, t: ArrayLike<number>, h = 1e-4, every = 256): Generator<number, Params> {
    const grads = {} as Params;
    let done = 0;
    for (const k of PARAM_KEYS) {
      const p = this.params[k];
      const g = zeros(p.rows, p.cols, this.dtype);
      for (let i = 0; i < p.data.length; i++) {
        const old = p.data[i];
        p.data[i] = old + h;
        const fxh1 = this.loss(x, t);
        p.data[i] = old - h;
        const fxh2 = this.loss(x, t);
        g.data[i] = (fxh1 - fxh2) / (2 * h);
        p.data[i] = old;
        if (++done % every === 0) yield done;
      }
      grads[k] = g;
    }
    return grads;
  }

  get paramCount(): number {
    return PARAM_KEYS.reduce((s, k) => s + this.params[k].data.length, 0);
  }
}

export function countCorrect(scores: Matrix, t: ArrayLike<number>): number {
  const y = argmaxRows(scores);
  let c = 0;
  for (let i = 0; i < y.length; i++) if (y[i] === t[i]) c++;
  return c;
}

export function meanAbsDiff(a: Matrix, b: Matrix): number {
  let s = 0;
  for (let i = 0; i < a.data.length; i++) s += Math.abs(a.data[i] - b.data[i]);
  return s / a.data.length;
}
