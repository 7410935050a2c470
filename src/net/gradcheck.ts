import type { Matrix } from '../tensor/matrix';
import { mulberry32 } from '../tensor/random';
import { meanAbsDiff, PARAM_KEYS, TwoLayerNet, type ParamKey } from './twoLayerNet';

export interface GradCheckResult {
  diffs: Record<ParamKey, number>;
  numericalMs: number;
  backpropMs: number;
}

/**
 * gradient_check.py: a fresh 784-50-10 net in Float64, the first three training images,
 * numerical gradient against backprop, mean absolute difference per parameter.
 * Yields [done, total] parameters so a caller can show progress and cancel.
 */
export function* gradientCheck(x: Matrix, t: ArrayLike<number>, seed: number, hiddenSize = 50): Generator<[number, number], GradCheckResult> {
  const net = new TwoLayerNet(784, hiddenSize, 10, 0.01, mulberry32(seed), 'float64');
  const total = net.paramCount;
  const t0 = performance.now();
  const steps = net.numericalGradientSteps(x, t);
  let r = steps.next();
  while (!r.done) {
    yield [r.value, total];
    r = steps.next();
  }
  const numericalMs = performance.now() - t0;
  const numerical = r.value;
  // Backprop is so fast that one call is below the timer's resolution: time many and divide.
  const reps = 200;
  const t1 = performance.now();
  let backprop = net.gradient(x, t);
  for (let i = 1; i < reps; i++) backprop = net.gradient(x, t);
  const backpropMs = (performance.now() - t1) / reps;
  const diffs = {} as Record<ParamKey, number>;
  for (const k of PARAM_KEYS) diffs[k] = meanAbsDiff(backprop[k], numerical[k]);
  return { diffs, numericalMs, backpropMs };
}
