import { run, variables, type GraphRun, type NodeSpec, type NodeTrace, type ScalarGraph, type Values } from './graph';

export type StepKind = 'forward' | 'backward';

export interface StepInfo {
  kind: StepKind;
  /** 1-based index within its phase. */
  index: number;
  /** Number of steps in the phase (= operation nodes). */
  of: number;
  node: NodeSpec;
  trace: NodeTrace;
}

/** What the screen shows after k steps: undefined means "not computed yet". */
export interface StepState {
  k: number;
  total: number;
  values: Record<string, number | undefined>;
  grads: Record<string, number | undefined>;
  /** Gradient carried by each edge, keyed `${variable}->${nodeId}#${i}`, once known. */
  edgeGrads: Record<string, number | undefined>;
  /** The step just taken (k), or null at k = 0. */
  last: StepInfo | null;
  run: GraphRun;
}

export const totalSteps = (g: ScalarGraph): number => 2 * g.nodes.length;

export const edgeId = (variable: string, nodeId: string, i: number): string => `${variable}->${nodeId}#${i}`;
export const outputEdgeId = (g: ScalarGraph): string => `${g.output}->out`;

/**
 * The state after k steps, a pure function of the inputs and k: steps 1..n run forward()
 * node by node in topological order, steps n+1..2n run backward() in reverse order.
 */
export function stateAt(g: ScalarGraph, inputs: Values, kRaw: number, r: GraphRun = run(g, inputs)): StepState {
  const n = r.order.length;
  const total = 2 * n;
  const k = Math.max(0, Math.min(total, Math.round(kRaw)));
  const values: Record<string, number | undefined> = {};
  const grads: Record<string, number | undefined> = {};
  const edgeGrads: Record<string, number | undefined> = {};
  const vars = variables(g);
  for (const v of vars) {
    values[v] = undefined;
    grads[v] = undefined;
  }
  if (k > 0) for (const i of g.inputs) values[i.name] = r.values[i.name];
  const fwdDone = Math.min(k, n);
  for (let i = 0; i < fwdDone; i++) values[r.order[i].output] = r.values[r.order[i].output];
  const bwdDone = Math.max(0, k - n);
  if (bwdDone > 0) {
    grads[g.output] = 1;
    edgeGrads[outputEdgeId(g)] = 1;
  }
  for (let j = 0; j < bwdDone; j++) {
    const node = r.order[n - 1 - j];
    const t = r.traces[node.id];
    node.inputs.forEach((v, i) => {
      grads[v] = (grads[v] ?? 0) + t.downstream[i];
      edgeGrads[edgeId(v, node.id, i)] = t.downstream[i];
    });
  }
  let last: StepInfo | null = null;
  if (k > 0 && k <= n) {
    const node = r.order[k - 1];
    last = { kind: 'forward', index: k, of: n, node, trace: r.traces[node.id] };
  } else if (k > n) {
    const node = r.order[n - (k - n)];
    last = { kind: 'backward', index: k - n, of: n, node, trace: r.traces[node.id] };
  }
  return { k, total, values, grads, edgeGrads, last, run: r };
}
