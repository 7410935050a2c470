import { OPS, type OpKind } from './ops';

/** An input (leaf) variable: a field the learner edits. */
export interface InputSpec {
  name: string;
  default: number;
  /** Sane range for edits; values outside it are refused with a message. */
  min: number;
  max: number;
}

/** An operation node: reads variables, writes one. */
export interface NodeSpec {
  id: string;
  op: OpKind;
  inputs: string[];
  output: string;
  /** The constant of mulConst / addConst. */
  c?: number;
  /** The book's label, e.g. "(1)". */
  label?: string;
}

export interface ScalarGraph {
  inputs: InputSpec[];
  nodes: NodeSpec[];
  output: string;
}

export type Values = Record<string, number>;

/** Everything one node computes, forward and backward, for given inputs. */
export interface NodeTrace {
  node: NodeSpec;
  x: number[];
  out: number;
  local: number[];
  upstream: number;
  /** upstream × local, one per input edge. */
  downstream: number[];
}

export interface GraphRun {
  /** Nodes in forward (topological) order. */
  order: NodeSpec[];
  values: Values;
  grads: Values;
  traces: Record<string, NodeTrace>;
}

/** Variables in display order: inputs, then every node output in topological order. */
export function variables(g: ScalarGraph): string[] {
  return [...g.inputs.map((i) => i.name), ...topoOrder(g).map((n) => n.output)];
}

export function topoOrder(g: ScalarGraph): NodeSpec[] {
  const ready = new Set(g.inputs.map((i) => i.name));
  const left = [...g.nodes];
  const order: NodeSpec[] = [];
  while (left.length > 0) {
    const k = left.findIndex((n) => n.inputs.every((v) => ready.has(v)));
    if (k < 0) throw new Error('graph has a cycle or an undefined variable');
    const [n] = left.splice(k, 1);
    order.push(n);
    ready.add(n.output);
  }
  return order;
}

/** Forward only: the value of every variable. */
export function forward(g: ScalarGraph, inputs: Values, order = topoOrder(g)): Values {
  const values: Values = {};
  for (const i of g.inputs) values[i.name] = inputs[i.name] ?? i.default;
  for (const n of order)
    values[n.output] = OPS[n.op].forward(
      n.inputs.map((v) => values[v]),
      n.c,
    );
  return values;
}

/** A full forward and backward pass; the step schedule reads its traces. */
export function run(g: ScalarGraph, inputs: Values): GraphRun {
  const order = topoOrder(g);
  const values = forward(g, inputs, order);
  const grads: Values = {};
  for (const v of variables(g)) grads[v] = 0;
  grads[g.output] = 1;
  const traces: Record<string, NodeTrace> = {};
  for (const n of [...order].reverse()) {
    const op = OPS[n.op];
    const x = n.inputs.map((v) => values[v]);
    const out = values[n.output];
    const local = op.local(x, out, n.c);
    const upstream = grads[n.output];
    const downstream = local.map((l) => upstream * l);
    // += so that a variable feeding several nodes (fan-out) sums its gradients.
    n.inputs.forEach((v, i) => (grads[v] += downstream[i]));
    traces[n.id] = { node: n, x, out, local, upstream, downstream };
  }
  return { order, values, grads, traces };
}

/** Central difference of the graph's output with respect to each input. */
export function numericalGradient(g: ScalarGraph, inputs: Values, h = 1e-4): Values {
  const order = topoOrder(g);
  const result: Values = {};
  for (const i of g.inputs) {
    const base = { ...inputs };
    const x = base[i.name] ?? i.default;
    const step = h * Math.max(1, Math.abs(x));
    const plus = forward(g, { ...base, [i.name]: x + step }, order)[g.output];
    const minus = forward(g, { ...base, [i.name]: x - step }, order)[g.output];
    result[i.name] = (plus - minus) / (2 * step);
  }
  return result;
}
