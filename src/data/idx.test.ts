import { describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import { DataError, makeSplit, parseImages, parseLabels } from './idx';
import { loadMnist, MNIST_FILES } from './mnist';
import { translateError } from '../i18n';

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
  it('names the file and the fault, as a code with its numbers: wrong magic, size, truncation, bad labels, mismatch', () => {
    const fault = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(DataError);
        return (e as DataError).coded;
      }
      throw new Error('no error');
    };
    expect(fault(() => parseImages('imgs', images(2, 28, 28, 2049)))).toEqual({
      code: 'data.imagesMagic',
      params: { file: 'imgs', magic: 2049, expected: 2051 },
    });
    expect(fault(() => parseImages('imgs', images(2, 32, 32)))).toEqual({
      code: 'data.imageSize',
      params: { file: 'imgs', rows: 32, cols: 32 },
    });
    expect(fault(() => parseImages('imgs', images(2).subarray(0, 100)))).toEqual({
      code: 'data.length',
      params: { file: 'imgs', bytes: 100, expected: 1584 },
    });
    expect(fault(() => parseImages('imgs', new Uint8Array(5)))).toEqual({
      code: 'data.imagesHeaderShort',
      params: { file: 'imgs', bytes: 5 },
    });
    expect(fault(() => parseLabels('lbl', labels(2, 2051)))).toEqual({
      code: 'data.labelsMagic',
      params: { file: 'lbl', magic: 2051, expected: 2049 },
    });
    expect(fault(() => parseLabels('lbl', labels(4).subarray(0, 10)))).toEqual({
      code: 'data.length',
      params: { file: 'lbl', bytes: 10, expected: 12 },
    });
    const bad = labels(2);
    bad[9] = 12;
    expect(fault(() => parseLabels('lbl', bad))).toEqual({
      code: 'data.label',
      params: { file: 'lbl', label: 12, index: 1 },
    });
    expect(
      fault(() => makeSplit('imgs', parseImages('imgs', images(3)), 'lbl', parseLabels('lbl', labels(2)))),
    ).toEqual({ code: 'data.count', params: { file: 'lbl', labels: 2, images: 3, imagesFile: 'imgs' } });
  });
  it('reads in both languages, with the numbers', () => {
    const err = { code: 'data.imagesMagic', params: { file: 'imgs', magic: 2049, expected: 2051 } } as const;
    expect(translateError('en', err)).toBe('imgs: magic number 2049, expected 2051 (images).');
    expect(translateError('ko', err)).toBe('imgs: 매직 넘버가 2049입니다(이미지 파일의 매직 넘버는 2051).');
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
  const codeOf = async (p: Promise<unknown>) => {
    const e = await p.then(
      () => null,
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(DataError);
    return (e as DataError).coded;
  };
  it('reports a corrupt gzip, a missing file and a mismatch by file name', async () => {
    const corrupt = good();
    const gz = Uint8Array.from(gzipSync(images(4)));
    gz[20] ^= 0xff; // a flipped byte inside the deflate data
    corrupt[MNIST_FILES.trainImages] = gz;
    expect(await codeOf(loadMnist('/mnist/', serve(corrupt)))).toEqual({
      code: 'data.gzipCorrupt',
      params: { file: MNIST_FILES.trainImages, bytes: gz.length },
    });
    const missing = good();
    delete missing[MNIST_FILES.testImages];
    expect(await codeOf(loadMnist('/mnist/', serve(missing)))).toEqual({
      code: 'data.http',
      params: { file: MNIST_FILES.testImages, status: 404, url: `/mnist/${MNIST_FILES.testImages}.gz` },
    });
    const mismatch = good();
    mismatch[MNIST_FILES.trainLabels] = gzipSync(labels(3));
    expect((await codeOf(loadMnist('/mnist/', serve(mismatch)))).code).toBe('data.count');
  });
  it('tells a gzip cut short from a damaged one, and a failed download from both', async () => {
    const full = gzipSync(images(40));
    for (const cut of [full.length - 4, Math.floor(full.length / 2), 12]) {
      const files = good();
      files[MNIST_FILES.testImages] = full.subarray(0, cut);
      expect(await codeOf(loadMnist('/mnist/', serve(files))), `cut at ${cut}`).toEqual({
        code: 'data.gzipTruncated',
        params: { file: MNIST_FILES.testImages, bytes: cut },
      });
    }
    const junk = good();
    junk[MNIST_FILES.testImages] = new Uint8Array([...full, 1, 2, 3]);
    expect((await codeOf(loadMnist('/mnist/', serve(junk)))).code).toBe('data.gzipCorrupt');
    const offline = async () => {
      throw new TypeError('Failed to fetch');
    };
    expect(await codeOf(loadMnist('/mnist/', offline))).toEqual({
      code: 'data.network',
      params: { file: MNIST_FILES.trainImages, url: `/mnist/${MNIST_FILES.trainImages}.gz` },
    });
  });
});
