import type { Mnist } from '../data/mnist';
import { PIXELS } from '../constants';
import type { KernelLabel } from '../kernels/types';
import { SAMPLE_COUNT } from '../net/trainer';
import type { HostContext } from './context';

/** Where a message's data comes from: the learner's own, carried by the message, or MNIST from `mnistBase`. */
export interface DataRequest {
  runId: number;
  mnistBase: string;
  dataset?: Mnist;
}

export interface Loads {
  /** MNIST, fetched once and kept; a failed load is tried again next time. */
  mnist: (base: string) => Promise<Mnist>;
  /**
   * Loads the data for a run or an evaluation, the only load that counts: it cancels the one
   * before. Says 'loading' first. Resolves null when Stop or a newer load cancelled it (then
   * nothing more is to be said about it); rejects with the load's error otherwise.
   */
  begin: (req: DataRequest) => Promise<Mnist | null>;
  /** Cancels the load of `runId` if it is the one under way; true if it was. */
  cancel: (runId: number) => boolean;
}

export function createLoads(ctx: HostContext, loadData: (base: string) => Promise<Mnist>): Loads {
  let data: Promise<Mnist> | null = null;
  /** The load still under way; Stop (or a newer start) cancels it before it trains. */
  let pending: { id: number; cancelled: boolean } | null = null;

  const mnist = (base: string): Promise<Mnist> => {
    if (!data) {
      data = loadData(base);
      data.catch(() => (data = null)); // a failed load can be retried
    }
    return data;
  };

  const begin = async (req: DataRequest): Promise<Mnist | null> => {
    if (pending) pending.cancelled = true;
    const me = { id: req.runId, cancelled: false };
    pending = me;
    ctx.post({ type: 'loading', runId: req.runId });
    try {
      const m = await (req.dataset ? Promise.resolve(req.dataset) : mnist(req.mnistBase));
      if (me.cancelled) return null;
      pending = null;
      return m;
    } catch (e) {
      if (me.cancelled) return null;
      if (pending === me) pending = null;
      throw e;
    }
  };

  const cancel = (runId: number): boolean => {
    if (!pending || pending.id !== runId) return false;
    pending.cancelled = true;
    pending = null;
    return true;
  };

  return { mnist, begin, cancel };
}

/** Says the data is ready: the first test images for the digit grid, and every test label. */
export function postLoaded(ctx: HostContext, runId: number, mnist: Mnist, kernel: KernelLabel): void {
  const samplePixels = mnist.test.images.pixels.slice(0, SAMPLE_COUNT * PIXELS);
  const sampleLabels = mnist.test.labels.slice(0, SAMPLE_COUNT);
  const testLabels = mnist.test.labels.slice();
  ctx.post({ type: 'loaded', runId, samplePixels, sampleLabels, testLabels, kernel }, [
    samplePixels.buffer,
    sampleLabels.buffer,
    testLabels.buffer,
  ]);
}
