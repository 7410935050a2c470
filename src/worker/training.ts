import type { Mnist } from '../data/mnist';
import { toCodedError } from '../errors';
import { kernelLabel, type KernelLabel } from '../kernels/types';
import type { SplitHandle } from '../net/splitStep';
import { Trainer, type TrainConfig, type TrainerEvent } from '../net/trainer';
import type { HostContext } from './context';
import { postLoaded } from './loads';
import { snapshotTransfers, type ToWorker } from './protocol';

/** The helpers on the other core, where memory can be shared (see HostEnv). */
export interface Helpers {
  makeSplit?: (cfg: TrainConfig, m: Mnist) => SplitHandle | null;
}

/** One training run: its trainer, whether it is paused, and what its next report will say. */
export interface Run {
  id: number;
  trainer: Trainer;
  paused: boolean;
  /** A slice is queued: never two chains of slices for one run. */
  scheduled: boolean;
  losses: number[];
  lossStart: number;
  lastReport: number;
  rateIter: number;
  rateT: number;
  rate: number;
  /** The split this run's steps use, if any, and the kernel label the page was last told. */
  split: SplitHandle | null;
  kernel: KernelLabel;
}

export function newRun(id: number, trainer: Trainer, split: SplitHandle | null, kernel: KernelLabel, t: number): Run {
  return {
    id,
    trainer,
    paused: false,
    scheduled: false,
    losses: [],
    lossStart: 0,
    lastReport: t,
    rateIter: 0,
    rateT: t,
    rate: 0,
    split,
    kernel,
  };
}

/**
 * Sends the losses gathered since the last report and the run's progress (iterations per
 * second, and the kernel label when it changed), at most once per `reportMs` unless `force`.
 */
export function report(ctx: HostContext, r: Run, force: boolean): void {
  const t = ctx.now();
  if (!force && t - r.lastReport < ctx.reportMs) return;
  if (r.losses.length > 0) {
    const losses = Float32Array.from(r.losses);
    ctx.post({ type: 'losses', runId: r.id, start: r.lossStart, losses }, [losses.buffer]);
    r.lossStart += r.losses.length;
    r.losses = [];
  }
  const dt = t - r.rateT;
  if (dt > 250) {
    r.rate = ((r.trainer.iter - r.rateIter) * 1000) / dt;
    r.rateIter = r.trainer.iter;
    r.rateT = t;
  }
  // A step helper that failed leaves the run on one core: the page's "×2" goes.
  const kernel = kernelLabel(r.trainer.kernel, r.split && !r.split.evalOffload.failed ? 2 : 1);
  const changed = kernel !== r.kernel;
  r.kernel = kernel;
  ctx.post({
    type: 'progress',
    runId: r.id,
    iter: r.trainer.iter,
    itersPerSec: r.rate,
    evaluating: r.trainer.iter > 0 && r.trainer.evaluating,
    ...(changed ? { kernel } : {}),
  });
  r.lastReport = t;
}

/** Passes one of the trainer's events on to the page: a loss is gathered, the rest go at once. */
export function relay(ctx: HostContext, r: Run, e: TrainerEvent): void {
  if (e.type === 'loss') {
    r.losses.push(e.loss);
    return;
  }
  report(ctx, r, true);
  if (e.type === 'eval') {
    const params = r.trainer.snapshot();
    ctx.post(
      { type: 'eval', runId: r.id, row: e.row, predictions: e.testPredictions, params },
      snapshotTransfers(params),
    );
  } else if (e.type === 'diverged') {
    ctx.post({ type: 'diverged', runId: r.id, iter: e.iter, loss: e.loss });
  } else {
    const params = r.trainer.snapshot();
    ctx.post({ type: 'done', runId: r.id, params }, snapshotTransfers(params));
  }
}

export interface Training {
  /** Builds the trainer on loaded data, says 'loaded' and starts its chain of slices. */
  start: (msg: Extract<ToWorker, { type: 'start' }>, mnist: Mnist) => void;
  pause: (runId: number) => void;
  resume: (runId: number) => void;
  /** Ends the run `runId` at once and sends its weights. */
  stop: (runId: number) => void;
  /** Lets the run go without a word: a newer start or an evaluation takes the worker. */
  drop: () => void;
  /** A run is training now (not paused). */
  busy: () => boolean;
}

/** The training run, at most one: trained in slices so that pause, resume and stop are heard within one. */
export function createTraining(ctx: HostContext, helpers: Helpers): Training {
  let run: Run | null = null;
  let split: SplitHandle | null = null;

  const schedule = (r: Run) => {
    if (r.scheduled) return;
    r.scheduled = true;
    ctx.defer(() => {
      r.scheduled = false;
      pump(r);
    });
  };

  const pump = (r: Run) => {
    if (run !== r || r.paused || r.trainer.finished) return;
    const deadline = ctx.now() + ctx.sliceMs;
    try {
      r.trainer.work(
        () => ctx.now() >= deadline,
        (e) => relay(ctx, r, e),
      );
    } catch (e) {
      run = null;
      ctx.post({ type: 'error', runId: r.id, error: toCodedError(e) });
      return;
    }
    report(ctx, r, false);
    if (r.trainer.finished) run = null;
    else schedule(r);
  };

  /** The trainer for a run, with the split step (both cores) where it can be had. */
  const makeTrainer = (msg: Extract<ToWorker, { type: 'start' }>, mnist: Mnist): Trainer => {
    // The split step: the net lives in memory shared with the step helper (one run at a time).
    // It shares MNIST: the learner's own data is trained and evaluated here alone.
    split?.close();
    split = msg.dataset ? null : (helpers.makeSplit?.(msg.config, mnist) ?? null);
    const trainer = new Trainer(msg.config, mnist, { split: split?.trainer ?? null });
    trainer.offload = split?.evalOffload ?? null;
    return trainer;
  };

  const start: Training['start'] = (msg, mnist) => {
    const trainer = makeTrainer(msg, mnist);
    // "×2": every step and evaluation on both cores (shown beside the kernel's name).
    const kernel = kernelLabel(trainer.kernel, split ? 2 : 1);
    postLoaded(ctx, msg.runId, mnist, kernel);
    const r = newRun(msg.runId, trainer, split, kernel, ctx.now());
    run = r;
    schedule(r);
  };

  const pause = (runId: number) => {
    if (!run || run.id !== runId || run.paused) return;
    run.paused = true;
    report(ctx, run, true);
    ctx.post({ type: 'paused', runId: run.id, iter: run.trainer.iter });
  };

  const resume = (runId: number) => {
    if (!run || run.id !== runId || !run.paused) return;
    run.paused = false;
    run.rateIter = run.trainer.iter;
    run.rateT = ctx.now();
    ctx.post({ type: 'resumed', runId: run.id });
    schedule(run);
  };

  const stop = (runId: number) => {
    if (!run || run.id !== runId) return;
    const r = run;
    run = null;
    report(ctx, r, true);
    const params = r.trainer.snapshot();
    ctx.post({ type: 'stopped', runId: r.id, iter: r.trainer.iter, params }, snapshotTransfers(params));
  };

  return {
    start,
    pause,
    resume,
    stop,
    drop: () => (run = null),
    busy: () => run !== null && !run.paused,
  };
}
