import type { Mnist } from '../data/mnist';
import { rangeOf } from '../data/mnist';
import { toCodedError } from '../errors';
import { evaluateModel, modelFromSnapshot } from '../net/evaluate';
import { gradientCheck, type GradCheckResult } from '../net/gradcheck';
import { SAMPLE_COUNT, Trainer, type EvalOffload, type TrainConfig } from '../net/trainer';
import type { SplitHandle } from '../net/splitStep';
import { PIXELS } from '../constants';
import { kernelLabel, type KernelLabel } from '../kernels/types';
import { snapshotTransfers, type FromWorker, type ToWorker } from './protocol';

export interface HostEnv {
  post: (msg: FromWorker, transfer?: Transferable[]) => void;
  loadData: (base: string) => Promise<Mnist>;
  /** Runs `fn` as a new task, after pending messages (MessageChannel in a worker). */
  defer: (fn: () => void) => void;
  now: () => number;
  /** Longest piece of work between two looks at the message queue. */
  sliceMs?: number;
  /** Least time between two progress / loss messages (≤ 20 a second). */
  reportMs?: number;
  /** A helper on the other core for the evaluations, where memory can be shared. */
  makeOffload?: (m: Mnist) => EvalOffload | null;
  /** Both cores for every training step and evaluation, where memory can be shared (worker/split.ts). */
  makeSplit?: (cfg: TrainConfig, m: Mnist) => SplitHandle | null;
}

interface Run {
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

/**
 * The worker's logic without the worker: messages in, messages out, work in slices so that
 * pause, resume and stop are heard within one slice. Unit tests drive it directly.
 */
export function createHost(env: HostEnv): (msg: ToWorker) => void {
  const sliceMs = env.sliceMs ?? 15;
  const reportMs = env.reportMs ?? 250;
  let data: Promise<Mnist> | null = null;
  /** The run whose data is still loading; Stop (or a newer start) cancels it before it trains. */
  let pending: { id: number; cancelled: boolean } | null = null;
  let run: Run | null = null;
  let gc: { id: number; cancelled: boolean; shared: boolean } | null = null;
  let offload: EvalOffload | null = null;
  /** The evaluation of given weights under way; a newer start or evaluate ends it. */
  let evaluation: { id: number } | null = null;
  let split: SplitHandle | null = null;

  const getData = (base: string): Promise<Mnist> => {
    if (!data) {
      data = env.loadData(base);
      data.catch(() => (data = null)); // a failed load can be retried
    }
    return data;
  };
  // The learner's own data comes with the message; MNIST is fetched once and kept.
  const dataFor = (msg: { mnistBase: string; dataset?: Mnist }): Promise<Mnist> =>
    msg.dataset ? Promise.resolve(msg.dataset) : getData(msg.mnistBase);

  /** Says the data is ready: the first test images for the digit grid, and every test label. */
  const postLoaded = (runId: number, mnist: Mnist, kernel: KernelLabel) => {
    const samplePixels = mnist.test.images.pixels.slice(0, SAMPLE_COUNT * PIXELS);
    const sampleLabels = mnist.test.labels.slice(0, SAMPLE_COUNT);
    const testLabels = mnist.test.labels.slice();
    env.post({ type: 'loaded', runId, samplePixels, sampleLabels, testLabels, kernel }, [
      samplePixels.buffer,
      sampleLabels.buffer,
      testLabels.buffer,
    ]);
  };

  const flush = (r: Run, force: boolean) => {
    const t = env.now();
    if (!force && t - r.lastReport < reportMs) return;
    if (r.losses.length > 0) {
      const losses = Float32Array.from(r.losses);
      env.post({ type: 'losses', runId: r.id, start: r.lossStart, losses }, [losses.buffer]);
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
    env.post({
      type: 'progress',
      runId: r.id,
      iter: r.trainer.iter,
      itersPerSec: r.rate,
      evaluating: r.trainer.iter > 0 && r.trainer.evaluating,
      ...(changed ? { kernel } : {}),
    });
    r.lastReport = t;
  };

  const schedule = (r: Run) => {
    if (r.scheduled) return;
    r.scheduled = true;
    env.defer(() => {
      r.scheduled = false;
      pump(r);
    });
  };

  const pump = (r: Run) => {
    if (run !== r || r.paused || r.trainer.finished) return;
    const deadline = env.now() + sliceMs;
    try {
      r.trainer.work(
        () => env.now() >= deadline,
        (e) => {
          if (e.type === 'loss') r.losses.push(e.loss);
          else if (e.type === 'eval') {
            flush(r, true);
            const params = r.trainer.snapshot();
            env.post(
              { type: 'eval', runId: r.id, row: e.row, predictions: e.testPredictions, params },
              snapshotTransfers(params),
            );
          } else if (e.type === 'diverged') {
            flush(r, true);
            env.post({ type: 'diverged', runId: r.id, iter: e.iter, loss: e.loss });
          } else {
            flush(r, true);
            const params = r.trainer.snapshot();
            env.post({ type: 'done', runId: r.id, params }, snapshotTransfers(params));
          }
        },
      );
    } catch (e) {
      run = null;
      env.post({ type: 'error', runId: r.id, error: toCodedError(e) });
      return;
    }
    flush(r, false);
    if (r.trainer.finished) run = null;
    else schedule(r);
  };

  const startTraining = async (msg: Extract<ToWorker, { type: 'start' }>) => {
    run = null; // the page starts a run only when none is going; a stray one ends here
    evaluation = null;
    if (pending) pending.cancelled = true;
    const me = { id: msg.runId, cancelled: false };
    pending = me;
    env.post({ type: 'loading', runId: msg.runId });
    try {
      const mnist = await dataFor(msg);
      // Stopped while the data loaded: abandon the run, say nothing more about it.
      if (me.cancelled) return;
      pending = null;
      // The split step: the weights live in memory shared with the step helper (one run at a time).
      // It shares MNIST: the learner's own data is trained and evaluated here alone.
      split?.close();
      split = msg.dataset ? null : (env.makeSplit?.(msg.config, mnist) ?? null);
      const trainer = new Trainer(msg.config, mnist, split?.kernels);
      if (split) {
        trainer.stepOffload = split.step;
        trainer.offload = split.evalOffload;
      } else if (!msg.dataset) {
        // A helper that failed is replaced for the next run (it may have been a passing fault).
        if (offload?.failed) offload = null;
        offload ??= env.makeOffload?.(mnist) ?? null;
        trainer.offload = offload;
      }
      // "×2": every step and evaluation on both cores (shown beside the kernel's name).
      const kernel = kernelLabel(trainer.kernel, split ? 2 : 1);
      postLoaded(msg.runId, mnist, kernel);
      const t = env.now();
      const r: Run = {
        id: msg.runId,
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
      run = r;
      schedule(r);
    } catch (e) {
      if (me.cancelled) return;
      if (pending === me) pending = null;
      env.post({ type: 'error', runId: msg.runId, error: toCodedError(e) });
    }
  };

  const evaluate = async (msg: Extract<ToWorker, { type: 'evaluate' }>) => {
    run = null;
    if (pending) pending.cancelled = true;
    const me = { id: msg.runId, cancelled: false };
    pending = me;
    evaluation = null;
    env.post({ type: 'loading', runId: msg.runId });
    const job = { id: msg.runId };
    const fail = (e: unknown) => {
      if (evaluation === job) evaluation = null;
      env.post({ type: 'error', runId: msg.runId, error: toCodedError(e) });
    };
    let it: ReturnType<typeof evaluateModel>;
    try {
      const mnist = await dataFor(msg);
      if (me.cancelled) return;
      pending = null;
      const model = modelFromSnapshot(msg.params);
      postLoaded(msg.runId, mnist, model.kernel);
      it = evaluateModel(model, mnist);
    } catch (e) {
      if (me.cancelled) return;
      if (pending === me) pending = null;
      fail(e);
      return;
    }
    evaluation = job;
    const step = () => {
      if (evaluation !== job) return; // a newer run or evaluation took over
      try {
        const deadline = env.now() + sliceMs;
        let r = it.next();
        while (!r.done && env.now() < deadline) r = it.next();
        if (r.done) {
          evaluation = null;
          const { train, test, testPredictions } = r.value;
          env.post({ type: 'evaluated', runId: job.id, train, test, predictions: testPredictions }, [
            testPredictions.buffer,
          ]);
          return;
        }
      } catch (e) {
        fail(e);
        return;
      }
      env.defer(step);
    };
    env.defer(step);
  };

  const runGradcheck = async (msg: Extract<ToWorker, { type: 'gradcheck' }>) => {
    if (gc) gc.cancelled = true;
    const me = { id: msg.runId, cancelled: false, shared: false };
    gc = me;
    const fail = (e: unknown) => {
      if (gc === me) gc = null;
      env.post({ type: 'gc-error', runId: me.id, error: toCodedError(e) });
    };
    let it: ReturnType<typeof gradientCheck>;
    try {
      const mnist = await getData(msg.mnistBase);
      const { x, t } = rangeOf(mnist.train, 0, 3, 'float64');
      it = gradientCheck(x, t, msg.seed);
    } catch (e) {
      fail(e);
      return;
    }
    let last = 0;
    const step = () => {
      if (me.cancelled) {
        if (gc === me) gc = null;
        env.post({ type: 'gc-cancelled', runId: me.id });
        return;
      }
      // The check's times count only its own slices (see gradientCheck); the page is told
      // when a training run took turns with it.
      if (run && !run.paused) me.shared = true;
      try {
        const deadline = env.now() + sliceMs;
        let r = it.next();
        while (!r.done && env.now() < deadline) r = it.next();
        if (r.done) {
          const result: GradCheckResult = r.value;
          if (gc === me) gc = null;
          env.post({ type: 'gc-result', runId: me.id, result, sharedWithTraining: me.shared });
          return;
        }
        if (env.now() - last >= reportMs) {
          env.post({ type: 'gc-progress', runId: me.id, done: r.value[0], total: r.value[1] });
          last = env.now();
        }
      } catch (e) {
        fail(e);
        return;
      }
      env.defer(step);
    };
    env.defer(step);
  };

  return (msg) => {
    switch (msg.type) {
      case 'start':
        void startTraining(msg);
        break;
      case 'evaluate':
        void evaluate(msg);
        break;
      case 'pause':
        if (run && run.id === msg.runId && !run.paused) {
          run.paused = true;
          flush(run, true);
          env.post({ type: 'paused', runId: run.id, iter: run.trainer.iter });
        }
        break;
      case 'resume':
        if (run && run.id === msg.runId && run.paused) {
          run.paused = false;
          run.rateIter = run.trainer.iter;
          run.rateT = env.now();
          env.post({ type: 'resumed', runId: run.id });
          schedule(run);
        }
        break;
      case 'stop':
        if (evaluation && evaluation.id === msg.runId) evaluation = null;
        if (pending && pending.id === msg.runId) {
          pending.cancelled = true;
          pending = null;
        } else if (run && run.id === msg.runId) {
          const r = run;
          run = null;
          flush(r, true);
          const params = r.trainer.snapshot();
          env.post({ type: 'stopped', runId: r.id, iter: r.trainer.iter, params }, snapshotTransfers(params));
        }
        break;
      case 'gradcheck':
        void runGradcheck(msg);
        break;
      case 'cancelGradcheck':
        if (gc && gc.id === msg.runId) gc.cancelled = true;
        break;
    }
  };
}
