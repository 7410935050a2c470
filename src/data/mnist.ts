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

/** Everything a stream yields, joined. */
async function readAll(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    length += value.length;
  }
  const out = new Uint8Array(length);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** Unzips gzip bytes; bytes that are not gzip come back as they are. Errors name `file`. */
export async function gunzip(file: string, bytes: Uint8Array): Promise<Uint8Array> {
  // A server may already have undone the gzip (Content-Encoding); trust the bytes, not headers.
  if (!isGzip(bytes)) return bytes;
  // Write the bytes, then close: an engine finds bad data while it inflates the bytes written
  // (Chromium rejects the write; Node's zlib says Z_DATA_ERROR), and finds the stream cut
  // short only when told there is no more input (the close). Reading the output through a
  // Response instead would turn both into "Failed to fetch".
  const ds = new DecompressionStream('gzip');
  const writer = ds.writable.getWriter();
  const output = readAll(ds.readable);
  let closing = false;
  try {
    await writer.write(bytes as Uint8Array<ArrayBuffer>);
    closing = true;
    await writer.close();
    return await output;
  } catch (e) {
    output.catch(() => undefined);
    const zlibCode = (e as { code?: unknown } | null)?.code;
    const truncated = closing && zlibCode !== 'Z_DATA_ERROR';
    throw new DataError(file, truncated ? 'data.gzipTruncated' : 'data.gzipCorrupt', { bytes: bytes.length });
  }
}

async function fetchFile(base: string, file: string, fetcher: Fetcher): Promise<Uint8Array> {
  const url = `${base}${file}.gz`;
  let bytes: Uint8Array;
  try {
    const res = await fetcher(url);
    if (!res.ok) throw new DataError(file, 'data.http', { status: res.status, url });
    bytes = new Uint8Array(await res.arrayBuffer());
  } catch (e) {
    if (e instanceof DataError) throw e;
    // The browser's own words (e.g. "Failed to fetch") say nothing more than this.
    throw new DataError(file, 'data.network', { url });
  }
  return gunzip(file, bytes);
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

import { PIXELS } from '../constants';
export { PIXELS };

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
