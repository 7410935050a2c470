import { describe, expect, it } from 'vitest';
import { rangeOf } from '../data/mnist';
import { realMnist } from '../testing/realMnist';
import { paramShapes } from './arch';
import { checkedEntries, gradcheckImages, gradientCheck, type GradCheckNet } from './gradcheck';

const run = (spec: GradCheckNet) => {
  const { x, t } = rangeOf(realMnist().train, 0, gradcheckImages(spec.arch), 'float64');
  const it = gradientCheck(x, t, 1, spec);
  let r = it.next();
  let yields = 0;
  while (!r.done) {
    yields++;
    r = it.next();
  }
  return { ...r.value, yields };
};

describe('the gradient check for any net (MultiLayerNetExtend, Float64)', () => {
  it("the book's chapter 6 net with batch norm and dropout: every param within 1e-9", () => {
    const spec: GradCheckNet = {
      arch: { hidden: [100, 100, 100, 100], activation: 'relu', batchNorm: true, dropout: 0.2 },
      weightInit: 'he',
      weightInitStd: 0.01,
      weightDecay: 0,
    };
    const r = run(spec);
    expect(Object.keys(r.diffs)).toEqual(paramShapes(spec.arch).map(([k]) => k));
    for (const [k, d] of Object.entries(r.diffs)) expect(d, k).toBeLessThanOrEqual(1e-9);
    expect(r.net).toBe('784-100-100-100-100-10');
    expect(r.total).toBe(109_810 + 800); // weights and biases, then γ and β
    expect(r.checked).toBeLessThan(r.total);
    expect(r.yields).toBeGreaterThan(10); // slices small enough for the worker to hear Cancel
  }, 120_000);

  it('sigmoid with Xavier and weight decay: within 1e-9', () => {
    const r = run({
      arch: { hidden: [30, 20], activation: 'sigmoid', batchNorm: false, dropout: 0 },
      weightInit: 'xavier',
      weightInitStd: 0.01,
      weightDecay: 0.1,
    });
    expect(r.checked).toBe(r.total); // small enough to check every parameter
    for (const [k, d] of Object.entries(r.diffs)) expect(d, k).toBeLessThanOrEqual(1e-9);
  }, 120_000);

  it('a big net is checked on entries spread evenly over each array, small arrays whole', () => {
    const arch = { hidden: [1000, 1000], activation: 'relu' as const, batchNorm: true, dropout: 0 };
    const e = checkedEntries(arch, 10);
    const W1 = e.get('W1')!;
    expect(W1.length).toBeLessThan(784_000);
    expect(W1[0]).toBe(0);
    expect(W1[W1.length - 1]).toBeGreaterThan(784_000 * (1 - 2 / W1.length));
    expect(e.get('b3')!.length).toBe(10);
    expect([...e.keys()]).toEqual(paramShapes(arch).map(([k]) => k));
    expect(Array.from(checkedEntries({ ...arch, hidden: [50], batchNorm: false }, 3).get('W1')!)).toHaveLength(39_200);
  });
});
