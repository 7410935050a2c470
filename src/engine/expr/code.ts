import { topoOrder, type NodeSpec, type ScalarGraph } from '../graph';
import { formatNumber } from '../format';

/** A constant as Python would read it back; long folded fractions are rounded for reading. */
const num = (c = 0): string => (String(c).length <= 10 ? String(c) : formatNumber(c, 10));

/**
 * Each input edge's downstream gradient as a Python expression, in the book's style
 * (`dz * 2 * t`, `dy * (-y ** 2)`, `dout * (1.0 - out) * out`): upstream × local.
 */
function downstreamExprs(n: NodeSpec, up: string): string[] {
  const [a, b] = n.inputs;
  const y = n.output;
  const c = n.c;
  switch (n.op) {
    case 'add':
      return [`${up} * 1`, `${up} * 1`];
    case 'sub':
      return [`${up} * 1`, `${up} * -1`];
    case 'mul':
      return [`${up} * ${b}`, `${up} * ${a}`];
    case 'div':
      return [`${up} / ${b}`, `-${up} * ${a} / ${b} ** 2`];
    case 'max':
      return [`${up} * (${a} >= ${b})`, `${up} * (${a} < ${b})`];
    case 'addConst':
      return [`${up} * 1`];
    case 'neg':
    case 'rsubConst':
      return [`${up} * -1`];
    case 'mulConst':
      return [`${up} * ${num(c)}`];
    case 'divConst':
      return [`${up} / ${num(c)}`];
    case 'rdivConst':
      return [`-${up} * ${num(c)} / ${a} ** 2`];
    case 'reciprocal':
      return [`${up} * (-${y} ** 2)`];
    case 'square':
      return [`${up} * 2 * ${a}`];
    case 'powConst':
      if (c === 0) return [`${up} * 0`];
      if (c === 1) return [`${up} * 1`];
      return [`${up} * ${num(c)} * ${a}${c === 2 ? '' : ` ** ${num((c ?? 1) - 1)}`}`];
    case 'exp':
      return [`${up} * exp(${a})`];
    case 'log':
      return [`${up} / ${a}`];
    case 'sqrt':
      return [`${up} / (2 * ${y})`];
    case 'tanh':
      return [`${up} * (1 - ${y} ** 2)`];
    case 'sigmoid':
      return [`${up} * (1.0 - ${y}) * ${y}`];
    case 'relu':
      return [`${up} * (${a} > 0)`];
    case 'sin':
      return [`${up} * cos(${a})`];
    case 'cos':
      return [`${up} * -sin(${a})`];
    case 'abs':
      return [`${up} * sign(${a})`];
    case 'maxConst':
      return [`${up} * (${a} > ${num(c)})`];
  }
}

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
    const exprs = downstreamExprs(n, d(n.output));
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
