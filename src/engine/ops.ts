/**
 * The scalar operations of chapter 5. Each op keeps its forward formula and its local
 * derivatives side by side (micrograd's shape), plus the LaTeX the UI typesets and a key
 * for the one-line human explanation.
 */
export type OpKind =
  | 'add'
  | 'mul'
  | 'mulConst'
  | 'addConst'
  | 'exp'
  | 'reciprocal'
  | 'square'
  | 'relu'
  | 'sigmoid'
  | 'sub'
  | 'neg'
  | 'div'
  | 'powConst'
  | 'rsubConst'
  | 'divConst'
  | 'rdivConst'
  | 'log'
  | 'sqrt'
  | 'tanh'
  | 'sin'
  | 'cos'
  | 'abs'
  | 'max'
  | 'maxConst';

/**
 * Why a forward left the real numbers, as an error code the expression parser reports
 * (`expr.error.<code>`). Overflow (a finite input giving ±Infinity) is not an op's business:
 * the evaluator checks every result for finiteness, so one check covers every op.
 */
export type DomainCode = 'logDomain' | 'sqrtDomain' | 'divZero' | 'powDomain';

export interface OpDef {
  kind: OpKind;
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
  /** i18n key of the one-line explanation of the backward rule. */
  explainKey: `op.${OpKind}.explain`;
  /** Where forward is undefined over the reals (log of x ≤ 0, …); absent when it never is. */
  domain?: (x: readonly number[], c?: number) => DomainCode | null;
}

const fmtConst = (c = 0): string => (c < 0 ? `(${c})` : `${c}`);

export const OPS: Record<OpKind, OpDef> = {
  add: {
    kind: 'add',
    arity: 2,
    symbol: () => '+',
    forward: ([x, y]) => x + y,
    local: () => [1, 1],
    forwardTex: () => 'z = x + y',
    localTex: () => ['\\frac{\\partial z}{\\partial x} = 1', '\\frac{\\partial z}{\\partial y} = 1'],
    explainKey: 'op.add.explain',
  },
  mul: {
    kind: 'mul',
    arity: 2,
    symbol: () => '×',
    forward: ([x, y]) => x * y,
    local: ([x, y]) => [y, x],
    forwardTex: () => 'z = x \\times y',
    localTex: () => ['\\frac{\\partial z}{\\partial x} = y', '\\frac{\\partial z}{\\partial y} = x'],
    explainKey: 'op.mul.explain',
  },
  mulConst: {
    kind: 'mulConst',
    arity: 1,
    symbol: (c) => `×${fmtConst(c)}`,
    forward: ([x], c = 1) => x * c,
    local: (_x, _out, c = 1) => [c],
    forwardTex: (c) => `y = x \\times ${fmtConst(c)}`,
    localTex: (c) => [`\\frac{\\partial y}{\\partial x} = ${fmtConst(c)}`],
    explainKey: 'op.mulConst.explain',
  },
  addConst: {
    kind: 'addConst',
    arity: 1,
    // x - 1 becomes addConst −1: draw it as "−1", not "+-1".
    symbol: (c = 0) => (c < 0 ? `−${-c}` : `+${c}`),
    forward: ([x], c = 0) => x + c,
    local: () => [1],
    forwardTex: (c = 0) => (c < 0 ? `y = x - ${-c}` : `y = x + ${c}`),
    localTex: () => ['\\frac{\\partial y}{\\partial x} = 1'],
    explainKey: 'op.addConst.explain',
  },
  exp: {
    kind: 'exp',
    arity: 1,
    symbol: () => 'exp',
    forward: ([x]) => Math.exp(x),
    local: (_x, out) => [out],
    forwardTex: () => 'y = \\exp(x)',
    localTex: () => ['\\frac{\\partial y}{\\partial x} = \\exp(x) = y'],
    explainKey: 'op.exp.explain',
  },
  reciprocal: {
    kind: 'reciprocal',
    arity: 1,
    symbol: () => '/',
    forward: ([x]) => 1 / x,
    local: (_x, out) => [-out * out],
    domain: ([x]) => (x === 0 ? 'divZero' : null),
    forwardTex: () => 'y = \\frac{1}{x}',
    localTex: () => ['\\frac{\\partial y}{\\partial x} = -\\frac{1}{x^2} = -y^2'],
    explainKey: 'op.reciprocal.explain',
  },
  square: {
    kind: 'square',
    arity: 1,
    symbol: () => '**2',
    forward: ([x]) => x * x,
    local: ([x]) => [2 * x],
    forwardTex: () => 'y = x^2',
    localTex: () => ['\\frac{\\partial y}{\\partial x} = 2x'],
    explainKey: 'op.square.explain',
  },
  relu: {
    kind: 'relu',
    arity: 1,
    symbol: () => 'ReLU',
    forward: ([x]) => (x > 0 ? x : 0),
    // The book's Relu: the mask is (x <= 0), so x = 0 passes no gradient.
    local: ([x]) => [x > 0 ? 1 : 0],
    forwardTex: () => 'y = \\begin{cases} x & (x > 0) \\\\ 0 & (x \\le 0) \\end{cases}',
    localTex: () => ['\\frac{\\partial y}{\\partial x} = \\begin{cases} 1 & (x > 0) \\\\ 0 & (x \\le 0) \\end{cases}'],
    explainKey: 'op.relu.explain',
  },
  sigmoid: {
    kind: 'sigmoid',
    arity: 1,
    symbol: () => 'σ',
    forward: ([x]) => 1 / (1 + Math.exp(-x)),
    local: (_x, out) => [out * (1 - out)],
    forwardTex: () => 'y = \\frac{1}{1 + \\exp(-x)}',
    localTex: () => ['\\frac{\\partial y}{\\partial x} = y(1 - y)'],
    explainKey: 'op.sigmoid.explain',
  },
  sub: {
    kind: 'sub',
    arity: 2,
    symbol: () => '−',
    forward: ([x, y]) => x - y,
    local: () => [1, -1],
    forwardTex: () => 'z = x - y',
    localTex: () => ['\\frac{\\partial z}{\\partial x} = 1', '\\frac{\\partial z}{\\partial y} = -1'],
    explainKey: 'op.sub.explain',
  },
  neg: {
    kind: 'neg',
    arity: 1,
    symbol: () => '−',
    forward: ([x]) => -x,
    local: () => [-1],
    forwardTex: () => 'y = -x',
    localTex: () => ['\\frac{\\partial y}{\\partial x} = -1'],
    explainKey: 'op.neg.explain',
  },
  div: {
    kind: 'div',
    arity: 2,
    symbol: () => '÷',
    forward: ([x, y]) => x / y,
    local: ([, y], out) => [1 / y, -out / y],
    forwardTex: () => 'z = \\frac{x}{y}',
    localTex: () => [
      '\\frac{\\partial z}{\\partial x} = \\frac{1}{y}',
      '\\frac{\\partial z}{\\partial y} = -\\frac{x}{y^2}',
    ],
    explainKey: 'op.div.explain',
    domain: ([, y]) => (y === 0 ? 'divZero' : null),
  },
  powConst: {
    kind: 'powConst',
    arity: 1,
    symbol: (c) => `**${fmtConst(c)}`,
    forward: ([x], c = 1) => x ** c,
    // c = 0 is a constant function: 0 × x^(−1) would be NaN at x = 0.
    local: ([x], _out, c = 1) => [c === 0 ? 0 : c * x ** (c - 1)],
    forwardTex: (c) => `y = x^{${c}}`,
    localTex: (c = 1) => [`\\frac{\\partial y}{\\partial x} = ${c} x^{${c - 1}}`],
    explainKey: 'op.powConst.explain',
    domain: ([x], c = 1) => (x === 0 && c < 0 ? 'divZero' : x < 0 && !Number.isInteger(c) ? 'powDomain' : null),
  },
  rsubConst: {
    kind: 'rsubConst',
    arity: 1,
    symbol: (c) => `${c}−`,
    forward: ([x], c = 0) => c - x,
    local: () => [-1],
    forwardTex: (c) => `y = ${c} - x`,
    localTex: () => ['\\frac{\\partial y}{\\partial x} = -1'],
    explainKey: 'op.rsubConst.explain',
  },
  divConst: {
    kind: 'divConst',
    arity: 1,
    symbol: (c) => `÷${fmtConst(c)}`,
    forward: ([x], c = 1) => x / c,
    local: (_x, _out, c = 1) => [1 / c],
    forwardTex: (c) => `y = \\frac{x}{${c}}`,
    localTex: (c) => [`\\frac{\\partial y}{\\partial x} = \\frac{1}{${c}}`],
    explainKey: 'op.divConst.explain',
    domain: (_x, c) => (c === 0 ? 'divZero' : null),
  },
  rdivConst: {
    kind: 'rdivConst',
    arity: 1,
    symbol: (c) => `${c}÷`,
    forward: ([x], c = 1) => c / x,
    local: ([x], out) => [-out / x],
    forwardTex: (c) => `y = \\frac{${c}}{x}`,
    localTex: (c) => [`\\frac{\\partial y}{\\partial x} = -\\frac{${c}}{x^2}`],
    explainKey: 'op.rdivConst.explain',
    domain: ([x]) => (x === 0 ? 'divZero' : null),
  },
  log: {
    kind: 'log',
    arity: 1,
    symbol: () => 'log',
    forward: ([x]) => Math.log(x),
    local: ([x]) => [1 / x],
    forwardTex: () => 'y = \\log x',
    localTex: () => ['\\frac{\\partial y}{\\partial x} = \\frac{1}{x}'],
    explainKey: 'op.log.explain',
    domain: ([x]) => (x <= 0 ? 'logDomain' : null),
  },
  sqrt: {
    kind: 'sqrt',
    arity: 1,
    symbol: () => '√',
    forward: ([x]) => Math.sqrt(x),
    local: (_x, out) => [1 / (2 * out)],
    forwardTex: () => 'y = \\sqrt{x}',
    localTex: () => ['\\frac{\\partial y}{\\partial x} = \\frac{1}{2\\sqrt{x}} = \\frac{1}{2y}'],
    explainKey: 'op.sqrt.explain',
    domain: ([x]) => (x < 0 ? 'sqrtDomain' : null),
  },
  tanh: {
    kind: 'tanh',
    arity: 1,
    symbol: () => 'tanh',
    forward: ([x]) => Math.tanh(x),
    local: (_x, out) => [1 - out * out],
    forwardTex: () => 'y = \\tanh x',
    localTex: () => ['\\frac{\\partial y}{\\partial x} = 1 - y^2'],
    explainKey: 'op.tanh.explain',
  },
  sin: {
    kind: 'sin',
    arity: 1,
    symbol: () => 'sin',
    forward: ([x]) => Math.sin(x),
    local: ([x]) => [Math.cos(x)],
    forwardTex: () => 'y = \\sin x',
    localTex: () => ['\\frac{\\partial y}{\\partial x} = \\cos x'],
    explainKey: 'op.sin.explain',
  },
  cos: {
    kind: 'cos',
    arity: 1,
    symbol: () => 'cos',
    forward: ([x]) => Math.cos(x),
    local: ([x]) => [-Math.sin(x)],
    forwardTex: () => 'y = \\cos x',
    localTex: () => ['\\frac{\\partial y}{\\partial x} = -\\sin x'],
    explainKey: 'op.cos.explain',
  },
  abs: {
    kind: 'abs',
    arity: 1,
    symbol: () => '|x|',
    forward: ([x]) => Math.abs(x),
    // sign(x), and 0 at the kink, as ReLU passes nothing at 0.
    local: ([x]) => [x > 0 ? 1 : x < 0 ? -1 : 0],
    forwardTex: () => 'y = |x|',
    localTex: () => [
      '\\frac{\\partial y}{\\partial x} = \\begin{cases} 1 & (x > 0) \\\\ 0 & (x = 0) \\\\ -1 & (x < 0) \\end{cases}',
    ],
    explainKey: 'op.abs.explain',
  },
  max: {
    kind: 'max',
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
    explainKey: 'op.max.explain',
  },
  maxConst: {
    kind: 'maxConst',
    arity: 1,
    symbol: (c) => `max ${c}`,
    forward: ([x], c = 0) => (x > c ? x : c),
    // A tie goes to the constant, so max(x, 0) backpropagates exactly as the book's ReLU.
    local: ([x], _out, c = 0) => [x > c ? 1 : 0],
    forwardTex: (c) => `y = \\max(x, ${c})`,
    localTex: (c) => [
      `\\frac{\\partial y}{\\partial x} = \\begin{cases} 1 & (x > ${c}) \\\\ 0 & (x \\le ${c}) \\end{cases}`,
    ],
    explainKey: 'op.maxConst.explain',
  },
};
