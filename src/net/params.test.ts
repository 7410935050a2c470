import { describe, expect, it } from 'vitest';
import { sizeOf, tensorShapes, type NetArch } from './arch';
import { isSnapshot, isValidArch, snapshotBuffers, snapshotDType, snapshotFrom, snapshotOf } from './params';

const ARCH: NetArch = { hidden: [4, 3], activation: 'sigmoid', batchNorm: true, dropout: 0.25 };
/** Each array holds its own values: name length and index. */
const source = (arch: NetArch) => {
  const arrays = new Map(
    tensorShapes(arch).map(([k, sh]) => [k, Float64Array.from({ length: sizeOf(sh) }, (_, i) => k.length + i / 8)]),
  );
  return (k: string) => arrays.get(k);
};

describe('ParamSnapshot', () => {
  it('snapshotFrom copies every array of tensorShapes(arch) by its book name, in one precision', () => {
    for (const dtype of ['float32', 'float64'] as const) {
      const get = source(ARCH);
      const p = snapshotFrom(ARCH, get, dtype);
      expect(Object.keys(p.tensors)).toEqual([
        'W1',
        'b1',
        'W2',
        'b2',
        'W3',
        'b3',
        'gamma1',
        'gamma2',
        'beta1',
        'beta2',
        'running_mean1',
        'running_mean2',
        'running_var1',
        'running_var2',
      ]);
      expect(p.tensors.W2.length).toBe(12);
      expect(snapshotDType(p)).toBe(dtype);
      for (const [k, a] of Object.entries(p.tensors)) {
        expect(a).toBeInstanceOf(dtype === 'float32' ? Float32Array : Float64Array);
        expect(a).not.toBe(get(k)); // a copy, never the live buffer
        expect(Array.from(a)).toEqual(Array.from(get(k)!, (v) => (dtype === 'float32' ? Math.fround(v) : v)));
      }
      expect(p.arch).toEqual(ARCH);
      expect(p.arch.hidden).not.toBe(ARCH.hidden);
      expect(isSnapshot(p)).toBe(true);
      // Survives a structured clone (postMessage, IndexedDB) as it is.
      expect(structuredClone(p)).toEqual(p);
      expect(isSnapshot(structuredClone(p))).toBe(true);
      const buffers = snapshotBuffers(p);
      expect(buffers).toHaveLength(14);
      expect(new Set(buffers).size).toBe(14);
    }
  });

  it('snapshotFrom refuses a missing array or one of the wrong length', () => {
    const get = source(ARCH);
    expect(() => snapshotFrom(ARCH, (k) => (k === 'beta2' ? undefined : get(k)))).toThrow(/beta2/);
    expect(() => snapshotFrom(ARCH, (k) => (k === 'W3' ? new Float64Array(29) : get(k)))).toThrow(/W3: 29/);
  });

  it("snapshotOf is the book's TwoLayerNet: ReLU, no batch norm, no dropout", () => {
    const p = snapshotOf(2, new Float64Array(1568), [1, 2], new Float64Array(20), new Float64Array(10));
    expect(p.arch).toEqual({ hidden: [2], activation: 'relu', batchNorm: false, dropout: 0 });
    expect(Object.keys(p.tensors)).toEqual(['W1', 'b1', 'W2', 'b2']);
    expect(p.tensors.b1).toEqual(Float32Array.of(1, 2));
  });

  it('isValidArch: 1–10 hidden layers of 1–1000 units, ReLU or Sigmoid, dropout in [0, 1)', () => {
    const ok = (a: object) => isValidArch({ ...ARCH, ...a });
    expect(ok({})).toBe(true);
    expect(ok({ hidden: new Array(10).fill(1000), dropout: 0.99 })).toBe(true);
    expect(ok({ hidden: [] })).toBe(false);
    expect(ok({ hidden: new Array(11).fill(5) })).toBe(false);
    expect(ok({ hidden: [0] })).toBe(false);
    expect(ok({ hidden: [1001] })).toBe(false);
    expect(ok({ hidden: [2.5] })).toBe(false);
    expect(ok({ hidden: ['5'] })).toBe(false);
    expect(ok({ activation: 'tanh' })).toBe(false);
    expect(ok({ batchNorm: 1 })).toBe(false);
    expect(ok({ dropout: 1 })).toBe(false);
    expect(ok({ dropout: -0.1 })).toBe(false);
    expect(ok({ dropout: NaN })).toBe(false);
    expect(isValidArch(null)).toBe(false);
  });

  it('isSnapshot: exactly the arrays of the arch, at their lengths, all of one precision', () => {
    const p = snapshotFrom(ARCH, source(ARCH), 'float64');
    const t = p.tensors;
    expect(isSnapshot({ ...p, tensors: { ...t, W2: new Float64Array(11) } })).toBe(false);
    expect(isSnapshot({ ...p, tensors: { ...t, W2: new Float32Array(12) } })).toBe(false);
    expect(isSnapshot({ ...p, tensors: { ...t, extra: new Float64Array(1) } })).toBe(false);
    const { running_var2: _v, ...short } = t;
    expect(isSnapshot({ ...p, tensors: short })).toBe(false);
    expect(isSnapshot({ ...p, tensors: { ...t, W1: Array.from(t.W1) } })).toBe(false);
    expect(isSnapshot({ ...p, arch: { ...ARCH, batchNorm: false } })).toBe(false);
    expect(isSnapshot({ ...p, arch: { ...ARCH, hidden: [4, 4] } })).toBe(false);
  });
});
