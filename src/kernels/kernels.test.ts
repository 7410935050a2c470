import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../tensor/random';
import { tsKernels } from './tsKernels';
import type { FirstLayerKernels } from './types';
import { wasmKernels, wasmSupport } from './wasmKernels';
import { FastNet } from '../net/fastNet';
import { TwoLayerNet } from '../net/twoLayerNet';
import { batchOf } from '../data/mnist';
import { syntheticMnist } from '../testing/syntheticMnist';

const close = (a: ArrayLike<number>, b: ArrayLike<number>, tol: number) => {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]) / Math.max(1, Math.abs(b[i])));
  expect(worst).toBeLessThan(tol);
};

function randomPixels(n: number, seed: number): Uint8Array {
  const rng = mulberry32(seed);
  return Uint8Array.from({ length: n * 784 }, () => (rng() < 0.8 ? 0 : Math.floor(rng() * 256)));
}

describe('first-layer kernels', () => {
  it('this Node runs WebAssembly SIMD', () => {
    expect(wasmSupport()).not.toBeNull();
  });

  it('WebAssembly SIMD and TypeScript agree to float32 rounding, for hidden sizes that are not multiples of 4', () => {
    for (const H of [1, 3, 4, 5, 50, 63]) {
      for (const n of [1, 7, 100]) {
        const pixels = randomPixels(n + 3, H * 31 + n);
        const rows = Int32Array.from({ length: n }, (_, i) => (i * 5) % (n + 3));
        const ks: FirstLayerKernels[] = [tsKernels(H), wasmKernels(H, 128, 'wasm-simd')];
        const rng = mulberry32(H + n);
        const w = Float32Array.from({ length: 784 * H }, () => (rng() - 0.5) * 0.1);
        const b = Float32Array.from({ length: H }, () => (rng() - 0.5) * 0.1);
        const da = Float32Array.from({ length: n * H }, () => rng() - 0.5);
        const outs = ks.map((k) => {
          k.W1.set(w);
          k.b1.set(b);
          const z = new Float32Array(n * H);
          k.forward(pixels, rows, n, z);
          k.backward(pixels, rows, n, da);
          const dW1 = k.dW1.slice();
          const db1 = k.db1.slice();
          k.update(-0.5);
          return { z, dW1, db1, W1: k.W1.slice(), b1: k.b1.slice() };
        });
        close(outs[1].z, outs[0].z, 1e-5);
        close(outs[1].dW1, outs[0].dW1, 1e-5);
        close(outs[1].db1, outs[0].db1, 1e-5);
        close(outs[1].W1, outs[0].W1, 1e-5);
        close(outs[1].b1, outs[0].b1, 1e-5);
        // ReLU is applied: nothing negative comes out.
        expect(outs[1].z.every((v) => v >= 0)).toBe(true);
      }
    }
  });

  it("the fused Float32 net computes the book's gradient (TwoLayerNet in Float64) to float32 rounding", () => {
    const data = syntheticMnist(50, 1);
    const rows = Int32Array.from({ length: 20 }, (_, i) => i * 2);
    for (const k of [tsKernels(50), wasmKernels(50, 64, 'wasm-simd')]) {
      const fast = new FastNet(k, 0.1, mulberry32(3));
      const ref = new TwoLayerNet(784, 50, 10, 0.1, mulberry32(3), 'float64');
      const { x, t } = batchOf(data.train, rows, 'float64');
      const g = ref.gradient(x, t);
      const lossBefore = ref.loss(x, t);
      expect(Math.abs(fast.loss(data.train.images.pixels, data.train.labels, rows, 20) - lossBefore)).toBeLessThan(
        1e-5,
      );
      fast.step(data.train.images.pixels, data.train.labels, rows, 20, 0.1);
      const fg = fast.lastGradients;
      close(fg.dW1, g.W1.data, 1e-5);
      close(fg.db1, g.b1.data, 1e-5);
      close(fg.dW2, g.W2.data, 1e-5);
      close(fg.db2, g.b2.data, 1e-5);
    }
  });
});
