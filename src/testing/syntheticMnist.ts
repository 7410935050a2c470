import type { Mnist } from '../data/mnist';
import { mulberry32 } from '../tensor/random';

/**
 * A small learnable stand-in for MNIST for unit tests: each class lights its own band of
 * pixels, with noise.
 */
export function syntheticMnist(trainCount: number, testCount: number, seed = 1): Mnist {
  const rng = mulberry32(seed);
  const make = (n: number) => {
    const pixels = new Uint8Array(n * 784);
    const labels = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const c = Math.floor(rng() * 10);
      labels[i] = c;
      for (let j = 0; j < 784; j++) {
        const band = Math.floor(j / 78.4) === c;
        pixels[i * 784 + j] = band ? 150 + Math.floor(rng() * 105) : rng() < 0.1 ? Math.floor(rng() * 255) : 0;
      }
    }
    return { images: { count: n, rows: 28, cols: 28, pixels }, labels };
  };
  return { train: make(trainCount), test: make(testCount) };
}
