import { PIXELS } from '../constants';

/**
 * The non-zero pixels of every image of a set, listed once (MNIST's images are ~81% zero): the
 * entries of image i are entries[starts[i] .. starts[i + 1]), each `p | pixel << 16` for pixel
 * index p (0–783) and its byte (1–255). 4 bytes per non-zero pixel: 42 MB for MNIST's 70,000
 * images, in shared memory when the images are, so that a helper worker reads the same lists.
 * The WebAssembly kernels copy a batch's entries and widen them (kernels' `decode`) instead of
 * scanning the batch's 784 bytes per image again at every step and every evaluation.
 */
export interface NonZeroLists {
  readonly starts: Int32Array;
  readonly entries: Uint32Array;
}

/** Builds the lists of `pixels` (count × 784 bytes), in a SharedArrayBuffer when `shared`. */
export function listNonZero(pixels: Uint8Array, shared = false): NonZeroLists {
  const count = Math.floor(pixels.length / PIXELS);
  const alloc = (bytes: number) => (shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
  const starts = new Int32Array(alloc((count + 1) * 4));
  let total = 0;
  for (let i = 0; i < count * PIXELS; i++) if (pixels[i] !== 0) total++;
  const entries = new Uint32Array(alloc(total * 4));
  let e = 0;
  for (let r = 0, at = 0; r < count; r++) {
    starts[r] = e;
    for (let p = 0; p < PIXELS; p++, at++) {
      const v = pixels[at];
      if (v !== 0) entries[e++] = p | (v << 16);
    }
  }
  starts[count] = e;
  return { starts, entries };
}

const made = new WeakMap<Uint8Array, NonZeroLists>();

/**
 * The lists of an image set, made on first use and kept as long as its pixel array lives: a
 * data set is listed once per worker. Sets of fewer than `minImages` images (a single traced
 * image, a test's handful) are not worth it: null.
 */
export function nonZeroListsOf(pixels: Uint8Array, minImages = 1000): NonZeroLists | null {
  const known = made.get(pixels);
  if (known) return known;
  if (pixels.length < minImages * PIXELS) return null;
  const lists = listNonZero(pixels, pixels.buffer instanceof SharedArrayBuffer);
  made.set(pixels, lists);
  return lists;
}

/** Takes the lists another worker made of the same (shared) pixels, so this worker need not make them again. */
export function adoptNonZeroLists(pixels: Uint8Array, lists: NonZeroLists): void {
  const count = Math.floor(pixels.length / PIXELS);
  if (lists.starts.length !== count + 1 || lists.entries.length !== lists.starts[count]) return;
  made.set(pixels, lists);
}
