import type { Mnist } from '../data/mnist';
import { rangeOf } from '../data/mnist';
import { gradientCheck, type GradCheckResult } from '../net/gradcheck';
import { SAMPLE_COUNT, Trainer, type EvalOffload, type TrainConfig } from '../net/trainer';
import type { SplitHandle } from '../net/splitStep';
import type { FromWorker, ParamsSnapshot, ToWorker } from './protocol';

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

function snapshot(tr: Trainer): ParamsSnapshot {
  const p = tr.params();
  return {
    hiddenSize: p.hiddenSize,
    W1: Float32Array.from(p.W1),
    b1: Float32Array.from(p.b1),
    W2: Float32Array.from(p.W2),
    b2: Float32Array.from(p.b2),
  };
}
const transfers = (s: ParamsSnapshot): Transferable[] => [s.W1.buffer, s.b1.buffer, s.W2.buffer, s.b2.buffer];

/**
 * The worker's logic without the worker: messages in, messages out, work in slices so that
 * pause, resume and stop are heard within one slice. Unit tests drive it directly.
 */
export function createHost(env: HostEnv): (msg: ToWorker) => void {
  const sliceMs = env.sliceMs ?? 15;
  const reportMs = env.reportMs ?? 250;
  let data: Promise<Mnist> | null = null;
  let run: {
    id: number;
    trainer: Trainer;
    paused: boolean;
    stopped: boolean;
    losses: number[];
    lossStart: number;
    lastReport: number;
    rateIter: number;
    rateT: number;
    rate: number;
  } | null = null;
  let gc: { id: number; cancelled: boolean } | null = null;
  let offload: EvalOffload | null = null;
  let split: SplitHandle | null = null;

  const getData = (base: string): Promise<Mnist> => {
    if (!data) {
      data = env.loadData(base);
      data.catch(() => (data = null)); // a failed load can be retried
    }
    return data;
  };

  const flush = (force: boolean) => {
    if (!run) return;
    const t = env.now();
    if (!force && t - run.lastReport < reportMs) return;
    if (run.losses.length > 0) {
      const losses = Float32Array.from(run.losses);
      env.post({ type: 'losses', runId: run.id, start: run.lossStart, losses }, [losses.buffer]);
      run.lossStart += run.losses.length;
      run.losses = [];
    }
    const dt = t - run.rateT;
    if (dt > 250) {
      run.rate = ((run.trainer.iter - run.rateIter) * 1000) / dt;
      run.rateIter = run.trainer.iter;
      run.rateT = t;
    }
    env.post({
      type: 'progress',
      runId: run.id,
      iter: run.trainer.iter,
      itersPerSec: run.rate,
      evaluating: run.trainer.iter > 0 && run.trainer.evaluating,
    });
    run.lastReport = t;
  };

  const pump = () => {
    const r = run;
    if (!r || r.paused || r.stopped || r.trainer.finished) return;
    const deadline = env.now() + sliceMs;
    r.trainer.work(
      () => env.now() >= deadline,
      (e) => {
        if (e.type === 'loss') r.losses.push(e.loss);
        else if (e.type === 'eval') {
          flush(true);
          const params = snapshot(r.trainer);
          env.post(
            { type: 'eval', runId: r.id, row: e.row, predictions: e.testPredictions, params },
            transfers(params),
          );
        } else if (e.type === 'diverged') {
          flush(true);
          env.post({ type: 'diverged', runId: r.id, iter: e.iter, loss: e.loss });
        } else {
          flush(true);
          const params = snapshot(r.trainer);
          env.post({ type: 'done', runId: r.id, params }, transfers(params));
        }
      },
    );
    flush(false);
    if (!r.trainer.finished) env.defer(pump);
  };

  const startTraining = async (msg: Extract<ToWorker, { type: 'start' }>) => {
    if (run) run.stopped = true;
    env.post({ type: 'loading', runId: msg.runId });
    let mnist: Mnist;
    try {
      mnist = await getData(msg.mnistBase);
    } catch (e) {
      env.post({ type: 'error', runId: msg.runId, message: e instanceof Error ? e.message : String(e) });
      return;
    }
    const samplePixels = mnist.test.images.pixels.slice(0, SAMPLE_COUNT * 784);
    const sampleLabels = mnist.test.labels.slice(0, SAMPLE_COUNT);
    // The split step: the weights live in memory shared with the step helper (one run at a time).
    split?.close();
    split = env.makeSplit?.(msg.config, mnist) ?? null;
    const trainer = new Trainer(msg.config, mnist, split?.kernels);
    if (!split) offload ??= env.makeOffload?.(mnist) ?? null;
    trainer.offload = split?.evalOffload ?? offload;
    trainer.stepOffload = split?.step ?? null;
    // "×2": every step and evaluation on both cores (shown beside the kernel's name).
    const kernel = split ? `${trainer.kernel} ×2` : trainer.kernel;
    env.post({ type: 'loaded', runId: msg.runId, samplePixels, sampleLabels, kernel }, [
      samplePixels.buffer,
      sampleLabels.buffer,
    ]);
    const t = env.now();
    run = {
      id: msg.runId,
      trainer,
      paused: false,
      stopped: false,
      losses: [],
      lossStart: 0,
      lastReport: t,
      rateIter: 0,
      rateT: t,
      rate: 0,
    };
    env.defer(pump);
  };

  const runGradcheck = async (msg: Extract<ToWorker, { type: 'gradcheck' }>) => {
    const me = { id: msg.runId, cancelled: false };
    gc = me;
    let mnist: Mnist;
    try {
      mnist = await getData(msg.mnistBase);
    } catch (e) {
      env.post({ type: 'gc-error', runId: msg.runId, message: e instanceof Error ? e.message : String(e) });
      return;
    }
    const { x, t } = rangeOf(mnist.train, 0, 3, 'float64');
    const it = gradientCheck(x, t, msg.seed);
    let last = 0;
    const step = () => {
      if (me.cancelled) {
        env.post({ type: 'gc-cancelled', runId: me.id });
        return;
      }
      const deadline = env.now() + sliceMs;
      let r = it.next();
      while (!r.done && env.now() < deadline) r = it.next();
      if (r.done) {
        const result: GradCheckResult = r.value;
        env.post({ type: 'gc-result', runId: me.id, result });
        return;
      }
      if (env.now() - last >= reportMs) {
        env.post({ type: 'gc-progress', runId: me.id, done: r.value[0], total: r.value[1] });
        last = env.now();
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
      case 'pause':
        if (run && run.id === msg.runId && !run.paused && !run.trainer.finished) {
          run.paused = true;
          flush(true);
          env.post({ type: 'paused', runId: run.id, iter: run.trainer.iter });
        }
        break;
      case 'resume':
        if (run && run.id === msg.runId && run.paused) {
          run.paused = false;
          run.rateIter = run.trainer.iter;
          run.rateT = env.now();
          env.post({ type: 'resumed', runId: run.id });
          env.defer(pump);
        }
        break;
      case 'stop':
        if (run && run.id === msg.runId && !run.stopped) {
          run.stopped = true;
          flush(true);
          const params = snapshot(run.trainer);
          env.post({ type: 'stopped', runId: run.id, iter: run.trainer.iter, params }, transfers(params));
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
