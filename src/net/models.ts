import type { MnistSplit } from '../data/idx';
import { batchOf, rangeOf } from '../data/mnist';
import type { KernelName } from '../kernels/types';
import { argmax, axpyInPlace, type DType, type Matrix } from '../tensor/matrix';
import { mulberry32, type Rng } from '../tensor/random';
import { CLASSES, PIXELS } from '../constants';
import { isTwoLayer, type NetArch } from './arch';
import { archOf, type TrainConfig } from './config';
import type { FastNet } from './fastNet';
import type { FastOptimizer } from './fastOptimizer';
import type { SplitTrainer } from './splitStep';
import { extendOptions, MultiLayerNetExtend } from './multiLayerNet';
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
}

/**
 * The fast Float32 net (net/fastNet.ts) for any net of the family: on one core with its own
 * optimizer, or on two through a split step whose shared memory holds `net`. Without an
 * optimizer it only evaluates (imported weights). `step` counts the steps: each seeds its
 * dropout masks.
 */
export function fastModel(
  net: FastNet,
  optimizer: FastOptimizer | null,
  split: SplitTrainer | null = null,
): TrainModel {
  let steps = 0;
  return {
    kernel: net.kind,
    dtype: 'float32',
    step(data, rows) {
      const { pixels } = data.images;
      const n = rows.length;
      const s = steps++;
      if (split) return split.step(pixels, data.labels, rows, n, s);
      if (!optimizer) throw new Error('this net only evaluates');
      net.gradient(0, pixels, data.labels, rows, n, n, s);
      optimizer.begin();
      optimizer.apply(0, net.L.paramFloats, false);
      return net.lossSum(0, pixels, data.labels, rows, n) / n + net.weightDecayLoss(optimizer.cfg.weightDecay);
    },
    countCorrect: (data, start, n, preds) => net.countCorrect(0, data.images.pixels, data.labels, start, n, preds),
    snapshot: () => net.snapshot(),
  };
}

/** Rows of `scores` whose first-ranked class is the label; the first `preds.length` rankings go to `preds`. */
function countRanked(scores: Matrix, t: ArrayLike<number>, n: number, preds?: Uint8Array): number {
  let correct = 0;
  for (let r = 0; r < n; r++) {
    const best = argmax(scores.data, r * scores.cols, scores.cols);
    if (best === t[r]) correct++;
    if (preds && r < preds.length) preds[r] = best;
  }
  return correct;
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
      return countRanked(net.predict(x), t, n, preds);
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
  return new MultiLayerNetExtend(
    PIXELS,
    arch.hidden,
    CLASSES,
    extendOptions(arch, cfg, cfg.weightDecay, rng, dropoutRngFor(cfg.seed)),
  );
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
      return countRanked(net.predict(x, false), t, n, preds);
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
