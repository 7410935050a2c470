import { describe, expect, it } from 'vitest';
import { mulberry32, randInt, type Rng } from '../../tensor/random';
import { forward as forwardOn, run as runOn } from '../core';
import { numericalGradient, SCALAR, type ScalarGraph, type Values } from '../scalarValues';

const run = (g: ScalarGraph, inputs: Values) => runOn(SCALAR, g, inputs);
const forward = (g: ScalarGraph, inputs: Values) => forwardOn(SCALAR, g, inputs);
import { EXPR_ERROR_CODES, parseProgram, type ParseProgramResult } from './index';

const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[randInt(rng, xs.length)];

/** ok, or one of our own errors at a real position; anything thrown fails the test. */
function expectOwnResult(text: string, r: ParseProgramResult): void {
  if (r.ok) return;
  const { line, col, code } = r.error;
  expect(EXPR_ERROR_CODES, text).toContain(code);
  expect(line, text).toBeGreaterThanOrEqual(1);
  expect(line, text).toBeLessThanOrEqual(text.split(/\r\n|\r|\n/).length);
  expect(col, text).toBeGreaterThanOrEqual(1);
}

describe('fuzz: any text gives a program or our own error, never a throw or a hang', () => {
  it('random characters', () => {
    const rng = mulberry32(1);
    const alphabet = [
      ...'abcxyz_019 .eE+-*/()=,#\n\t^%$\\"\'[]{}!@;:<>?~`|&',
      '\r\n',
      '가',
      '−',
      '×',
      'π',
      '😀',
      '\u0000',
    ];
    for (let k = 0; k < 4000; k++) {
      const text = Array.from({ length: randInt(rng, 60) }, () => pick(rng, alphabet)).join('');
      expectOwnResult(text, parseProgram(text));
    }
  });

  it('random token soup, so that the parser gets past the lexer', () => {
    const rng = mulberry32(2);
    const tokens = [
      'x',
      'y',
      'z',
      'w',
      '=',
      '+',
      '-',
      '-',
      '*',
      '/',
      '**',
      '(',
      '(',
      ')',
      ')',
      ',',
      '2',
      '0',
      '.5',
      '1e-3',
    ];
    tokens.push('1e400', 'exp', 'log', 'sqrt', 'max', 'sigmoid', 'abs', 'np.exp', 'sigmod', 'x', 'y', '\n', '# c\n');
    const codes = new Set<string>();
    for (let k = 0; k < 6000; k++) {
      const soup = () => Array.from({ length: 1 + randInt(rng, 8) }, () => pick(rng, tokens)).join(' ');
      const text = `x = 1\ny = -2\n${pick(rng, ['z', 'x'])} = ${soup()}${rng() < 0.5 ? '' : `\nw = ${soup()}`}`;
      const r = parseProgram(text);
      expectOwnResult(text, r);
      codes.add(r.ok ? 'ok' : r.error.code);
    }
    // The soup reaches valid programs and most of the errors.
    expect(codes).toContain('ok');
    expect(codes.size, [...codes].join()).toBeGreaterThanOrEqual(14);
  });

  it('deep nesting: 100,000 parentheses, signs, calls and powers', () => {
    const N = 100_000;
    const deep = [
      `x = 1\ny = ${'('.repeat(N)}x${')'.repeat(N)}`,
      `x = 1\ny = ${'('.repeat(N)}`,
      `x = 1\ny = ${')'.repeat(N)}`,
      `x = 1\ny = ${'-'.repeat(N)}x`,
      `x = 1\ny = ${'exp('.repeat(N)}x${')'.repeat(N)}`,
      `x = 1\ny = x${' ** 2'.repeat(N)}`,
      `x = 1\ny = x${' + 1'.repeat(N)}`,
      `x = 1\ny = ${'max(x, '.repeat(N)}x${')'.repeat(N)}`,
      `${'x'.repeat(N)} = 1`,
      `x = ${'9'.repeat(N)}`,
      'x = 1\n'.repeat(N),
    ];
    for (const text of deep) {
      // At the default limits, the text is too long before it is parsed.
      expect(parseProgram(text)).toMatchObject({ ok: false, error: { code: 'tooLong' } });
      // Without the length limit, the depth and operation limits still keep it bounded.
      const r = parseProgram(text, { maxChars: Infinity });
      expectOwnResult(text, r);
    }
    expect(parseProgram(deep[0], { maxChars: Infinity })).toMatchObject({ ok: false, error: { code: 'tooDeep' } });
    expect(parseProgram(deep[6], { maxChars: Infinity })).toMatchObject({ ok: false, error: { code: 'tooManyOps' } });
  });
});

// ---- Property: random well-formed programs ---------------------------------------------------

type Tree =
  | { t: 'var'; name: string }
  | { t: 'num'; v: number; text: string }
  | { t: 'bin'; op: '+' | '-' | '*' | '/'; a: Tree; b: Tree }
  | { t: 'neg'; a: Tree }
  | { t: 'pow'; a: Tree; c: number; text: string }
  | { t: 'fn'; fn: string; args: Tree[] };

/** Constants and the ways Python lets one write them. */
const NUMS: [number, string[]][] = [
  [0.5, ['0.5', '.5', '5e-1', '0.50']],
  [1, ['1', '1.', '1.0', '1e0']],
  [2, ['2', '2.0', '2e0']],
  [3, ['3', '3.']],
  [0.25, ['0.25', '.25', '25e-2', '2.5E-1']],
  [1.5, ['1.5', '15e-1']],
  [10, ['10', '1_0', '1e1']],
];
/** Exponents, some written so that ** is right-associative or takes a signed factor. */
const EXPONENTS: [number, string[]][] = [
  [2, ['2', '4 ** 0.5', '2 ** 1']],
  [3, ['3', '9 ** 0.5']],
  [0.5, ['0.5', '2 ** -1']],
  [-1, ['-1', '-1 ** 2']],
  [-2, ['-2']],
  [1.5, ['1.5']],
];
const FNS = ['exp', 'log', 'sqrt', 'sigmoid', 'relu', 'tanh', 'sin', 'cos', 'abs', 'max'];

function gen(rng: Rng, depth: number, names: string[]): Tree {
  if (depth === 0 || rng() < 0.25) {
    if (rng() < 0.75) return { t: 'var', name: pick(rng, names) };
    const [v, texts] = pick(rng, NUMS);
    return { t: 'num', v, text: pick(rng, texts) };
  }
  const r = rng();
  if (r < 0.4)
    return {
      t: 'bin',
      op: pick(rng, ['+', '-', '*', '/'] as const),
      a: gen(rng, depth - 1, names),
      b: gen(rng, depth - 1, names),
    };
  if (r < 0.5) return { t: 'neg', a: gen(rng, depth - 1, names) };
  if (r < 0.6) {
    const [c, texts] = pick(rng, EXPONENTS);
    return { t: 'pow', a: gen(rng, depth - 1, names), c, text: pick(rng, texts) };
  }
  const fn = pick(rng, FNS);
  const args = Array.from({ length: fn === 'max' ? 2 : 1 }, () => gen(rng, depth - 1, names));
  return { t: 'fn', fn, args };
}

const hasVar = (t: Tree): boolean =>
  t.t === 'var' ||
  (t.t === 'bin' && (hasVar(t.a) || hasVar(t.b))) ||
  ((t.t === 'neg' || t.t === 'pow') && hasVar(t.a)) ||
  (t.t === 'fn' && t.args.some(hasVar));

/** Python's precedence: + - 1, * / 2, unary 3, ** 4, atoms 5. */
function print(rng: Rng, t: Tree): { s: string; p: number } {
  const sp = () => ' '.repeat(randInt(rng, 2));
  const wrap = (x: { s: string; p: number }, need: boolean) => (need || rng() < 0.05 ? `(${x.s})` : x.s);
  switch (t.t) {
    case 'var':
      return { s: t.name, p: 5 };
    case 'num':
      return { s: t.text, p: 5 };
    case 'bin': {
      const p = t.op === '+' || t.op === '-' ? 1 : 2;
      const a = print(rng, t.a);
      const b = print(rng, t.b);
      // Keep the tree's shape: a right operand of equal precedence needs parentheses.
      return { s: `${wrap(a, a.p < p)}${sp()}${t.op}${sp()}${wrap(b, b.p <= p)}`, p };
    }
    case 'neg': {
      const a = print(rng, t.a);
      return { s: `-${wrap(a, a.p < 3)}`, p: 3 };
    }
    case 'pow': {
      const a = print(rng, t.a);
      return { s: `${wrap(a, a.p <= 4)}${sp()}**${sp()}${t.text}`, p: 4 };
    }
    case 'fn': {
      const name = rng() < 0.1 && t.fn !== 'max' ? `np.${t.fn}` : t.fn;
      return { s: `${name}(${t.args.map((a) => print(rng, a).s).join(`,${sp()}`)})`, p: 5 };
    }
  }
}

/** Reference evaluation in plain JavaScript, flagging what leaves the reals. */
function evaluate(t: Tree, env: Values, bad: { flag: boolean }): number {
  const check = (v: number) => {
    if (!Number.isFinite(v)) bad.flag = true;
    return v;
  };
  switch (t.t) {
    case 'var':
      return env[t.name];
    case 'num':
      return t.v;
    case 'neg':
      return -evaluate(t.a, env, bad);
    case 'bin': {
      const a = evaluate(t.a, env, bad);
      const b = evaluate(t.b, env, bad);
      if (t.op === '/' && b === 0) bad.flag = true;
      return check(t.op === '+' ? a + b : t.op === '-' ? a - b : t.op === '*' ? a * b : a / b);
    }
    case 'pow': {
      const a = evaluate(t.a, env, bad);
      if ((a < 0 && !Number.isInteger(t.c)) || (a === 0 && t.c < 1)) bad.flag = true;
      return check(a ** t.c);
    }
    case 'fn': {
      const [a, b] = t.args.map((x) => evaluate(x, env, bad));
      if ((t.fn === 'log' && a <= 0) || (t.fn === 'sqrt' && a <= 0)) bad.flag = true;
      const f: Record<string, () => number> = {
        exp: () => Math.exp(a),
        log: () => Math.log(a),
        sqrt: () => Math.sqrt(a),
        sigmoid: () => 1 / (1 + Math.exp(-a)),
        relu: () => (a > 0 ? a : 0),
        tanh: () => Math.tanh(a),
        sin: () => Math.sin(a),
        cos: () => Math.cos(a),
        abs: () => Math.abs(a),
        max: () => Math.max(a, b),
      };
      return check(f[t.fn]());
    }
  }
}

/** Which side of its kink each non-smooth node is on; a change between x and x ± h is a kink crossed. */
function branches(g: ScalarGraph, inputs: Values): string {
  const v = forward(g, inputs);
  return g.nodes
    .map((n) => {
      const [a, b] = n.inputs.map((name) => v[name]);
      if (n.op === 'abs' || n.op === 'relu') return Math.sign(a);
      if (n.op === 'max') return a >= b ? 1 : 0;
      if (n.op === 'maxConst') return a > (n.c ?? 0) ? 1 : 0;
      return '';
    })
    .join();
}

/** Central differences are trustworthy only where every input's ±h neighbourhood stays on one smooth piece. */
function smoothAround(g: ScalarGraph, base: Values, h: number): boolean {
  const here = branches(g, base);
  for (const i of g.inputs) {
    const x = base[i.name];
    const step = h * Math.max(1, Math.abs(x));
    for (const s of [step, -step]) {
      const moved = { ...base, [i.name]: x + s };
      if (!Object.values(forward(g, moved)).every(Number.isFinite) || branches(g, moved) !== here) return false;
    }
  }
  return true;
}

describe('property: backprop on random expressions equals central differences', () => {
  it('600 random programs over 1–3 inputs (seed 42)', () => {
    const rng = mulberry32(42);
    const counts = { checked: 0, domain: 0, kink: 0, unconverged: 0 };
    for (let k = 0; k < 600; k++) {
      const nIn = 1 + randInt(rng, 3);
      const names = ['a', 'b', 'c'].slice(0, nIn);
      const env: Values = {};
      const lines = names.map((n) => {
        // Now and then a value on a kink (abs(a), max(a, 1), max(a, b) with a = b) or a domain edge.
        const text = rng() < 0.2 ? pick(rng, ['0', '1', '-1', '0.5']) : (rng() * 4 - 2).toFixed(3);
        env[n] = Number(text);
        return `${n} = ${text}`;
      });
      const bad = { flag: false };
      const nLines = 1 + randInt(rng, 2);
      let out = '';
      for (let l = 0; l < nLines; l++) {
        const vars = Object.keys(env);
        let tree = gen(rng, 3, vars);
        if (!hasVar(tree) || tree.t === 'var')
          tree = { t: 'bin', op: '*', a: tree, b: { t: 'var', name: pick(rng, vars) } };
        out = `t${l}`;
        lines.push(`${out} = ${print(rng, tree).s}`);
        env[out] = evaluate(tree, env, bad);
      }
      const text = lines.join('\n');
      const r = parseProgram(text);
      if (!r.ok) {
        // The parser refuses exactly what leaves the reals (or whose gradient does).
        expect(
          ['logDomain', 'sqrtDomain', 'divZero', 'powDomain', 'overflow', 'noDerivative', 'gradOverflow'],
          text,
        ).toContain(r.error.code);
        if (!['noDerivative', 'gradOverflow'].includes(r.error.code)) expect(bad.flag, text).toBe(true);
        counts.domain++;
        continue;
      }
      expect(bad.flag, text).toBe(false);
      const g = r.program.graph;
      const result = run(g, {});
      // The parse is right: the graph computes what Python would.
      expect(Math.abs(result.values[out] - env[out]), text).toBeLessThanOrEqual(
        1e-12 * Math.max(1, Math.abs(env[out])),
      );
      const base: Values = Object.fromEntries(g.inputs.map((i) => [i.name, i.default]));
      if (!smoothAround(g, base, 1e-4)) {
        counts.kink++;
        continue;
      }
      // Central differences at h and h/10 must agree before they can judge backprop: near a pole or
      // in fast oscillation (sin(1/a²)) they have not converged, and the point says nothing.
      const coarse = numericalGradient(g, base, 1e-4);
      const fine = numericalGradient(g, base, 1e-5);
      const scale = Math.max(1, ...Object.values(result.values).map(Math.abs));
      const tol = (u: number, v: number, rel: number) => rel * Math.max(Math.abs(u), Math.abs(v)) + 1e-8 * scale;
      if (g.inputs.some((i) => Math.abs(coarse[i.name] - fine[i.name]) > tol(coarse[i.name], fine[i.name], 1e-5))) {
        counts.unconverged++;
        continue;
      }
      for (const i of g.inputs) {
        const bp = result.grads[i.name];
        const nd = fine[i.name];
        expect(Math.abs(bp - nd), `${text}\n∂/∂${i.name}: backprop ${bp}, numerical ${nd}`).toBeLessThanOrEqual(
          tol(bp, nd, 1e-4),
        );
      }
      counts.checked++;
    }
    // Most programs are checked, the domain refusals are exercised, few points are skipped.
    expect(counts.checked, JSON.stringify(counts)).toBeGreaterThanOrEqual(400);
    expect(counts.domain, JSON.stringify(counts)).toBeGreaterThanOrEqual(20);
    expect(counts.kink + counts.unconverged, JSON.stringify(counts)).toBeLessThanOrEqual(60);
  });
});

describe('at a kink, central differences are skipped and backprop takes the documented side', () => {
  const cases: [string, Values][] = [
    // abs and ReLU pass 0 at 0; max gives a tie to its first input; max(x, c) to the constant.
    ['a = 0\nt = abs(a) * 3', { a: 0 }],
    ['a = 0\nt = relu(a) + a', { a: 1 }],
    ['a = 1\nb = 1\nt = max(a, b) * 2', { a: 2, b: 0 }],
    ['a = 1\nt = max(a, 1) * 2', { a: 0 }],
  ];
  for (const [text, grads] of cases)
    it(text.replaceAll('\n', '; '), () => {
      const r = parseProgram(text);
      if (!r.ok) throw new Error(r.error.code);
      const g = r.program.graph;
      const base = Object.fromEntries(g.inputs.map((i) => [i.name, i.default]));
      expect(smoothAround(g, base, 1e-4)).toBe(false);
      expect(run(g, {}).grads).toMatchObject(grads);
      // A step away from the kink, the same graph is smooth and checked.
      const away = Object.fromEntries(g.inputs.map((i) => [i.name, i.default + 0.25 * (i.name === 'a' ? 1 : -1)]));
      expect(smoothAround(g, away, 1e-4)).toBe(true);
      const num = numericalGradient(g, away);
      for (const i of g.inputs) expect(run(g, away).grads[i.name]).toBeCloseTo(num[i.name], 8);
    });
});
