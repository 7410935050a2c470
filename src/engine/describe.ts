import { formatNumber as f } from './format';
import type { StepInfo } from './schedule';

/** A negative number in parentheses, where a bare minus would read as an operator: 3 − (−2). */
const p = (v: number): string => (v < 0 ? `(${f(v)})` : f(v));

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
      return c < 0 ? `${f(x[0])} − ${f(-c)} = ${y}` : `${f(x[0])} + ${f(c)} = ${y}`;
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
    case 'sub':
      return `${f(x[0])} − ${p(x[1])} = ${y}`;
    case 'neg':
      return `−${p(x[0])} = ${y}`;
    case 'div':
      return `${f(x[0])} / ${p(x[1])} = ${y}`;
    case 'powConst':
      return `${p(x[0])} ** ${p(c)} = ${y}`;
    case 'rsubConst':
      return `${f(c)} − ${p(x[0])} = ${y}`;
    case 'divConst':
      return `${f(x[0])} / ${p(c)} = ${y}`;
    case 'rdivConst':
      return `${f(c)} / ${p(x[0])} = ${y}`;
    case 'log':
    case 'sqrt':
    case 'tanh':
    case 'sin':
    case 'cos':
      return `${s.node.op}(${f(x[0])}) = ${y}`;
    case 'abs':
      return `|${f(x[0])}| = ${y}`;
    case 'max':
      return `max(${f(x[0])}, ${f(x[1])}) = ${y}`;
    case 'maxConst':
      return `max(${f(x[0])}, ${f(c)}) = ${y}`;
  }
}

/** One part per input edge of a backward step. */
export function backwardParts(s: StepInfo): { up: string; local: string; down: string; name: string }[] {
  const t = s.trace;
  return s.node.inputs.map((name, i) => ({ up: f(t.upstream), local: f(t.local[i]), down: f(t.downstream[i]), name }));
}
