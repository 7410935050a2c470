/**
 * The learner's own data: four IDX files in MNIST's layout (training images and labels, test
 * images and labels), gzipped or not, checked by the same parser as MNIST.
 */
import { DataError, IMAGES_MAGIC, LABELS_MAGIC, idxLengthLimit, makeSplit, parseImages, parseLabels } from './idx';
import { gunzip, type Mnist } from './mnist';

export interface NamedBytes {
  name: string;
  bytes: Uint8Array;
}

export interface OwnData extends Mnist {
  /** The four files by role, as the learner named them. */
  files: { trainImages: string; trainLabels: string; testImages: string; testLabels: string };
}

const u32 = (b: Uint8Array, o: number): number => ((b[o] << 24) | (b[o + 1] << 16) | (b[o + 2] << 8) | b[o + 3]) >>> 0;

/** Which of two files of one kind is the training one: by name (train / t10k, test), else the larger. */
function trainFirst(a: { name: string; count: number }, b: { name: string; count: number }): boolean {
  const role = (n: string) => (/train/i.test(n) ? 'train' : /t10k|test/i.test(n) ? 'test' : null);
  const ra = role(a.name),
    rb = role(b.name);
  if (ra && rb && ra !== rb) return ra === 'train';
  if (a.count !== b.count) return a.count > b.count;
  return a.name <= b.name;
}

/**
 * Reads four IDX files: unzips those that are gzip, tells images (magic 2051) from labels
 * (2049), tells training from test by name (`train`, `t10k` / `test`) or else by size, and
 * checks each with the IDX parser: 28 × 28 images, labels 0–9, counts that match. Every
 * error is a DataError naming the file and the fault.
 */
export async function readIdxSet(files: NamedBytes[]): Promise<OwnData> {
  if (files.length !== 4)
    throw new DataError(files.map((f) => f.name).join(', '), 'data.fileCount', { count: files.length });
  const read = await Promise.all(
    files.map(async (f) => {
      // The errors name the file without .gz, as for MNIST ("….gz is damaged" adds it back).
      const name = f.name.replace(/\.gz$/i, '');
      // Unzipped with the header's promise as the limit: a gzip bomb is refused after its first
      // chunk, not after gigabytes. A file that is not gzip is checked the same way.
      const limit = idxLengthLimit(name);
      const bytes = await gunzip(name, f.bytes, limit);
      const magic = bytes.length >= 4 ? u32(bytes, 0) : null;
      if (magic !== IMAGES_MAGIC && magic !== LABELS_MAGIC)
        throw new DataError(name, 'data.notIdx', { magic: magic ?? '—', images: IMAGES_MAGIC, labels: LABELS_MAGIC });
      const count = bytes.length >= 8 ? u32(bytes, 4) : 0;
      return { name, original: f.name, bytes, magic, count };
    }),
  );
  const images = read.filter((f) => f.magic === IMAGES_MAGIC);
  const labels = read.filter((f) => f.magic === LABELS_MAGIC);
  if (images.length !== 2)
    throw new DataError(read.map((f) => f.original).join(', '), 'data.roles', {
      images: images.length,
      labels: labels.length,
    });
  const [trainImg, testImg] = trainFirst(images[0], images[1]) ? images : [images[1], images[0]];
  const [trainLab, testLab] = trainFirst(labels[0], labels[1]) ? labels : [labels[1], labels[0]];
  const split = (img: (typeof read)[number], lab: (typeof read)[number]) => {
    const s = makeSplit(img.name, parseImages(img.name, img.bytes), lab.name, parseLabels(lab.name, lab.bytes));
    if (s.images.count === 0) throw new DataError(img.name, 'data.empty', {});
    return s;
  };
  return {
    train: split(trainImg, trainLab),
    test: split(testImg, testLab),
    files: {
      trainImages: trainImg.original,
      trainLabels: trainLab.original,
      testImages: testImg.original,
      testLabels: testLab.original,
    },
  };
}

/**
 * A short fingerprint of a data set (FNV-1a over its sizes, labels and a sample of pixels): the
 * same files give the same one, so a saved run can tell whether its test images are loaded.
 */
export function fingerprint(m: Mnist): string {
  let h = 0x811c9dc5;
  const mix = (v: number) => {
    h ^= v & 0xff;
    h = Math.imul(h, 0x01000193) >>> 0;
  };
  for (const s of [m.train, m.test]) {
    for (const v of [s.images.count, s.images.count >>> 8, s.images.count >>> 16]) mix(v);
    for (let i = 0; i < s.labels.length; i++) mix(s.labels[i]);
    const px = s.images.pixels;
    const stride = Math.max(1, Math.floor(px.length / 65_536));
    for (let i = 0; i < px.length; i += stride) mix(px[i]);
  }
  return `${m.train.labels.length}-${m.test.labels.length}-${h.toString(16).padStart(8, '0')}`;
}
