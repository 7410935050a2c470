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
