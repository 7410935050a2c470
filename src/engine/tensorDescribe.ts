import { formatNumber } from './format';
import { isSmall, tensorText, tShape } from './tensorFormat';
import type { TTrace } from './tensorGraph';
import type { TValue } from './tensorOps';

const T = (shape: number[]): string =>
  shape.length === 2 ? `(${shape[1]}, ${shape[0]})` : shape.length === 1 ? `(${shape[0]},)ᵀ` : '()';
const val = (v: TValue): string =>
  v.shape.length === 0 ? ` = ${formatNumber(v.m.data[0])}` : isSmall(v) ? ` = ${tensorText(v)}` : '';

/** The forward step of a matrix node in words and shapes: "X (2, 2) · W (2, 3) → X_dot_W (2, 3)". */
export function tensorForwardExpr(tr: TTrace): string {
  const { node, x, out } = tr;
  const [a, b, c] = node.inputs;
  const o = `${node.output} ${tShape(out)}${val(out)}`;
  switch (node.op) {
    case 'dot':
      return `${a} ${tShape(x[0])} · ${b} ${tShape(x[1])} → ${o}`;
    case 'addBias':
      return `${a} ${tShape(x[0])} + ${b} ${tShape(x[1])} (broadcast over rows) → ${o}`;
    case 'affine':
      return `${a} ${tShape(x[0])} · ${b} ${tShape(x[1])} + ${c} ${tShape(x[2])} → ${o}`;
    case 'relu':
      return `ReLU(${a} ${tShape(x[0])}) → ${o}`;
    case 'softmax':
      return `softmax(${a} ${tShape(x[0])}) → ${o}`;
    case 'cee':
      return `cross_entropy_error(${a}, ${b}) → ${o}`;
    case 'softmaxLoss':
      return `softmax + cross_entropy_error(${a} ${tShape(x[0])}, ${b}) → ${o}`;
  }
}

/** The backward step: each input's gradient as a formula, its shape and, when small, its value. */
export function tensorBackwardParts(tr: TTrace): string[] {
  const { node, x, dx, dout } = tr;
  const d = `d${node.output}`;
  const g = (i: number) => {
    const v = dx[i];
    return v ? `${tShape(v)}${val(v)}` : '';
  };
  const [a, b, c] = node.inputs;
  switch (node.op) {
    case 'dot':
      return [
        `d${a} = ${d} · ${b}ᵀ: ${tShape(dout)} · ${T(x[1].shape)} → ${g(0)}`,
        `d${b} = ${a}ᵀ · ${d}: ${T(x[0].shape)} · ${tShape(dout)} → ${g(1)}`,
      ];
    case 'addBias':
      return [`d${a} = ${d} ${g(0)}`, `d${b} = Σ ${d} over axis 0 → ${g(1)}`];
    case 'affine':
      return [
        `d${a} = ${d} · ${b}ᵀ: ${tShape(dout)} · ${T(x[1].shape)} → ${g(0)}`,
        `d${b} = ${a}ᵀ · ${d}: ${T(x[0].shape)} · ${tShape(dout)} → ${g(1)}`,
        `d${c} = Σ ${d} over axis 0 → ${g(2)}`,
      ];
    case 'relu': {
      let pass = 0;
      for (const v of x[0].m.data) if (v > 0) pass++;
      return [`d${a} = ${d} where ${a} > 0, else 0 (${pass} of ${x[0].m.data.length} pass) → ${g(0)}`];
    }
    case 'softmax':
      return [`d${a} = ${node.output} ⊙ (${d} − Σ ${node.output}·${d}) = ${node.output} − t → ${g(0)}`];
    case 'cee':
      return [`d${a} = −${b} / ${a} → ${g(0)}`];
    case 'softmaxLoss':
      return [`d${a} = (y − ${b}) / batch_size → ${g(0)}`];
  }
}
