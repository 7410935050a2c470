import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DataError } from '../errors';
import { gzipBomb, idxImagesHeader } from '../testing/hostileFiles';
import { idxImages, idxLabels } from '../testing/idxBytes';
import { syntheticMnist } from '../testing/syntheticMnist';
import { fingerprint, readIdxSet, type NamedBytes } from './idxFiles';

const data = syntheticMnist(50, 20, 3);
const mnistNames = (gz: boolean): NamedBytes[] => {
  const z = (b: Uint8Array) => (gz ? new Uint8Array(gzipSync(b)) : b);
  const ext = gz ? '.gz' : '';
  return [
    { name: `t10k-labels-idx1-ubyte${ext}`, bytes: z(idxLabels(data.test.labels)) },
    { name: `train-images-idx3-ubyte${ext}`, bytes: z(idxImages(data.train)) },
    { name: `t10k-images-idx3-ubyte${ext}`, bytes: z(idxImages(data.test)) },
    { name: `train-labels-idx1-ubyte${ext}`, bytes: z(idxLabels(data.train.labels)) },
  ];
};

const failure = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    if (e instanceof DataError) return e.coded;
    throw e;
  }
  throw new Error('did not fail');
};

describe("the learner's own IDX files", () => {
  it('reads the four files in any order, gzipped or not, and tells training from test by name', async () => {
    for (const gz of [true, false]) {
      const own = await readIdxSet(mnistNames(gz));
      expect(own.train.images.count).toBe(50);
      expect(own.test.images.count).toBe(20);
      expect(own.train.images.pixels).toEqual(data.train.images.pixels);
      expect(own.test.labels).toEqual(data.test.labels);
      expect(own.files.testImages).toBe(`t10k-images-idx3-ubyte${gz ? '.gz' : ''}`);
    }
  });

  it('without train / test in the names, the larger pair is the training set', async () => {
    const files = [
      { name: 'a-img', bytes: idxImages(data.test) },
      { name: 'b-img', bytes: idxImages(data.train) },
      { name: 'a-lab', bytes: idxLabels(data.test.labels) },
      { name: 'b-lab', bytes: idxLabels(data.train.labels) },
    ];
    const own = await readIdxSet(files);
    expect([own.train.labels.length, own.test.labels.length]).toEqual([50, 20]);
    expect(own.files).toEqual({ trainImages: 'b-img', trainLabels: 'b-lab', testImages: 'a-img', testLabels: 'a-lab' });
  });

  it('every fault names the file: wrong count, not IDX, wrong kinds, image size, counts, damaged gzip, empty', async () => {
    const four = mnistNames(false);
    expect(await failure(readIdxSet(four.slice(0, 3)))).toMatchObject({ code: 'data.fileCount', params: { count: 3 } });
    expect(
      await failure(readIdxSet([...four.slice(0, 3), { name: 'notes.txt', bytes: new TextEncoder().encode('hi!!') }])),
    ).toEqual({ code: 'data.notIdx', params: { file: 'notes.txt', magic: 1751720225, images: 2051, labels: 2049 } });
    expect(await failure(readIdxSet([...four.slice(0, 3), { name: 'x', bytes: new Uint8Array(2) }]))).toMatchObject({
      code: 'data.notIdx',
      params: { file: 'x', magic: '—' },
    });
    const threeImages = [four[1], four[2], { name: 'more-images', bytes: idxImages(data.test) }, four[3]];
    expect(await failure(readIdxSet(threeImages))).toMatchObject({
      code: 'data.roles',
      params: { images: 3, labels: 1 },
    });
    // 32 × 32 images: refused with their size
    const big = { ...data.test.images, rows: 32, cols: 32, pixels: new Uint8Array(20 * 1024) };
    const sized = [
      four[0],
      four[1],
      { name: 't10k-images.gz', bytes: gzipSync(idxImages({ ...data.test, images: big })) },
      four[3],
    ];
    expect(await failure(readIdxSet(sized))).toEqual({
      code: 'data.imageSize',
      params: { file: 't10k-images', rows: 32, cols: 32 },
    });
    const fewer = [{ name: 't10k-labels', bytes: idxLabels(data.test.labels.subarray(0, 19)) }, ...four.slice(1)];
    expect(await failure(readIdxSet(fewer))).toMatchObject({
      code: 'data.count',
      params: { file: 't10k-labels', labels: 19, images: 20, imagesFile: 't10k-images-idx3-ubyte' },
    });
    const gz = new Uint8Array(gzipSync(idxImages(data.train)));
    gz.fill(0, 20, 80);
    const damaged = [four[0], { name: 'train-images-idx3-ubyte.gz', bytes: gz }, four[2], four[3]];
    expect(await failure(readIdxSet(damaged))).toMatchObject({
      code: 'data.gzipCorrupt',
      params: { file: 'train-images-idx3-ubyte' },
    });
    const none = syntheticMnist(0, 0);
    const empty = [
      { name: 'train-images', bytes: idxImages(none.train) },
      { name: 'train-labels', bytes: idxLabels(none.train.labels) },
      four[0],
      four[2],
    ];
    expect(await failure(readIdxSet(empty))).toEqual({ code: 'data.empty', params: { file: 'train-images' } });
  });

  it('a fingerprint tells data sets apart and finds the same one again', async () => {
    const a = await readIdxSet(mnistNames(true));
    const b = await readIdxSet(mnistNames(false));
    expect(fingerprint(a)).toBe(fingerprint(b));
    expect(fingerprint(a)).toMatch(/^50-20-[0-9a-f]{8}$/);
    expect(fingerprint(syntheticMnist(50, 20, 4))).not.toBe(fingerprint(a));
  });

  it('refuses a gzip bomb (a header promising 1,000 images that unzips to 4 GiB) at once, with memory bounded', async () => {
    // The builder is honest: a smaller one unzips to what it says.
    expect(gunzipSync(gzipBomb(idxImagesHeader(1000), 8)).length).toBe(16 + 8 * 2 ** 20);
    const bomb = gzipBomb(idxImagesHeader(1000), 4096);
    expect(bomb.length).toBeLessThan(5_000_000);
    const four = mnistNames(true);
    const files = [four[0], { name: 'train-images-idx3-ubyte.gz', bytes: bomb }, four[2], four[3]];
    const before = process.memoryUsage().arrayBuffers;
    expect(await failure(readIdxSet(files))).toEqual({
      code: 'data.gzipTooLong',
      params: { file: 'train-images-idx3-ubyte', expected: 16 + 1000 * 784 },
    });
    // Stopped after a few chunks: nowhere near the 4 GiB the file unzips to.
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(256 * 2 ** 20);
  });

  it('refuses a header that promises more images than a page can hold, or the wrong size, before unzipping the rest', async () => {
    const four = mnistNames(true);
    const many = [
      four[0],
      { name: 'train-images-idx3-ubyte.gz', bytes: gzipBomb(idxImagesHeader(4e9), 64) },
      four[2],
      four[3],
    ];
    expect(await failure(readIdxSet(many))).toEqual({
      code: 'data.tooMany',
      params: { file: 'train-images-idx3-ubyte', count: 4e9, max: 300_000 },
    });
    const wide = idxImagesHeader(10);
    new DataView(wide.buffer).setUint32(8, 4096);
    const sized = [four[0], { name: 'train-images-idx3-ubyte.gz', bytes: gzipBomb(wide, 64) }, four[2], four[3]];
    expect(await failure(readIdxSet(sized))).toMatchObject({
      code: 'data.imageSize',
      params: { rows: 4096, cols: 28 },
    });
  });

  it('a gzip that unzips to exactly what its header promises is read as before', async () => {
    const own = await readIdxSet(mnistNames(true));
    expect(own.train.images.pixels.length).toBe(50 * 784);
  });
});
