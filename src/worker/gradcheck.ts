import { rangeOf, type Mnist } from '../data/mnist';
import { toCodedError } from '../errors';
import { BOOK_GRADCHECK_NET, gradcheckImages, gradientCheck } from '../net/gradcheck';
import type { HostContext } from './context';
import type { ToWorker } from './protocol';
import { runInSlices } from './slices';

export interface GradcheckJobs {
  /** Starts a gradient check on the first training images (gradcheckImages), cancelling the one before. */
  start: (msg: Extract<ToWorker, { type: 'gradcheck' }>) => Promise<void>;
  /** Cancels the check `runId`; it says 'gc-cancelled' before its next slice. */
  cancel: (runId: number) => void;
}

/**
 * The gradient check, which runs beside a training run: both take turns in the worker's
 * queue. `trainingBusy` says whether a run is training now, so the page can be told that the
 * check's times were shared.
 */
export function createGradcheck(
  ctx: HostContext,
  mnist: (base: string) => Promise<Mnist>,
  trainingBusy: () => boolean,
): GradcheckJobs {
  let gc: { id: number; cancelled: boolean; shared: boolean } | null = null;

  const start: GradcheckJobs['start'] = async (msg) => {
    if (gc) gc.cancelled = true;
    const me = { id: msg.runId, cancelled: false, shared: false };
    gc = me;
    const fail = (e: unknown) => {
      if (gc === me) gc = null;
      ctx.post({ type: 'gc-error', runId: me.id, error: toCodedError(e) });
    };
    let it: ReturnType<typeof gradientCheck>;
    try {
      const net = msg.net ?? BOOK_GRADCHECK_NET;
      const { x, t } = rangeOf((await mnist(msg.mnistBase)).train, 0, gradcheckImages(net.arch), 'float64');
      it = gradientCheck(x, t, msg.seed, net);
    } catch (e) {
      fail(e);
      return;
    }
    let last = 0;
    runInSlices(it, ctx, {
      proceed: () => {
        if (me.cancelled) {
          if (gc === me) gc = null;
          ctx.post({ type: 'gc-cancelled', runId: me.id });
          return false;
        }
        // The check's times count only its own slices (see gradientCheck); the page is told
        // when a training run took turns with it.
        if (trainingBusy()) me.shared = true;
        return true;
      },
      progress: ([done, total]) => {
        if (ctx.now() - last >= ctx.reportMs) {
          ctx.post({ type: 'gc-progress', runId: me.id, done, total });
          last = ctx.now();
        }
      },
      done: (result) => {
        if (gc === me) gc = null;
        ctx.post({ type: 'gc-result', runId: me.id, result, sharedWithTraining: me.shared });
      },
      fail,
    });
  };

  return {
    start,
    cancel: (runId) => {
      if (gc && gc.id === runId) gc.cancelled = true;
    },
  };
}
