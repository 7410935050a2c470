import { describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import { DataError, makeSplit, parseImages, parseLabels } from './idx';
import { loadMnist, MNIST_FILES } from './mnist';

function header(magic: number, ...dims: number[]): number[] {
  const out: number[] = [];
  for (const v of [magic, ...dims]) out.push((v >>> 24) & 255, (v >>> 16) & 255, (v >>> 8) & 255, v & 255);
  return out;
}
const images = (n: number, rows = 28, cols = 28, magic = 2051) =>
  new Uint8Array([...header(magic, n, rows, cols), ...new Array(n * rows * cols).fill(7)]);
const labels = (n: number, magic = 2049) =>
  new Uint8Array([...header(magic, n), ...Array.from({ length: n }, (_, i) => i % 10)]);

describe('IDX parsing', () => {
  it('reads good files', () => {
    const im = parseImages('a', images(3));
    expect([im.count, im.rows, im.cols, im.pixels.length, im.pixels[0]]).toEqual([3, 28, 28, 2352, 7]);
    expect(Array.from(parseLabels('b', labels(3)))).toEqual([0, 1, 2]);
  });
  it('names the file and the fault: wrong magic, size, truncation, bad labels, mismatch', () => {
    expect(() => parseImages('imgs', images(2, 28, 28, 2049))).toThrow('imgs: magic number 2049, expected 2051');
    expect(() => parseImages('imgs', images(2, 32, 32))).toThrow('32×32');
    expect(() => parseImages('imgs', images(2).subarray(0, 100))).toThrow('100 bytes, the header promises 1584');
    expect(() => parseImages('imgs', new Uint8Array(5))).toThrow('too short');
    expect(() => parseLabels('lbl', labels(2, 2051))).toThrow('lbl: magic number 2051, expected 2049');
    expect(() => parseLabels('lbl', labels(4).subarray(0, 10))).toThrow('the header promises 12');
    const bad = labels(2);
    bad[9] = 12;
    expect(() => parseLabels('lbl', bad)).toThrow('label 12 at index 1');
    expect(() => makeSplit('imgs', parseImages('imgs', images(3)), 'lbl', parseLabels('lbl', labels(2)))).toThrow(
      DataError,
    );
  });
});

describe('loadMnist', () => {
  const serve = (files: Record<string, Uint8Array>) => async (url: string) => {
    const name = url.split('/').pop()!.replace(/\.gz$/, '');
    return files[name] ? new Response(files[name] as BodyInit) : new Response('missing', { status: 404 });
  };
  const good = (): Record<string, Uint8Array> => ({
    [MNIST_FILES.trainImages]: gzipSync(images(4)),
    [MNIST_FILES.trainLabels]: gzipSync(labels(4)),
    [MNIST_FILES.testImages]: gzipSync(images(2)),
    [MNIST_FILES.testLabels]: labels(2), // already unzipped by a server: accepted
  });
  it('fetches, gunzips and checks all four files', async () => {
    const m = await loadMnist('/mnist/', serve(good()));
    expect(m.train.labels.length).toBe(4);
    expect(m.test.images.count).toBe(2);
  });
  it('reports a corrupt gzip, a missing file and a mismatch by file name', async () => {
    const corrupt = good();
    corrupt[MNIST_FILES.trainImages] = new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3]);
    await expect(loadMnist('/mnist/', serve(corrupt))).rejects.toThrow(
      `${MNIST_FILES.trainImages}: gzip data is corrupt`,
    );
    const missing = good();
    delete missing[MNIST_FILES.testImages];
    await expect(loadMnist('/mnist/', serve(missing))).rejects.toThrow('HTTP 404');
    const mismatch = good();
    mismatch[MNIST_FILES.trainLabels] = gzipSync(labels(3));
    await expect(loadMnist('/mnist/', serve(mismatch))).rejects.toThrow('3 labels for 4 images');
  });
});
