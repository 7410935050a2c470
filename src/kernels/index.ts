import { tsKernels } from './tsKernels';
import type { FirstLayerKernels, KernelName } from './types';
import { wasmKernels, wasmSupport } from './wasmKernels';

export type { FirstLayerKernels, KernelName } from './types';
export { tsKernels } from './tsKernels';
export { wasmKernels, wasmSupport } from './wasmKernels';

/** WebAssembly SIMD (relaxed where the engine has it) when available, else TypeScript. */
export function bestKernels(hidden: number, maxRows: number, force?: KernelName): FirstLayerKernels {
  const kind = force ?? wasmSupport() ?? 'ts';
  return kind === 'ts' ? tsKernels(hidden) : wasmKernels(hidden, maxRows, kind);
}

export const kernelFactory =
  (maxRows: number, force?: KernelName) =>
  (hidden: number): FirstLayerKernels =>
    bestKernels(hidden, maxRows, force);
