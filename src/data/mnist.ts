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

/** Joins chunks into one array. */
function join(chunks: Uint8Array[], length: number): Uint8Array {
  const out = new Uint8Array(length);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/**
 * How long the unzipped output may grow, judged from its first bytes (an IDX header): null
 * while more bytes are needed, else the most bytes allowed. It may throw a DataError instead,
 * which then ends the unzipping at once.
 */
export type OutputLimit = (head: Uint8Array) => number | null;

/**
 * The input is written this many bytes at a time: an engine inflates a whole written chunk
 * before anyone can stop it, and deflate packs at most ~1,032 bytes of output into one byte,
 * so a gzip bomb can make at most ~17 MB before the limit is looked at again.
 */
const WRITE_CHUNK = 16 * 1024;

/**
 * Unzips gzip bytes; bytes that are not gzip come back as they are. Errors name `file`. With a
 * `limit`, the output is watched as it comes: once it passes what the limit allows (the length
 * the IDX header promises), the stream is cancelled and the file refused, so a small gzip that
 * unzips to gigabytes costs neither the memory nor the time.
 */
export async function gunzip(file: string, bytes: Uint8Array, limit?: OutputLimit): Promise<Uint8Array> {
  // A server may already have undone the gzip (Content-Encoding); trust the bytes, not headers.
  // Bytes that are not gzip are already whole: their header is still held to the limit's checks.
  if (!isGzip(bytes)) {
    if (limit && bytes.length >= 4) limit(bytes.subarray(0, 16));
    return bytes;
  }
  // Write, then close: an engine finds bad data while it inflates the bytes written (Chromium
  // rejects the write; Node's zlib says Z_DATA_ERROR), and finds the stream cut short only when
  // told there is no more input (the close). Reading the output through a Response instead
  // would turn both into "Failed to fetch".
  const ds = new DecompressionStream('gzip');
  const writer = ds.writable.getWriter();
  const reader = ds.readable.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  let max: number | null = limit ? null : Infinity;
  let refused: unknown = null;
  const output = (async () => {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return join(chunks, length);
      chunks.push(value);
      length += value.length;
      try {
        if (max === null && limit) max = limit(chunks.length === 1 ? value : join(chunks, length).subarray(0, 64));
        if (max !== null && length > max) throw new DataError(file, 'data.gzipTooLong', { expected: max });
      } catch (e) {
        refused = e;
        // Cancelling errors the stream, so a write still waiting on it rejects too.
        reader.cancel().catch(() => undefined);
        throw e;
      }
    }
  })();
  output.catch(() => undefined);
  let closing = false;
  try {
    for (let at = 0; at < bytes.length; at += WRITE_CHUNK) {
      await Promise.race([writer.write(bytes.subarray(at, at + WRITE_CHUNK) as Uint8Array<ArrayBuffer>), output]);
    }
    closing = true;
    await Promise.race([writer.close(), output]);
    return await output;
  } catch (e) {
    if (refused) throw refused;
    writer.abort().catch(() => undefined);
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
