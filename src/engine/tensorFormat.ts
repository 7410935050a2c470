import { formatTensor, shapeText } from '../tensor/literal';
import { formatNumber } from './format';
import type { TValue } from './tensorOps';

export const isSmall = (v: TValue, maxElems = 24): boolean => v.m.data.length <= maxElems;

/** A matrix as a NumPy literal rounded like scalars, or '—' before it is computed. */
export function tensorText(v: TValue | undefined): string {
  if (!v) return '—';
  return formatTensor({ shape: v.shape, data: Float64Array.from(v.m.data) }, (x) => formatNumber(x));
}

export function tensorStats(v: TValue): { min: number; max: number; mean: number } {
  let min = Infinity,
    max = -Infinity,
    sum = 0;
  for (const x of v.m.data) {
    min = Math.min(min, x);
    max = Math.max(max, x);
    sum += x;
  }
  return { min, max, mean: sum / v.m.data.length };
}

/** Rows of a small matrix for drawing on an edge: ["[0, 0, 0]", "[10, 10, 10]"]. */
export function tensorRows(v: TValue): string[] {
  if (v.shape.length === 0) return [formatNumber(v.m.data[0], 4)];
  const rows: string[] = [];
  for (let i = 0; i < v.m.rows; i++)
    rows.push(
      `[${Array.from(v.m.data.subarray(i * v.m.cols, (i + 1) * v.m.cols), (x) => formatNumber(x, 4)).join(', ')}]`,
    );
  return rows;
}

export const tShape = (v: TValue): string => shapeText(v.shape);
