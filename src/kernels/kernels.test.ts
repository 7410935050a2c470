import { describe, expect, it } from 'vitest';
import { argmax } from '../tensor/matrix';
import { mulberry32 } from '../tensor/random';
import { tsKernels } from './tsKernels';
import { paramCount, SCORE_STRIDE, type NetKernels } from './types';
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

/** The 10 real classes of each of n rows of scores. */
const classes = (a: Float32Array, n: number) =>
  Float32Array.from({ length: n * 10 }, (_, i) => a[Math.floor(i / 10) * SCORE_STRIDE + (i % 10)]);

describe('net kernels', () => {
  it('this Node runs WebAssembly SIMD', () => {
    expect(wasmSupport()).not.toBeNull();
  });

  it('WebAssembly SIMD and TypeScript agree to float32 rounding, for hidden sizes that are not multiples of 4', () => {
    for (const H of [1, 2, 3, 4, 5, 50, 63]) {
      for (const n of [1, 7, 100]) {
        const pixels = randomPixels(n + 3, H * 31 + n);
        const rows = Int32Array.from({ length: n }, (_, i) => (i * 5) % (n + 3));
        const ks: NetKernels[] = [tsKernels(H, 128), wasmKernels(H, 128, 'wasm-simd')];
        const rng = mulberry32(H + n);
        const params = Float32Array.from({ length: paramCount(H) }, () => (rng() - 0.5) * 0.2);
        const dy = Float32Array.from({ length: n * 10 }, () => rng() - 0.5);
        const other = Float32Array.from({ length: paramCount(H) }, () => rng() - 0.5);
        const outs = ks.map((k) => {
          k.params.set(params);
          k.load(pixels, rows, n);
          k.forward();
          const scores = classes(k.scores, n);
          for (let i = 0; i < dy.length; i++) k.dy[Math.floor(i / 10) * SCORE_STRIDE + (i % 10)] = dy[i];
          k.backward(false);
          const grad = k.grad.slice();
          k.backward(true); // accumulating the same batch again doubles the gradient
          const grad2 = k.grad.slice();
          k.update(-0.5);
          const updated = k.params.slice();
          // the sum of two half gradients (here grad + grad), over a range that ends mid-way
          k.grad.set(other);
          k.updateSum(k.grad, 3, paramCount(H) - 2, 0.25);
          return { scores, grad, grad2, updated, summed: k.params.slice() };
        });
        close(outs[1].scores, outs[0].scores, 1e-5);
        close(outs[1].grad, outs[0].grad, 1e-5);
        close(outs[1].grad2, outs[0].grad2, 1e-5);
        close(
          outs[0].grad2,
          outs[0].grad.map((v) => 2 * v),
          1e-5,
        );
        close(outs[1].updated, outs[0].updated, 1e-5);
        close(outs[1].summed, outs[0].summed, 1e-5);
        // untouched ends of the range
        expect(outs[1].summed.slice(0, 3)).toEqual(outs[1].updated.slice(0, 3));
        expect(outs[1].summed.slice(-2)).toEqual(outs[1].updated.slice(-2));
      }
    }
  });

  it('WebAssembly reads rows anywhere in the images and loads a repeated batch only once', () => {
    const pixels = randomPixels(50, 7);
    const k = wasmKernels(50, 16, 'wasm-simd');
    const t = tsKernels(50, 16);
    const rng = mulberry32(1);
    const params = Float32Array.from({ length: paramCount(50) }, () => (rng() - 0.5) * 0.2);
    k.params.set(params);
    t.params.set(params);
    for (const rows of [Int32Array.of(3, 4, 5, 6), Int32Array.of(49, 0, 17, 18, 2)]) {
      k.load(pixels, rows, rows.length);
      t.load(pixels, rows, rows.length);
      k.forward();
      t.forward();
      close(classes(k.scores, rows.length), classes(t.scores, rows.length), 1e-5);
    }
    expect(() => k.load(pixels, new Int32Array(17), 17)).toThrow(/16 images/);
  });

  it('the evaluation path (W1 in panels, the lists made once) gives the scores of forward, for any hidden size', () => {
    // 1,200 images: the kernels use the lists made once for the set; 40: they scan the bytes.
    for (const count of [1200, 40]) {
      const pixels = randomPixels(count, count);
      for (const H of [1, 3, 5, 16, 17, 50, 63, 64, 65, 200]) {
        const k = wasmKernels(H, 64, 'wasm-simd');
        const rng = mulberry32(H);
        k.params.set(Float32Array.from({ length: paramCount(H) }, () => (rng() - 0.5) * 0.2));
        const rows = Int32Array.from({ length: 37 }, (_, i) => (i * 11 + 3) % count);
        k.load(pixels, rows, 37);
        k.forward();
        const expected = classes(k.scores, 37);
        k.packWeights();
        k.load(pixels, rows, 37, 'panels');
        k.evalForward();
        close(classes(k.scores, 37), expected, 1e-5);
        // predict ranks the scores as tensor/matrix.ts's argmax does
        expect([...k.predict!()]).toEqual(Array.from({ length: 37 }, (_, r) => argmax(k.scores, r * SCORE_STRIDE, 10)));
        expect(() => k.forward()).toThrow(/loaded for W1/);
      }
    }
  });

  it('evalForward reads the weights as packWeights last copied them', () => {
    const pixels = randomPixels(20, 3);
    const k = wasmKernels(50, 20, 'wasm-simd');
    const rows = Int32Array.from({ length: 20 }, (_, i) => i);
    const rng = mulberry32(5);
    k.params.set(Float32Array.from({ length: paramCount(50) }, () => (rng() - 0.5) * 0.2));
    k.packWeights();
    k.load(pixels, rows, 20, 'panels');
    k.evalForward();
    const before = classes(k.scores, 20);
    k.W1.fill(0.5);
    k.evalForward();
    expect(classes(k.scores, 20)).toEqual(before);
    k.packWeights();
    k.evalForward();
    expect(classes(k.scores, 20)).not.toEqual(before);
  });

  it('training from the lists (rows anywhere in a large set) gives the gradient of the TypeScript kernels', () => {
    const pixels = randomPixels(1500, 11);
    const rows = Int32Array.from({ length: 100 }, (_, i) => (i * 997) % 1500);
    const rng = mulberry32(9);
    const params = Float32Array.from({ length: paramCount(50) }, () => (rng() - 0.5) * 0.2);
    const dy = Float32Array.from({ length: 100 * 10 }, () => rng() - 0.5);
    const outs = [tsKernels(50, 100), wasmKernels(50, 100, 'wasm-simd')].map((k) => {
      k.params.set(params);
      k.load(pixels, rows, 100);
      k.forward();
      for (let i = 0; i < dy.length; i++) k.dy[Math.floor(i / 10) * SCORE_STRIDE + (i % 10)] = dy[i];
      k.backward(false);
      return { scores: classes(k.scores, 100), grad: k.grad.slice() };
    });
    close(outs[1].scores, outs[0].scores, 1e-5);
    close(outs[1].grad, outs[0].grad, 1e-5);
  });

  it("the fused Float32 net computes the book's gradient (TwoLayerNet in Float64) to float32 rounding", () => {
    const data = syntheticMnist(50, 1);
    const rows = Int32Array.from({ length: 20 }, (_, i) => i * 2);
    // cap 8: the batch of 20 goes through the kernels in three pieces
    for (const k of [tsKernels(50), wasmKernels(50, 64, 'wasm-simd'), wasmKernels(50, 8, 'wasm-simd')]) {
      const fast = new FastNet(k, 0.1, mulberry32(3));
      const ref = new TwoLayerNet(784, 50, 10, 0.1, mulberry32(3), 'float64');
      const { x, t } = batchOf(data.train, rows, 'float64');
      const g = ref.gradient(x, t);
      const lossBefore = ref.loss(x, t);
      expect(Math.abs(fast.loss(data.train.images.pixels, data.train.labels, rows, 20) - lossBefore)).toBeLessThan(
        1e-5,
      );
      const lossAfter = fast.step(data.train.images.pixels, data.train.labels, rows, 20, 0.1);
      const fg = fast.lastGradients;
      close(fg.dW1, g.W1.data, 1e-5);
      close(fg.db1, g.b1.data, 1e-5);
      close(fg.dW2, g.W2.data, 1e-5);
      close(fg.db2, g.b2.data, 1e-5);
      for (const key of ['W1', 'b1', 'W2', 'b2'] as const) {
        const p = ref.params[key].data;
        for (let i = 0; i < p.length; i++) p[i] -= 0.1 * g[key].data[i];
      }
      close(k.W1, ref.params.W1.data, 1e-5);
      close(k.W2, ref.params.W2.data, 1e-5);
      expect(Math.abs(lossAfter - ref.loss(x, t))).toBeLessThan(1e-5);
    }
  });
});
