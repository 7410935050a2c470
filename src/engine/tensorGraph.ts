import { fromRows, zeros } from '../tensor/matrix';
import { rowsCols, type Tensor } from '../tensor/literal';
import { shapeText } from '../tensor/literal';
import { ShapeError, TOPS, type TOpKind, type TValue } from './tensorOps';

export interface TInputSpec {
  name: string;
  /** The default as a NumPy literal. */
  literal: string;
  /** The upstream gradient of the output (dY for Affine): an input that is not a variable. */
  upstream?: boolean;
}
export interface TNodeSpec {
  id: string;
  op: TOpKind;
  inputs: string[];
  output: string;
  label?: string;
}
export interface TensorGraph {
  inputs: TInputSpec[];
  nodes: TNodeSpec[];
  output: string;
}

export interface TTrace {
  node: TNodeSpec;
  x: TValue[];
  out: TValue;
  dout: TValue;
  dx: (TValue | null)[];
}
export interface TRun {
  order: TNodeSpec[];
  values: Record<string, TValue>;
  grads: Record<string, TValue>;
  traces: Record<string, TTrace>;
}

export const toValue = (t: Tensor): TValue => {
  const [r, c] = rowsCols(t.shape);
  const m = zeros(r, c, 'float64');
  m.data.set(t.data);
  return { m, shape: t.shape };
};

/** a + b, elementwise: gradients that reach one variable along several edges add up. */
function addValues(a: TValue, b: TValue): TValue {
  const m = zeros(a.m.rows, a.m.cols, 'float64');
  for (let k = 0; k < m.data.length; k++) m.data[k] = a.m.data[k] + b.m.data[k];
  return { m, shape: a.shape };
}

/** Forward and backward through the whole graph; throws ShapeError when shapes do not fit. */
export function tRun(g: TensorGraph, inputs: Record<string, TValue>): TRun {
  const values: Record<string, TValue> = {};
  for (const i of g.inputs) if (!i.upstream) values[i.name] = inputs[i.name];
  const order = g.nodes; // the graphs are written in topological order
  for (const n of order)
    values[n.output] = TOPS[n.op].forward(
      n.inputs.map((v) => values[v]),
      n.inputs,
    );
  const up = g.inputs.find((i) => i.upstream);
  const out = values[g.output];
  let dout: TValue;
  if (up) {
    dout = inputs[up.name];
    if (dout.m.rows !== out.m.rows || dout.m.cols !== out.m.cols) {
      const p = { d: up.name, ds: shapeText(dout.shape), y: g.output, ys: shapeText(out.shape) };
      throw new ShapeError(
        'upstream',
        p,
        `${p.d} ${p.ds} must have the shape of ${p.y} ${p.ys}: it is the gradient flowing back into ${p.y}.`,
        [up.name],
      );
    }
  } else dout = { m: fromRows([[1]]), shape: out.shape };
  const grads: Record<string, TValue> = { [g.output]: dout };
  const traces: Record<string, TTrace> = {};
  for (const n of [...order].reverse()) {
    const x = n.inputs.map((v) => values[v]);
    const d = grads[n.output];
    const dx = TOPS[n.op].backward(x, values[n.output], d);
    n.inputs.forEach((v, i) => {
      const gi = dx[i];
      if (!gi) return;
      grads[v] = grads[v] ? addValues(grads[v], gi) : gi;
    });
    traces[n.id] = { node: n, x, out: values[n.output], dout: d, dx };
  }
  return { order, values, grads, traces };
}

export interface TStepState {
  k: number;
  total: number;
  values: Record<string, TValue | undefined>;
  grads: Record<string, TValue | undefined>;
  edgeGrads: Record<string, TValue | undefined>;
  last: { kind: 'forward' | 'backward'; index: number; of: number; trace: TTrace } | null;
  run: TRun;
}

/** The state after k steps, as for scalar graphs: n forward steps, then n backward steps. */
export function tStateAt(g: TensorGraph, r: TRun, kRaw: number): TStepState {
  const n = r.order.length;
  const total = 2 * n;
  const k = Math.max(0, Math.min(total, Math.round(kRaw)));
  const values: Record<string, TValue | undefined> = {};
  const grads: Record<string, TValue | undefined> = {};
  const edgeGrads: Record<string, TValue | undefined> = {};
  if (k > 0) for (const i of g.inputs) if (!i.upstream) values[i.name] = r.values[i.name];
  for (let i = 0; i < Math.min(k, n); i++) values[r.order[i].output] = r.values[r.order[i].output];
  const bwd = Math.max(0, k - n);
  if (bwd > 0) {
    grads[g.output] = r.grads[g.output];
    edgeGrads[`${g.output}->out`] = r.grads[g.output];
  }
  const partial: Record<string, TValue> = {};
  for (let j = 0; j < bwd; j++) {
    const node = r.order[n - 1 - j];
    const t = r.traces[node.id];
    node.inputs.forEach((v, i) => {
      const gi = t.dx[i];
      if (!gi) return;
      edgeGrads[`${v}->${node.id}#${i}`] = gi;
      partial[v] = partial[v] ? addValues(partial[v], gi) : gi;
      grads[v] = partial[v];
    });
  }
  let last: TStepState['last'] = null;
  if (k > 0 && k <= n) last = { kind: 'forward', index: k, of: n, trace: r.traces[r.order[k - 1].id] };
  else if (k > n) last = { kind: 'backward', index: k - n, of: n, trace: r.traces[r.order[n - (k - n)].id] };
  return { k, total, values, grads, edgeGrads, last, run: r };
}
