import { readFileSync } from 'node:fs';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { encodeNpy } from '../data/npz';
import { WeightsError } from '../errors';
import { snapshotDType, snapshotOf } from './params';
import { weightsFromNpz, weightsToNpz } from './weightsFile';

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
      expect(back.hiddenSize).toBe(7);
      expect(snapshotDType(back)).toBe(dtype);
      expect(back).toEqual(p);
    }
  });

  it("reads weights NumPy's np.savez (stored, float32) and np.savez_compressed (deflated, float64) wrote", () => {
    const s = weightsFromNpz('s.npz', fixture('savez-f32-h2.npz'));
    expect([s.hiddenSize, snapshotDType(s), s.W1.length, s.W2.length]).toEqual([2, 'float32', 1568, 20]);
    const c = weightsFromNpz('c.npz', fixture('savez-compressed-f64-h2.npz'));
    expect(snapshotDType(c)).toBe('float64');
    // The generator's formulas (scripts/make-npz-fixtures.py), row-major as NumPy keeps them.
    for (const p of [s, c]) {
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
      params: { file: 'w.npz', name: 'b2', found: 'W1, b1, W2' },
    });
    expect(codeOf(() => weightsFromNpz('w.npz', npz({ ...good(4), loss: { shape: [1] } })))).toEqual({
      code: 'weights.unexpected',
      params: { file: 'w.npz', name: 'loss' },
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
        { ...good(3), W2: { shape: [4, 10] } },
        { name: 'W2', shape: '(4, 10)', expected: '(3, 10)' },
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
    expect(p.W2[0]).toBe(0.1);
  });
});
