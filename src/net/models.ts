import type { MnistSplit } from '../data/idx';
import { batchOf, rangeOf } from '../data/mnist';
import type { KernelName } from '../kernels/types';
import { argmax, axpyInPlace, type DType } from '../tensor/matrix';
import { mulberry32, type Rng } from '../tensor/random';
import { CLASSES, PIXELS } from '../constants';
import { isTwoLayer, type NetArch } from './arch';
import { archOf, type TrainConfig } from './config';
import type { FastNet } from './fastNet';
import { MultiLayerNetExtend } from './multiLayerNet';
import { createOptimizer, type Optimizer } from './optimizers';
import { snapshotFrom, snapshotOf, type ParamSnapshot } from './params';
import { PARAM_KEYS, type TwoLayerNet } from './twoLayerNet';

/** What the training loop needs of a net, whichever implementation computes it. */
export interface TrainModel {
  /** The first layer's kernels ('ts' for the book's layered nets, which run in TypeScript). */
  readonly kernel: KernelName;
  /**
   * The precision it computes in. A helper worker evaluates in Float32, so only a Float32
   * model may hand it part of an evaluation.
   */
  readonly dtype: DType;
  /**
   * One step on images `rows` of the split; returns the batch loss after the update. The
   * two-layer paths take SGD's learning rate here; the reference model's optimizer has its own.
   */
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

/**
 * The runs the two-layer paths train exactly as the book's train_neuralnet.py does (FastNet in
 * Float32, TwoLayerNet in Float64): 784-H-10 with ReLU, SGD, no weight decay, weights drawn
 * with a fixed standard deviation. Every other run goes to the reference model.
 */
export const twoLayerPathFits = (cfg: TrainConfig): boolean =>
  isTwoLayer(archOf(cfg)) && cfg.optimizer === 'SGD' && cfg.weightDecay === 0 && cfg.weightInit === 'std';

/**
 * The rng of the dropout masks, apart from the one that draws the weights and the batches, so
 * that a run's batches are the same with dropout as without.
 */
export const dropoutRngFor = (seed: number): Rng => mulberry32((seed ^ 0x9e3779b9) >>> 0);

/**
 * The book's MultiLayerNetExtend for a run's settings, its initial weights drawn from `rng`
 * as every path draws them (W1, W2, … in order, biases zero), scaled as initScale says.
 */
export function referenceNet(cfg: TrainConfig, rng: Rng): MultiLayerNetExtend {
  const arch = archOf(cfg);
  return new MultiLayerNetExtend(PIXELS, arch.hidden, CLASSES, {
    activation: arch.activation,
    weightInitStd: cfg.weightInit === 'std' ? cfg.weightInitStd : cfg.weightInit,
    weightDecayLambda: cfg.weightDecay,
    useBatchnorm: arch.batchNorm,
    useDropout: arch.dropout > 0,
    dropoutRatio: arch.dropout,
    rng,
    dropoutRng: dropoutRngFor(cfg.seed),
  });
}

/** The optimizer of a run's settings, by the book's class and keyword names. */
export const optimizerFor = (cfg: TrainConfig): Optimizer =>
  createOptimizer(cfg.optimizer, {
    lr: cfg.learningRate,
    momentum: cfg.momentum,
    decay_rate: cfg.decayRate,
    beta1: cfg.beta1,
    beta2: cfg.beta2,
  });

/**
 * The reference for every net of the family (Float64, as the book's classes compute): one step
 * is the book's Trainer.train_step — the gradient (a training-mode forward: batch statistics,
 * fresh dropout masks), the optimizer's update, then the loss after the update in test mode
 * (`network.loss(x_batch, t_batch)`, train_flg False). Counting is in test mode too. With no
 * optimizer it only evaluates (imported weights).
 */
export function referenceModel(net: MultiLayerNetExtend, arch: NetArch, optimizer: Optimizer | null): TrainModel {
  return {
    kernel: 'ts',
    dtype: 'float64',
    step(split, rows) {
      if (!optimizer) throw new Error('this net only evaluates');
      const { x, t } = batchOf(split, rows, 'float64');
      const grads = net.gradient(x, t);
      optimizer.update(net.params, grads);
      return net.loss(x, t, false);
    },
    countCorrect(split, start, n, preds) {
      const { x, t } = rangeOf(split, start, n, 'float64');
      const scores = net.predict(x, false);
      let correct = 0;
      for (let r = 0; r < n; r++) {
        const best = argmax(scores.data, r * scores.cols, scores.cols);
        if (best === t[r]) correct++;
        if (preds && r < preds.length) preds[r] = best;
      }
      return correct;
    },
    snapshot: () => snapshotFrom(arch, (k) => net.tensor(k), 'float64'),
  };
}

/** A MultiLayerNetExtend holding a snapshot's arrays (running averages included), in Float64. */
export function referenceNetFrom(p: ParamSnapshot): MultiLayerNetExtend {
  const net = new MultiLayerNetExtend(PIXELS, p.arch.hidden, CLASSES, {
    activation: p.arch.activation,
    weightInitStd: 0,
    useBatchnorm: p.arch.batchNorm,
    useDropout: p.arch.dropout > 0,
    dropoutRatio: p.arch.dropout,
    rng: () => 0.5,
  });
  net.loadTensors(p.tensors);
  return net;
}
