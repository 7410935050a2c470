import { Relu } from '../layers/layers';
import { BatchNormalization } from '../layers/batchNorm';
import { Dropout } from '../layers/dropout';
import type { Matrix } from '../tensor/matrix';
import { mulberry32, type Rng } from '../tensor/random';
import { BOOK_WEIGHT_INIT_STD, CLASSES, PIXELS } from '../constants';
import { layerSizes, paramShapes, sizeOf, TWO_LAYER_ARCH, type NetArch } from './arch';
import type { WeightInitKind } from './config';
import { extendOptions, MultiLayerNetExtend } from './multiLayerNet';
import type { ParamDict } from './optimizers';

/** The net a gradient check builds: the training settings' arch, initial weights and weight decay. */
export interface GradCheckNet {
  arch: NetArch;
  weightInit: WeightInitKind;
  weightInitStd: number;
  weightDecay: number;
}

/** gradient_check.py's net: the book's TwoLayerNet 784-50-10, std 0.01. */
export const BOOK_GRADCHECK_NET: GradCheckNet = {
  arch: TWO_LAYER_ARCH,
  weightInit: 'std',
  weightInitStd: BOOK_WEIGHT_INIT_STD,
  weightDecay: 0,
};

export interface GradCheckResult {
  /** Mean absolute difference per param, by the book's names, in paramShapes order. */
  diffs: Record<string, number>;
  /** The numerical gradient's own time, for the `checked` parameters. */
  numericalMs: number;
  backpropMs: number;
  /** The seed of the net that was checked. */
  seed: number;
  /** Seeds passed over because a ReLU input lay within h of the kink. */
  skipped: { seed: number; closest: number }[];
  /** Parameters the numerical gradient was computed for, and all of the net's. */
  checked: number;
  total: number;
  /** "784-50-10". */
  net: string;
}

/**
 * What the numerical gradient may cost, in multiply-adds: that of gradient_check.py's whole
 * 784-50-10 net on three images (39,760 parameters × 2 forward passes), a few seconds. A larger
 * net is checked on entries spread evenly over each array, as many as fit.
 */
const BUDGET = 39_760 * 2 * 3 * (PIXELS * 50 + 50 * CLASSES);

/**
 * The images a check takes: the first three training images, as gradient_check.py; ten with
 * batch norm, whose statistics over three images are so ill-conditioned (a unit's three values
 * nearly equal: a tiny std) that central differences with h = 1e-4 are off by 1e-7, not 1e-10.
 */
export const gradcheckImages = (arch: NetArch): number => (arch.batchNorm ? 10 : 3);

/** Smallest |input| of any ReLU in a training-mode forward: how close one lies to its kink at 0. */
export function closestToKink(net: MultiLayerNetExtend, x: Matrix): number {
  let m = Infinity;
  let v = x;
  for (const [, layer] of net.layers) {
    if (layer instanceof Relu) for (let i = 0; i < v.data.length; i++) m = Math.min(m, Math.abs(v.data[i]));
    v = layer instanceof BatchNormalization || layer instanceof Dropout ? layer.forward(v, true) : layer.forward(v);
  }
  return m;
}

/** Multiply-adds of one image's forward pass through the affine layers. */
function macsOf(arch: NetArch): number {
  const sizes = layerSizes(arch);
  let macs = 0;
  for (let i = 1; i < sizes.length; i++) macs += sizes[i - 1] * sizes[i];
  return macs;
}

/**
 * Which entries of each param the numerical gradient covers: all of them while the budget
 * allows, else evenly strided ones, the small arrays (biases, γ, β) whole first.
 */
export function checkedEntries(arch: NetArch, batch: number): Map<string, Int32Array> {
  const shapes = paramShapes(arch).map(([k, sh]) => [k, sizeOf(sh)] as const);
  let left = Math.max(shapes.length, Math.floor(BUDGET / (2 * batch * macsOf(arch))));
  const out = new Map<string, Int32Array>();
  const bySize = [...shapes].sort((a, b) => a[1] - b[1]);
  bySize.forEach(([k, n], i) => {
    const share = Math.max(1, Math.floor(left / (bySize.length - i)));
    const m = Math.min(n, share);
    out.set(
      k,
      Int32Array.from({ length: m }, (_, j) => Math.floor((j * n) / m)),
    );
    left -= m;
  });
  return new Map(shapes.map(([k]) => [k, out.get(k)!]));
}

/**
 * Dropout masks that are the same in every forward pass: the draws of one pass, replayed. A
 * numerical gradient compares losses of the same function; fresh masks would change it.
 */
function replayedMasks(seed: number, draws: number): Rng {
  const rng = mulberry32((seed ^ 0x85ebca6b) >>> 0);
  const d = Float64Array.from({ length: Math.max(draws, 1) }, () => rng());
  let i = 0;
  return () => {
    const v = d[i];
    i = (i + 1) % d.length;
    return v;
  };
}

function buildNet(spec: GradCheckNet, seed: number, batch: number): MultiLayerNetExtend {
  const { arch } = spec;
  const units = arch.hidden.reduce((a, b) => a + b, 0);
  return new MultiLayerNetExtend(PIXELS, arch.hidden, CLASSES, {
    ...extendOptions(arch, spec, spec.weightDecay, mulberry32(seed), replayedMasks(seed, batch * units)),
    // Backward computes the derivative of −log y: with the book's 1e-7 inside the log the two
    // would differ by up to 1e-5 however right backprop is.
    logEps: 0,
  });
}

/** Central differences (h) of the training-mode loss at the given entries, yielding every `every`. */
function* numericalAt(
  net: MultiLayerNetExtend,
  x: Matrix,
  t: ArrayLike<number>,
  entries: Map<string, Int32Array>,
  h: number,
  every: number,
): Generator<number, Map<string, Float64Array>> {
  const out = new Map<string, Float64Array>();
  let done = 0;
  for (const [k, idx] of entries) {
    const p = net.params[k].data;
    const g = new Float64Array(idx.length);
    for (let j = 0; j < idx.length; j++) {
      const i = idx[j];
      const old = p[i];
      p[i] = old + h;
      const fxh1 = net.loss(x, t, true);
      p[i] = old - h;
      const fxh2 = net.loss(x, t, true);
      g[j] = (fxh1 - fxh2) / (2 * h);
      p[i] = old;
      if (++done % every === 0) yield done;
    }
    out.set(k, g);
  }
  return out;
}

/**
 * gradient_check.py (and ch06/batch_norm_gradient_check.py) for the net of the training
 * settings: a fresh MultiLayerNetExtend in Float64, the given images (the first three training
 * images), the numerical gradient against backprop, the mean absolute difference per param.
 * Yields [done, total] entries so a caller can show progress and cancel.
 */
export function* gradientCheck(
  x: Matrix,
  t: ArrayLike<number>,
  firstSeed: number,
  spec: GradCheckNet = BOOK_GRADCHECK_NET,
  h = 1e-4,
): Generator<[number, number], GradCheckResult> {
  // Central differences assume the loss is smooth within ±h of every weight. Moving one
  // weight by h moves a first-layer ReLU input by at most h·max(x) = h (pixels are in [0, 1]), so
  // a net with a ReLU input within h of 0 would be checked across a kink, where the numerical
  // gradient (not backprop) is wrong: take the next seed instead, and say so. (Deeper layers
  // move by about as much; a wide, deep net may have no seed clear of every kink, so the search
  // ends after ten.)
  const skipped: { seed: number; closest: number }[] = [];
  const batch = x.rows;
  const entries = checkedEntries(spec.arch, batch);
  let checked = 0;
  for (const idx of entries.values()) checked += idx.length;
  let seed = firstSeed;
  let net = buildNet(spec, seed, batch);
  for (let c = closestToKink(net, x); c <= h && skipped.length < 10; c = closestToKink(net, x)) {
    skipped.push({ seed, closest: c });
    yield [0, checked];
    seed++;
    net = buildNet(spec, seed, batch);
  }
  // Batch norm's running averages move with every training-mode forward; they take no part in
  // the loss being differentiated (batch statistics do), so the check is unaffected by them.
  const total = paramShapes(spec.arch).reduce((s, [, sh]) => s + sizeOf(sh), 0);
  // Only the time spent computing counts, not the time between two slices while the caller
  // does other work (a worker that also trains): the clock runs from each resume to the next
  // yield, so the figure is the numerical gradient's own cost whatever runs beside it.
  // A slice is about as much work as 256 entries of gradient_check.py's net, and never less than one.
  const every = Math.min(256, Math.max(1, Math.floor((256 * BUDGET) / 39_760 / (2 * batch * macsOf(spec.arch)))));
  const steps = numericalAt(net, x, t, entries, h, every);
  let numericalMs = 0;
  let t0 = performance.now();
  let r = steps.next();
  numericalMs += performance.now() - t0;
  while (!r.done) {
    yield [r.value, checked];
    t0 = performance.now();
    r = steps.next();
    numericalMs += performance.now() - t0;
  }
  const numerical = r.value;
  // Backprop is so fast that one call is below the timer's resolution: time many and divide
  // (up to 200, and no more than about a second's worth for a big net).
  const t1 = performance.now();
  let backprop: ParamDict = net.gradient(x, t);
  let reps = 1;
  while (reps < 200 && performance.now() - t1 < 1000) {
    backprop = net.gradient(x, t);
    reps++;
  }
  const backpropMs = (performance.now() - t1) / reps;
  const diffs: Record<string, number> = {};
  for (const [k, idx] of entries) {
    const g = numerical.get(k)!;
    const b = backprop[k].data;
    let s = 0;
    for (let j = 0; j < idx.length; j++) s += Math.abs(b[idx[j]] - g[j]);
    diffs[k] = s / idx.length;
  }
  return { diffs, numericalMs, backpropMs, seed, skipped, checked, total, net: layerSizes(spec.arch).join('-') };
}
