import type { MnistSplit } from '../data/idx';

const header = (magic: number, dims: number[]): Uint8Array => {
  const b = new Uint8Array(4 + 4 * dims.length);
  const v = new DataView(b.buffer);
  v.setUint32(0, magic);
  dims.forEach((d, i) => v.setUint32(4 + 4 * i, d));
  return b;
};
const join = (a: Uint8Array, b: Uint8Array): Uint8Array => {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
};

/** An IDX image file (magic 2051, big-endian sizes) holding a split's images. */
export const idxImages = (s: MnistSplit, rows = s.images.rows, cols = s.images.cols): Uint8Array =>
  join(header(2051, [s.images.count, rows, cols]), s.images.pixels);

/** An IDX label file (magic 2049). */
export const idxLabels = (labels: Uint8Array): Uint8Array => join(header(2049, [labels.length]), labels);
