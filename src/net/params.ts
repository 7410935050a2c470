import type { DType } from '../tensor/matrix';
import type { NetArch } from './arch';

/** Weights in the precision they were trained in: Float32 (the fast net) or Float64 (the book's). */
export type ParamArray = Float32Array | Float64Array;

/**
 * The weights of a net, copied out (never live buffers): what the trainer hands out, what the
 * worker posts to the page, what the page draws, saves and exports. `tensors` holds every
 * array of tensorShapes(arch) by its book name (W1…, b1…, gamma1…, beta1…, running_mean1…,
 * running_var1…), flat and row-major, all of one precision.
 */
export interface ParamSnapshot {
  arch: NetArch;
  tensors: Record<string, ParamArray>;
}

/** The precision a snapshot holds. */
export const snapshotDType = (p: ParamSnapshot): DType =>
  Object.values(p.tensors)[0] instanceof Float64Array ? 'float64' : 'float32';
