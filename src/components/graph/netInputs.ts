import type { TValue } from '../../engine';
import { tensorShapes } from '../../net/arch';
import type { ParamSnapshot } from '../../net/params';
import { zeros } from '../../tensor/matrix';

/** A flat array as a graph value of the given shape (Float64, as the graphs compute). */
export const asValue = (data: ArrayLike<number>, rows: number, cols: number, shape?: number[]): TValue => {
  const m = zeros(rows, cols, 'float64');
  for (let i = 0; i < m.data.length; i++) m.data[i] = data[i];
  return { m, shape: shape ?? [rows, cols] };
};

/**
 * Every array of a deeper net as the graph's inputs (graphs/deepNet.ts names them): Wk and bk,
 * batch norm's γ, β and running averages, and each dropout's 1 − ratio, a constant.
 */
export function netInputs(p: ParamSnapshot): Record<string, TValue> {
  const out: Record<string, TValue> = {};
  for (const [name, shape] of tensorShapes(p.arch)) {
    const a = p.tensors[name];
    out[name] = shape.length === 2 ? asValue(a, shape[0], shape[1]) : asValue(a, 1, shape[0], shape);
  }
  if (p.arch.dropout > 0)
    p.arch.hidden.forEach((_h, i) => (out[`keep${i + 1}`] = asValue([1 - p.arch.dropout], 1, 1, [])));
  return out;
}
