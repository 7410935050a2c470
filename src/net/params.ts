import type { DType } from '../tensor/matrix';

/** Weights in the precision they were trained in: Float32 (the fast net) or Float64 (the book's). */
export type ParamArray = Float32Array | Float64Array;

/**
 * The weights of a two-layer net, copied out (never live buffers): what the trainer hands
 * out, what the worker posts to the page and to its helper, what the page draws, saves and
 * exports. One type for all of them. All four arrays have the same precision.
 */
export interface ParamSnapshot {
  hiddenSize: number;
  /** 784 × hiddenSize, row-major. */
  W1: ParamArray;
  b1: ParamArray;
  /** hiddenSize × 10, row-major. */
  W2: ParamArray;
  b2: ParamArray;
}

/** Copies live weights into a snapshot, in Float32 unless told otherwise. */
export function snapshotOf(
  hiddenSize: number,
  W1: ArrayLike<number>,
  b1: ArrayLike<number>,
  W2: ArrayLike<number>,
  b2: ArrayLike<number>,
  dtype: DType = 'float32',
): ParamSnapshot {
  const copy = (a: ArrayLike<number>): ParamArray =>
    dtype === 'float64' ? Float64Array.from(a) : Float32Array.from(a);
  return { hiddenSize, W1: copy(W1), b1: copy(b1), W2: copy(W2), b2: copy(b2) };
}

/** The precision a snapshot holds. */
export const snapshotDType = (p: ParamSnapshot): DType => (p.W1 instanceof Float64Array ? 'float64' : 'float32');
