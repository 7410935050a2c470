import { readFileSync } from 'node:fs';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { decodeNpy, encodeNpy, readNpz } from '../data/npz';
import { WeightsError } from '../errors';
import { tensorShapes } from './arch';
import { snapshotDType, snapshotFrom, snapshotOf } from './params';
import { namesText, weightsFromNpz, weightsToNpz } from './weightsFile';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../data/fixtures/${name}`, import.meta.url)));

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    if (e instanceof WeightsError) return e.coded;
    throw e;
  }
  throw new Error('did not throw');
};

const snapshot = (h: number, dtype: 'float32' | 'float64') =>
  snapshotOf(
    h,
    Float64Array.from({ length: 784 * h }, (_, i) => Math.sin(i) / 10),
    Float64Array.from({ length: h }, (_, i) => i / 3),
    Float64Array.from({ length: h * 10 }, (_, i) => Math.cos(i)),
    Float64Array.from({ length: 10 }, (_, i) => -i / 7),
    dtype,
  );

/** An .npz of float arrays given by name and shape (values 0.5). */
const npz = (arrays: Record<string, { shape: number[]; f64?: boolean; fill?: number }>) =>
  zipSync(
    Object.fromEntries(
      Object.entries(arrays).map(([name, a]) => {
        const n = a.shape.reduce((p, x) => p * x, 1);
        const data = (a.f64 ? new Float64Array(n) : new Float32Array(n)).fill(a.fill ?? 0.5);
        return [`${name}.npy`, encodeNpy({ shape: a.shape, data })];
      }),
    ),
  );
const good = (h: number) => ({
  W1: { shape: [784, h] },
  b1: { shape: [h] },
  W2: { shape: [h, 10] },
  b2: { shape: [10] },
});

describe('weights as .npz', () => {
  it('round trip in the precision trained: Float32 stays Float32, Float64 stays Float64, every value exact', () => {
    for (const dtype of ['float32', 'float64'] as const) {
      const p = snapshot(7, dtype);
      const back = weightsFromNpz('backprop-lab-weights.npz', weightsToNpz(p));
      expect(back.arch).toEqual({ hidden: [7], activation: 'relu', batchNorm: false, dropout: 0 });
      expect(snapshotDType(back)).toBe(dtype);
      expect(back).toEqual(p);
    }
  });

  it("reads weights NumPy's np.savez (stored, float32) and np.savez_compressed (deflated, float64) wrote", () => {
    const s = weightsFromNpz('s.npz', fixture('savez-f32-h2.npz'));
    expect([s.arch.hidden, snapshotDType(s), s.tensors.W1.length, s.tensors.W2.length]).toEqual([
      [2],
      'float32',
      1568,
      20,
    ]);
    const c = weightsFromNpz('c.npz', fixture('savez-compressed-f64-h2.npz'));
    expect(snapshotDType(c)).toBe('float64');
    // The generator's formulas (scripts/make-npz-fixtures.py), row-major as NumPy keeps them.
    for (const { tensors: p } of [s, c]) {
      expect(Array.from(p.b1)).toEqual([-0.25, 0]);
      expect(Array.from(p.b2)).toEqual(Array.from({ length: 10 }, (_, i) => (i - 5) / 32));
      expect(p.W1[5 * 2 + 1]).toBe((((5 * 7 + 3) % 11) - 5) / 8);
      expect(p.W1[6 * 2 + 1]).toBe(0);
      expect(p.W2[1 * 10 + 4]).toBe((((1 * 10 + 4) % 7) - 3) / 16);
    }
  });

  it('says which array is missing and what the file has, or which one does not belong', () => {
    const { b2: _b2, ...three } = good(4);
    expect(codeOf(() => weightsFromNpz('w.npz', npz(three)))).toEqual({
      code: 'weights.missing',
      params: { file: 'w.npz', name: 'b2', found: 'W1, b1, W2', needs: 'W1, b1, W2, b2' },
    });
    expect(codeOf(() => weightsFromNpz('w.npz', npz({ ...good(4), loss: { shape: [1] } })))).toEqual({
      code: 'weights.unexpected',
      params: { file: 'w.npz', name: 'loss', needs: 'W1, b1, W2, b2' },
    });
    expect(codeOf(() => weightsFromNpz('empty.npz', zipSync({}))).params).toMatchObject({ name: 'W1', found: '—' });
  });

  it('says which array has a dtype other than float32 or float64', () => {
    const ints = new Uint8Array(encodeNpy({ shape: [10], data: new Float64Array(10) }));
    // The same bytes, declared int64: the header's descr is rewritten in place.
    const at = String.fromCharCode(...ints.subarray(0, 64)).indexOf('<f8');
    ints.set([60, 105, 56], at); // '<i8'
    const files = zipSync({
      'W1.npy': encodeNpy({ shape: [784, 2], data: new Float32Array(1568) }),
      'b1.npy': encodeNpy({ shape: [2], data: new Float32Array(2) }),
      'W2.npy': encodeNpy({ shape: [2, 10], data: new Float32Array(20) }),
      'b2.npy': ints,
    });
    expect(codeOf(() => weightsFromNpz('w.npz', files))).toEqual({
      code: 'weights.dtype',
      params: { file: 'w.npz', name: 'b2', dtype: 'int64' },
    });
  });

  it('says which shape is wrong and what it should be', () => {
    const cases: [Record<string, { shape: number[] }>, Record<string, string>][] = [
      [
        { ...good(3), W1: { shape: [783, 3] } },
        { name: 'W1', shape: '(783, 3)', expected: '(784, H), 1 ≤ H ≤ 1000' },
      ],
      [
        { ...good(3), W1: { shape: [784 * 3] } },
        { name: 'W1', shape: '(2352,)', expected: '(784, H), 1 ≤ H ≤ 1000' },
      ],
      [
        { ...good(3), b1: { shape: [1, 3] } },
        { name: 'b1', shape: '(1, 3)', expected: '(3,)' },
      ],
      [
        { ...good(3), b2: { shape: [9] } },
        { name: 'b2', shape: '(9,)', expected: '(10,)' },
      ],
    ];
    for (const [arrays, params] of cases) {
      expect(codeOf(() => weightsFromNpz('w.npz', npz(arrays)))).toEqual({
        code: 'weights.shape',
        params: { file: 'w.npz', ...params },
      });
    }
  });

  it('refuses NaN and infinite weights, naming the array and the index', () => {
    expect(codeOf(() => weightsFromNpz('w.npz', npz({ ...good(2), b1: { shape: [2], fill: NaN } })))).toEqual({
      code: 'weights.notFinite',
      params: { file: 'w.npz', name: 'b1', index: 0, value: NaN },
    });
  });

  it('mixed precisions become Float64, so no value is rounded', () => {
    const p = weightsFromNpz('w.npz', npz({ ...good(2), W2: { shape: [2, 10], f64: true, fill: 0.1 } }));
    expect(snapshotDType(p)).toBe('float64');
    expect(p.tensors.W2[0]).toBe(0.1);
  });
});

/** A 784-5-4-3-10 net with batch norm: every array filled with its own values. */
const bnNet = (dtype: 'float32' | 'float64') => {
  const arch = { hidden: [5, 4, 3], activation: 'sigmoid' as const, batchNorm: true, dropout: 0.2 };
  return snapshotFrom(
    arch,
    (name) => {
      const n = tensorShapes(arch)
        .find(([k]) => k === name)![1]
        .reduce((a, b) => a * b, 1);
      const seed = name.length * 7 + name.charCodeAt(name.length - 1);
      // Variances stay positive; everything else takes both signs.
      return Float64Array.from({ length: n }, (_, i) =>
        name.startsWith('running_var') ? 1 + i / 10 : Math.sin(seed + i) / 3,
      );
    },
    dtype,
  );
};

/** good(), as a chain of layers with batch norm: W's, b's, gamma, beta and the running averages. */
const layered = (hidden: number[], bn = true) => {
  const sizes = [784, ...hidden, 10];
  const a: Record<string, { shape: number[]; fill?: number }> = {};
  for (let i = 1; i < sizes.length; i++) {
    a[`W${i}`] = { shape: [sizes[i - 1], sizes[i]] };
    a[`b${i}`] = { shape: [sizes[i]] };
  }
  if (bn)
    hidden.forEach((h, i) => {
      for (const k of ['gamma', 'beta', 'running_mean', 'running_var']) a[`${k}${i + 1}`] = { shape: [h] };
    });
  return a;
};

describe('weights of a multi-layer net (MultiLayerNetExtend)', () => {
  it('round trip of a 3-hidden-layer batch-norm net: every array by its book name and NumPy shape', () => {
    for (const dtype of ['float32', 'float64'] as const) {
      const p = bnNet(dtype);
      const bytes = weightsToNpz(p);
      const entries = readNpz('w.npz', bytes);
      expect([...entries.keys()]).toEqual(tensorShapes(p.arch).map(([k]) => k));
      const shapes = Object.fromEntries([...entries].map(([k, v]) => [k, decodeNpy('w.npz', k, v).shape]));
      expect(shapes).toMatchObject({
        W1: [784, 5],
        W2: [5, 4],
        W3: [4, 3],
        W4: [3, 10],
        b4: [10],
        gamma3: [3],
        beta1: [5],
        running_mean2: [4],
        running_var3: [3],
      });
      // The activation and dropout ratio are not in the file: they come from the settings.
      const back = weightsFromNpz('w.npz', bytes, { activation: 'sigmoid', dropout: 0.2 });
      expect(back).toEqual(p);
      expect(snapshotDType(back)).toBe(dtype);
      const relu = weightsFromNpz('w.npz', bytes, { activation: 'relu', dropout: 0 });
      expect(relu.arch).toEqual({ hidden: [5, 4, 3], activation: 'relu', batchNorm: true, dropout: 0 });
    }
  });

  it('infers the layers from the chain of W shapes, with or without batch norm', () => {
    const p = weightsFromNpz('w.npz', npz(layered([100, 100, 100, 100], false)));
    expect(p.arch).toEqual({ hidden: [100, 100, 100, 100], activation: 'relu', batchNorm: false, dropout: 0 });
    expect(Object.keys(p.tensors)).toHaveLength(10);
    const bn = weightsFromNpz('w.npz', npz(layered([7, 3])));
    expect(bn.arch.hidden).toEqual([7, 3]);
    expect(bn.arch.batchNorm).toBe(true);
  });

  it('names the missing array of a batch-norm net and what such a net needs', () => {
    const { running_var2: _v, ...rest } = layered([5, 4]);
    expect(codeOf(() => weightsFromNpz('w.npz', npz(rest))).params).toMatchObject({
      name: 'running_var2',
      needs: 'W1…W3, b1…b3, gamma1, gamma2, beta1, beta2, running_mean1, running_mean2, running_var1, running_var2',
    });
    // A W past a gap does not belong.
    expect(codeOf(() => weightsFromNpz('w.npz', npz({ ...good(3), W4: { shape: [3, 10] } })))).toMatchObject({
      code: 'weights.unexpected',
      params: { name: 'W4' },
    });
  });

  it('says where the chain breaks: a W whose rows are not the columns of the W before', () => {
    const a = layered([5, 4], false);
    expect(codeOf(() => weightsFromNpz('w.npz', npz({ ...a, W2: { shape: [6, 4] } })))).toEqual({
      code: 'weights.chain',
      params: { file: 'w.npz', name: 'W2', shape: '(6, 4)', expected: '(5, H), 1 ≤ H ≤ 1000', prev: 'W1', rows: 5 },
    });
    expect(codeOf(() => weightsFromNpz('w.npz', npz({ ...good(3), W2: { shape: [4, 10] } })))).toEqual({
      code: 'weights.chain',
      params: { file: 'w.npz', name: 'W2', shape: '(4, 10)', expected: '(3, 10)', prev: 'W1', rows: 3 },
    });
    // The last W ends in the 10 classes; a hidden layer has 1 to 1000 units.
    expect(codeOf(() => weightsFromNpz('w.npz', npz({ ...a, W3: { shape: [4, 9] } }))).params).toMatchObject({
      name: 'W3',
      expected: '(4, 10)',
    });
    expect(codeOf(() => weightsFromNpz('w.npz', npz(layered([5, 1001], false)))).params).toMatchObject({
      name: 'W2',
      shape: '(5, 1001)',
    });
    expect(codeOf(() => weightsFromNpz('w.npz', npz({ ...layered([5, 4]), gamma2: { shape: [5] } })))).toMatchObject({
      code: 'weights.shape',
      params: { name: 'gamma2', shape: '(5,)', expected: '(4,)' },
    });
  });

  it('refuses more than 10 hidden layers, and a negative running variance', () => {
    expect(codeOf(() => weightsFromNpz('w.npz', npz(layered(new Array(11).fill(2), false))))).toEqual({
      code: 'weights.tooManyLayers',
      params: { file: 'w.npz', count: 12, layers: 11, max: 10 },
    });
    expect(weightsFromNpz('w.npz', npz(layered(new Array(10).fill(2), false))).arch.hidden).toHaveLength(10);
    const bad = { ...layered([3]), running_var1: { shape: [3], fill: -0.5 } };
    expect(codeOf(() => weightsFromNpz('w.npz', npz(bad)))).toEqual({
      code: 'weights.negativeVar',
      params: { file: 'w.npz', name: 'running_var1', index: 0, value: -0.5 },
    });
    const inf = { ...layered([3]), gamma1: { shape: [3], fill: Infinity } };
    expect(codeOf(() => weightsFromNpz('w.npz', npz(inf))).code).toBe('weights.notFinite');
  });

  it('namesText: one run per family of names', () => {
    expect(namesText(['W1', 'b1', 'W2', 'b2'])).toBe('W1, b1, W2, b2');
    expect(namesText(['W1', 'W2', 'W3', 'running_mean1'])).toBe('W1…W3, running_mean1');
  });
});
