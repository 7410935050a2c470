import { forward, leaves, topoOrder, type GraphSpec, type InputSpec } from './core';
import { formatNumber, fullNumber } from './format';
import { SCALAR_OPS } from './ops';
import type { ValueKind } from './valueKind';

/** A scalar input: a field the learner edits, with its default and a sane range. */
export interface ScalarInput extends InputSpec<number> {
  default: number;
  min: number;
  max: number;
}
export interface ScalarGraph extends GraphSpec<number> {
  inputs: ScalarInput[];
}
export type Values = Record<string, number>;

export const SCALAR: ValueKind<number> = {
  ops: SCALAR_OPS,
  alg: { add: (a, b) => a + b, seed: () => 1, zero: () => 0 },
  fmt: {
    cell: (v) => formatNumber(v),
    full: (v) => fullNumber(v),
    shape: () => null,
    edgeLines: (v) => [formatNumber(v)],
  },
};

/** Central difference of the graph's output with respect to each input. */
export function numericalGradient(g: GraphSpec<number>, inputs: Values, h = 1e-4): Values {
  const order = topoOrder(g);
  const result: Values = {};
  for (const i of leaves(g)) {
    const x = inputs[i.name] ?? i.default ?? 0;
    const step = h * Math.max(1, Math.abs(x));
    const plus = forward(SCALAR, g, { ...inputs, [i.name]: x + step }, order)[g.output];
    const minus = forward(SCALAR, g, { ...inputs, [i.name]: x - step }, order)[g.output];
    result[i.name] = (plus - minus) / (2 * step);
  }
  return result;
}

/**
 * The inputs whose central difference cannot be trusted: not a finite number, or off from
 * backprop's gradient by more than rounding allows. There the step h crosses a domain edge
 * (sqrt, log near 0), a pole (1/x near 0) or a corner (max at a tie), and backprop's value is
 * the derivative.
 */
export function numericalOff(numerical: Values, grads: Partial<Values>): string[] {
  return Object.keys(numerical).filter((name) => {
    const n = numerical[name];
    const g = grads[name];
    if (g === undefined || !Number.isFinite(g)) return false;
    return !Number.isFinite(n) || Math.abs(n - g) > 1e-3 * Math.max(1, Math.abs(g));
  });
}
