/**
 * The scalar operations of chapter 5. Each op keeps its forward formula and its local
 * derivatives side by side (micrograd's shape), plus the LaTeX the UI typesets and a key
 * for the one-line human explanation.
 */
export type OpKind = 'add' | 'mul' | 'mulConst' | 'addConst' | 'exp' | 'reciprocal' | 'square' | 'relu' | 'sigmoid';

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
    symbol: (c) => `+${c}`,
    forward: ([x], c = 0) => x + c,
    local: () => [1],
    forwardTex: (c) => `y = x + ${fmtConst(c)}`,
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
};
