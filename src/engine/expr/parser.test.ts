import { describe, expect, it } from 'vitest';
import { DICTS, translate } from '../../i18n';
import { run as runOn } from '../core';
import { SCALAR, type ScalarGraph, type Values } from '../scalarValues';

const run = (g: ScalarGraph, inputs: Values) => runOn(SCALAR, g, inputs);
import {
  EXAMPLE_PROGRAM,
  EXPR_ERROR_CODES,
  exprErrorKey,
  MAX_CHARS,
  MAX_DEPTH,
  MAX_OPS,
  checkInputs,
  parseProgram,
  type ExprError,
  type Program,
} from './index';

function ok(text: string): Program {
  const r = parseProgram(text);
  if (!r.ok) throw new Error(`expected a program, got ${JSON.stringify(r.error)}`);
  return r.program;
}

function err(text: string): ExprError {
  const r = parseProgram(text);
  if (r.ok) throw new Error(`expected an error for ${JSON.stringify(text)}`);
  return r.error;
}

/** The nodes as `op[c](inputs)->output`, in order. */
const shape = (text: string): string[] =>
  ok(text).graph.nodes.map((n) => `${n.op}${n.c === undefined ? '' : `[${n.c}]`}(${n.inputs.join(',')})->${n.output}`);

/** Declares a, b, x, y as inputs before the line under test. */
const HEAD = 'a = 1\nb = 2\nx = 3\ny = 4\n';
const line = (expr: string): string[] => shape(`${HEAD}z = ${expr}`);
const inputValue = (text: string): number => ok(`${text}\nz = q * 2`).graph.inputs[0].default;

describe('precedence and associativity', () => {
  it('* binds tighter than +, ** tighter than *', () => {
    expect(line('a + b * x')).toEqual(['mul(b,x)->v1', 'add(a,v1)->z']);
    expect(line('a * b + x')).toEqual(['mul(a,b)->v1', 'add(v1,x)->z']);
    expect(line('a * x ** 3')).toEqual(['powConst[3](x)->v1', 'mul(a,v1)->z']);
    expect(line('(a + b) * x')).toEqual(['add(a,b)->v1', 'mul(v1,x)->z']);
  });

  it('- and / are left-associative', () => {
    expect(line('a - b - x')).toEqual(['sub(a,b)->v1', 'sub(v1,x)->z']);
    expect(line('a - (b - x)')).toEqual(['sub(b,x)->v1', 'sub(a,v1)->z']);
    expect(line('a / b / x')).toEqual(['div(a,b)->v1', 'div(v1,x)->z']);
    expect(line('a / b * x')).toEqual(['div(a,b)->v1', 'mul(v1,x)->z']);
  });

  it('** is right-associative and takes a signed exponent', () => {
    expect(inputValue('q = 2 ** 3 ** 2')).toBe(512);
    expect(inputValue('q = (2 ** 3) ** 2')).toBe(64);
    expect(inputValue('q = 2 ** -1')).toBe(0.5);
    expect(inputValue('q = 2 ** -1 ** 2')).toBe(0.5);
    expect(line('x ** 3 ** 2')).toEqual(['powConst[9](x)->z']);
    expect(line('x ** -1')).toEqual(['powConst[-1](x)->z']);
    expect(line('x ** 2')).toEqual(['square(x)->z']);
  });

  it('unary minus binds looser than ** on its left: -x ** 2 is -(x ** 2)', () => {
    expect(line('-x ** 2')).toEqual(['square(x)->v1', 'mulConst[-1](v1)->z']);
    expect(line('(-x) ** 2')).toEqual(['mulConst[-1](x)->v1', 'square(v1)->z']);
    expect(inputValue('q = -2 ** 2')).toBe(-4);
    expect(inputValue('q = (-2) ** 2')).toBe(4);
  });

  it('unary minus binds tighter than * and +, and repeats', () => {
    expect(line('-a * b')).toEqual(['mulConst[-1](a)->v1', 'mul(v1,b)->z']);
    expect(line('a * -b')).toEqual(['mulConst[-1](b)->v1', 'mul(a,v1)->z']);
    expect(line('a - -b')).toEqual(['mulConst[-1](b)->v1', 'sub(a,v1)->z']);
    expect(line('- -x')).toEqual(['mulConst[-1](x)->v1', 'mulConst[-1](v1)->z']);
    expect(line('+x * 2')).toEqual(['mulConst[2](x)->z']);
    expect(inputValue('q = --3')).toBe(3);
  });

  it('calls bind tightest, and take whole expressions as arguments', () => {
    expect(line('exp(a + b) * x')).toEqual(['add(a,b)->v1', 'exp(v1)->v2', 'mul(v2,x)->z']);
    expect(line('-exp(x) ** 2')).toEqual(['exp(x)->v1', 'square(v1)->v2', 'mulConst[-1](v2)->z']);
    expect(line('max(a * b, x)')).toEqual(['mul(a,b)->v1', 'max(v1,x)->z']);
  });
});

describe('constants', () => {
  it('a constant operand makes a one-input op with parameter c', () => {
    expect(line('x * 2')).toEqual(['mulConst[2](x)->z']);
    expect(line('2 * x')).toEqual(['mulConst[2](x)->z']);
    expect(line('x + 1')).toEqual(['addConst[1](x)->z']);
    expect(line('1 + x')).toEqual(['addConst[1](x)->z']);
    expect(line('x - 1')).toEqual(['addConst[-1](x)->z']);
    expect(line('1 - x')).toEqual(['rsubConst[1](x)->z']);
    expect(line('x / 2')).toEqual(['divConst[2](x)->z']);
    expect(line('1 / x')).toEqual(['reciprocal(x)->z']);
    expect(line('3 / x')).toEqual(['rdivConst[3](x)->z']);
    expect(line('x ** 0.5')).toEqual(['powConst[0.5](x)->z']);
    expect(line('-x')).toEqual(['mulConst[-1](x)->z']);
    expect(line('max(x, 0)')).toEqual(['maxConst[0](x)->z']);
    expect(line('max(0, x)')).toEqual(['maxConst[0](x)->z']);
  });

  it('folds constant sub-expressions, but not across a variable (Python evaluates left to right)', () => {
    expect(line('2 * 3 * x')).toEqual(['mulConst[6](x)->z']);
    expect(line('x * (2 * 3)')).toEqual(['mulConst[6](x)->z']);
    expect(line('x * 2 * 3')).toEqual(['mulConst[2](x)->v1', 'mulConst[3](v1)->z']);
    expect(line('x + exp(0) + max(1, 2) - sqrt(4)')).toEqual([
      'addConst[1](x)->v1',
      'addConst[2](v1)->v2',
      'addConst[-2](v2)->z',
    ]);
    expect(inputValue('q = 2 * 3')).toBe(6);
    expect(inputValue('q = -(1 - 4)')).toBe(3);
  });

  it('every function is its op', () => {
    for (const fn of ['exp', 'log', 'sqrt', 'sigmoid', 'relu', 'tanh', 'sin', 'cos', 'abs'])
      expect(line(`${fn}(x)`)).toEqual([`${fn}(x)->z`]);
    expect(line('np.exp(x) + math.log(y)')).toEqual(['exp(x)->v1', 'log(y)->v2', 'add(v1,v2)->z']);
  });
});

describe('numbers', () => {
  it('reads numbers as Python writes them', () => {
    const cases: [string, number][] = [
      ['1e-3', 0.001],
      ['.5', 0.5],
      ['2.', 2],
      ['1_000', 1000],
      ['1E3', 1000],
      ['1.5e+2', 150],
      ['0.000_1', 0.0001],
      ['1.e1', 10],
      ['-2.5', -2.5],
      ['007', 7],
    ];
    for (const [text, value] of cases) expect(inputValue(`q = ${text}`), text).toBe(value);
  });

  it('declares inputs with their values and a range that contains them', () => {
    const p = ok('w = -3\nbig = 2e9\nz = w * big');
    expect(p.graph.inputs).toEqual([
      { name: 'w', default: -3, min: -1e6, max: 1e6 },
      { name: 'big', default: 2e9, min: -2e9, max: 2e9 },
    ]);
  });
});

describe('lines, names and comments', () => {
  it('skips comments and blank lines, and keeps the lines as typed', () => {
    const text = '# chain rule\r\nx = 2.0   # an input\n\ny = 3.0\n   \nt = x + y  # t\nz = t ** 2\n\n\n';
    const p = ok(text);
    expect(p.graph.output).toBe('z');
    expect(p.code.lines.slice(0, 7)).toEqual([
      '# chain rule',
      'x = 2.0   # an input',
      '',
      'y = 3.0',
      '   ',
      't = x + y  # t',
      'z = t ** 2',
    ]);
    expect(p.code.forwardLine).toEqual({ add_t: 5, square_z: 6 });
    expect(p.nodeLine).toEqual({ add_t: 6, square_z: 7 });
    expect(p.nodePos).toEqual({ add_t: { line: 6, col: 7 }, square_z: { line: 7, col: 7 } });
  });

  it('names intermediates v1, v2, … in order, never clashing with a user name', () => {
    expect(shape('v1 = 2\nv3 = 1\nz = v1 * v3 + v1 * 2 + 1')).toEqual([
      'mul(v1,v3)->v2',
      'mulConst[2](v1)->v4',
      'add(v2,v4)->v5',
      'addConst[1](v5)->z',
    ]);
    // A name assigned on a later line is taken too.
    expect(shape('x = 1\ny = x * 2 + 1\nv1 = y * 3')).toEqual([
      'mulConst[2](x)->v2',
      'addConst[1](v2)->y',
      'mulConst[3](y)->v1',
    ]);
  });

  it('gives every node a unique id and output', () => {
    const p = ok(`${HEAD}z = a * b + a * b + exp(a * b)\nw = z * z`);
    const ids = p.graph.nodes.map((n) => n.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(p.graph.nodes.map((n) => n.output)).size).toBe(ids.length);
  });

  it('reads Unicode names, counting columns in characters', () => {
    const p = ok('가격 = 100\n세율 = 1.1\n총액 = 가격 * 세율');
    expect(run(p.graph, {}).values['총액']).toBeCloseTo(110, 12);
    expect(err('가격 = 100\n세율 = 1.1\n총액 = 가격 * 세울')).toMatchObject({
      line: 3,
      col: 11,
      code: 'unknownNameSuggest',
      params: { suggestion: '세율' },
    });
  });

  it('the example has two inputs and a fan-out whose gradient is a sum', () => {
    const p = ok(EXAMPLE_PROGRAM);
    const lines = EXAMPLE_PROGRAM.split('\n').length;
    expect(lines).toBeGreaterThanOrEqual(3);
    expect(lines).toBeLessThanOrEqual(5);
    expect(p.graph.inputs.map((i) => i.name)).toEqual(['price', 'tax']);
    const r = run(p.graph, {});
    expect(r.values.paid).toBeCloseTo(99, 12);
    expect(r.grads.price).toBeCloseTo(1.1 - 0.11, 12);
    expect(r.grads.tax).toBeCloseTo(90, 12);
    expect(p.graph.nodes.filter((n) => n.inputs.includes('price'))).toHaveLength(2);
  });
});

describe('the backward code', () => {
  it('writes the chain rule as the book does', () => {
    const p = ok('x = 2\ny = 3\nt = x + y\nz = t ** 2');
    expect(p.code.lines).toEqual([
      'x = 2',
      'y = 3',
      't = x + y',
      'z = t ** 2',
      '',
      '# backward',
      'dz = 1',
      'dt = dz * 2 * t',
      'dx, dy = dt * 1, dt * 1',
    ]);
    expect(p.code.backwardLine).toEqual({ square_z: 7, add_t: 8 });
  });

  it('accumulates fan-out with +=, one line per node in reverse order', () => {
    const p = ok('x = 3\nz = x * x + x');
    expect(p.code.lines.slice(4)).toEqual(['dz = 1', 'dv1, dx = dz * 1, dz * 1', 'dx += dv1 * x; dx += dv1 * x']);
    expect(run(p.graph, {}).grads.x).toBe(7);
  });

  it('writes each op upstream × local, with the numbers as typed', () => {
    const back = (expr: string): string => {
      const p = ok(`${HEAD}z = ${expr}`);
      return p.code.lines[p.code.lines.length - 1];
    };
    expect(back('a - b')).toBe('da, db = dz * 1, dz * -1');
    expect(back('a / b')).toBe('da, db = dz / b, -dz * a / b ** 2');
    expect(back('max(a, b)')).toBe('da, db = dz * (a >= b), dz * (a < b)');
    expect(back('x * -0.5')).toBe('dx = dz * -0.5');
    expect(back('x / 4')).toBe('dx = dz / 4');
    expect(back('3 / x')).toBe('dx = -dz * 3 / x ** 2');
    expect(back('1 / x')).toBe('dx = dz * (-z ** 2)');
    expect(back('2 - x')).toBe('dx = dz * -1');
    expect(back('x ** 3')).toBe('dx = dz * 3 * x ** 2');
    expect(back('x ** -0.5')).toBe('dx = dz * -0.5 * x ** -1.5');
    expect(back('exp(x)')).toBe('dx = dz * exp(x)');
    expect(back('log(x)')).toBe('dx = dz / x');
    expect(back('sqrt(x)')).toBe('dx = dz / (2 * z)');
    expect(back('tanh(x)')).toBe('dx = dz * (1 - z ** 2)');
    expect(back('sigmoid(x)')).toBe('dx = dz * (1.0 - z) * z');
    expect(back('relu(x)')).toBe('dx = dz * (x > 0)');
    expect(back('sin(x)')).toBe('dx = dz * cos(x)');
    expect(back('cos(x)')).toBe('dx = dz * -sin(x)');
    expect(back('abs(x)')).toBe('dx = dz * sign(x)');
    expect(back('max(x, 1)')).toBe('dx = dz * (x > 1)');
    expect(back('x + 5')).toBe('dx = dz * 1');
  });

  it('seeds a variable that reaches no output with 0, and renames a gradient that would shadow a variable', () => {
    const p = ok('x = 1\ndx = 2\nt = x * 3\nz = x * dx');
    expect(p.code.lines.slice(6)).toEqual(['dz = 1', 'dt = 0', 'd_x, ddx = dz * dx, dz * x', 'd_x += dt * 3']);
    expect(p.code.backwardLine).toEqual({ mul_z: 8, mulConst_t: 9 });
  });
});

describe('errors name their line and column', () => {
  const cases: [string, string, Partial<ExprError>][] = [
    ['empty text', '', { line: 1, col: 1, code: 'empty' }],
    ['only comments', '# nothing\n\n   # here\n', { line: 1, col: 1, code: 'empty' }],
    [
      'unexpected character',
      'x = 2\ny = x % 2',
      { line: 2, col: 7, code: 'unexpectedChar', params: { char: '%', line: 2, col: 7 } },
    ],
    ['a stray dot', 'x = 2\ny = x.t', { line: 2, col: 6, code: 'unexpectedChar' }],
    ['^ for a power', 'x = 2\ny = x ^ 2', { line: 2, col: 7, code: 'caret' }],
    ['2x', 'x = 2\ny = 2x', { line: 2, col: 5, code: 'badNumber', params: { text: '2x', line: 2, col: 5 } }],
    ['1__0', 'x = 1__0', { line: 1, col: 5, code: 'badNumber' }],
    ['1e', 'x = 1e', { line: 1, col: 5, code: 'badNumber' }],
    ['1.2.3', 'x = 1.2.3', { line: 1, col: 5, code: 'badNumber', params: { text: '1.2.3', line: 1, col: 5 } }],
    [
      'two operators',
      'x = 2\ny = x * * 2',
      { line: 2, col: 9, code: 'unexpectedToken', params: { token: '*', line: 2, col: 9 } },
    ],
    [
      'two operands',
      'x = 2\ny = x 2',
      { line: 2, col: 7, code: 'unexpectedToken', params: { token: '2', line: 2, col: 7 } },
    ],
    [
      'an extra )',
      'x = 2\ny = (x))',
      { line: 2, col: 8, code: 'unexpectedToken', params: { token: ')', line: 2, col: 8 } },
    ],
    ['a trailing operator', 'x = 2\ny = x +  # more later', { line: 2, col: 8, code: 'unexpectedEnd' }],
    ['nothing after =', 'x =', { line: 1, col: 4, code: 'unexpectedEnd' }],
    ['an unclosed (', 'x = 2\ny = 3 * (x + 1', { line: 2, col: 9, code: 'missingParen' }],
    ['an unclosed call', 'x = 2\ny = exp(x', { line: 2, col: 8, code: 'missingParen' }],
    ['no assignment', 'x = 2\nx + 1', { line: 2, col: 1, code: 'notAssignment' }],
    ['a number on the left', '  2 = x', { line: 1, col: 3, code: 'notAssignment' }],
    [
      'an unknown function',
      'x = 2\ny = foo(x)',
      { line: 2, col: 5, code: 'unknownFunction', params: { name: 'foo', line: 2, col: 5 } },
    ],
    [
      'a misspelt function',
      'x = 1\nb = 2\nz = x + sigmod(b)',
      {
        line: 3,
        col: 9,
        code: 'unknownFunctionSuggest',
        params: { name: 'sigmod', suggestion: 'sigmoid', line: 3, col: 9 },
      },
    ],
    [
      'ln',
      'x = 2\ny = ln(x)',
      { line: 2, col: 5, code: 'unknownFunctionSuggest', params: { name: 'ln', suggestion: 'log', line: 2, col: 5 } },
    ],
    [
      'Exp',
      'x = 2\ny = Exp(x)',
      { line: 2, col: 5, code: 'unknownFunctionSuggest', params: { name: 'Exp', suggestion: 'exp', line: 2, col: 5 } },
    ],
    [
      'an unknown name',
      'x = 2\ny = x * qqq',
      { line: 2, col: 9, code: 'unknownName', params: { name: 'qqq', line: 2, col: 9 } },
    ],
    [
      'a misspelt name',
      'rate = 2\ny = 3 * rte',
      { line: 2, col: 9, code: 'unknownNameSuggest', params: { name: 'rte', suggestion: 'rate', line: 2, col: 9 } },
    ],
    [
      'a function as a value',
      'x = 2\ny = exp + x',
      { line: 2, col: 5, code: 'functionAsValue', params: { name: 'exp', line: 2, col: 5 } },
    ],
    [
      'a name used before its line',
      'x = 2\ny = z * x\nz = 3',
      { line: 2, col: 5, code: 'usedBeforeDefined', params: { name: 'z', defLine: 3, line: 2, col: 5 } },
    ],
    [
      'a name used on its own line',
      'x = 2\ny = y + x',
      { line: 2, col: 5, code: 'usedBeforeDefined', params: { name: 'y', defLine: 2, line: 2, col: 5 } },
    ],
    [
      'an input redefined',
      'x = 1\ny = x * 2\nx = 2',
      { line: 3, col: 1, code: 'redefined', params: { name: 'x', firstLine: 1, line: 3, col: 1 } },
    ],
    [
      'a variable redefined',
      'x = 1\ny = x * 2\n y = x * 3',
      { line: 3, col: 2, code: 'redefined', params: { name: 'y', firstLine: 2, line: 3, col: 2 } },
    ],
    [
      'a function name assigned',
      'exp = 2',
      { line: 1, col: 1, code: 'reservedName', params: { name: 'exp', line: 1, col: 1 } },
    ],
    ['a module name assigned', 'np.x = 2', { line: 1, col: 1, code: 'reservedName' }],
    [
      'an alias',
      'x = 1\ny = x',
      { line: 2, col: 5, code: 'alias', params: { name: 'y', source: 'x', line: 2, col: 5 } },
    ],
    ['an alias in parentheses', 'x = 1\ny =  (+x)', { line: 2, col: 6, code: 'alias' }],
    [
      'a constant output',
      'x = 1\ny = x * 2\nz = 3',
      { line: 3, col: 1, code: 'constOutput', params: { name: 'z', line: 3, col: 1 } },
    ],
    ['a lone input', 'x = 1', { line: 1, col: 1, code: 'constOutput' }],
    ['a variable exponent', 'x = 2\ny = x ** x', { line: 2, col: 7, code: 'nonConstExponent' }],
    ['a variable exponent of a constant', 'x = 2\ny = 2 ** (x + 1)', { line: 2, col: 7, code: 'nonConstExponent' }],
    [
      'max of one',
      'x = 2\ny = max(x)',
      { line: 2, col: 5, code: 'argCount', params: { name: 'max', expected: 2, got: 1, line: 2, col: 5 } },
    ],
    [
      'exp of two',
      'x = 2\ny = exp(x, x)',
      { line: 2, col: 5, code: 'argCount', params: { name: 'exp', expected: 1, got: 2, line: 2, col: 5 } },
    ],
    [
      'exp of none',
      'x = 2\ny = 1 + exp()',
      { line: 2, col: 9, code: 'argCount', params: { name: 'exp', expected: 1, got: 0, line: 2, col: 9 } },
    ],
    [
      'log of a negative input',
      'x = -1\ny = 2 * log(x)',
      { line: 2, col: 9, code: 'logDomain', params: { value: '-1', line: 2, col: 9 } },
    ],
    [
      'log of zero, folded',
      'x = 1\ny = x + log(0)',
      { line: 2, col: 9, code: 'logDomain', params: { value: '0', line: 2, col: 9 } },
    ],
    [
      'sqrt of a negative',
      'x = -4\ny = sqrt(x)',
      { line: 2, col: 5, code: 'sqrtDomain', params: { value: '-4', line: 2, col: 5 } },
    ],
    ['division by a zero input', 'x = 0\ny = 1 / x', { line: 2, col: 7, code: 'divZero' }],
    ['division by a zero variable', 'x = 1\ny = x - 1\nz = x / y', { line: 3, col: 7, code: 'divZero' }],
    ['division by the constant 0', 'x = 1\ny = x / (1 - 1)', { line: 2, col: 7, code: 'divZero' }],
    ['3 / 0 folded', 'x = 1\ny = x + 3 / 0', { line: 2, col: 11, code: 'divZero' }],
    ['0 ** -1', 'x = 0\ny = x ** -1', { line: 2, col: 7, code: 'divZero' }],
    [
      'a fractional power of a negative',
      'x = -8\ny = x ** 0.5',
      { line: 2, col: 7, code: 'powDomain', params: { value: '-8', exponent: '0.5', line: 2, col: 7 } },
    ],
    ['exp overflowing', 'x = 800\ny = 2 * exp(x)', { line: 2, col: 9, code: 'overflow' }],
    ['a number overflowing', 'x = 1e400', { line: 1, col: 5, code: 'overflow' }],
    ['a folded constant overflowing', 'x = 1\ny = x * exp(1000)', { line: 2, col: 9, code: 'overflow' }],
    [
      'sqrt at 0',
      'x = 0\ny = 3 * sqrt(x)',
      { line: 2, col: 9, code: 'noDerivative', params: { fn: 'sqrt', value: '0', line: 2, col: 9 } },
    ],
    [
      'x ** 0.5 at 0',
      'x = 0\ny = x ** 0.5',
      { line: 2, col: 7, code: 'noDerivative', params: { fn: '**0.5', value: '0', line: 2, col: 7 } },
    ],
    ['a gradient overflowing', 'w = 1e-300\nz = log(w) * 1e10', { line: 2, col: 5, code: 'gradOverflow' }],
    [
      'too deep',
      `x = 1\ny = ${'('.repeat(MAX_DEPTH + 1)}x${')'.repeat(MAX_DEPTH + 1)}`,
      { line: 2, col: 5 + MAX_DEPTH, code: 'tooDeep' },
    ],
    ['too many signs', `x = 1\ny = ${'-'.repeat(MAX_DEPTH + 1)}x`, { line: 2, col: 5 + MAX_DEPTH, code: 'tooDeep' }],
    // `y = x` then " + x" per op: the k-th + is at column 4k + 3.
    [
      'too many operations',
      `x = 1\ny = x${' + x'.repeat(MAX_OPS + 1)}`,
      { line: 2, col: 4 * (MAX_OPS + 1) + 3, code: 'tooManyOps' },
    ],
  ];

  for (const [what, text, expected] of cases)
    it(`${what}: line ${expected.line}, column ${expected.col}, ${expected.code}`, () => {
      expect(err(text)).toMatchObject(expected);
    });

  it('every error code is among the cases above (tooLong in the limits below)', () => {
    const covered = new Set([...cases.map(([, , e]) => e.code), 'tooLong']);
    expect([...EXPR_ERROR_CODES].filter((c) => !covered.has(c))).toEqual([]);
  });

  it('the first error in the text wins', () => {
    expect(err('x = 2\ny = foo(x)\nz = 3 $ 4')).toMatchObject({ line: 2, code: 'unknownFunction' });
    expect(err('x = 2\ny = 3 $ 4\nz = foo(x)')).toMatchObject({ line: 2, code: 'unexpectedChar' });
  });

  it('the limits hold exactly', () => {
    expect(parseProgram(`x = 1\ny = x${' + x'.repeat(MAX_OPS)}`).ok).toBe(true);
    expect(parseProgram(`x = 1\ny = ${'('.repeat(MAX_DEPTH)}x * 2${')'.repeat(MAX_DEPTH)}`).ok).toBe(true);
    // Signs on a constant fold away: deep, but no operations.
    expect(parseProgram(`x = 1\ny = x * ${'-'.repeat(MAX_DEPTH)}2`).ok).toBe(true);
    const body = 'x = 1\nz = x * 2\n#';
    const atLimit = body + '-'.repeat(MAX_CHARS - body.length);
    expect(parseProgram(atLimit).ok).toBe(true);
    // Line 3 is '#' then dashes: the 2001st character is its column MAX_CHARS − 16 + 1.
    expect(err(`${atLimit}!`)).toMatchObject({
      line: 3,
      col: MAX_CHARS - 15,
      code: 'tooLong',
      params: { max: MAX_CHARS, length: MAX_CHARS + 1 },
    });
    expect(MAX_OPS).toBe(60);
    expect(MAX_CHARS).toBe(2000);
  });

  it("reads as the issue's example in English and names line and column in Korean", () => {
    const e = err('x = 1\nb = 2\nz = x + sigmod(b)');
    expect(translate('en', `expr.error.${e.code}`, e.params)).toBe(
      "line 3, column 9: unknown function 'sigmod'; did you mean 'sigmoid'?",
    );
    expect(translate('ko', `expr.error.${e.code}`, e.params)).toBe(
      "3행 9열: 알 수 없는 함수 'sigmod'. 혹시 'sigmoid'인가요?",
    );
  });

  it('every error code has a message in both languages that names line and column', () => {
    for (const code of EXPR_ERROR_CODES) {
      const key = exprErrorKey({ line: 1, col: 1, code, params: {} });
      for (const lang of ['en', 'ko'] as const) {
        expect(DICTS[lang][key], `${lang} ${key}`).toMatch(/^(line \{line\}, column \{col\}: |\{line\}행 \{col\}열: )/);
      }
    }
  });
});

describe('names every object inherits', () => {
  it('constructor, toString, __proto__ and hasOwnProperty are names like any other (no false overflow)', () => {
    const p = ok(
      'constructor = 2\ntoString = 3\n__proto__ = 4\nhasOwnProperty = 5\ny = constructor * toString + __proto__ - hasOwnProperty',
    );
    const r = run(p.graph, {});
    expect(r.values.y).toBe(5);
    expect(r.grads.constructor).toBe(3);
    expect(r.grads.__proto__).toBe(1);
    expect(checkInputs(p, { constructor: 1e308, toString: 10 })).toMatchObject({ code: 'overflow' });
    expect(checkInputs(p, { toString: 7 })).toBeNull();
    // An unknown name is still unknown, whatever Object.prototype holds.
    expect(err('y = valueOf * 2')).toMatchObject({ code: 'unknownName' });
  });
});
