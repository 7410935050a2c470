import type { MnistSplit } from '../data/idx';
import { batchOf, rangeOf } from '../data/mnist';
import type { KernelName } from '../kernels/types';
import { argmax, axpyInPlace, type DType } from '../tensor/matrix';
import type { FastNet } from './fastNet';
import { snapshotOf, type ParamSnapshot } from './params';
import { PARAM_KEYS, type TwoLayerNet } from './twoLayerNet';

/** What the training loop needs of a net, whichever implementation computes it. */
export interface TrainModel {
  /** The first layer's kernels ('ts' for the book's layered net, which runs in TypeScript). */
  readonly kernel: KernelName;
  /**
   * The precision it computes in. A helper worker evaluates in Float32, so only a Float32
   * model may hand it part of an evaluation.
   */
  readonly dtype: DType;
  /** One SGD step on images `rows` of the split; returns the batch loss after the update. */
  step(split: MnistSplit, rows: Int32Array, learningRate: number): number;
  /** Correct predictions among images [start, start + n); the first `preds.length` go to `preds`. */
  countCorrect(split: MnistSplit, start: number, n: number, preds?: Uint8Array): number;
  /** A copy of the weights. */
  snapshot(): ParamSnapshot;
  /**
   * The fused Float32 net only: hands half of every step to a second core (the split step,
   * net/splitStep.ts, in whose shared memory this net's kernels live); null takes it back.
   * The layered net has no such hook.
   */
  splitSteps?(offload: StepOffload | null): void;
  /** The second core the steps are split with, if any. */
  readonly stepOffload?: StepOffload | null;
}

/**
 * A second core that takes half of every training step (SplitTrainer, where memory can be
 * shared). It owns no weights of its own: the fast model's kernels were built on its memory.
 */
export interface StepOffload {
  step(pixels: Uint8Array, labels: Uint8Array, rows: Int32Array, n: number, lr: number): number;
}

/** The fused Float32 net (the fast path). */
export function fastModel(net: FastNet): TrainModel {
  let offload: StepOffload | null = null;
  return {
    kernel: net.k.name,
    dtype: 'float32',
    step: (split, rows, lr) => (offload ?? net).step(split.images.pixels, split.labels, rows, rows.length, lr),
    countCorrect: (split, start, n, preds) => net.countCorrect(split.images.pixels, split.labels, start, n, preds),
    snapshot: () => snapshotOf(net.H, net.k.W1, net.k.b1, net.W2, net.b2),
    splitSteps(o) {
      offload = o;
    },
    get stepOffload() {
      return offload;
    },
  };
}

/** The book's layered TwoLayerNet (the Float64 path, as NumPy computes it). */
export function layeredModel(net: TwoLayerNet, dtype: DType): TrainModel {
  return {
    kernel: 'ts',
    dtype,
    step(split, rows, lr) {
      const { x, t } = batchOf(split, rows, dtype);
      const grad = net.gradient(x, t);
      for (const k of PARAM_KEYS) axpyInPlace(net.params[k], grad[k], -lr);
      return net.loss(x, t);
    },
    countCorrect(split, start, n, preds) {
      const { x, t } = rangeOf(split, start, n, dtype);
      const scores = net.predict(x);
      let correct = 0;
      for (let r = 0; r < n; r++) {
        const best = argmax(scores.data, r * scores.cols, scores.cols);
        if (best === t[r]) correct++;
        if (preds && r < preds.length) preds[r] = best;
      }
      return correct;
    },
    snapshot() {
      const p = net.params;
      return snapshotOf(p.W1.cols, p.W1.data, p.b1.data, p.W2.data, p.b2.data, dtype);
    },
  };
}
