import type { Mnist } from '../data/mnist';
import { adoptNonZeroLists, nonZeroListsOf, type NonZeroLists } from '../kernels/sparse';
import type { ParamSnapshot } from '../net/params';
import type { EvalOffload } from '../net/trainer';

export type HelperIn =
  | {
      type: 'data';
      trainPixels: Uint8Array;
      trainLabels: Uint8Array;
      testPixels: Uint8Array;
      testLabels: Uint8Array;
      /** The non-zero pixel lists the trainer made of the same shared images (none: the helper makes its own). */
      lists?: MnistLists;
    }
  | { type: 'eval'; id: number; params: ParamSnapshot; ranges: { train: [number, number]; test: [number, number] } };
export type HelperOut = { type: 'result'; id: number; train: number; test: number };

/** Whether memory can be shared with a second worker (the page is cross-origin isolated). */
export const canShare = (): boolean =>
  typeof SharedArrayBuffer === 'function' &&
  (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;

const shared = (a: Uint8Array): Uint8Array => {
  const out = new Uint8Array(new SharedArrayBuffer(a.length));
  out.set(a);
  return out;
};

/** The non-zero pixel lists of both image sets (null for a set too small to list). */
export interface MnistLists {
  train: NonZeroLists | null;
  test: NonZeroLists | null;
}

/** This worker's lists of both image sets, made now if they were not yet: to hand to a helper. */
export const listsOf = (m: Mnist): MnistLists => ({
  train: nonZeroListsOf(m.train.images.pixels),
  test: nonZeroListsOf(m.test.images.pixels),
});

/** Takes the lists another worker made of these (shared) images, so that they exist once. */
export function adoptLists(trainPixels: Uint8Array, testPixels: Uint8Array, lists: MnistLists | undefined): void {
  if (lists?.train) adoptNonZeroLists(trainPixels, lists.train);
  if (lists?.test) adoptNonZeroLists(testPixels, lists.test);
}

/** The same data set in shared memory, so both workers read one copy. */
export function shareMnist(m: Mnist): Mnist {
  return {
    train: { images: { ...m.train.images, pixels: shared(m.train.images.pixels) }, labels: shared(m.train.labels) },
    test: { images: { ...m.test.images, pixels: shared(m.test.images.pixels) }, labels: shared(m.test.labels) },
  };
}

/** The part of a Worker the offload uses (a fake in tests). */
export interface HelperWorker {
  postMessage(msg: HelperIn): void;
  terminate(): void;
  onmessage: ((e: MessageEvent<HelperOut>) => void) | null;
  onerror: ((e: Event) => void) | null;
  onmessageerror: ((e: MessageEvent) => void) | null;
}

/**
 * Its share of one evaluation (35,000 images) takes the helper well under a second; when it
 * is this late after the trainer finished its own share, it is taken as gone.
 */
export const HELPER_TIMEOUT_MS = 10_000;

/**
 * Evaluations on two cores: the helper worker counts the images it is sent. If it fails to
 * start (its script does not load), throws, or does not answer in time, `result` says
 * 'failed', the helper is shut down and the trainer counts the rest itself (one core).
 */
export function createOffload(
  worker: HelperWorker,
  m: Mnist,
  now: () => number = () => performance.now(),
  timeoutMs = HELPER_TIMEOUT_MS,
): EvalOffload {
  let id = 0;
  let done: HelperOut | null = null;
  let failed = false;
  let waitingSince: number | null = null;
  const fail = () => {
    if (failed) return;
    failed = true;
    worker.onmessage = worker.onerror = worker.onmessageerror = null;
    worker.terminate();
  };
  worker.onmessage = (e) => (done = e.data);
  worker.onerror = (e) => {
    // Handled here: unhandled, a helper's error would also become the trainer worker's.
    e.preventDefault();
    fail();
  };
  worker.onmessageerror = () => fail();
  worker.postMessage({
    type: 'data',
    trainPixels: m.train.images.pixels,
    trainLabels: m.train.labels,
    testPixels: m.test.images.pixels,
    testLabels: m.test.labels,
    lists: listsOf(m),
  });
  return {
    get failed() {
      return failed;
    },
    start(params, ranges) {
      if (failed) return;
      id++;
      done = null;
      waitingSince = null;
      worker.postMessage({ type: 'eval', id, params, ranges });
    },
    result() {
      if (failed) return 'failed';
      if (done && done.id === id) return { train: done.train, test: done.test };
      const t = now();
      waitingSince ??= t;
      if (t - waitingSince > timeoutMs) {
        fail();
        return 'failed';
      }
      return null;
    },
  };
}

/** Starts the helper worker on the shared data; evaluations then use both cores. */
export function startHelper(m: Mnist): EvalOffload {
  const worker = new Worker(new URL('./evalHelper.worker.ts', import.meta.url), { type: 'module' });
  return createOffload(worker as HelperWorker, m);
}
