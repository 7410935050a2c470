import { formatNumber } from '../format';
import { dict, own, run as runOn } from '../core';
import { SCALAR, type ScalarGraph, type Values } from '../scalarValues';
import { opSpec, type DomainCode } from '../ops';
import { exprError, type ExprError } from './errors';
import { isFn } from './lexer';

export interface NodePos {
  line: number;
  col: number;
}

/** The numbers a domain message names: "log of -2", "(-8) ** 0.5". */
export function domainParams(code: DomainCode, x: readonly number[], c?: number): Record<string, string> {
  if (code === 'logDomain' || code === 'sqrtDomain') return { value: formatNumber(x[0]) };
  if (code === 'powDomain') return { value: formatNumber(x[0]), exponent: formatNumber(c) };
  return {};
}

/**
 * The first operation, in forward order, whose value leaves the real numbers at these inputs,
 * then the first (in backward order) whose derivative or gradient is not finite; null if none.
 * Op domains name the cause (log of a negative); a finiteness check on every result catches
 * overflow whatever the op, so no op has to foresee it.
 */
export function findDomainError(
  graph: ScalarGraph,
  nodePos: Record<string, NodePos>,
  inputs: Values,
): ExprError | null {
  const at = (id: string): NodePos => own(nodePos, id) ?? { line: 1, col: 1 };
  // No prototype: `constructor` or `__proto__` is the learner's name, not an inherited member.
  const values: Values = dict<number>();
  for (const i of graph.inputs) values[i.name] = own(inputs, i.name) ?? i.default;
  // Nodes from the parser are already in forward order.
  for (const n of graph.nodes) {
    const op = opSpec(n.op);
    const x = n.inputs.map((v) => values[v]);
    const code = op.domain?.(x, n.c);
    const p = at(n.id);
    if (code) return exprError(p.line, p.col, code, domainParams(code, x, n.c));
    values[n.output] = op.forward(x, n.c);
    if (!Number.isFinite(values[n.output])) return exprError(p.line, p.col, 'overflow');
  }
  const r = runOn(SCALAR, graph, values);
  for (const n of [...r.order].reverse()) {
    const t = r.traces[n.id];
    const p = at(n.id);
    if (!(t.local ?? []).every(Number.isFinite)) {
      // sqrt at 0, x ** 0.5 at 0, 1/x far below 1e-154: the slope itself overflows.
      const fn = isFn(n.op) ? n.op : opSpec(n.op).symbol(n.c);
      return exprError(p.line, p.col, 'noDerivative', { fn, value: formatNumber(t.x[0]) });
    }
    if (!t.dx.every((v) => v !== null && Number.isFinite(v))) return exprError(p.line, p.col, 'gradOverflow');
  }
  return null;
}
