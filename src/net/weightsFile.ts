/**
 * A net's arrays as an .npz that the book's Python code loads: the params of
 * `MultiLayerNetExtend` by their names and NumPy shapes (W1 (784, H1), b1 (H1,), …, Wn (Hn-1, 10),
 * bn (10,), and with batch norm gamma1…, beta1… (Hi,)), plus each batch norm layer's
 * running_mean1…, running_var1… (Hi,), in the precision they were trained in. The book's
 * TwoLayerNet is the one-hidden-layer member: W1, b1, W2, b2.
 */
import { decodeNpy, dtypeName, floatDType, readNpz, toFloatArray, writeNpz } from '../data/npz';
import { shapeText } from '../tensor/literal';
import type { NpyRaw } from '../data/npz';
import { WeightsError } from '../errors';
import type { DType } from '../tensor/matrix';
import { CLASSES, PIXELS } from '../constants';
import { MAX_LAYERS, MAX_UNITS, tensorShapes, type Activation, type NetArch } from './arch';
import { snapshotFrom, type ParamSnapshot } from './params';

export const WEIGHTS_FILE_NAME = 'backprop-lab-weights.npz';

/** The .npz bytes of a snapshot: every array by its book name, with NumPy's shape. */
export function weightsToNpz(p: ParamSnapshot, mtime?: Date): Uint8Array {
  const arrays: Record<string, { shape: number[]; data: Float32Array | Float64Array }> = {};
  for (const [name, shape] of tensorShapes(p.arch)) arrays[name] = { shape, data: p.tensors[name] };
  return writeNpz(arrays, mtime);
}

/**
 * What an .npz cannot say: the arrays give the layers' sizes and whether there is batch norm,
 * but not the activation nor the dropout ratio (neither has an array). The current settings
 * give them.
 */
export interface ImportSettings {
  activation: Activation;
  dropout: number;
}

export const DEFAULT_IMPORT: ImportSettings = { activation: 'relu', dropout: 0 };

const sameShape = (a: number[], b: number[]) => a.length === b.length && a.every((n, i) => n === b[i]);

/**
 * The names an arch needs, said briefly: "W1, b1, W2, b2" for the two-layer net, else each
 * family in one run, "W1…W5, b1…b5, gamma1…gamma4, …".
 */
export function namesText(names: string[]): string {
  const groups = new Map<string, number[]>();
  for (const n of names) {
    const m = /^([A-Za-z_]+?)(\d+)$/.exec(n)!;
    groups.set(m[1], [...(groups.get(m[1]) ?? []), Number(m[2])]);
  }
  if ([...groups.values()].every((g) => g.length <= 2)) return names.join(', ');
  return [...groups]
    .map(([prefix, ns]) =>
      ns.length > 2 ? `${prefix}${ns[0]}…${prefix}${ns[ns.length - 1]}` : ns.map((i) => `${prefix}${i}`).join(', '),
    )
    .join(', ');
}

/** How many of W1, W2, … the file has, counting from W1 without a gap. */
function weightCount(has: (name: string) => boolean): number {
  let n = 0;
  while (has(`W${n + 1}`)) n++;
  return n;
}

/**
 * Reads a net from an .npz (ours, or one NumPy's np.savez / np.savez_compressed wrote) and
 * checks it. The arrays say the net: W1…Wn (n − 1 hidden layers, at most MAX_LAYERS), each W's
 * rows the columns of the one before (784 → … → 10), their b's, and with gamma1 (batch norm)
 * every gamma, beta, running_mean and running_var; float32 or float64; finite values, no
 * negative variance. Anything else throws a WeightsError that names the file, the array and
 * the fault. `settings` give what no array says: the activation and the dropout ratio.
 */
export function weightsFromNpz(
  file: string,
  bytes: Uint8Array,
  settings: ImportSettings = DEFAULT_IMPORT,
): ParamSnapshot {
  const entries = readNpz(file, bytes);
  const names = [...entries.keys()];
  const found = names.length ? names.join(', ') : '—';

  // The names first: how many layers, whether batch norm, and nothing missing or extra.
  const count = weightCount((n) => entries.has(n));
  if (count - 1 > MAX_LAYERS)
    throw new WeightsError(file, 'weights.tooManyLayers', { count, layers: count - 1, max: MAX_LAYERS });
  const hiddenCount = Math.max(count - 1, 1);
  const batchNorm = names.some((n) => /^(gamma|beta|running_mean|running_var)\d+$/.test(n));
  const shapeOf = (layers: number[]): NetArch => ({ hidden: layers, batchNorm, ...settings });
  const wanted = tensorShapes(shapeOf(new Array<number>(hiddenCount).fill(1))).map(([n]) => n);
  const needs = namesText(wanted);
  for (const k of wanted)
    if (!entries.has(k)) throw new WeightsError(file, 'weights.missing', { name: k, found, needs });
  for (const n of names)
    if (!wanted.includes(n)) throw new WeightsError(file, 'weights.unexpected', { name: n, needs });

  const raw = new Map<string, NpyRaw>();
  for (const k of wanted) {
    const a = decodeNpy(file, k, entries.get(k)!);
    if (!floatDType(a)) throw new WeightsError(file, 'weights.dtype', { name: k, dtype: dtypeName(a.descr) });
    raw.set(k, a);
  }

  // The W's make a chain 784 → H1 → … → 10; the layer sizes come from it.
  const hidden: number[] = [];
  let rows = PIXELS;
  for (let i = 1; i <= count; i++) {
    const name = `W${i}`;
    const shape = raw.get(name)!.shape;
    const last = i === count;
    const expected = last ? shapeText([rows, CLASSES]) : `(${rows}, H), 1 ≤ H ≤ ${MAX_UNITS}`;
    const fault = { name, shape: shapeText(shape), expected };
    if (shape.length !== 2) throw new WeightsError(file, 'weights.shape', fault);
    if (shape[0] !== rows) {
      if (i === 1) throw new WeightsError(file, 'weights.shape', fault);
      throw new WeightsError(file, 'weights.chain', { ...fault, prev: `W${i - 1}`, rows });
    }
    if (last ? shape[1] !== CLASSES : !(shape[1] >= 1 && shape[1] <= MAX_UNITS))
      throw new WeightsError(file, 'weights.shape', fault);
    if (!last) hidden.push(shape[1]);
    rows = shape[1];
  }
  const arch = shapeOf(hidden);
  const shapes = tensorShapes(arch);
  for (const [k, expected] of shapes) {
    const shape = raw.get(k)!.shape;
    if (!sameShape(shape, expected))
      throw new WeightsError(file, 'weights.shape', {
        name: k,
        shape: shapeText(shape),
        expected: shapeText(expected),
      });
  }

  const values = new Map<string, ArrayLike<number>>();
  for (const [k] of shapes) {
    const v = toFloatArray(raw.get(k)!);
    const variance = k.startsWith('running_var');
    for (let i = 0; i < v.length; i++) {
      if (!Number.isFinite(v[i])) throw new WeightsError(file, 'weights.notFinite', { name: k, index: i, value: v[i] });
      if (variance && v[i] < 0) throw new WeightsError(file, 'weights.negativeVar', { name: k, index: i, value: v[i] });
    }
    values.set(k, v);
  }
  // One precision for all: Float64 if any array has it (nothing is rounded away).
  const dtype: DType = [...raw.values()].some((a) => floatDType(a) === 'float64') ? 'float64' : 'float32';
  return snapshotFrom(arch, (k) => values.get(k), dtype);
}
