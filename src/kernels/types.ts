/**
 * The first layer dominates a training step: x·W1 and xᵀ·da1 are 784 × hidden per image, the
 * rest is hidden × 10. MNIST images are ~81% zero pixels, so these kernels read the images as
 * bytes, skip zero pixels, and scale by 1/255 on the fly (no float copy of the batch).
 */
export type KernelName = 'ts' | 'wasm-simd' | 'wasm-relaxed-simd';

export interface FirstLayerKernels {
  readonly name: KernelName;
  /** W1 (784 × H, row-major) and b1 (H): the kernels' own storage, shared with the caller. */
  readonly W1: Float32Array;
  readonly b1: Float32Array;
  /**
   * a1 = x·W1 + b1 for images `rows` of `pixels` (784 bytes each), then z1 = ReLU(a1) into
   * `z1` (n × H). Returns nothing: z1 > 0 is the ReLU mask backward needs.
   */
  forward(pixels: Uint8Array, rows: Int32Array, n: number, z1: Float32Array): void;
  /** The gradients backward writes. */
  readonly dW1: Float32Array;
  readonly db1: Float32Array;
  /** dW1 = xᵀ·da1 and db1 = Σ da1 over the batch. */
  backward(pixels: Uint8Array, rows: Int32Array, n: number, da1: Float32Array): void;
  /** W1 += alpha · dW1, b1 += alpha · db1. */
  update(alpha: number): void;
}
