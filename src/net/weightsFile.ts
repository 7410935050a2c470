/**
 * The net's weights as an .npz that the book's Python code loads: the arrays of
 * `TwoLayerNet.params` with their names and shapes (W1 (784, H), b1 (H,), W2 (H, 10), b2 (10,)),
 * in the precision they were trained in.
 */
import { CLASSES, PIXELS } from '../constants';
import { decodeNpy, dtypeName, floatDType, readNpz, toFloatArray, writeNpz } from '../data/npz';
import { shapeText } from '../tensor/literal';
import type { NpyRaw } from '../data/npz';
import { WeightsError } from '../errors';
import type { DType } from '../tensor/matrix';
import { snapshotOf, type ParamSnapshot } from './params';
import { PARAM_KEYS, type ParamKey } from './twoLayerNet';

export const WEIGHTS_FILE_NAME = 'backprop-lab-weights.npz';
/** The largest hidden layer the app trains (the Hidden size field's maximum). */
export const MAX_HIDDEN = 1000;

const shapes = (h: number): Record<ParamKey, number[]> => ({
  W1: [PIXELS, h],
  b1: [h],
  W2: [h, CLASSES],
  b2: [CLASSES],
});

/** The .npz bytes of a snapshot. */
export function weightsToNpz(p: ParamSnapshot, mtime?: Date): Uint8Array {
  const s = shapes(p.hiddenSize);
  return writeNpz(
    {
      W1: { shape: s.W1, data: p.W1 },
      b1: { shape: s.b1, data: p.b1 },
      W2: { shape: s.W2, data: p.W2 },
      b2: { shape: s.b2, data: p.b2 },
    },
    mtime,
  );
}

const sameShape = (a: number[], b: number[]) => a.length === b.length && a.every((n, i) => n === b[i]);

/**
 * Reads weights from an .npz (ours, or one NumPy's np.savez / np.savez_compressed wrote) and
 * checks them: exactly the arrays W1, b1, W2, b2; float32 or float64; shapes that fit one
 * another and the 784-pixel input and 10 classes; finite values. Anything else throws a
 * WeightsError that names the file, the array and the fault.
 */
export function weightsFromNpz(file: string, bytes: Uint8Array): ParamSnapshot {
  const entries = readNpz(file, bytes);
  const names = [...entries.keys()];
  const found = names.length ? names.join(', ') : '—';
  for (const k of PARAM_KEYS) if (!entries.has(k)) throw new WeightsError(file, 'weights.missing', { name: k, found });
  for (const n of names)
    if (!(PARAM_KEYS as readonly string[]).includes(n)) throw new WeightsError(file, 'weights.unexpected', { name: n });

  const raw = {} as Record<ParamKey, NpyRaw>;
  for (const k of PARAM_KEYS) {
    const a = decodeNpy(file, k, entries.get(k)!);
    if (!floatDType(a)) throw new WeightsError(file, 'weights.dtype', { name: k, dtype: dtypeName(a.descr) });
    raw[k] = a;
  }
  // The hidden size is W1's second axis; the others must agree with it.
  const w1 = raw.W1.shape;
  if (!(w1.length === 2 && w1[0] === PIXELS && w1[1] >= 1 && w1[1] <= MAX_HIDDEN)) {
    throw new WeightsError(file, 'weights.shape', {
      name: 'W1',
      shape: shapeText(w1),
      expected: `(${PIXELS}, H), 1 ≤ H ≤ ${MAX_HIDDEN}`,
    });
  }
  const h = w1[1];
  const expected = shapes(h);
  for (const k of PARAM_KEYS) {
    if (!sameShape(raw[k].shape, expected[k])) {
      throw new WeightsError(file, 'weights.shape', {
        name: k,
        shape: shapeText(raw[k].shape),
        expected: shapeText(expected[k]),
      });
    }
  }
  const values = {} as Record<ParamKey, ArrayLike<number>>;
  for (const k of PARAM_KEYS) {
    const v = toFloatArray(raw[k]);
    for (let i = 0; i < v.length; i++) {
      if (!Number.isFinite(v[i])) throw new WeightsError(file, 'weights.notFinite', { name: k, index: i, value: v[i] });
    }
    values[k] = v;
  }
  // One precision for the four: Float64 if any array has it (nothing is rounded away).
  const dtype: DType = PARAM_KEYS.some((k) => floatDType(raw[k]) === 'float64') ? 'float64' : 'float32';
  return snapshotOf(h, values.W1, values.b1, values.W2, values.b2, dtype);
}
