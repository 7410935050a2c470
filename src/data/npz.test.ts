import { readFileSync } from 'node:fs';
import { unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { WeightsError } from '../errors';
import { lyingNpz } from '../testing/hostileFiles';
import { decodeNpy, dtypeName, encodeNpy, floatDType, MAX_NPY_HEADER, readNpz, toFloatArray, writeNpz } from './npz';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`./fixtures/${name}`, import.meta.url)));

const codeOf = (fn: () => unknown): { code: string; params: Record<string, unknown> } => {
  try {
    fn();
  } catch (e) {
    if (e instanceof WeightsError) return e.coded;
    throw e;
  }
  throw new Error('did not throw');
};

describe('.npy', () => {
  it('writes the header the NumPy format spec asks for: magic, version 1.0, a padded dict, 64-byte aligned data', () => {
    const b = encodeNpy({ shape: [2, 3], data: new Float32Array([1, 2, 3, 4, 5, 6]) });
    expect(Array.from(b.subarray(0, 8))).toEqual([0x93, 78, 85, 77, 80, 89, 1, 0]);
    const len = b[8] | (b[9] << 8);
    expect((10 + len) % 64).toBe(0);
    const header = String.fromCharCode(...b.subarray(10, 10 + len));
    expect(header).toMatch(/^\{'descr': '<f4', 'fortran_order': False, 'shape': \(2, 3\), \} *\n$/);
    expect(b.length).toBe(10 + len + 24);
    // little-endian data
    expect(new DataView(b.buffer).getFloat32(10 + len + 4, true)).toBe(2);
  });

  it('writes 1-D shapes with the trailing comma and Float64 as <f8', () => {
    const b = encodeNpy({ shape: [3], data: new Float64Array([0.1, 0.2, 0.3]) });
    const raw = decodeNpy('x.npz', 'b', b);
    expect(raw).toMatchObject({ descr: '<f8', shape: [3], fortranOrder: false });
    expect(String.fromCharCode(...b.subarray(10, 80))).toContain("'shape': (3,)");
    expect(Array.from(toFloatArray(raw))).toEqual([0.1, 0.2, 0.3]);
  });

  it('refuses a shape that does not hold the data', () => {
    expect(() => encodeNpy({ shape: [2, 2], data: new Float32Array(3) })).toThrow(/does not hold/);
  });

  it('names dtypes as NumPy does', () => {
    expect(['<f4', '<f8', '<i8', '|u1', '|b1', '<U5'].map(dtypeName)).toEqual([
      'float32',
      'float64',
      'int64',
      'uint8',
      'bool',
      '<U5',
    ]);
  });

  it('says which array has a broken header or is cut short', () => {
    expect(codeOf(() => decodeNpy('w.npz', 'W1', new Uint8Array([1, 2, 3])))).toEqual({
      code: 'weights.npyHeader',
      params: { file: 'w.npz', name: 'W1' },
    });
    const b = encodeNpy({ shape: [4], data: new Float32Array(4) });
    expect(codeOf(() => decodeNpy('w.npz', 'b1', b.subarray(0, b.length - 3)))).toEqual({
      code: 'weights.npyLength',
      params: { file: 'w.npz', name: 'b1', bytes: 13, expected: 16 },
    });
    const v9 = b.slice();
    v9[6] = 9;
    expect(codeOf(() => decodeNpy('w.npz', 'b1', v9)).code).toBe('weights.npyHeader');
  });
});

describe('.npz', () => {
  it('round trip: Float32 and Float64 arrays come back with their names, shapes, precision and values', () => {
    const W = new Float32Array(12).map((_, i) => i / 3);
    const b = new Float64Array([Math.PI, -Math.E]);
    const bytes = writeNpz({ W: { shape: [3, 4], data: W }, b: { shape: [2], data: b } });
    const entries = readNpz('r.npz', bytes);
    expect([...entries.keys()]).toEqual(['W', 'b']);
    const rw = decodeNpy('r.npz', 'W', entries.get('W')!);
    const rb = decodeNpy('r.npz', 'b', entries.get('b')!);
    expect([rw.shape, floatDType(rw), rb.shape, floatDType(rb)]).toEqual([[3, 4], 'float32', [2], 'float64']);
    expect(toFloatArray(rw)).toEqual(W);
    expect(toFloatArray(rb)).toEqual(b);
    // entries are deflated .npy files
    expect(Object.keys(unzipSync(bytes))).toEqual(['W.npy', 'b.npy']);
  });

  it("reads np.savez's stored ZIP64 entries", () => {
    const entries = readNpz('s.npz', fixture('savez-f32-h2.npz'));
    expect([...entries.keys()].sort()).toEqual(['W1', 'W2', 'b1', 'b2']);
    const b1 = decodeNpy('s.npz', 'b1', entries.get('b1')!);
    expect(b1).toMatchObject({ descr: '<f4', shape: [2] });
    expect(Array.from(toFloatArray(b1))).toEqual([-0.25, 0]);
  });

  it("reads np.savez_compressed's deflated entries", () => {
    const entries = readNpz('c.npz', fixture('savez-compressed-f64-h2.npz'));
    const b2 = decodeNpy('c.npz', 'b2', entries.get('b2')!);
    expect(b2).toMatchObject({ descr: '<f8', shape: [10] });
    expect(Array.from(toFloatArray(b2))).toEqual(Array.from({ length: 10 }, (_, i) => (i - 5) / 32));
  });

  it('reads Fortran-order and big-endian arrays in C order, and reports other dtypes as they are', () => {
    const e = readNpz('o.npz', fixture('odd-arrays.npz'));
    const f = decodeNpy('o.npz', 'fortran', e.get('fortran')!);
    expect(f.fortranOrder).toBe(true);
    expect(Array.from(toFloatArray(f))).toEqual(Array.from({ length: 12 }, (_, i) => i));
    const be = decodeNpy('o.npz', 'big_endian', e.get('big_endian')!);
    expect(be.descr).toBe('>f8');
    expect(Array.from(toFloatArray(be))).toEqual([1.5, -2.25, 3]);
    const ints = decodeNpy('o.npz', 'ints', e.get('ints')!);
    expect([dtypeName(ints.descr), floatDType(ints), ints.shape]).toEqual(['int64', null, [2, 3]]);
    const scalar = decodeNpy('o.npz', 'scalar', e.get('scalar')!);
    expect(scalar.shape).toEqual([]);
    expect(Array.from(toFloatArray(scalar))).toEqual([0.5]);
  });

  it('bad files: a lone .npy, not a zip, a cut-short zip, an entry too large to be weights', () => {
    expect(codeOf(() => readNpz('lone.npy', fixture('lone.npy'))).code).toBe('weights.loneNpy');
    expect(codeOf(() => readNpz('a.txt', new TextEncoder().encode('hello, world')))).toEqual({
      code: 'weights.notNpz',
      params: { file: 'a.txt', bytes: 12 },
    });
    const good = fixture('savez-compressed-f64-h2.npz');
    expect(codeOf(() => readNpz('cut.npz', good.subarray(0, good.length - 40))).code).toBe('weights.notNpz');
    const huge = zipSync({ 'W1.npy': [new Uint8Array(65 * 1024 * 1024), { level: 1 }] });
    expect(codeOf(() => readNpz('huge.npz', huge))).toMatchObject({
      code: 'weights.tooBig',
      params: { name: 'W1.npy', bytes: 65 * 1024 * 1024 },
    });
  });

  it('refuses a zip whose entry unzips far past its declared size (1.5 GiB for 156,928 bytes) at once, as damaged', () => {
    const w1 = encodeNpy({ shape: [784, 50], data: new Float32Array(784 * 50) });
    expect(w1.length).toBe(156_928);
    const small = encodeNpy({ shape: [10], data: new Float32Array(10) });
    const bomb = lyingNpz('W1.npy', w1, 1536, { 'b1.npy': small, 'W2.npy': small, 'b2.npy': small });
    expect(bomb.length).toBeLessThan(3_000_000);
    const before = process.memoryUsage().arrayBuffers;
    expect(codeOf(() => readNpz('lying.npz', bomb))).toEqual({
      code: 'weights.zipDamaged',
      params: { file: 'lying.npz', entry: 'W1.npy' },
    });
    // Stopped a chunk past the declared size: nowhere near the 1.5 GiB the entry unzips to.
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(64 * 2 ** 20);
    // The same file without the run-on reads (the builder itself is sound).
    const honest = lyingNpz('W1.npy', w1, 0, { 'b1.npy': small });
    expect(readNpz('ok.npz', honest).get('W1')).toEqual(w1);
  });

  it('refuses entries whose headers disagree: local name, method, sizes, data outside the file', () => {
    const npy = encodeNpy({ shape: [3], data: new Float32Array([1, 2, 3]) });
    const zip = zipSync({ 'a.npy': [npy, { level: 0 }] });
    const v = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, b.byteLength);
    const edit = (f: (d: DataView, cd: number) => void) => {
      const b = zip.slice();
      f(v(b), v(b).getUint32(b.length - 22 + 16, true));
      return codeOf(() => readNpz('z.npz', b));
    };
    const damaged = { code: 'weights.zipDamaged', params: { file: 'z.npz', entry: 'a.npy' } };
    expect(edit((d) => d.setUint8(30, 'b'.charCodeAt(0)))).toEqual(damaged); // local name
    expect(edit((d, cd) => d.setUint32(cd + 24, npy.length - 1, true))).toEqual(damaged); // central size
    expect(edit((d, cd) => d.setUint32(cd + 20, 10_000_000, true))).toEqual(damaged); // beyond the file
    expect(edit((d, cd) => d.setUint16(cd + 10, 8, true))).toEqual(damaged); // method
  });
});

describe('.npy headers a page cannot afford', () => {
  it('names a 3 MB version-2.0 header instead of overflowing the stack', () => {
    const len = 3_000_000;
    const b = new Uint8Array(12 + len);
    b.set([0x93, 78, 85, 77, 80, 89, 2, 0]);
    new DataView(b.buffer).setUint32(8, len, true);
    b.fill(0x20, 12);
    expect(codeOf(() => decodeNpy('big.npz', 'W1', b))).toEqual({
      code: 'weights.npyHeaderTooLong',
      params: { file: 'big.npz', name: 'W1', bytes: len, max: MAX_NPY_HEADER },
    });
    // A long but allowed header still reads.
    const ok = encodeNpy({ shape: [2], data: new Float32Array([1, 2]) });
    expect(decodeNpy('ok.npz', 'b', ok).shape).toEqual([2]);
  });
});
