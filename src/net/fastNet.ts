import { CLASSES } from '../constants';
import { SCORE_STRIDE, type ImageLayout, type NetKernels } from '../kernels/types';
import { argmax } from '../tensor/matrix';
import { normalSampler, type Rng } from '../tensor/random';
import type { ParamSnapshot } from './params';

/**
 * The same network as TwoLayerNet in Float32, written for speed: the kernels (TypeScript or
 * WebAssembly SIMD) run both layers on byte images with ReLU fused in, softmax and
 * cross-entropy are fused here, the input's dx is never computed, and every buffer is allocated
 * once. TwoLayerNet stays the book's layered reference (and the Float64 path); tests check that
 * both give the same numbers to Float32 rounding.
 *
 * A batch larger than the kernels' capacity goes through them in pieces whose gradients add up.
 */
export class FastNet {
  private readonly p = new Float64Array(CLASSES);

  /** With an rng, draws the book's initial weights; without, keeps what the kernels hold. */
  constructor(
    readonly k: NetKernels,
    weightInitStd = 0.01,
    rng?: Rng,
  ) {
    if (!rng) return;
    // Same draws in the same order as TwoLayerNet: W1, then W2; biases start at 0.
    const normal = normalSampler(rng);
    for (let i = 0; i < k.W1.length; i++) k.W1[i] = weightInitStd * normal();
    k.b1.fill(0);
    for (let i = 0; i < k.W2.length; i++) k.W2[i] = weightInitStd * normal();
    k.b2.fill(0);
  }

  get H(): number {
    return this.k.H;
  }
  get W2(): Float32Array {
    return this.k.W2;
  }
  get b2(): Float32Array {
    return this.k.b2;
  }

  /**
   * Softmax-with-Loss over the m loaded images whose labels are labels[rows[off + r]]: returns
   * Σ −log p[label] (log guarded only at exactly 0); with a divisor, also writes dy = (p − t) / divisor.
   */
  private head(labels: Uint8Array, rows: Int32Array, off: number, m: number, divisor: number): number {
    const { p } = this;
    const { scores: a, dy } = this.k;
    let loss = 0;
    for (let r = 0; r < m; r++) {
      const o = r * SCORE_STRIDE;
      const label = labels[rows[off + r]];
      let max = -Infinity;
      for (let c = 0; c < CLASSES; c++) max = Math.max(max, a[o + c]);
      let sum = 0;
      for (let c = 0; c < CLASSES; c++) {
        p[c] = Math.exp(a[o + c] - max);
        sum += p[c];
      }
      const y = p[label] / sum;
      loss -= Math.log(y > 0 ? y : 1e-7);
      if (divisor > 0) for (let c = 0; c < CLASSES; c++) dy[o + c] = (p[c] / sum - (c === label ? 1 : 0)) / divisor;
    }
    return loss;
  }

  /** Runs `fn` on each piece of at most `cap` rows, loaded; the same rows array when it fits. */
  private pieces(
    pixels: Uint8Array,
    rows: Int32Array,
    n: number,
    fn: (off: number, m: number) => void,
    layout: ImageLayout = 'rows',
  ): void {
    const cap = this.k.cap;
    for (let off = 0; off < n; off += cap) {
      const m = Math.min(cap, n - off);
      this.k.load(pixels, n <= cap ? rows : rows.subarray(off, off + m), m, layout);
      fn(off, m);
    }
  }

  /**
   * The gradient of the loss summed over these n images and divided by `divisor` (the whole
   * batch's size: two halves of a batch then add up to its gradient) into the kernels' grad.
   * Returns the summed loss before the update.
   */
  gradient(pixels: Uint8Array, labels: Uint8Array, rows: Int32Array, n: number, divisor: number): number {
    let loss = 0;
    this.pieces(pixels, rows, n, (off, m) => {
      this.k.forward();
      loss += this.head(labels, rows, off, m, divisor);
      this.k.backward(off > 0);
    });
    return loss;
  }

  /** Σ −log p[label] over the n images. */
  lossSum(pixels: Uint8Array, labels: Uint8Array, rows: Int32Array, n: number): number {
    let loss = 0;
    this.pieces(pixels, rows, n, (off, m) => {
      this.k.forward();
      loss += this.head(labels, rows, off, m, 0);
    });
    return loss;
  }

  loss(pixels: Uint8Array, labels: Uint8Array, rows: Int32Array, n: number): number {
    return this.lossSum(pixels, labels, rows, n) / n;
  }

  /** One SGD step; returns the batch loss after the update, as the book records it. */
  step(pixels: Uint8Array, labels: Uint8Array, rows: Int32Array, n: number, lr: number): number {
    this.gradient(pixels, labels, rows, n, n);
    this.k.update(-lr);
    return this.lossSum(pixels, labels, rows, n) / n;
  }

  /**
   * Correct predictions among `n` images from `start`; the predictions of the first `keep` go to
   * `preds`. `packed`: the caller has called k.packWeights() since the weights last changed
   * (countRange does, once for all its chunks); otherwise this packs them.
   */
  countCorrect(
    pixels: Uint8Array,
    labels: Uint8Array,
    start: number,
    n: number,
    preds?: Uint8Array,
    packed = false,
  ): number {
    const rows = new Int32Array(n);
    for (let i = 0; i < n; i++) rows[i] = start + i;
    const a = this.k.scores;
    let correct = 0;
    if (!packed) this.k.packWeights();
    this.pieces(
      pixels,
      rows,
      n,
      (off, m) => {
        this.k.evalForward();
        const ranked = this.k.predict?.();
        for (let r = 0; r < m; r++) {
          const best = ranked ? ranked[r] : argmax(a, r * SCORE_STRIDE, CLASSES);
          if (best === labels[start + off + r]) correct++;
          if (preds && off + r < preds.length) preds[off + r] = best;
        }
      },
      'panels',
    );
    return correct;
  }

  /** The gradient of the last step, for tests: dW1, db1, dW2, db2 before the update. */
  get lastGradients(): { dW1: Float32Array; db1: Float32Array; dW2: Float32Array; db2: Float32Array } {
    return { dW1: this.k.dW1, db1: this.k.db1, dW2: this.k.dW2, db2: this.k.db2 };
  }
}

/** A FastNet holding the given weights (for evaluating them elsewhere, e.g. a helper worker). */
export function fastNetFrom(k: NetKernels, p: ParamSnapshot): FastNet {
  k.W1.set(p.tensors.W1);
  k.b1.set(p.tensors.b1);
  k.W2.set(p.tensors.W2);
  k.b2.set(p.tensors.b2);
  return new FastNet(k);
}

/** Correct predictions over images [from, to) of a split, in chunks. */
export function countRange(
  net: FastNet,
  pixels: Uint8Array,
  labels: Uint8Array,
  from: number,
  to: number,
  chunk = 1000,
): number {
  let correct = 0;
  net.k.packWeights();
  for (let s = from; s < to; s += chunk)
    correct += net.countCorrect(pixels, labels, s, Math.min(chunk, to - s), undefined, true);
  return correct;
}
