import type { Mnist } from '../data/mnist';
import { mulberry32, randInt, type Rng } from '../tensor/random';
import { TwoLayerNet } from './twoLayerNet';
import { FastNet } from './fastNet';
import { FastOptimizer } from './fastOptimizer';
import { archOf, type TrainConfig } from './config';
import {
  fastModel,
  layeredModel,
  optimizerFor,
  referenceModel,
  referenceNet,
  twoLayerPathFits,
  type TrainModel,
} from './models';
import type { ParamSnapshot } from './params';
import type { SplitTrainer } from './splitStep';
import { splitLayout } from './splitStep';
import { wasmSupport, type WasmKind } from '../kernels/wasmKernels';
import type { KernelName } from '../kernels/types';
import { CodedFailure } from '../errors';
import { CLASSES, PIXELS } from '../constants';

export type { TrainConfig } from './config';
export { BOOK_CONFIG } from './config';

/**
 * How a run computes: the WebAssembly kernels it may use (null: none, the Float64 reference
 * classes train every net), and the split step whose shared memory holds the net, if both
 * cores take part.
 */
export interface TrainerOptions {
  kind?: WasmKind | null;
  split?: SplitTrainer | null;
}

/** The most memory a fast net's buffers may take (the activations of a whole batch per layer). */
export const MAX_NET_BYTES = 1536 * 1024 * 1024;

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
  /** `testPredictions`: the predicted digit of every test image. */
  | { type: 'eval'; row: EvalRow; testPredictions: Uint8Array }
  | { type: 'diverged'; iter: number; loss: number }
  | { type: 'done' };

/**
 * A loss above ten times that of a net that guesses uniformly (ln 10 ≈ 2.30) means the
 * weights have blown up: with the log guarded at exact zeros the loss seldom reaches NaN
 * (learning rate 50 gives losses of 13–45 for thousands of steps), so this is caught too.
 */
export const DIVERGENCE_LOSS = 10 * Math.log(10);

/**
 * Batch norm's test-mode loss (the one recorded after each update, as the book's Trainer
 * does) uses running averages that start at zero and follow the batches with momentum 0.9:
 * until they have (0.9⁵⁰ < 1%), a loss above DIVERGENCE_LOSS is the book's net warming up, not
 * blowing up. Only a loss that is not finite ends such a run before this iteration.
 */
export const BATCH_NORM_WARM_UP = 50;

/** How many of the first test images the page is sent to show (the digit grid). */
export const SAMPLE_COUNT = 24;
export const EVAL_CHUNK = 1000;

/**
 * The second core's share of an evaluation (the split step's helper, which reads the weights
 * from the memory both share): `start` hands it the ranges; `result` is null until its counts
 * are in (when the helper is gone, the trainer's side counts them itself, so they always come).
 */
export interface EvalOffload {
  start(ranges: { train: [number, number]; test: [number, number] }): void;
  result(): { train: number; test: number } | null;
  /** True once the helper is gone: it takes no more work. */
  readonly failed: boolean;
}

/** A run of consecutive images of one split. */
interface Segment {
  split: 'train' | 'test';
  from: number;
  to: number;
}

interface EvalJob {
  iter: number;
  epoch: number;
  final: boolean;
  /** What this worker still has to count, in order; `pos` is where it stands in the first. */
  todo: Segment[];
  pos: number;
  /** What the helper is counting, or null when this worker counts everything. */
  handedOff: Segment[] | null;
  correctTrain: number;
  correctTest: number;
  predictions: Uint8Array;
}

/**
 * The book's training loop (train_neuralnet.py), resumable in small pieces: `work` runs until
 * `shouldYield()` says so, so a worker can hear Pause and Stop between pieces.
 */
export class Trainer {
  /** The net being trained: the fused Float32 net, the book's layered TwoLayerNet, or the reference MultiLayerNetExtend. */
  readonly model: TrainModel;
  readonly iterPerEpoch: number;
  /** How many of the first training images are trained on and counted (the book's train_size). */
  readonly trainSize: number;
  /** Iterations done. */
  iter = 0;
  finished = false;
  private job: EvalJob | null = null;
  /** Set by the worker when a second core can take half of each evaluation. */
  offload: EvalOffload | null = null;
  private readonly rng: Rng;
  private lastEvalIter = -1;
  /** The first iteration whose loss may be called diverged for being too large. */
  private readonly warmUp: number;

  constructor(
    readonly cfg: TrainConfig,
    readonly data: Mnist,
    opts: TrainerOptions = {},
  ) {
    const rng = mulberry32(cfg.seed);
    this.model = modelFor(cfg, rng, opts.kind === undefined ? wasmSupport() : opts.kind, opts.split ?? null);
    this.rng = rng;
    this.warmUp = cfg.batchNorm ? BATCH_NORM_WARM_UP : 0;
    // The first trainImages images are the training set (all of a smaller set of the learner's).
    this.trainSize = Math.min(cfg.trainImages, data.train.labels.length);
    // iter_per_epoch = max(train_size / batch_size, 1); an evaluation where i crosses a multiple of it.
    this.iterPerEpoch = Math.max(this.trainSize / cfg.batchSize, 1);
  }

  private isEpochStart(i: number): boolean {
    return i === 0 || Math.floor(i / this.iterPerEpoch) > Math.floor((i - 1) / this.iterPerEpoch);
  }

  private startEval(iter: number, epoch: number, final: boolean): void {
    const nTrain = this.trainSize;
    const nTest = this.data.test.labels.length;
    const offload = this.offload && !this.offload.failed && this.model.dtype === 'float32' ? this.offload : null;
    // This worker counts every test image, keeping each prediction (the confusion matrix needs
    // all of them), and as many training images as make its share half of the work; the
    // helper counts the rest of the training images.
    const mine = offload
      ? Math.min(Math.max(0, Math.ceil((nTrain - nTest) / 2 / EVAL_CHUNK) * EVAL_CHUNK), nTrain)
      : nTrain;
    const todo: Segment[] = [
      { split: 'train', from: 0, to: mine },
      { split: 'test', from: 0, to: nTest },
    ];
    let handedOff: Segment[] | null = null;
    if (offload) {
      handedOff = [
        { split: 'train', from: mine, to: nTrain },
        { split: 'test', from: nTest, to: nTest },
      ];
      offload.start({
        train: [handedOff[0].from, handedOff[0].to],
        test: [handedOff[1].from, handedOff[1].to],
      });
    }
    this.job = {
      iter,
      epoch,
      final,
      todo: todo.filter((g) => g.to > g.from),
      pos: 0,
      handedOff,
      correctTrain: 0,
      correctTest: 0,
      predictions: new Uint8Array(nTest),
    };
    this.lastEvalIter = iter;
  }

  /** One step on a random batch of the training set (drawn with replacement); returns the batch loss after the update. */
  step(): number {
    const { batchSize, learningRate } = this.cfg;
    const idx = new Int32Array(batchSize);
    for (let j = 0; j < batchSize; j++) idx[j] = randInt(this.rng, this.trainSize);
    return this.model.step(this.data.train, idx, learningRate);
  }

  /** Which kernels run the first layer ('ts' for the Float64 layered path). */
  get kernel(): KernelName {
    return this.model.kernel;
  }

  /** A copy of the current weights. */
  snapshot(): ParamSnapshot {
    return this.model.snapshot();
  }

  /** One chunk of the evaluation: true when it is complete, 'wait' while the helper is still busy. */
  private evalChunk(job: EvalJob): boolean | 'wait' {
    const seg = job.todo[0];
    if (!seg) {
      if (!job.handedOff) return true;
      const r = this.offload?.result() ?? null;
      if (r === null) return 'wait';
      job.correctTrain += r.train;
      job.correctTest += r.test;
      job.handedOff = null;
      return true;
    }
    if (job.pos < seg.from) job.pos = seg.from;
    const n = Math.min(EVAL_CHUNK, seg.to - job.pos);
    const keep = seg.split === 'test' ? job.predictions.subarray(job.pos, job.pos + n) : undefined;
    const correct = this.model.countCorrect(this.data[seg.split], job.pos, n, keep);
    if (seg.split === 'train') job.correctTrain += correct;
    else job.correctTest += correct;
    job.pos += n;
    if (job.pos >= seg.to) {
      job.todo.shift();
      job.pos = job.todo[0]?.from ?? 0;
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
            train: job.correctTrain / this.trainSize,
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
        if (!Number.isFinite(loss) || (loss > DIVERGENCE_LOSS && i >= this.warmUp)) {
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

/**
 * The net a run trains. In Float32, the fast net (WebAssembly kernels, layer by layer) for
 * every net of the family, on the split step's shared memory when both cores take part.
 * Otherwise the book's classes in Float64: TwoLayerNet for the book's chapter 5 run,
 * MultiLayerNetExtend with its optimizer for every other. Every path draws the initial weights
 * first from the run's rng, in the same order (W1, W2, …), so the batches that follow are the
 * same.
 */
function modelFor(cfg: TrainConfig, rng: Rng, kind: WasmKind | null, split: SplitTrainer | null): TrainModel {
  const arch = archOf(cfg);
  if (cfg.dtype === 'float32' && kind) {
    let net: FastNet;
    if (split) net = split.net;
    else {
      const layout = splitLayout(cfg, arch);
      if (layout.bytes > MAX_NET_BYTES)
        throw new CodedFailure('train.tooLarge', {
          mb: Math.ceil(layout.bytes / 2 ** 20),
          max: MAX_NET_BYTES / 2 ** 20,
        });
      net = new FastNet(arch, kind, layout.rows);
    }
    net.init(cfg, rng);
    net.dropoutSeed = cfg.seed;
    return fastModel(net, split ? null : new FastOptimizer(net, cfg), split);
  }
  if (!twoLayerPathFits(cfg)) return referenceModel(referenceNet(cfg, rng), arch, optimizerFor(cfg));
  const hidden = cfg.hidden[0];
  return layeredModel(new TwoLayerNet(PIXELS, hidden, CLASSES, cfg.weightInitStd, rng, cfg.dtype), cfg.dtype);
}
