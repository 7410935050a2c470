import type { Matrix } from '../tensor/matrix';
import { mulberry32 } from '../tensor/random';
import { meanAbsDiff, PARAM_KEYS, TwoLayerNet, type ParamKey } from './twoLayerNet';
import { BOOK_WEIGHT_INIT_STD, CLASSES, PIXELS } from '../constants';

export interface GradCheckResult {
  diffs: Record<ParamKey, number>;
  numericalMs: number;
  backpropMs: number;
  /** The seed of the net that was checked. */
  seed: number;
  /** Seeds passed over because a ReLU input lay within h of the kink. */
  skipped: { seed: number; closest: number }[];
}

/** Smallest |x·W1 + b1| over the batch: how close a ReLU input lies to its kink at 0. */
export function closestToKink(net: TwoLayerNet, x: Matrix): number {
  const a = net.affine1.forward(x);
  let m = Infinity;
  for (let i = 0; i < a.data.length; i++) m = Math.min(m, Math.abs(a.data[i]));
  return m;
}

/**
 * gradient_check.py: a fresh 784-50-10 net in Float64, the first three training images,
 * numerical gradient against backprop, mean absolute difference per parameter.
 * Yields [done, total] parameters so a caller can show progress and cancel.
 */
export function* gradientCheck(
  x: Matrix,
  t: ArrayLike<number>,
  firstSeed: number,
  hiddenSize = 50,
  h = 1e-4,
): Generator<[number, number], GradCheckResult> {
  // Central differences assume the loss is smooth within ±h of every weight. Moving one
  // weight by h moves a ReLU input by at most h·max(x) = h (pixels are in [0, 1]), so a net
  // with a ReLU input within h of 0 would be checked across a kink, where the numerical
  // gradient (not backprop) is wrong: take the next seed instead, and say so.
  const skipped: { seed: number; closest: number }[] = [];
  let seed = firstSeed;
  let net = new TwoLayerNet(PIXELS, hiddenSize, CLASSES, BOOK_WEIGHT_INIT_STD, mulberry32(seed), 'float64');
  for (let c = closestToKink(net, x); c <= h && skipped.length < 100; c = closestToKink(net, x)) {
    skipped.push({ seed, closest: c });
    seed++;
    net = new TwoLayerNet(PIXELS, hiddenSize, CLASSES, BOOK_WEIGHT_INIT_STD, mulberry32(seed), 'float64');
  }
  const total = net.paramCount;
  // Only the time spent computing counts, not the time between two slices while the caller
  // does other work (a worker that also trains): the clock runs from each resume to the next
  // yield, so the figure is the numerical gradient's own cost whatever runs beside it.
  const steps = net.numericalGradientSteps(x, t, h);
  let numericalMs = 0;
  let t0 = performance.now();
  let r = steps.next();
  numericalMs += performance.now() - t0;
  while (!r.done) {
    yield [r.value, total];
    t0 = performance.now();
    r = steps.next();
    numericalMs += performance.now() - t0;
  }
  const numerical = r.value;
  // Backprop is so fast that one call is below the timer's resolution: time many and divide.
  const reps = 200;
  const t1 = performance.now();
  let backprop = net.gradient(x, t);
  for (let i = 1; i < reps; i++) backprop = net.gradient(x, t);
  const backpropMs = (performance.now() - t1) / reps;
  const diffs = {} as Record<ParamKey, number>;
  for (const k of PARAM_KEYS) diffs[k] = meanAbsDiff(backprop[k], numerical[k]);
  return { diffs, numericalMs, backpropMs, seed, skipped };
}
