import { batchOf, rangeOf, type Mnist } from '../data/mnist';
import type { MnistSplit } from '../data/idx';
import { axpyInPlace, type DType, type Matrix } from '../tensor/matrix';
import { mulberry32, randInt, type Rng } from '../tensor/random';
import { countCorrect, PARAM_KEYS, TwoLayerNet } from './twoLayerNet';
import { FastNet } from './fastNet';
import { kernelFactory } from '../kernels';
import type { FirstLayerKernels, KernelName } from '../kernels/types';

/** Makes the first-layer kernels for a hidden size (TypeScript unless told otherwise). */
export type KernelFactory = (hidden: number) => FirstLayerKernels;

export interface ParamArrays {
  hiddenSize: number;
  W1: ArrayLike<number>;
  b1: ArrayLike<number>;
  W2: ArrayLike<number>;
  b2: ArrayLike<number>;
}

export interface TrainConfig {
  hiddenSize: number;
  learningRate: number;
  batchSize: number;
  iterations: number;
  weightInitStd: number;
  seed: number;
  dtype: DType;
}

export const BOOK_CONFIG: TrainConfig = {
  hiddenSize: 50,
  learningRate: 0.1,
  batchSize: 100,
  iterations: 10000,
  weightInitStd: 0.01,
  seed: 1,
  dtype: 'float32',
};

export interface EvalRow {
  /** Epoch number; for the final row, iterations / iter_per_epoch. */
  epoch: number;
  /** The iteration index i after whose update the evaluation ran. */
  iter: number;
  train: number;
  test: number;
  /** True for the extra row after the last iteration. */
  final: boolean;
}

export type TrainerEvent =
  | { type: 'loss'; iter: number; loss: number }
  | { type: 'eval'; row: EvalRow; testPredictions: Uint8Array }
  | { type: 'diverged'; iter: number; loss: number }
  | { type: 'done' };

/**
 * A loss above ten times that of a net that guesses uniformly (ln 10 ≈ 2.30) means the
 * weights have blown up: with the log guarded at exact zeros the loss seldom reaches NaN
 * (learning rate 50 gives losses of 13–45 for thousands of steps), so this is caught too.
 */
export const DIVERGENCE_LOSS = 10 * Math.log(10);

/** How many test images the evaluation also reports predictions for (the digit grid). */
export const SAMPLE_COUNT = 24;
export const EVAL_CHUNK = 1000;

/**
 * A second worker that evaluates part of the images at the same time (both cores): `start`
 * hands it the weights and the ranges, `result` is null until its counts are back.
 */
export interface EvalOffload {
  start(params: ParamArrays, ranges: { train: [number, number]; test: [number, number] }): void;
  result(): { train: number; test: number } | null;
}

/**
 * A second core that takes half of every training step (SplitTrainer, where memory can be
 * shared). It owns no weights of its own: the trainer's FastNet was built on its memory.
 */
export interface StepOffload {
  step(pixels: Uint8Array, labels: Uint8Array, rows: Int32Array, n: number, lr: number): number;
}

interface EvalJob {
  iter: number;
  epoch: number;
  final: boolean;
  split: 'train' | 'test';
  pos: number;
  /** Where this worker's share of the current split ends (the rest is offloaded). */
  end: number;
  offloaded: boolean;
  correctTrain: number;
  correctTest: number;
  predictions: Uint8Array;
}

/**
 * The book's training loop (train_neuralnet.py), resumable in small pieces: `work` runs until
 * `shouldYield()` says so, so a worker can hear Pause and Stop between pieces.
 */
export class Trainer {
  /** The book's layered net: the Float64 path. */
  readonly net: TwoLayerNet | null = null;
  /** The fused Float32 path. */
  readonly fast: FastNet | null = null;
  readonly iterPerEpoch: number;
  /** Iterations done. */
  iter = 0;
  finished = false;
  private job: EvalJob | null = null;
  /** Set by the worker when a second core can take half of each evaluation. */
  offload: EvalOffload | null = null;
  /** Set by the worker when a second core can take half of each step. */
  stepOffload: StepOffload | null = null;
  private readonly rng: Rng;
  private lastEvalIter = -1;

  constructor(
    readonly cfg: TrainConfig,
    readonly data: Mnist,
    kernels: KernelFactory = kernelFactory(Math.max(cfg.batchSize, EVAL_CHUNK)),
  ) {
    const rng = mulberry32(cfg.seed);
    if (cfg.dtype === 'float32') this.fast = new FastNet(kernels(cfg.hiddenSize), cfg.weightInitStd, rng);
    else this.net = new TwoLayerNet(784, cfg.hiddenSize, 10, cfg.weightInitStd, rng, cfg.dtype);
    this.rng = rng;
    // iter_per_epoch = max(train_size / batch_size, 1); an evaluation where i crosses a multiple of it.
    this.iterPerEpoch = Math.max(data.train.labels.length / cfg.batchSize, 1);
  }

  private isEpochStart(i: number): boolean {
    return i === 0 || Math.floor(i / this.iterPerEpoch) > Math.floor((i - 1) / this.iterPerEpoch);
  }

  private startEval(iter: number, epoch: number, final: boolean): void {
    const nTrain = this.data.train.labels.length;
    const nTest = this.data.test.labels.length;
    const offloaded = this.offload !== null && this.fast !== null;
    // This worker takes the first half of each split (the first test images give the digit
    // grid), the helper the second half.
    const half = (n: number) => (offloaded ? Math.ceil(n / 2 / EVAL_CHUNK) * EVAL_CHUNK : n);
    if (offloaded) {
      const p = this.params();
      const copy = {
        hiddenSize: p.hiddenSize,
        W1: Float32Array.from(p.W1),
        b1: Float32Array.from(p.b1),
        W2: Float32Array.from(p.W2),
        b2: Float32Array.from(p.b2),
      };
      this.offload!.start(copy, {
        train: [Math.min(half(nTrain), nTrain), nTrain],
        test: [Math.min(half(nTest), nTest), nTest],
      });
    }
    this.job = {
      iter,
      epoch,
      final,
      split: 'train',
      pos: 0,
      end: Math.min(half(nTrain), nTrain),
      offloaded,
      correctTrain: 0,
      correctTest: 0,
      predictions: new Uint8Array(SAMPLE_COUNT),
    };
    this.lastEvalIter = iter;
  }

  /** One SGD step on a random batch (drawn with replacement); returns the batch loss after the update. */
  step(): number {
    const { batchSize, learningRate, dtype } = this.cfg;
    const train = this.data.train;
    const idx = new Int32Array(batchSize);
    for (let j = 0; j < batchSize; j++) idx[j] = randInt(this.rng, train.labels.length);
    if (this.fast)
      return (this.stepOffload ?? this.fast).step(train.images.pixels, train.labels, idx, batchSize, learningRate);
    const net = this.net!;
    const { x, t } = batchOf(train, idx, dtype);
    const grad = net.gradient(x, t);
    for (const k of PARAM_KEYS) axpyInPlace(net.params[k], grad[k], -learningRate);
    return net.loss(x, t);
  }

  /** Which kernels run the first layer ('ts' for the Float64 layered path). */
  get kernel(): KernelName {
    return this.fast ? this.fast.k.name : 'ts';
  }

  /** The current weights (views, not copies). */
  params(): ParamArrays {
    if (this.fast)
      return { hiddenSize: this.fast.H, W1: this.fast.k.W1, b1: this.fast.k.b1, W2: this.fast.W2, b2: this.fast.b2 };
    const p = this.net!.params;
    return { hiddenSize: p.W1.cols, W1: p.W1.data, b1: p.b1.data, W2: p.W2.data, b2: p.b2.data };
  }

  /** One chunk of the evaluation: true when it is complete, 'wait' while the helper is still busy. */
  private evalChunk(job: EvalJob): boolean | 'wait' {
    if (job.split === 'test' && job.pos >= job.end) {
      if (!job.offloaded) return true;
      const r = this.offload!.result();
      if (!r) return 'wait';
      job.correctTrain += r.train;
      job.correctTest += r.test;
      return true;
    }
    const split: MnistSplit = job.split === 'train' ? this.data.train : this.data.test;
    const total = job.end;
    const n = Math.min(EVAL_CHUNK, total - job.pos);
    const keep = job.split === 'test' && job.pos === 0 ? job.predictions : undefined;
    let correct: number;
    if (this.fast) correct = this.fast.countCorrect(split.images.pixels, split.labels, job.pos, n, keep);
    else {
      const { x, t } = rangeOf(split, job.pos, n, this.cfg.dtype);
      const scores: Matrix = this.net!.predict(x);
      correct = countCorrect(scores, t);
      if (keep) {
        for (let r = 0; r < Math.min(keep.length, n); r++) {
          let best = 0;
          for (let j = 1; j < scores.cols; j++)
            if (scores.data[r * scores.cols + j] > scores.data[r * scores.cols + best]) best = j;
          keep[r] = best;
        }
      }
    }
    if (job.split === 'train') job.correctTrain += correct;
    else job.correctTest += correct;
    job.pos += n;
    if (job.pos < total) return false;
    if (job.split === 'train') {
      job.split = 'test';
      job.pos = 0;
      const nTest = this.data.test.labels.length;
      job.end = job.offloaded ? Math.min(Math.ceil(nTest / 2 / EVAL_CHUNK) * EVAL_CHUNK, nTest) : nTest;
    }
    return false;
  }

  work(shouldYield: () => boolean, emit: (e: TrainerEvent) => void): void {
    while (!this.finished && !shouldYield()) {
      if (this.job) {
        const job = this.job;
        const step = this.evalChunk(job);
        if (step === 'wait') return; // the helper's counts arrive as a message: let it in
        if (!step) continue;
        this.job = null;
        emit({
          type: 'eval',
          row: {
            epoch: job.epoch,
            iter: job.iter,
            train: job.correctTrain / this.data.train.labels.length,
            test: job.correctTest / this.data.test.labels.length,
            final: job.final,
          },
          testPredictions: job.predictions,
        });
        if (job.final) {
          this.finished = true;
          emit({ type: 'done' });
        }
        continue;
      }
      if (this.iter < this.cfg.iterations) {
        const i = this.iter;
        const loss = this.step();
        this.iter++;
        emit({ type: 'loss', iter: i, loss });
        if (!Number.isFinite(loss) || loss > DIVERGENCE_LOSS) {
          this.finished = true;
          emit({ type: 'diverged', iter: i, loss });
          return;
        }
        if (this.isEpochStart(i)) this.startEval(i, Math.round(i / this.iterPerEpoch), false);
        continue;
      }
      if (this.lastEvalIter !== this.cfg.iterations - 1) {
        this.startEval(this.cfg.iterations - 1, this.cfg.iterations / this.iterPerEpoch, true);
        continue;
      }
      this.finished = true;
      emit({ type: 'done' });
    }
  }

  /** True while a full evaluation is under way. */
  get evaluating(): boolean {
    return this.job !== null;
  }
}
