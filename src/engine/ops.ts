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
  /**
   * Each input edge's gradient as Python, upstream × local in the book's style (`dz * 2 * t`),
   * from the upstream's name, the inputs' and output's names and the constant: the backward
   * code shown for users' own graphs.
   */
  py: (up: string, x: string[], y: string, c: number) => string[];
  /** i18n key of the one-line explanation of the backward rule. */
  explainKey: MessageKey;
  /** Where forward is undefined over the reals (log of x ≤ 0, …); absent when it never is. */
  domain?: (x: readonly number[], c?: number) => DomainCode | null;
  /** Where backprop's rule and central differences part (ReLU at 0): the note to show. */
  kink?: (x: readonly number[]) => MessageKey | null;
}

/**
 * Why a forward left the real numbers, as an error code the expression parser reports
 * (`expr.error.<code>`). Overflow (a finite input giving ±Infinity) is not an op's business:
 * the evaluator checks every result for finiteness, so one check covers every op.
 */
export type DomainCode = 'logDomain' | 'sqrtDomain' | 'divZero' | 'powDomain';

/** A constant as Python would read it back; long folded fractions are rounded for reading. */
export const pyNum = (c = 0): string => (String(c).length <= 10 ? String(c) : f(c, 10));

const fmtConst = (c = 0): string => (c < 0 ? `(${c})` : `${c}`);
/** A negative number in parentheses, where a bare minus would read as an operator: 3 − (−2). */
const p = (v: string): string => (v.startsWith('-') ? `(${v})` : v);

const SPECS = {
  add: {
    arity: 2,
    symbol: () => '+',
    forward: ([x, y]) => x + y,
    local: () => [1, 1],
    forwardTex: () => 'z = x + y',
    localTex: () => ['\\frac{\\partial z}{\\partial x} = 1', '\\frac{\\partial z}{\\partial y} = 1'],
    expr: ([x, y], o) => `${x} + ${y} = ${o}`,
    py: (up) => [`${up} * 1`, `${up} * 1`],
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
    py: (up, [a, b]) => [`${up} * ${b}`, `${up} * ${a}`],
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
    py: (up, _a, _y, c) => [`${up} * ${pyNum(c)}`],
    explainKey: 'op.mulConst.explain',
  },
  addConst: {
    arity: 1,
    // x - 1 becomes addConst −1: draw it as "−1", not "+-1".
    symbol: (c = 0) => (c < 0 ? `−${-c}` : `+${c}`),
    forward: ([x], c = 0) => x + c,
    local: () => [1],
    forwardTex: (c = 0) => (c < 0 ? `y = x - ${-c}` : `y = x + ${c}`),
    localTex: () => ['\\frac{\\partial y}{\\partial x} = 1'],
    expr: ([x], o, c) => (c < 0 ? `${x} − ${f(-c)} = ${o}` : `${x} + ${f(c)} = ${o}`),
    py: (up) => [`${up} * 1`],
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
    py: (up, [a]) => [`${up} * exp(${a})`],
    explainKey: 'op.exp.explain',
  },
  reciprocal: {
    arity: 1,
    symbol: () => '/',
    forward: ([x]) => 1 / x,
    local: (_x, out) => [-out * out],
    domain: ([x]) => (x === 0 ? 'divZero' : null),
    forwardTex: () => 'y = \\frac{1}{x}',
    localTex: () => ['\\frac{\\partial y}{\\partial x} = -\\frac{1}{x^2} = -y^2'],
    expr: ([x], o) => `1 / ${x} = ${o}`,
    py: (up, _a, y) => [`${up} * (-${y} ** 2)`],
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
    py: (up, [a]) => [`${up} * 2 * ${a}`],
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
    py: (up, [a]) => [`${up} * (${a} > 0)`],
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
    py: (up, _a, y) => [`${up} * (1.0 - ${y}) * ${y}`],
    explainKey: 'op.sigmoid.explain',
  },
  sub: {
    arity: 2,
    symbol: () => '−',
    forward: ([x, y]) => x - y,
    local: () => [1, -1],
    forwardTex: () => 'z = x - y',
    localTex: () => ['\\frac{\\partial z}{\\partial x} = 1', '\\frac{\\partial z}{\\partial y} = -1'],
    expr: ([x, y], o) => `${x} − ${p(y)} = ${o}`,
    py: (up) => [`${up} * 1`, `${up} * -1`],
    explainKey: 'op.sub.explain',
  },
  neg: {
    arity: 1,
    symbol: () => '−',
    forward: ([x]) => -x,
    local: () => [-1],
    forwardTex: () => 'y = -x',
    localTex: () => ['\\frac{\\partial y}{\\partial x} = -1'],
    expr: ([x], o) => `−${p(x)} = ${o}`,
    py: (up) => [`${up} * -1`],
    explainKey: 'op.neg.explain',
  },
  div: {
    arity: 2,
    symbol: () => '÷',
    forward: ([x, y]) => x / y,
    local: ([, y], out) => [1 / y, -out / y],
    forwardTex: () => 'z = \\frac{x}{y}',
    localTex: () => [
      '\\frac{\\partial z}{\\partial x} = \\frac{1}{y}',
      '\\frac{\\partial z}{\\partial y} = -\\frac{x}{y^2}',
    ],
    expr: ([x, y], o) => `${x} / ${p(y)} = ${o}`,
    py: (up, [a, b]) => [`${up} / ${b}`, `-${up} * ${a} / ${b} ** 2`],
    explainKey: 'op.div.explain',
    domain: ([, y]) => (y === 0 ? 'divZero' : null),
  },
  powConst: {
    arity: 1,
    symbol: (c) => `**${fmtConst(c)}`,
    forward: ([x], c = 1) => x ** c,
    // c = 0 is a constant function: 0 × x^(−1) would be NaN at x = 0.
    local: ([x], _out, c = 1) => [c === 0 ? 0 : c * x ** (c - 1)],
    forwardTex: (c) => `y = x^{${c}}`,
    localTex: (c = 1) => [`\\frac{\\partial y}{\\partial x} = ${c} x^{${c - 1}}`],
    expr: ([x], o, c) => `${p(x)} ** ${p(f(c))} = ${o}`,
    py: (up, [a], _y, c) => [
      c === 0
        ? `${up} * 0`
        : c === 1
          ? `${up} * 1`
          : `${up} * ${pyNum(c)} * ${a}${c === 2 ? '' : ` ** ${pyNum(c - 1)}`}`,
    ],
    explainKey: 'op.powConst.explain',
    domain: ([x], c = 1) => (x === 0 && c < 0 ? 'divZero' : x < 0 && !Number.isInteger(c) ? 'powDomain' : null),
  },
  rsubConst: {
    arity: 1,
    symbol: (c) => `${c}−`,
    forward: ([x], c = 0) => c - x,
    local: () => [-1],
    forwardTex: (c) => `y = ${c} - x`,
    localTex: () => ['\\frac{\\partial y}{\\partial x} = -1'],
    expr: ([x], o, c) => `${f(c)} − ${p(x)} = ${o}`,
    py: (up) => [`${up} * -1`],
    explainKey: 'op.rsubConst.explain',
  },
  divConst: {
    arity: 1,
    symbol: (c) => `÷${fmtConst(c)}`,
    forward: ([x], c = 1) => x / c,
    local: (_x, _out, c = 1) => [1 / c],
    forwardTex: (c) => `y = \\frac{x}{${c}}`,
    localTex: (c) => [`\\frac{\\partial y}{\\partial x} = \\frac{1}{${c}}`],
    expr: ([x], o, c) => `${x} / ${p(f(c))} = ${o}`,
    py: (up, _a, _y, c) => [`${up} / ${pyNum(c)}`],
    explainKey: 'op.divConst.explain',
    domain: (_x, c) => (c === 0 ? 'divZero' : null),
  },
  rdivConst: {
    arity: 1,
    symbol: (c) => `${c}÷`,
    forward: ([x], c = 1) => c / x,
    local: ([x], out) => [-out / x],
    forwardTex: (c) => `y = \\frac{${c}}{x}`,
    localTex: (c) => [`\\frac{\\partial y}{\\partial x} = -\\frac{${c}}{x^2}`],
    expr: ([x], o, c) => `${f(c)} / ${p(x)} = ${o}`,
    py: (up, [a], _y, c) => [`-${up} * ${pyNum(c)} / ${a} ** 2`],
    explainKey: 'op.rdivConst.explain',
    domain: ([x]) => (x === 0 ? 'divZero' : null),
  },
  log: {
    arity: 1,
    symbol: () => 'log',
    forward: ([x]) => Math.log(x),
    local: ([x]) => [1 / x],
    forwardTex: () => 'y = \\log x',
    localTex: () => ['\\frac{\\partial y}{\\partial x} = \\frac{1}{x}'],
    expr: ([x], o) => `log(${x}) = ${o}`,
    py: (up, [a]) => [`${up} / ${a}`],
    explainKey: 'op.log.explain',
    domain: ([x]) => (x <= 0 ? 'logDomain' : null),
  },
  sqrt: {
    arity: 1,
    symbol: () => '√',
    forward: ([x]) => Math.sqrt(x),
    local: (_x, out) => [1 / (2 * out)],
    forwardTex: () => 'y = \\sqrt{x}',
    localTex: () => ['\\frac{\\partial y}{\\partial x} = \\frac{1}{2\\sqrt{x}} = \\frac{1}{2y}'],
    expr: ([x], o) => `sqrt(${x}) = ${o}`,
    py: (up, _a, y) => [`${up} / (2 * ${y})`],
    explainKey: 'op.sqrt.explain',
    domain: ([x]) => (x < 0 ? 'sqrtDomain' : null),
  },
  tanh: {
    arity: 1,
    symbol: () => 'tanh',
    forward: ([x]) => Math.tanh(x),
    local: (_x, out) => [1 - out * out],
    forwardTex: () => 'y = \\tanh x',
    localTex: () => ['\\frac{\\partial y}{\\partial x} = 1 - y^2'],
    expr: ([x], o) => `tanh(${x}) = ${o}`,
    py: (up, _a, y) => [`${up} * (1 - ${y} ** 2)`],
    explainKey: 'op.tanh.explain',
  },
  sin: {
    arity: 1,
    symbol: () => 'sin',
    forward: ([x]) => Math.sin(x),
    local: ([x]) => [Math.cos(x)],
    forwardTex: () => 'y = \\sin x',
    localTex: () => ['\\frac{\\partial y}{\\partial x} = \\cos x'],
    expr: ([x], o) => `sin(${x}) = ${o}`,
    py: (up, [a]) => [`${up} * cos(${a})`],
    explainKey: 'op.sin.explain',
  },
  cos: {
    arity: 1,
    symbol: () => 'cos',
    forward: ([x]) => Math.cos(x),
    local: ([x]) => [-Math.sin(x)],
    forwardTex: () => 'y = \\cos x',
    localTex: () => ['\\frac{\\partial y}{\\partial x} = -\\sin x'],
    expr: ([x], o) => `cos(${x}) = ${o}`,
    py: (up, [a]) => [`${up} * -sin(${a})`],
    explainKey: 'op.cos.explain',
  },
  abs: {
    arity: 1,
    symbol: () => '|x|',
    forward: ([x]) => Math.abs(x),
    // sign(x), and 0 at the kink, as ReLU passes nothing at 0.
    local: ([x]) => [x > 0 ? 1 : x < 0 ? -1 : 0],
    forwardTex: () => 'y = |x|',
    localTex: () => [
      '\\frac{\\partial y}{\\partial x} = \\begin{cases} 1 & (x > 0) \\\\ 0 & (x = 0) \\\\ -1 & (x < 0) \\end{cases}',
    ],
    expr: ([x], o) => `|${x}| = ${o}`,
    py: (up, [a]) => [`${up} * sign(${a})`],
    explainKey: 'op.abs.explain',
  },
  max: {
    arity: 2,
    symbol: () => 'max',
    forward: ([x, y]) => (x >= y ? x : y),
    // A tie goes to the first input, so exactly one edge carries the gradient.
    local: ([x, y]) => (x >= y ? [1, 0] : [0, 1]),
    forwardTex: () => 'z = \\max(x, y)',
    localTex: () => [
      '\\frac{\\partial z}{\\partial x} = \\begin{cases} 1 & (x \\ge y) \\\\ 0 & (x < y) \\end{cases}',
      '\\frac{\\partial z}{\\partial y} = \\begin{cases} 0 & (x \\ge y) \\\\ 1 & (x < y) \\end{cases}',
    ],
    expr: ([x, y], o) => `max(${x}, ${y}) = ${o}`,
    py: (up, [a, b]) => [`${up} * (${a} >= ${b})`, `${up} * (${a} < ${b})`],
    explainKey: 'op.max.explain',
  },
  maxConst: {
    arity: 1,
    symbol: (c) => `max ${c}`,
    forward: ([x], c = 0) => (x > c ? x : c),
    // A tie goes to the constant, so max(x, 0) backpropagates exactly as the book's ReLU.
    local: ([x], _out, c = 0) => [x > c ? 1 : 0],
    forwardTex: (c) => `y = \\max(x, ${c})`,
    localTex: (c) => [
      `\\frac{\\partial y}{\\partial x} = \\begin{cases} 1 & (x > ${c}) \\\\ 0 & (x \\le ${c}) \\end{cases}`,
    ],
    expr: ([x], o, c) => `max(${x}, ${f(c)}) = ${o}`,
    py: (up, [a], _y, c) => [`${up} * (${a} > ${pyNum(c)})`],
    explainKey: 'op.maxConst.explain',
  },
} satisfies Record<string, ScalarOpSpec>;

export type OpKind = keyof typeof SPECS;
export const OPS: Readonly<Record<OpKind, ScalarOpSpec>> = SPECS;
export const isOpKind = (k: string): k is OpKind => Object.hasOwn(SPECS, k);

/** The spec of a node's op; a graph naming an op that does not exist cannot run. */
export function opSpec(kind: string): ScalarOpSpec {
  if (!isOpKind(kind)) throw new Error(`unknown op ${kind}`);
  return OPS[kind];
}

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

export const SCALAR_OPS: OpTable<number> = Object.fromEntries(Object.entries(OPS).map(([k, s]) => [k, scalarOp(s)]));
