import type { Mnist } from '../data/mnist';
import type { EvalOffload, ParamArrays } from '../net/trainer';

export type HelperIn =
  | { type: 'data'; trainPixels: Uint8Array; trainLabels: Uint8Array; testPixels: Uint8Array; testLabels: Uint8Array }
  | { type: 'eval'; id: number; params: ParamArrays; ranges: { train: [number, number]; test: [number, number] } };
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

/** The same data set in shared memory, so both workers read one copy. */
export function shareMnist(m: Mnist): Mnist {
  return {
    train: { images: { ...m.train.images, pixels: shared(m.train.images.pixels) }, labels: shared(m.train.labels) },
    test: { images: { ...m.test.images, pixels: shared(m.test.images.pixels) }, labels: shared(m.test.labels) },
  };
}

/** Starts the helper worker on the shared data; evaluations then use both cores. */
export function startHelper(m: Mnist): EvalOffload {
  const worker = new Worker(new URL('./evalHelper.worker.ts', import.meta.url), { type: 'module' });
  let id = 0;
  let done: { id: number; train: number; test: number } | null = null;
  worker.onmessage = (e: MessageEvent<HelperOut>) => (done = e.data);
  const msg: HelperIn = {
    type: 'data',
    trainPixels: m.train.images.pixels,
    trainLabels: m.train.labels,
    testPixels: m.test.images.pixels,
    testLabels: m.test.labels,
  };
  worker.postMessage(msg);
  return {
    start(params, ranges) {
      id++;
      done = null;
      worker.postMessage({ type: 'eval', id, params, ranges } satisfies HelperIn);
    },
    result: () => (done && done.id === id ? { train: done.train, test: done.test } : null),
  };
}
