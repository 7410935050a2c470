import type { FirstLayerKernels } from './types';

const INV255 = 1 / 255;

/** Plain TypeScript first-layer kernels: the fallback where WebAssembly SIMD is missing. */
export function tsKernels(hidden: number): FirstLayerKernels {
  const H = hidden;
  const W1 = new Float32Array(784 * H);
  const b1 = new Float32Array(H);
  const dW1 = new Float32Array(784 * H);
  const db1 = new Float32Array(H);
  const acc = new Float32Array(H);
  return {
    name: 'ts',
    W1,
    b1,
    dW1,
    db1,
    forward(pixels, rows, n, z1) {
      for (let r = 0; r < n; r++) {
        acc.set(b1);
        const src = rows[r] * 784;
        for (let p = 0; p < 784; p++) {
          const v = pixels[src + p];
          if (v === 0) continue;
          const x = v * INV255;
          const w = p * H;
          for (let j = 0; j < H; j++) acc[j] += x * W1[w + j];
        }
        const o = r * H;
        for (let j = 0; j < H; j++) z1[o + j] = acc[j] > 0 ? acc[j] : 0;
      }
    },
    backward(pixels, rows, n, da1) {
      dW1.fill(0);
      db1.fill(0);
      for (let r = 0; r < n; r++) {
        const src = rows[r] * 784;
        const d = r * H;
        for (let j = 0; j < H; j++) db1[j] += da1[d + j];
        for (let p = 0; p < 784; p++) {
          const v = pixels[src + p];
          if (v === 0) continue;
          const x = v * INV255;
          const w = p * H;
          for (let j = 0; j < H; j++) dW1[w + j] += x * da1[d + j];
        }
      }
    },
    update(alpha) {
      for (let i = 0; i < W1.length; i++) W1[i] += alpha * dW1[i];
      for (let j = 0; j < H; j++) b1[j] += alpha * db1[j];
    },
  };
}
