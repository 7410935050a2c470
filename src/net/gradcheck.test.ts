import { describe, expect, it, vi } from 'vitest';
import { rangeOf } from '../data/mnist';
import { realMnist } from '../testing/realMnist';
import { syntheticMnist } from '../testing/syntheticMnist';
import { BOOK_GRADCHECK_NET, closestToKink, gradientCheck } from './gradcheck';
import { MultiLayerNetExtend } from './multiLayerNet';
import { PARAM_KEYS } from './twoLayerNet';
import { mulberry32 } from '../tensor/random';

describe('gradient_check.py on the first three MNIST training images', () => {
  it("gives the book's mean absolute differences (≤ 1e-9), passing over nets with a ReLU input at the kink", () => {
    const { x, t } = rangeOf(realMnist().train, 0, 3, 'float64');
    // Seed 1 puts one ReLU input 3.5e-5 from 0, inside the numerical step h = 1e-4.
    const net = new MultiLayerNetExtend(784, [50], 10, { weightInitStd: 0.01, rng: mulberry32(1) });
    expect(closestToKink(net, x)).toBeLessThan(1e-4);
    const it = gradientCheck(x, t, 1);
    let r = it.next();
    while (!r.done) r = it.next();
    const res = r.value;
    expect(res.skipped.map((s) => s.seed)).toEqual([1]);
    expect(res.seed).toBe(2);
    for (const k of PARAM_KEYS) expect(res.diffs[k], k).toBeLessThanOrEqual(1e-9);
    // The book: W1 2.8e-13, b1 7.2e-13, W2 9.1e-13, b2 1.2e-10.
    expect(res.diffs.W1).toBeLessThan(1e-12);
    expect(res.diffs.b2).toBeGreaterThan(1e-11);
    expect(res.numericalMs / res.backpropMs).toBeGreaterThan(1000);
    expect([res.checked, res.total, res.net]).toEqual([39_760, 39_760, '784-50-10']);
  }, 120_000);
});

describe('the gradient check times', () => {
  it('count only its own work, not the time between slices while a caller does something else', () => {
    const { x, t } = rangeOf(syntheticMnist(10, 5).train, 0, 3, 'float64');
    let clock = 0;
    const now = vi.spyOn(performance, 'now').mockImplementation(() => (clock += 1));
    try {
      const it = gradientCheck(x, t, 1, { ...BOOK_GRADCHECK_NET, arch: { ...BOOK_GRADCHECK_NET.arch, hidden: [3] } });
      let r = it.next();
      let yields = 0;
      while (!r.done) {
        yields++;
        clock += 1_000_000; // a training slice runs in between
        r = it.next();
      }
      expect(yields).toBeGreaterThan(3);
      // Each resume-to-yield costs a few ticks of this clock; the gaps (a million each) are not counted.
      expect(r.value.numericalMs).toBeGreaterThan(0);
      expect(r.value.numericalMs).toBeLessThan(100 * (yields + 1));
    } finally {
      now.mockRestore();
    }
  });
});
