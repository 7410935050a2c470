import { msg, type MessageKey } from '../i18n/msg';
import type { NodeSpec, OpDef, OpTable, Trace } from './core';
import { formatNumber as f } from './format';

/**
 * The scalar operations of chapter 5, each defined once: its forward formula and its local
 * derivatives side by side (micrograd's shape), the TeX the step box typesets, the arithmetic
 * the step description shows, and the key of its one-line explanation. The core derives the
 * backward pass from `local`: each input edge gets upstream × local.
 */
export interface ScalarOpSpec {
  arity: 1 | 2;
  /** Text drawn inside the node's circle. */
  symbol: (c?: number) => string;
  forward: (x: readonly number[], c?: number) => number;
  /** ∂out/∂x_i for every input i, given the inputs and the forward output. */
  local: (x: readonly number[], out: number, c?: number) => number[];
  /** LaTeX of the forward formula, inputs named x, y and output named out. */
  forwardTex: (c?: number) => string;
  /** LaTeX of each local derivative. */
  localTex: (c?: number) => string[];
  /** The forward step as arithmetic, from formatted inputs and output: "650 × 1.1 = 715". */
  expr: (x: string[], out: string, c: number) => string;
  /** i18n key of the one-line explanation of the backward rule. */
  explainKey: MessageKey;
  /** Where backprop's rule and central differences part (ReLU at 0): the note to show. */
  kink?: (x: readonly number[]) => MessageKey | null;
}

const fmtConst = (c = 0): string => (c < 0 ? `(${c})` : `${c}`);

export const OPS = {
  add: {
    arity: 2,
    symbol: () => '+',
    forward: ([x, y]) => x + y,
    local: () => [1, 1],
    forwardTex: () => 'z = x + y',
    localTex: () => ['\\frac{\\partial z}{\\partial x} = 1', '\\frac{\\partial z}{\\partial y} = 1'],
    expr: ([x, y], o) => `${x} + ${y} = ${o}`,
    explainKey: 'op.add.explain',
  },
  mul: {
    arity: 2,
    symbol: () => '×',
    forward: ([x, y]) => x * y,
    local: ([x, y]) => [y, x],
    forwardTex: () => 'z = x \\times y',
    localTex: () => ['\\frac{\\partial z}{\\partial x} = y', '\\frac{\\partial z}{\\partial y} = x'],
    expr: ([x, y], o) => `${x} × ${y} = ${o}`,
    explainKey: 'op.mul.explain',
  },
  mulConst: {
    arity: 1,
    symbol: (c) => `×${fmtConst(c)}`,
    forward: ([x], c = 1) => x * c,
    local: (_x, _out, c = 1) => [c],
    forwardTex: (c) => `y = x \\times ${fmtConst(c)}`,
    localTex: (c) => [`\\frac{\\partial y}{\\partial x} = ${fmtConst(c)}`],
    expr: ([x], o, c) => `${x} × (${f(c)}) = ${o}`,
    explainKey: 'op.mulConst.explain',
  },
  addConst: {
    arity: 1,
    symbol: (c) => `+${c}`,
    forward: ([x], c = 0) => x + c,
    local: () => [1],
    forwardTex: (c) => `y = x + ${fmtConst(c)}`,
    localTex: () => ['\\frac{\\partial y}{\\partial x} = 1'],
    expr: ([x], o, c) => `${x} + ${f(c)} = ${o}`,
    explainKey: 'op.addConst.explain',
  },
  exp: {
    arity: 1,
    symbol: () => 'exp',
    forward: ([x]) => Math.exp(x),
    local: (_x, out) => [out],
    forwardTex: () => 'y = \\exp(x)',
    localTex: () => ['\\frac{\\partial y}{\\partial x} = \\exp(x) = y'],
    expr: ([x], o) => `exp(${x}) = ${o}`,
    explainKey: 'op.exp.explain',
  },
  reciprocal: {
    arity: 1,
    symbol: () => '/',
    forward: ([x]) => 1 / x,
    local: (_x, out) => [-out * out],
    forwardTex: () => 'y = \\frac{1}{x}',
    localTex: () => ['\\frac{\\partial y}{\\partial x} = -\\frac{1}{x^2} = -y^2'],
    expr: ([x], o) => `1 / ${x} = ${o}`,
    explainKey: 'op.reciprocal.explain',
  },
  square: {
    arity: 1,
    symbol: () => '**2',
    forward: ([x]) => x * x,
    local: ([x]) => [2 * x],
    forwardTex: () => 'y = x^2',
    localTex: () => ['\\frac{\\partial y}{\\partial x} = 2x'],
    expr: ([x], o) => `${x}² = ${o}`,
    explainKey: 'op.square.explain',
  },
  relu: {
    arity: 1,
    symbol: () => 'ReLU',
    forward: ([x]) => (x > 0 ? x : 0),
    // The book's Relu: the mask is (x <= 0), so x = 0 passes no gradient.
    local: ([x]) => [x > 0 ? 1 : 0],
    forwardTex: () => 'y = \\begin{cases} x & (x > 0) \\\\ 0 & (x \\le 0) \\end{cases}',
    localTex: () => ['\\frac{\\partial y}{\\partial x} = \\begin{cases} 1 & (x > 0) \\\\ 0 & (x \\le 0) \\end{cases}'],
    expr: ([x], o) => `ReLU(${x}) = ${o}`,
    explainKey: 'op.relu.explain',
    kink: ([x]) => (x === 0 ? 'table.kink' : null),
  },
  sigmoid: {
    arity: 1,
    symbol: () => 'σ',
    forward: ([x]) => 1 / (1 + Math.exp(-x)),
    local: (_x, out) => [out * (1 - out)],
    forwardTex: () => 'y = \\frac{1}{1 + \\exp(-x)}',
    localTex: () => ['\\frac{\\partial y}{\\partial x} = y(1 - y)'],
    expr: ([x], o) => `σ(${x}) = ${o}`,
    explainKey: 'op.sigmoid.explain',
  },
} satisfies Record<string, ScalarOpSpec>;

export type OpKind = keyof typeof OPS;

/** An op spec as the core's OpDef: backward is upstream × local, one product per input edge. */
export function scalarOp(s: ScalarOpSpec): OpDef<number> {
  const local = (x: number[], out: number, n: NodeSpec) => s.local(x, out, n.c);
  return {
    symbol: s.symbol,
    forward: (x, n) => s.forward(x, n.c),
    local,
    backward: (x, out, dout, n) => local(x, out, n).map((l) => dout * l),
    tex: (n) => ({ forward: s.forwardTex(n.c), backward: s.localTex(n.c) }),
    explain: s.explainKey,
    describeForward: (t: Trace<number>) =>
      msg('step.math', {
        text: s.expr(
          t.x.map((v) => f(v)),
          f(t.out),
          t.node.c ?? 0,
        ),
      }),
    describeBackward: (t: Trace<number>) =>
      t.node.inputs.map((name, i) =>
        msg('step.edge', { up: f(t.dout), local: f(t.local?.[i]), down: f(t.dx[i] ?? undefined), name }),
      ),
    kink: s.kink,
  };
}

export const SCALAR_OPS: OpTable<number> = Object.fromEntries(
  Object.entries(OPS as Record<string, ScalarOpSpec>).map(([k, s]) => [k, scalarOp(s)]),
);
