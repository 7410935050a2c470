import type { Mnist } from '../data/mnist';
import { adoptNonZeroLists, nonZeroListsOf, type NonZeroLists } from '../kernels/sparse';

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
