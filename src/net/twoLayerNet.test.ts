import { describe, expect, it } from 'vitest';
import { TwoLayerNet, PARAM_KEYS, meanAbsDiff } from './twoLayerNet';
import { zeros } from '../tensor/matrix';
import { mulberry32 } from '../tensor/random';
import { gradientCheck } from './gradcheck';

function randomBatch(n: number, d: number, seed: number) {
  const rng = mulberry32(seed);
  const x = zeros(n, d, 'float64');
  for (let i = 0; i < x.data.length; i++) x.data[i] = rng() < 0.7 ? 0 : rng();
  const t = Array.from({ length: n }, () => Math.floor(rng() * 10));
  return { x, t };
}

describe('TwoLayerNet', () => {
  it("has the book's shapes and init", () => {
    const net = new TwoLayerNet(784, 50, 10, 0.01, mulberry32(1));
    expect([
      net.params.W1.rows,
      net.params.W1.cols,
      net.params.b1.cols,
      net.params.W2.rows,
      net.params.W2.cols,
    ]).toEqual([784, 50, 50, 50, 10]);
    const w = net.params.W1.data;
    const std = Math.sqrt(Array.from(w).reduce((s, v) => s + v * v, 0) / w.length);
    expect(std).toBeGreaterThan(0.0095);
    expect(std).toBeLessThan(0.0105);
    expect(net.params.b1.data.every((v) => v === 0)).toBe(true);
    expect(net.paramCount).toBe(39760);
  });

  it('backprop equals the numerical gradient on a small net in Float64', () => {
    const net = new TwoLayerNet(20, 7, 10, 0.5, mulberry32(3));
    const { x, t } = randomBatch(4, 20, 9);
    const bp = net.gradient(x, t);
    const num = net.numericalGradient(x, t);
    for (const k of PARAM_KEYS) expect(meanAbsDiff(bp[k], num[k]), k).toBeLessThan(1e-8);
  });

  it("the book's gradient check (784-50-10, three images) gives differences ≤ 1e-9", () => {
    // Three MNIST-like images: mostly zero pixels in [0, 1].
    const { x, t } = randomBatch(3, 784, 5);
    const it = gradientCheck(x, t, 1);
    let r = it.next();
    while (!r.done) r = it.next();
    for (const k of PARAM_KEYS) expect(r.value.diffs[k], k).toBeLessThanOrEqual(1e-9);
    expect(r.value.numericalMs).toBeGreaterThan(r.value.backpropMs);
  }, 120_000);

  it('accuracy counts argmax hits', () => {
    const net = new TwoLayerNet(4, 3, 10, 0.01, mulberry32(2));
    const { x } = randomBatch(5, 4, 1);
    const pred = Array.from({ length: 5 }, (_, i) => {
      const s = net.predict(x);
      let best = 0;
      for (let j = 1; j < 10; j++) if (s.data[i * 10 + j] > s.data[i * 10 + best]) best = j;
      return best;
    });
    expect(net.accuracy(x, pred)).toBe(1);
  });
});
