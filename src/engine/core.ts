import type { Msg } from '../i18n/msg';

/**
 * The one autodiff core, generic over the value a graph carries: a number for the scalar
 * graphs of 5.1–5.5, a matrix for Affine and Softmax-with-Loss. As in micrograd, each op keeps
 * its forward and backward side by side (OpDef); the core only orders the nodes, runs forward
 * then backward once, and tells what the screen shows after k steps.
 */

/** A leaf the learner edits. `upstream` marks the gradient fed into the output (Affine's dY). */
export interface InputSpec<V = unknown> {
  name: string;
  default?: V;
  upstream?: boolean;
}

/** An operation node: reads variables, writes one. */
export interface NodeSpec {
  id: string;
  op: string;
  inputs: string[];
  output: string;
  /** The constant of an op that has one (×c, +c, x ** c). */
  c?: number;
  /** The book's label, e.g. "(1)" or "Affine1". */
  label?: string;
  /** A note shown with this node's backward step. */
  note?: Msg['key'];
}

export interface GraphSpec<V = unknown> {
  inputs: readonly InputSpec<V>[];
  nodes: readonly NodeSpec[];
  output: string;
}

/** What a value type brings: how gradients that meet add up, and the gradient of the output itself. */
export interface Algebra<V> {
  add(a: V, b: V): V;
  /** ∂out/∂out: 1, or ones of the output's shape. */
  seed(out: V): V;
  /** The gradient of a variable that reaches no output: 0, or zeros of its shape. */
  zero(v: V): V;
  /** Throws a coded error when a given upstream gradient cannot flow into the output. */
  checkUpstream?(dout: V, out: V, names: { dout: string; out: string }): void;
}

export interface OpDef<V> {
  /** Text drawn inside the node. */
  symbol(c?: number): string;
  /** Inputs that receive no gradient (the label t). */
  constant?: readonly number[];
  /** Throws a coded error (ShapeError, DomainError) when the inputs do not fit. */
  forward(x: V[], node: NodeSpec): V;
  /** The gradient sent back along each input edge: upstream × local. null for constants. */
  backward(x: V[], out: V, dout: V, node: NodeSpec): (V | null)[];
  /** The local derivatives themselves, where they are values (scalar ops): the step box shows them. */
  local?(x: V[], out: V, node: NodeSpec): V[];
  tex(node: NodeSpec): { forward: string; backward: string[] };
  /** i18n key of the one-line reason for the backward rule. */
  explain: Msg['key'];
  /** The forward step in words and numbers: "650 × 1.1 = 715". */
  describeForward(t: Trace<V>): Msg;
  /** One message per input edge of the backward step. */
  describeBackward(t: Trace<V>): Msg[];
  /** A note when the inputs sit where backprop and central differences disagree (ReLU at 0). */
  kink?(x: V[]): Msg['key'] | null;
}

export type OpTable<V> = Readonly<Record<string, OpDef<V>>>;

/** Everything one node computed, forward and backward. */
export interface Trace<V> {
  node: NodeSpec;
  x: V[];
  out: V;
  /** The upstream gradient that reached the node's output. */
  dout: V;
  /** The gradient sent back along each input edge (null for constants). */
  dx: (V | null)[];
  /** The local derivatives, where the op has them as values. */
  local?: V[];
}

export interface Run<V> {
  /** Nodes in forward (topological) order. */
  order: NodeSpec[];
  values: Record<string, V>;
  grads: Record<string, V>;
  traces: Record<string, Trace<V>>;
}

export interface Engine<V> {
  ops: OpTable<V>;
  alg: Algebra<V>;
}

/** Thrown when a graph names an op, a variable or an order that cannot run. */
export class GraphError extends Error {}

export const edgeId = (variable: string, nodeId: string, i: number): string => `${variable}->${nodeId}#${i}`;
export const outputEdgeId = (g: GraphSpec): string => `${g.output}->out`;

/** The variables that carry values: every input but an upstream gradient. */
export const leaves = <V>(g: GraphSpec<V>): InputSpec<V>[] => g.inputs.filter((i) => !i.upstream);

/** Nodes in an order where each runs after the nodes it reads from (Kahn's algorithm). */
export function topoOrder(g: GraphSpec): NodeSpec[] {
  const ready = new Set(leaves(g).map((i) => i.name));
  const left = [...g.nodes];
  const order: NodeSpec[] = [];
  while (left.length > 0) {
    const k = left.findIndex((n) => n.inputs.every((v) => ready.has(v)));
    if (k < 0) throw new GraphError('graph has a cycle or an undefined variable');
    const [n] = left.splice(k, 1);
    order.push(n);
    ready.add(n.output);
  }
  return order;
}

/** Variables in display order: inputs, then every node's output in topological order. */
export const variables = (g: GraphSpec): string[] => [
  ...leaves(g).map((i) => i.name),
  ...topoOrder(g).map((n) => n.output),
];

/**
 * How many steps a graph's walk has: each operation node once forward, once backward. Takes the
 * graph or what holds one (a graph's definition). The one place this count is made.
 */
export const stepCount = (g: GraphSpec | { graph: GraphSpec }): number => 2 * ('graph' in g ? g.graph : g).nodes.length;

/**
 * Which node step k (1 … 2n) runs, in which pass, and its place in that pass (1 … n): the
 * forward pass in topological order, then the backward pass in reverse. Null for step 0 or past
 * the end.
 */
export function stepAt<N>(
  order: readonly N[],
  k: number,
): { kind: 'forward' | 'backward'; node: N; index: number } | null {
  const n = order.length;
  if (k < 1 || k > 2 * n) return null;
  return k <= n
    ? { kind: 'forward', node: order[k - 1], index: k }
    : { kind: 'backward', node: order[2 * n - k], index: k - n };
}

function opOf<V>(e: Engine<V>, n: NodeSpec): OpDef<V> {
  const op = e.ops[n.op];
  if (!op) throw new GraphError(`unknown op ${n.op}`);
  return op;
}

/**
 * A table keyed by the learner's names, with no prototype: `constructor`, `toString` and
 * `__proto__` are names like any other, never Object.prototype's members.
 */
export const dict = <T>(): Record<string, T> => Object.create(null) as Record<string, T>;

/** `o[name]` if o has it as its own property (never an inherited member). */
export const own = <T>(o: Readonly<Record<string, T>>, name: string): T | undefined =>
  Object.hasOwn(o, name) ? o[name] : undefined;

function inputValue<V>(g: GraphSpec<V>, inputs: Readonly<Record<string, V>>, name: string): V {
  const v = own(inputs, name) ?? g.inputs.find((i) => i.name === name)?.default;
  if (v === undefined) throw new GraphError(`no value for input ${name}`);
  return v;
}

/** Forward only: the value of every variable. */
export function forward<V>(
  e: Engine<V>,
  g: GraphSpec<V>,
  inputs: Readonly<Record<string, V>>,
  order = topoOrder(g),
): Record<string, V> {
  const values = dict<V>();
  for (const i of leaves(g)) values[i.name] = inputValue(g, inputs, i.name);
  for (const n of order)
    values[n.output] = opOf(e, n).forward(
      n.inputs.map((v) => values[v]),
      n,
    );
  return values;
}

/** A full forward and backward pass; `stateAt` reads its traces. */
export function run<V>(e: Engine<V>, g: GraphSpec<V>, inputs: Readonly<Record<string, V>>): Run<V> {
  const order = topoOrder(g);
  const values = forward(e, g, inputs, order);
  const out = values[g.output];
  const up = g.inputs.find((i) => i.upstream);
  let seed: V;
  if (up) {
    seed = inputValue(g, inputs, up.name);
    e.alg.checkUpstream?.(seed, out, { dout: up.name, out: g.output });
  } else seed = e.alg.seed(out);
  const grads = dict<V>();
  grads[g.output] = seed;
  const traces = dict<Trace<V>>();
  for (const n of [...order].reverse()) {
    const op = opOf(e, n);
    const x = n.inputs.map((v) => values[v]);
    // A node whose output reaches nothing still runs backward, with a zero upstream gradient.
    const dout = grads[n.output] ?? e.alg.zero(values[n.output]);
    const dx = op.backward(x, values[n.output], dout, n);
    // Gradients add up where a variable feeds several nodes (fan-out), as micrograd's +=.
    n.inputs.forEach((v, i) => {
      const gi = dx[i];
      if (gi !== null) grads[v] = v in grads ? e.alg.add(grads[v], gi) : gi;
    });
    traces[n.id] = { node: n, x, out: values[n.output], dout, dx, local: op.local?.(x, values[n.output], n) };
  }
  for (const v of Object.keys(values)) grads[v] ??= e.alg.zero(values[v]);
  return { order, values, grads, traces };
}

export interface StepInfo<V> {
  kind: 'forward' | 'backward';
  /** 1-based index within its phase. */
  index: number;
  /** Steps in the phase (= operation nodes). */
  of: number;
  node: NodeSpec;
  trace: Trace<V>;
  /**
   * Variables whose gradient this backward step completes after they fanned out to several
   * nodes: the gradient is the sum of what came back along each use.
   */
  sums: { name: string; parts: V[]; total: V }[];
}

/** What the screen shows after k steps: undefined means "not computed yet". */
export interface StepState<V> {
  k: number;
  total: number;
  values: Record<string, V | undefined>;
  grads: Record<string, V | undefined>;
  /** The gradient carried by each edge (edgeId), once its backward step has run. */
  edgeGrads: Record<string, V | undefined>;
  /** The step just taken (k), or null at k = 0. */
  last: StepInfo<V> | null;
  run: Run<V>;
}

/**
 * The state after k steps, a pure function of the run and k: steps 1..n run forward() node by
 * node in topological order, steps n+1..2n run backward() in reverse order, each handing every
 * input edge of its node upstream × local.
 */
export function stateAt<V>(e: Engine<V>, g: GraphSpec<V>, r: Run<V>, kRaw: number): StepState<V> {
  const n = r.order.length;
  const total = stepCount(g);
  const k = Math.max(0, Math.min(total, Math.round(kRaw)));
  const values = dict<V | undefined>();
  const grads = dict<V | undefined>();
  const edgeGrads = dict<V | undefined>();
  if (k > 0) for (const i of leaves(g)) values[i.name] = r.values[i.name];
  for (let i = 0; i < Math.min(k, n); i++) values[r.order[i].output] = r.values[r.order[i].output];
  const bwd = Math.max(0, k - n);
  if (bwd > 0) {
    grads[g.output] = r.grads[g.output];
    edgeGrads[outputEdgeId(g)] = r.grads[g.output];
  }
  const parts = dict<V[]>();
  const uses = dict<number>();
  for (const node of r.order) for (const v of node.inputs) uses[v] = (uses[v] ?? 0) + 1;
  let sums: StepInfo<V>['sums'] = [];
  for (let j = 0; j < bwd; j++) {
    const node = r.order[n - 1 - j];
    const t = r.traces[node.id];
    sums = [];
    node.inputs.forEach((v, i) => {
      const gi = t.dx[i];
      if (gi === null) return;
      edgeGrads[edgeId(v, node.id, i)] = gi;
      (parts[v] ??= []).push(gi);
      const sum = grads[v];
      grads[v] = sum === undefined ? gi : e.alg.add(sum, gi);
    });
    for (const v of new Set(node.inputs)) {
      const p = parts[v];
      if (p && p.length === uses[v] && p.length > 1) sums.push({ name: v, parts: p, total: grads[v] as V });
    }
  }
  const at = stepAt(r.order, k);
  const last: StepInfo<V> | null = at && {
    ...at,
    of: n,
    trace: r.traces[at.node.id],
    sums: at.kind === 'forward' ? [] : sums,
  };
  return { k, total, values, grads, edgeGrads, last, run: r };
}

/** Variables in the order the data meets them: X, W, X_dot_W, B, Y. */
export function variablesInFlow(g: GraphSpec): string[] {
  const names = new Set(leaves(g).map((i) => i.name));
  const seen: string[] = [];
  for (const n of topoOrder(g)) {
    for (const v of n.inputs) if (!seen.includes(v) && names.has(v)) seen.push(v);
    seen.push(n.output);
  }
  return seen;
}
