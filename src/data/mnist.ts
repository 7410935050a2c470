import { DataError, isGzip, makeSplit, parseImages, parseLabels, type MnistSplit } from './idx';
import { zeros, type DType, type Matrix } from '../tensor/matrix';

export const MNIST_FILES = {
  trainImages: 'train-images-idx3-ubyte',
  trainLabels: 'train-labels-idx1-ubyte',
  testImages: 't10k-images-idx3-ubyte',
  testLabels: 't10k-labels-idx1-ubyte',
} as const;

export interface Mnist {
  train: MnistSplit;
  test: MnistSplit;
}

export type Fetcher = (url: string) => Promise<Response>;

async function gunzip(file: string, bytes: Uint8Array): Promise<Uint8Array> {
  // A server may already have undone the gzip (Content-Encoding); trust the bytes, not headers.
  if (!isGzip(bytes)) return bytes;
  try {
    const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream('gzip'));
    return new Uint8Array(await new Response(stream).arrayBuffer());
  } catch (e) {
    throw new DataError(file, `gzip data is corrupt (${e instanceof Error ? e.message : String(e)})`);
  }
}

async function fetchFile(base: string, file: string, fetcher: Fetcher): Promise<Uint8Array> {
  let res: Response;
  try {
    res = await fetcher(`${base}${file}.gz`);
  } catch (e) {
    throw new DataError(file, `could not be fetched (${e instanceof Error ? e.message : String(e)})`);
  }
  if (!res.ok) throw new DataError(file, `HTTP ${res.status} from ${base}${file}.gz`);
  return gunzip(file, new Uint8Array(await res.arrayBuffer()));
}

/** Fetches and checks the four files; images stay as bytes (55 MB, not 220 MB of floats). */
export async function loadMnist(base: string, fetcher: Fetcher = fetch): Promise<Mnist> {
  const f = MNIST_FILES;
  const [ti, tl, si, sl] = await Promise.all([
    fetchFile(base, f.trainImages, fetcher),
    fetchFile(base, f.trainLabels, fetcher),
    fetchFile(base, f.testImages, fetcher),
    fetchFile(base, f.testLabels, fetcher),
  ]);
  return {
    train: makeSplit(f.trainImages, parseImages(f.trainImages, ti), f.trainLabels, parseLabels(f.trainLabels, tl)),
    test: makeSplit(f.testImages, parseImages(f.testImages, si), f.testLabels, parseLabels(f.testLabels, sl)),
  };
}

/** Only the 10,000 test images (1.6 MB gzipped), for tracing one image through the net. */
export async function loadMnistTest(base: string, fetcher: Fetcher = fetch): Promise<MnistSplit> {
  const f = MNIST_FILES;
  const [si, sl] = await Promise.all([fetchFile(base, f.testImages, fetcher), fetchFile(base, f.testLabels, fetcher)]);
  return makeSplit(f.testImages, parseImages(f.testImages, si), f.testLabels, parseLabels(f.testLabels, sl));
}

export const PIXELS = 784;

/** Rows `indices` of a split, scaled to [0, 1] on the fly. */
export function batchOf(
  split: MnistSplit,
  indices: ArrayLike<number>,
  dtype: DType,
  out?: Matrix,
): { x: Matrix; t: Uint8Array } {
  const n = indices.length;
  const x = out && out.rows === n ? out : zeros(n, PIXELS, dtype);
  const t = new Uint8Array(n);
  const px = split.images.pixels;
  for (let r = 0; r < n; r++) {
    const idx = indices[r];
    const src = idx * PIXELS;
    const dst = r * PIXELS;
    for (let j = 0; j < PIXELS; j++) x.data[dst + j] = px[src + j] / 255;
    t[r] = split.labels[idx];
  }
  return { x, t };
}

/** Consecutive rows [start, start + n). */
export function rangeOf(
  split: MnistSplit,
  start: number,
  n: number,
  dtype: DType,
  out?: Matrix,
): { x: Matrix; t: Uint8Array } {
  const idx = new Int32Array(n);
  for (let i = 0; i < n; i++) idx[i] = start + i;
  return batchOf(split, idx, dtype, out);
}
