import { topoOrder } from '../core';
import type { ScalarGraph } from '../scalarValues';
import { opSpec } from '../ops';

/**
 * The backward pass as Python lines: the output's seed `dz = 1`, a zero seed for every variable
 * that reaches no output, then one line per node in reverse topological order. The first edge
 * into a gradient assigns it, later ones add with `+=`, as fan-out does.
 */
export function backwardCode(
  g: ScalarGraph,
  userNames: ReadonlySet<string>,
): { lines: string[]; lineOf: Record<string, number> } {
  const taken = new Set(userNames);
  const gradNames = new Map<string, string>();
  /** dx, or d_x when the user already has a dx. */
  const d = (v: string): string => {
    let name = gradNames.get(v);
    if (name !== undefined) return name;
    name = `d${v}`;
    for (let sep = '_'; taken.has(name); sep += '_') name = `d${sep}${v}`;
    taken.add(name);
    gradNames.set(v, name);
    return name;
  };
  const order = topoOrder(g);
  const used = new Set(order.flatMap((n) => n.inputs));
  const lines = [`${d(g.output)} = 1`];
  for (const n of order) if (n.output !== g.output && !used.has(n.output)) lines.push(`${d(n.output)} = 0`);
  const lineOf: Record<string, number> = {};
  const assigned = new Set<string>();
  for (const n of [...order].reverse()) {
    const exprs = opSpec(n.op).py(d(n.output), n.inputs, n.output, n.c ?? 0);
    const parts = n.inputs.map((v, i) => {
      const first = !assigned.has(v);
      assigned.add(v);
      return { target: d(v), op: first ? '=' : '+=', expr: exprs[i] };
    });
    const tuple = parts.length === 2 && parts.every((p) => p.op === '=') && parts[0].target !== parts[1].target;
    lineOf[n.id] = lines.length;
    lines.push(
      tuple
        ? `${parts[0].target}, ${parts[1].target} = ${parts[0].expr}, ${parts[1].expr}`
        : parts.map((p) => `${p.target} ${p.op} ${p.expr}`).join('; '),
    );
  }
  return { lines, lineOf };
}
