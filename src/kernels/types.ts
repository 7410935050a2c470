/**
 * The kernels of the two-layer net (784-H-10) in Float32: forward through both layers, backward
 * to the gradient of every parameter, SGD. The first layer dominates (784 × H per image against
 * H × 10), and MNIST images are ~81% zero pixels, so the kernels read the images as bytes, list
 * each image's non-zero pixels once per batch and scale them by 1/255 on the fly (no float copy
 * of the batch). The softmax stays with the caller (FastNet), which reads `scores` and writes
 * `dy`.
 */
export type KernelName = 'ts' | 'wasm-simd' | 'wasm-relaxed-simd';

/** What the page shows: the kernels' name, with "×2" after it when every step runs on both cores (the split step). */
export type KernelLabel = KernelName | `${KernelName} ×2`;
export const kernelLabel = (name: KernelName, cores: 1 | 2): KernelLabel => (cores === 2 ? `${name} ×2` : name);

/** Floats per row of `scores` and `dy`: the 10 classes, then 2 pad lanes (dy's stay zero). */
export const SCORE_STRIDE = 12;

/** W1 (784 × H) | b1 (H) | W2 (H × 10) | b2 (10): how many floats. */
export { paramCount } from '../constants';

/** How `load` prepares images: for `forward` and `backward` (W1 as it is) or for `evalForward`. */
export type ImageLayout = 'rows' | 'panels';

export interface NetKernels {
  readonly name: KernelName;
  readonly H: number;
  /** The most images one `load` takes. */
  readonly cap: number;
  /** All parameters in one array, W1 | b1 | W2 | b2 (row-major, as the book's shapes), and views of each. */
  readonly params: Float32Array;
  readonly W1: Float32Array;
  readonly b1: Float32Array;
  readonly W2: Float32Array;
  readonly b2: Float32Array;
  /** The gradient `backward` writes, in the same layout, and views of each part. */
  readonly grad: Float32Array;
  readonly dW1: Float32Array;
  readonly db1: Float32Array;
  readonly dW2: Float32Array;
  readonly db2: Float32Array;
  /** Scores a2 of the loaded images after `forward` (n × SCORE_STRIDE). */
  readonly scores: Float32Array;
  /** ∂L/∂a2, written by the caller before `backward` (n × SCORE_STRIDE, pad lanes zero). */
  readonly dy: Float32Array;
  /**
   * Takes images rows[0..n) of `pixels` (784 bytes each, n ≤ cap) for the next forward and
   * backward ('rows', the default) or for the next `evalForward` ('panels'). Loading the same
   * arrays again is free: callers never change a rows array after passing it.
   */
  load(pixels: Uint8Array, rows: Int32Array, n: number, layout?: ImageLayout): void;
  /** z1 = ReLU(x·W1 + b1) (kept for backward), scores = z1·W2 + b2. */
  forward(): void;
  /**
   * Copies the weights into the form `evalForward` reads (the WebAssembly kernels: W1 in
   * panels of 16 outputs); again whenever they have changed since.
   */
  packWeights(): void;
  /** The class each loaded image's scores rank first (the first of equal ones), in a view the next call overwrites. */
  predict?(): Uint8Array;
  /** scores of images loaded for 'panels', from the weights as `packWeights` last copied them (an evaluation: no backward follows). */
  evalForward(): void;
  /** The first layer alone (z1), for the profile of a step; not every kernel set has it. */
  forwardFirstLayer?(): void;
  /** From dy: dW2, db2, then dW1, db1 (dx of the input is never needed). Adds to `grad` when `accumulate`. */
  backward(accumulate: boolean): void;
  /** params += alpha · grad. */
  update(alpha: number): void;
  /** params[from, to) += alpha · (grad + other)[from, to): the update from two half-batch gradients. */
  updateSum(other: Float32Array, from: number, to: number, alpha: number): void;
}

/** The name this interface had when it held the first layer only (trainer.ts still says it). */
export type FirstLayerKernels = NetKernels;
