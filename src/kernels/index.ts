import { tsKernels } from './tsKernels';
import type { KernelName, NetKernels } from './types';
import { wasmKernels, wasmSupport } from './wasmKernels';

export type { KernelName, NetKernels } from './types';
export { paramCount, SCORE_STRIDE } from './types';
export { tsKernels } from './tsKernels';
export { wasmKernels, wasmSupport } from './wasmKernels';

/** The most images the kernels take at once; FastNet feeds larger batches in pieces. */
export const MAX_CAP = 1000;

/** WebAssembly SIMD (relaxed where the engine has it) when available, else TypeScript. */
export function bestKernels(hidden: number, cap: number, force?: KernelName): NetKernels {
  const kind = force ?? wasmSupport() ?? 'ts';
  const c = Math.min(cap, MAX_CAP);
  return kind === 'ts' ? tsKernels(hidden, c) : wasmKernels(hidden, c, kind);
}

export const kernelFactory =
  (cap: number, force?: KernelName) =>
  (hidden: number): NetKernels =>
    bestKernels(hidden, cap, force);
