/**
 * The weights of a two-layer net, copied out as Float32 (never live buffers): what the
 * trainer hands out, what the worker posts to the page and to its helper, what the page
 * draws. One type for all of them.
 */
export interface ParamSnapshot {
  hiddenSize: number;
  /** 784 × hiddenSize, row-major. */
  W1: Float32Array;
  b1: Float32Array;
  /** hiddenSize × 10, row-major. */
  W2: Float32Array;
  b2: Float32Array;
}

/** Copies live weights (Float32 or Float64) into a snapshot. */
export function snapshotOf(
  hiddenSize: number,
  W1: ArrayLike<number>,
  b1: ArrayLike<number>,
  W2: ArrayLike<number>,
  b2: ArrayLike<number>,
): ParamSnapshot {
  return {
    hiddenSize,
    W1: Float32Array.from(W1),
    b1: Float32Array.from(b1),
    W2: Float32Array.from(W2),
    b2: Float32Array.from(b2),
  };
}
