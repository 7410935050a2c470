import type { Matrix } from '../tensor/matrix';

/**
 * A value of the matrix graphs (5.6–5.7): a Matrix (row-major, float64) with the NumPy shape
 * kept beside it; a vector (n,) is computed as one row, a scalar as 1 × 1 with shape ().
 */
export interface TValue {
  m: Matrix;
  shape: number[];
}
