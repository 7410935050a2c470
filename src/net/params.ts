import type { DType } from '../tensor/matrix';
import { MAX_LAYERS, MAX_UNITS, sizeOf, tensorShapes, TWO_LAYER_ARCH, type NetArch } from './arch';

/** Weights in the precision they were trained in: Float32 (the fast net) or Float64 (the book's). */
export type ParamArray = Float32Array | Float64Array;

/**
 * The arrays of a net, copied out (never live buffers): what the trainer hands out, what the
 * worker posts to the page and to its helper, what the page draws, saves and exports. One type
 * for every net of the family. `tensors` holds every array of `tensorShapes(arch)` by its
 * book name (W1…Wn, b1…bn, gamma1…, beta1…, running_mean1…, running_var1…), flat and
 * row-major, all of one precision.
 */
export interface ParamSnapshot {
  arch: NetArch;
  tensors: Record<string, ParamArray>;
}

const copyOf = (a: ArrayLike<number>, dtype: DType): ParamArray =>
  dtype === 'float64' ? Float64Array.from(a) : Float32Array.from(a);

/**
 * Copies every array of `arch` (by name, from `get`) into a snapshot, in Float32 unless told
 * otherwise. Throws when an array is missing or has the wrong length: a snapshot always fits
 * its arch.
 */
export function snapshotFrom(
  arch: NetArch,
  get: (name: string) => ArrayLike<number> | undefined,
  dtype: DType = 'float32',
): ParamSnapshot {
  const tensors: Record<string, ParamArray> = {};
  for (const [name, shape] of tensorShapes(arch)) {
    const a = get(name);
    if (!a) throw new Error(`no array ${name}`);
    if (a.length !== sizeOf(shape)) throw new Error(`${name}: ${a.length} values, not ${sizeOf(shape)}`);
    tensors[name] = copyOf(a, dtype);
  }
  return { arch: { ...arch, hidden: [...arch.hidden] }, tensors };
}

/** The book's TwoLayerNet 784-H-10 (ReLU, no batch norm, no dropout) from its four arrays. */
export function snapshotOf(
  hiddenSize: number,
  W1: ArrayLike<number>,
  b1: ArrayLike<number>,
  W2: ArrayLike<number>,
  b2: ArrayLike<number>,
  dtype: DType = 'float32',
): ParamSnapshot {
  const arrays: Record<string, ArrayLike<number>> = { W1, b1, W2, b2 };
  return snapshotFrom({ ...TWO_LAYER_ARCH, hidden: [hiddenSize] }, (k) => arrays[k], dtype);
}

/** The precision a snapshot holds. */
export const snapshotDType = (p: ParamSnapshot): DType =>
  p.tensors.W1 instanceof Float64Array ? 'float64' : 'float32';

/** The buffers to transfer with a posted snapshot (the sender lets go of its copy). */
export const snapshotBuffers = (p: ParamSnapshot): ArrayBuffer[] =>
  Object.values(p.tensors).map((a) => a.buffer as ArrayBuffer);

const ACTIVATIONS: readonly string[] = ['relu', 'sigmoid'];

/**
 * Whether `a` is an arch the app can build: 1 to MAX_LAYERS hidden layers of 1 to MAX_UNITS
 * units, ReLU or Sigmoid, a dropout ratio in [0, 1). For records read back from storage or
 * from another tab, where anything may be found.
 */
export function isValidArch(a: unknown): a is NetArch {
  if (typeof a !== 'object' || a === null) return false;
  const x = a as Record<string, unknown>;
  const h = x.hidden;
  return (
    Array.isArray(h) &&
    h.length >= 1 &&
    h.length <= MAX_LAYERS &&
    h.every((n) => typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= MAX_UNITS) &&
    typeof x.activation === 'string' &&
    ACTIVATIONS.includes(x.activation) &&
    typeof x.batchNorm === 'boolean' &&
    typeof x.dropout === 'number' &&
    x.dropout >= 0 &&
    x.dropout < 1
  );
}

/**
 * Whether `p` is a whole snapshot: a valid arch, and exactly the arrays of tensorShapes(arch),
 * each of its length, all Float32 or all Float64.
 */
export function isSnapshot(p: unknown): p is ParamSnapshot {
  if (typeof p !== 'object' || p === null) return false;
  const { arch, tensors } = p as Record<string, unknown>;
  if (!isValidArch(arch) || typeof tensors !== 'object' || tensors === null) return false;
  const t = tensors as Record<string, unknown>;
  const shapes = tensorShapes(arch);
  if (Object.keys(t).length !== shapes.length) return false;
  const kind = t.W1 instanceof Float64Array ? Float64Array : Float32Array;
  return shapes.every(([name, shape]) => t[name] instanceof kind && (t[name] as ParamArray).length === sizeOf(shape));
}
