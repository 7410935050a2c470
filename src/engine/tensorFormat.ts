import { formatTensor } from '../tensor/literal';
import { formatNumber } from './format';
import type { TValue } from './tensorValue';

export const isSmall = (v: TValue, maxElems = 24): boolean => v.m.data.length <= maxElems;

/** Machine epsilon of the storage the numbers come from: 2⁻²³ for Float32, 2⁻⁵² for Float64. */
export const epsilonOf = (data: ArrayLike<number>): number =>
  data instanceof Float32Array ? 2 ** -23 : Number.EPSILON;

/**
 * How many units in the last place of a matrix's largest entry an entry may be off by rounding
 * alone. Each entry these graphs show comes out of a handful of roundings (a short dot product,
 * softmax's exp, sum and divide, y − t), each at most half an ulp of the largest magnitude in
 * play; 16 ulps covers them with room to spare and is still a sliver of the largest entry:
 * 16 · 2⁻⁵² ≈ 3.6e-15 of it in Float64, 1.9e-6 in Float32, whose entries carry ~7 digits anyway.
 * (The number of entries would not do: for a 784 × 50 Float32 matrix it is 0.5% of the largest.)
 */
export const NOISE_ULPS = 16;

/**
 * Below these magnitudes a number of this matrix is float noise and is shown as 0: an entry
 * (a cell, min, max, an edge label) below NOISE_ULPS ulps of the largest |entry|; the mean
 * below that plus the error of summing every entry in double, at most one rounding of the
 * largest entry per term (the bound of recursive summation, (n − 1)·u·Σ|x| / n ≤ n·ε·max|x|).
 * So W2's gradient, whose mean is exactly 0 on paper, reads "mean 0", not "mean 2.05e-19".
 */
export function noiseFloor(data: ArrayLike<number>): { entry: number; mean: number } {
  let maxAbs = 0;
  for (let i = 0; i < data.length; i++) {
    const a = Math.abs(data[i]);
    // NaN and Infinity are shown as they are and set no scale.
    if (a > maxAbs && a !== Infinity) maxAbs = a;
  }
  const entry = NOISE_ULPS * epsilonOf(data) * maxAbs;
  return { entry, mean: entry + data.length * Number.EPSILON * maxAbs };
}

/** x, or 0 when it is below the noise floor. */
export const dropNoise = (x: number, floor: number): number => (Math.abs(x) < floor ? 0 : x);

/** A tensor as a NumPy literal rounded like scalars, float noise shown as 0: [[1, 0], [0, 1]]. */
export function literalText(shape: readonly number[], data: ArrayLike<number>, digits = 6): string {
  const floor = noiseFloor(data).entry;
  return formatTensor({ shape: [...shape], data: Float64Array.from(data) }, (x) =>
    formatNumber(dropNoise(x, floor), digits),
  );
}

/** A matrix as a NumPy literal rounded like scalars, or '—' before it is computed. */
export function tensorText(v: TValue | undefined): string {
  if (!v) return '—';
  return literalText(v.shape, v.m.data);
}

/** Every digit of every entry, noise included, for a tooltip. */
export function tensorFull(v: TValue): string {
  return formatTensor({ shape: v.shape, data: Float64Array.from(v.m.data) }, (x) => String(x));
}

/** Min, max and mean, each shown as 0 when it is float noise relative to the matrix. */
export function tensorStats(v: TValue): { min: number; max: number; mean: number } {
  let min = Infinity,
    max = -Infinity,
    sum = 0;
  for (const x of v.m.data) {
    min = Math.min(min, x);
    max = Math.max(max, x);
    sum += x;
  }
  const floor = noiseFloor(v.m.data);
  return {
    min: dropNoise(min, floor.entry),
    max: dropNoise(max, floor.entry),
    mean: dropNoise(sum / v.m.data.length, floor.mean),
  };
}

/** Rows of a small matrix for drawing on an edge: ["[0, 0, 0]", "[10, 10, 10]"]. */
export function tensorRows(v: TValue): string[] {
  if (v.shape.length === 0) return [formatNumber(v.m.data[0], 4)];
  const floor = noiseFloor(v.m.data).entry;
  const rows: string[] = [];
  for (let i = 0; i < v.m.rows; i++)
    rows.push(
      `[${Array.from(v.m.data.subarray(i * v.m.cols, (i + 1) * v.m.cols), (x) => formatNumber(dropNoise(x, floor), 4)).join(', ')}]`,
    );
  return rows;
}
