import type { FirstLayerKernels } from '../kernels/types';
import { argmax } from '../tensor/matrix';
import { normalSampler, type Rng } from '../tensor/random';
import type { ParamSnapshot } from './params';

/**
 * The same network as TwoLayerNet in Float32, written for speed: the first layer runs on
 * byte images through pluggable kernels (TypeScript or WebAssembly SIMD), ReLU is fused into
 * it, softmax and cross-entropy are fused, the input's dx is never computed, and every buffer
 * is allocated once. TwoLayerNet stays the book's layered reference (and the Float64 path);
 * tests check that both give the same numbers to Float32 rounding.
 */
export class FastNet {
  readonly H: number;
  readonly W2: Float32Array;
  readonly b2 = new Float32Array(10);
  private cap = 0;
  private z1 = new Float32Array(0);
  private a2 = new Float32Array(0);
  private da1 = new Float32Array(0);
  private readonly dW2: Float32Array;
  private readonly db2 = new Float32Array(10);
  private readonly p = new Float64Array(10);
  private readonly da2 = new Float64Array(10);

  constructor(
    readonly k: FirstLayerKernels,
    weightInitStd: number,
    rng: Rng,
  ) {
    this.H = k.b1.length;
    this.W2 = new Float32Array(this.H * 10);
    this.dW2 = new Float32Array(this.H * 10);
    // Same draws in the same order as TwoLayerNet: W1, then W2; biases start at 0.
    const normal = normalSampler(rng);
    for (let i = 0; i < k.W1.length; i++) k.W1[i] = weightInitStd * normal();
    for (let i = 0; i < this.W2.length; i++) this.W2[i] = weightInitStd * normal();
  }

  private ensure(n: number): void {
    if (n <= this.cap) return;
    this.cap = n;
    this.z1 = new Float32Array(n * this.H);
    this.a2 = new Float32Array(n * 10);
    this.da1 = new Float32Array(n * this.H);
  }

  /** Scores a2 = ReLU(x·W1 + b1)·W2 + b2 for n images; z1 stays for backward. */
  private forward(pixels: Uint8Array, rows: Int32Array, n: number): void {
    this.ensure(n);
    const { H, z1, a2, W2, b2 } = this;
    this.k.forward(pixels, rows, n, z1);
    // The output is 10 wide: keep the ten sums in locals rather than in a typed array.
    for (let r = 0; r < n; r++) {
      let s0 = b2[0],
        s1 = b2[1],
        s2 = b2[2],
        s3 = b2[3],
        s4 = b2[4],
        s5 = b2[5],
        s6 = b2[6],
        s7 = b2[7],
        s8 = b2[8],
        s9 = b2[9];
      const zr = r * H;
      for (let j = 0; j < H; j++) {
        const z = z1[zr + j];
        if (z === 0) continue;
        const w = j * 10;
        s0 += z * W2[w];
        s1 += z * W2[w + 1];
        s2 += z * W2[w + 2];
        s3 += z * W2[w + 3];
        s4 += z * W2[w + 4];
        s5 += z * W2[w + 5];
        s6 += z * W2[w + 6];
        s7 += z * W2[w + 7];
        s8 += z * W2[w + 8];
        s9 += z * W2[w + 9];
      }
      const o = r * 10;
      a2[o] = s0;
      a2[o + 1] = s1;
      a2[o + 2] = s2;
      a2[o + 3] = s3;
      a2[o + 4] = s4;
      a2[o + 5] = s5;
      a2[o + 6] = s6;
      a2[o + 7] = s7;
      a2[o + 8] = s8;
      a2[o + 9] = s9;
    }
  }

  /** Softmax of row r into this.p; returns −log p[label] (log guarded only at exactly 0). */
  private softmaxRow(r: number, label: number): number {
    const { a2, p } = this;
    const o = r * 10;
    let max = -Infinity;
    for (let c = 0; c < 10; c++) max = Math.max(max, a2[o + c]);
    let sum = 0;
    for (let c = 0; c < 10; c++) {
      p[c] = Math.exp(a2[o + c] - max);
      sum += p[c];
    }
    for (let c = 0; c < 10; c++) p[c] /= sum;
    const y = p[label];
    return -Math.log(y > 0 ? y : 1e-7);
  }

  loss(pixels: Uint8Array, labels: Uint8Array, rows: Int32Array, n: number): number {
    this.forward(pixels, rows, n);
    let s = 0;
    for (let r = 0; r < n; r++) s += this.softmaxRow(r, labels[rows[r]]);
    return s / n;
  }

  /** One SGD step; returns the batch loss after the update, as the book records it. */
  step(pixels: Uint8Array, labels: Uint8Array, rows: Int32Array, n: number, lr: number): number {
    this.forward(pixels, rows, n);
    const { H, z1, da1, W2, dW2, db2, p } = this;
    dW2.fill(0);
    db2.fill(0);
    da1.fill(0);
    const da2 = this.da2;
    for (let r = 0; r < n; r++) {
      this.softmaxRow(r, labels[rows[r]]);
      // Softmax-with-Loss backward: (y − t) / batch_size
      for (let c = 0; c < 10; c++) da2[c] = (p[c] - (c === labels[rows[r]] ? 1 : 0)) / n;
      for (let c = 0; c < 10; c++) db2[c] += da2[c];
      const zr = r * H;
      const g0 = da2[0],
        g1 = da2[1],
        g2 = da2[2],
        g3 = da2[3],
        g4 = da2[4],
        g5 = da2[5],
        g6 = da2[6],
        g7 = da2[7],
        g8 = da2[8],
        g9 = da2[9];
      for (let j = 0; j < H; j++) {
        const z = z1[zr + j];
        if (z === 0) continue; // ReLU was off: no dW2 contribution, no gradient through it
        const w = j * 10;
        dW2[w] += z * g0;
        dW2[w + 1] += z * g1;
        dW2[w + 2] += z * g2;
        dW2[w + 3] += z * g3;
        dW2[w + 4] += z * g4;
        dW2[w + 5] += z * g5;
        dW2[w + 6] += z * g6;
        dW2[w + 7] += z * g7;
        dW2[w + 8] += z * g8;
        dW2[w + 9] += z * g9;
        da1[zr + j] =
          g0 * W2[w] +
          g1 * W2[w + 1] +
          g2 * W2[w + 2] +
          g3 * W2[w + 3] +
          g4 * W2[w + 4] +
          g5 * W2[w + 5] +
          g6 * W2[w + 6] +
          g7 * W2[w + 7] +
          g8 * W2[w + 8] +
          g9 * W2[w + 9];
      }
    }
    this.k.backward(pixels, rows, n, da1);
    this.k.update(-lr);
    for (let i = 0; i < W2.length; i++) W2[i] -= lr * dW2[i];
    for (let c = 0; c < 10; c++) this.b2[c] -= lr * db2[c];
    return this.loss(pixels, labels, rows, n);
  }

  /** Correct predictions among `n` images from `start`; the predictions of the first `keep` go to `preds`. */
  countCorrect(pixels: Uint8Array, labels: Uint8Array, start: number, n: number, preds?: Uint8Array): number {
    const rows = new Int32Array(n);
    for (let i = 0; i < n; i++) rows[i] = start + i;
    this.forward(pixels, rows, n);
    let correct = 0;
    for (let r = 0; r < n; r++) {
      const best = argmax(this.a2, r * 10, 10);
      if (best === labels[start + r]) correct++;
      if (preds && r < preds.length) preds[r] = best;
    }
    return correct;
  }

  /** The gradient of the last step, for tests: dW1, db1, dW2, db2 before the update. */
  get lastGradients(): { dW1: Float32Array; db1: Float32Array; dW2: Float32Array; db2: Float32Array } {
    return { dW1: this.k.dW1, db1: this.k.db1, dW2: this.dW2, db2: this.db2 };
  }
}

/** A FastNet holding the given weights (for evaluating them elsewhere, e.g. a helper worker). */
export function fastNetFrom(k: FirstLayerKernels, p: ParamSnapshot): FastNet {
  const net = new FastNet(k, 0, () => 0.5);
  k.W1.set(p.W1);
  k.b1.set(p.b1);
  net.W2.set(p.W2);
  net.b2.set(p.b2);
  return net;
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
  for (let s = from; s < to; s += chunk) correct += net.countCorrect(pixels, labels, s, Math.min(chunk, to - s));
  return correct;
}
