/** IDX files (the MNIST format), checked field by field so that a bad file says what is wrong. */
export const IMAGES_MAGIC = 2051;
export const LABELS_MAGIC = 2049;

export class DataError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`);
  }
}

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
  if (b.length < 16) throw new DataError(file, `too short for an IDX image header (${b.length} bytes)`);
  const magic = u32(b, 0);
  if (magic !== IMAGES_MAGIC) throw new DataError(file, `magic number ${magic}, expected ${IMAGES_MAGIC} (images)`);
  const count = u32(b, 4),
    rows = u32(b, 8),
    cols = u32(b, 12);
  if (rows !== 28 || cols !== 28) throw new DataError(file, `images are ${rows}×${cols}, expected 28×28`);
  const expected = 16 + count * rows * cols;
  if (b.length !== expected) throw new DataError(file, `${b.length} bytes, the header promises ${expected}`);
  return { count, rows, cols, pixels: b.subarray(16) };
}

export function parseLabels(file: string, b: Uint8Array): Uint8Array {
  if (b.length < 8) throw new DataError(file, `too short for an IDX label header (${b.length} bytes)`);
  const magic = u32(b, 0);
  if (magic !== LABELS_MAGIC) throw new DataError(file, `magic number ${magic}, expected ${LABELS_MAGIC} (labels)`);
  const count = u32(b, 4);
  if (b.length !== 8 + count) throw new DataError(file, `${b.length} bytes, the header promises ${8 + count}`);
  const labels = b.subarray(8);
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] > 9) throw new DataError(file, `label ${labels[i]} at index ${i} is not a digit 0–9`);
  }
  return labels;
}

export interface MnistSplit {
  images: IdxImages;
  labels: Uint8Array;
}

export function makeSplit(imagesFile: string, images: IdxImages, labelsFile: string, labels: Uint8Array): MnistSplit {
  if (images.count !== labels.length) {
    throw new DataError(labelsFile, `${labels.length} labels for ${images.count} images in ${imagesFile}`);
  }
  return { images, labels };
}
