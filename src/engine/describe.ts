import { formatNumber as f } from './format';
import type { StepInfo } from './schedule';

/** The forward step as arithmetic: "650 × 1.1 = 715". */
export function forwardExpr(s: StepInfo): string {
  const { x, out } = s.trace;
  const c = s.node.c ?? 0;
  const y = f(out);
  switch (s.node.op) {
    case 'add':
      return `${f(x[0])} + ${f(x[1])} = ${y}`;
    case 'mul':
      return `${f(x[0])} × ${f(x[1])} = ${y}`;
    case 'mulConst':
      return `${f(x[0])} × (${f(c)}) = ${y}`;
    case 'addConst':
      return `${f(x[0])} + ${f(c)} = ${y}`;
    case 'exp':
      return `exp(${f(x[0])}) = ${y}`;
    case 'reciprocal':
      return `1 / ${f(x[0])} = ${y}`;
    case 'square':
      return `${f(x[0])}² = ${y}`;
    case 'relu':
      return `ReLU(${f(x[0])}) = ${y}`;
    case 'sigmoid':
      return `σ(${f(x[0])}) = ${y}`;
  }
}

/** One part per input edge of a backward step. */
export function backwardParts(s: StepInfo): { up: string; local: string; down: string; name: string }[] {
  const t = s.trace;
  return s.node.inputs.map((name, i) => ({ up: f(t.upstream), local: f(t.local[i]), down: f(t.downstream[i]), name }));
}
