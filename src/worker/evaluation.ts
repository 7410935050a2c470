import type { Mnist } from '../data/mnist';
import { toCodedError } from '../errors';
import { evaluateModel, modelFromSnapshot } from '../net/evaluate';
import type { HostContext } from './context';
import { postLoaded } from './loads';
import type { ParamSnapshot } from './protocol';
import { runInSlices } from './slices';

export interface Evaluation {
  /** Evaluates given weights on all images in slices, then says 'evaluated'; throws if the weights make no net. */
  start: (runId: number, params: ParamSnapshot, mnist: Mnist) => void;
  /** Ends the evaluation `runId` without a word, if it is the one under way. */
  stop: (runId: number) => void;
  /** Ends any evaluation without a word: a newer run or evaluation takes the worker. */
  drop: () => void;
}

/** The evaluation of given weights (an imported file), at most one at a time. */
export function createEvaluation(ctx: HostContext): Evaluation {
  let current: { id: number } | null = null;

  const start: Evaluation['start'] = (runId, params, mnist) => {
    const model = modelFromSnapshot(params);
    postLoaded(ctx, runId, mnist, model.kernel);
    const it = evaluateModel(model, mnist);
    const job = { id: runId };
    current = job;
    runInSlices(it, ctx, {
      proceed: () => current === job, // a newer run or evaluation took over
      done: ({ train, test, testPredictions }) => {
        current = null;
        ctx.post({ type: 'evaluated', runId: job.id, train, test, predictions: testPredictions }, [
          testPredictions.buffer,
        ]);
      },
      fail: (e) => {
        if (current === job) current = null;
        ctx.post({ type: 'error', runId: job.id, error: toCodedError(e) });
      },
    });
  };

  return {
    start,
    stop: (runId) => {
      if (current && current.id === runId) current = null;
    },
    drop: () => (current = null),
  };
}
