import { msg } from '../i18n/msg';
import { rowsCols, shapeText, type Tensor } from '../tensor/literal';
import { fromRows, zeros } from '../tensor/matrix';
import type { GraphSpec, InputSpec } from './core';
import { formatNumber } from './format';
import { isSmall, tensorFull, tensorRows, tensorStats, tensorText } from './tensorFormat';
import { MATRIX_OPS, ShapeError, type TValue } from './tensorOps';
import type { ValueKind } from './valueKind';

/** A matrix input: its default as a NumPy literal ('' when it comes from elsewhere, as the net's weights). */
export interface MatrixInput extends InputSpec<TValue> {
  literal: string;
}
export interface TensorGraph extends GraphSpec<TValue> {
  inputs: MatrixInput[];
}

export const toValue = (t: Tensor): TValue => {
  const [r, c] = rowsCols(t.shape);
  const m = zeros(r, c, 'float64');
  m.data.set(t.data);
  return { m, shape: t.shape };
};

export const MATRIX: ValueKind<TValue> = {
  ops: MATRIX_OPS,
  alg: {
    /** a + b, elementwise: gradients that reach one variable along several edges add up. */
    add: (a, b) => {
      const m = zeros(a.m.rows, a.m.cols, 'float64');
      for (let k = 0; k < m.data.length; k++) m.data[k] = a.m.data[k] + b.m.data[k];
      return { m, shape: a.shape };
    },
    // The graphs with a seed end in a scalar loss: dL/dL = 1.
    seed: (out) => ({ m: fromRows([[1]]), shape: out.shape }),
    zero: (v) => ({ m: zeros(v.m.rows, v.m.cols, 'float64'), shape: v.shape }),
    checkUpstream: (dout, out, names) => {
      if (dout.m.rows === out.m.rows && dout.m.cols === out.m.cols) return;
      const p = { d: names.dout, ds: shapeText(dout.shape), y: names.out, ys: shapeText(out.shape) };
      throw new ShapeError('upstream', p, [names.dout]);
    },
  },
  fmt: {
    cell: (v) => {
      if (isSmall(v)) return tensorText(v);
      const s = tensorStats(v);
      return msg('table.summary', {
        min: formatNumber(s.min, 3),
        max: formatNumber(s.max, 3),
        mean: formatNumber(s.mean, 3),
      });
    },
    full: (v) => tensorFull(v),
    shape: (v) => shapeText(v.shape),
    edgeLines: (v) => (isSmall(v) ? tensorRows(v) : []),
  },
};
