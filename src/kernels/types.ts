/**
 * Which code computes a run: 'ts' for the book's layered classes in TypeScript (Float64, and
 * where WebAssembly SIMD is missing), else the WebAssembly SIMD kernels of the fast net
 * (net/fastNet.ts), relaxed (fused multiply-add) where the engine has it.
 */
export type KernelName = 'ts' | 'wasm-simd' | 'wasm-relaxed-simd';

/** What the page shows: the kernels' name, with "×2" after it when every step runs on both cores (the split step). */
export type KernelLabel = KernelName | `${KernelName} ×2`;
export const kernelLabel = (name: KernelName, cores: 1 | 2): KernelLabel => (cores === 2 ? `${name} ×2` : name);
