/** IDX files (the MNIST format), checked field by field so that a bad file says what is wrong. */
import { DataError } from '../errors';

export const IMAGES_MAGIC = 2051;
export const LABELS_MAGIC = 2049;

export { DataError } from '../errors';

export interface IdxImages {
  count: number;
  rows: number;
  cols: number;
  /** count × rows × cols bytes, 0–255. */
  pixels: Uint8Array;
}

export const isGzip = (b: Uint8Array): boolean => b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;

const u32 = (b: Uint8Array, o: number): number => ((b[o] << 24) | (b[o + 1] << 16) | (b[o + 2] << 8) | b[o + 3]) >>> 0;

export function parseImages(file: string, b: Uint8Array): IdxImages {
  if (b.length < 16) throw new DataError(file, 'data.imagesHeaderShort', { bytes: b.length });
  const magic = u32(b, 0);
  if (magic !== IMAGES_MAGIC) throw new DataError(file, 'data.imagesMagic', { magic, expected: IMAGES_MAGIC });
  const count = u32(b, 4),
    rows = u32(b, 8),
    cols = u32(b, 12);
  if (rows !== 28 || cols !== 28) throw new DataError(file, 'data.imageSize', { rows, cols });
  const expected = 16 + count * rows * cols;
  if (b.length !== expected) throw new DataError(file, 'data.length', { bytes: b.length, expected });
  return { count, rows, cols, pixels: b.subarray(16) };
}

/**
 * The most images a file may hold (EMNIST Digits has 240,000 training images; MNIST 60,000):
 * 300,000 images are 235 MB of pixels, what a page can still hold beside the net.
 */
export const MAX_IDX_IMAGES = 300_000;

/**
 * The length an IDX file's header promises, read from its first bytes while it is unzipped (see
 * gunzip's OutputLimit): null until the header is complete. Throws the parser's own DataError
 * for a file that can only be refused (not IDX, images that are not 28 × 28, too many items),
 * so that nothing more is unzipped.
 */
export function idxLengthLimit(file: string): (head: Uint8Array) => number | null {
  return (head) => {
    if (head.length < 4) return null;
    const magic = u32(head, 0);
    if (magic === IMAGES_MAGIC) {
      if (head.length < 16) return null;
      const count = u32(head, 4),
        rows = u32(head, 8),
        cols = u32(head, 12);
      if (rows !== 28 || cols !== 28) throw new DataError(file, 'data.imageSize', { rows, cols });
      if (count > MAX_IDX_IMAGES) throw new DataError(file, 'data.tooMany', { count, max: MAX_IDX_IMAGES });
      return 16 + count * rows * cols;
    }
    if (magic === LABELS_MAGIC) {
      if (head.length < 8) return null;
      const count = u32(head, 4);
      if (count > MAX_IDX_IMAGES) throw new DataError(file, 'data.tooMany', { count, max: MAX_IDX_IMAGES });
      return 8 + count;
    }
    throw new DataError(file, 'data.notIdx', { magic, images: IMAGES_MAGIC, labels: LABELS_MAGIC });
  };
}

export function parseLabels(file: string, b: Uint8Array): Uint8Array {
  if (b.length < 8) throw new DataError(file, 'data.labelsHeaderShort', { bytes: b.length });
  const magic = u32(b, 0);
  if (magic !== LABELS_MAGIC) throw new DataError(file, 'data.labelsMagic', { magic, expected: LABELS_MAGIC });
  const count = u32(b, 4);
  if (b.length !== 8 + count) throw new DataError(file, 'data.length', { bytes: b.length, expected: 8 + count });
  const labels = b.subarray(8);
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] > 9) throw new DataError(file, 'data.label', { label: labels[i], index: i });
  }
  return labels;
}

export interface MnistSplit {
  images: IdxImages;
  labels: Uint8Array;
}

export function makeSplit(imagesFile: string, images: IdxImages, labelsFile: string, labels: Uint8Array): MnistSplit {
  if (images.count !== labels.length) {
    throw new DataError(labelsFile, 'data.count', { labels: labels.length, images: images.count, imagesFile });
  }
  return { images, labels };
}
