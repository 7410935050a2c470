import type { Mnist } from '../data/mnist';
import { toCodedError } from '../errors';
import type { TrainConfig } from '../net/trainer';
import type { SplitHandle } from '../net/splitStep';
import type { HostContext } from './context';
import { createEvaluation } from './evaluation';
import { createGradcheck } from './gradcheck';
import { createLoads } from './loads';
import type { FromWorker, ToWorker } from './protocol';
import { createTraining } from './training';

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
  /** Both cores for every training step and evaluation, where memory can be shared (worker/split.ts). */
  makeSplit?: (cfg: TrainConfig, m: Mnist) => SplitHandle | null;
}

/**
 * The worker's logic without the worker: messages in, messages out, work in slices so that
 * pause, resume and stop are heard within one slice. Unit tests drive it directly.
 *
 * Its parts: loads.ts (the data, and the one load that counts), training.ts (the run),
 * evaluation.ts (given weights), gradcheck.ts (the gradient check), slices.ts (the loop that
 * works until a deadline, then yields to the message queue).
 */
export function createHost(env: HostEnv): (msg: ToWorker) => void {
  const ctx: HostContext = {
    post: env.post,
    now: env.now,
    defer: env.defer,
    sliceMs: env.sliceMs ?? 15,
    reportMs: env.reportMs ?? 250,
  };
  const loads = createLoads(ctx, env.loadData);
  const training = createTraining(ctx, { makeSplit: env.makeSplit });
  const evaluation = createEvaluation(ctx);
  const gradcheck = createGradcheck(ctx, loads.mnist, training.busy);
  const fail = (runId: number, e: unknown) => ctx.post({ type: 'error', runId, error: toCodedError(e) });

  // The page starts a run or an evaluation only when none is going; a stray one ends here, silently.
  const startTraining = async (msg: Extract<ToWorker, { type: 'start' }>) => {
    training.drop();
    evaluation.drop();
    try {
      const mnist = await loads.begin(msg);
      if (mnist) training.start(msg, mnist);
    } catch (e) {
      fail(msg.runId, e);
    }
  };

  const evaluate = async (msg: Extract<ToWorker, { type: 'evaluate' }>) => {
    training.drop();
    evaluation.drop();
    try {
      const mnist = await loads.begin(msg);
      if (mnist) evaluation.start(msg.runId, msg.params, mnist);
    } catch (e) {
      fail(msg.runId, e);
    }
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
        training.pause(msg.runId);
        break;
      case 'resume':
        training.resume(msg.runId);
        break;
      case 'stop':
        // Stop while the data loads abandons the run: nothing more is said about it.
        evaluation.stop(msg.runId);
        if (!loads.cancel(msg.runId)) training.stop(msg.runId);
        break;
      case 'gradcheck':
        void gradcheck.start(msg);
        break;
      case 'cancelGradcheck':
        gradcheck.cancel(msg.runId);
        break;
    }
  };
}
