import type { NodeSpec } from '../core';
import type { ScalarInput as InputSpec } from '../scalarValues';
import { OPS, type OpKind } from '../ops';
import { didYouMean, ExprFail, fail, type ExprError } from './errors';
import { FUNCTIONS, isFn, lexLine, type Token } from './lexer';
import { domainParams, type NodePos } from './domain';

export interface Limits {
  maxOps: number;
  /** Nesting of parentheses, calls, unary signs and exponents, so no input can overflow the stack. */
  maxDepth: number;
}

/** What the statements build, before the domain check and the backward code. */
export interface Parsed {
  inputs: InputSpec[];
  nodes: NodeSpec[];
  output: string;
  /** Node id → 1-based line and column of its operator (or function name). */
  nodePos: Record<string, NodePos>;
  /** Every name the user assigns, anywhere; generated names and gradient names avoid them. */
  userNames: Set<string>;
}

/** Inputs may be edited to ±1e6, or further when the declared value already is. */
const INPUT_RANGE = 1e6;

/** A parsed operand: a folded constant, or a variable (a user name, or a temporary of this line). */
type Operand = { k: 'c'; v: number } | { k: 'v'; name: string };

const BINARY: Record<'+' | '-' | '*' | '/', OpKind> = { '+': 'add', '-': 'sub', '*': 'mul', '/': 'div' };
/** Temporaries carry a character no identifier has; they are renamed when their line ends. */
const TEMP = '\u0000';

export function parseLines(rows: readonly (readonly string[])[], limits: Limits): Parsed {
  return new Parser(rows, limits).program();
}

class Parser {
  private readonly inputs: InputSpec[] = [];
  private readonly nodes: NodeSpec[] = [];
  private readonly nodePos: Record<string, NodePos> = {};
  /** Defined so far → the 1-based line that defined it. */
  private readonly defined = new Map<string, number>();
  /** Assigned anywhere in the program → its first line, for "used before it is defined". */
  private readonly assigned = new Map<string, number>();
  private readonly tokens: (Token[] | ExprError)[];
  private toks: Token[] = [];
  private i = 0;
  private line = 0;
  private temps = 0;
  private generated = 0;

  constructor(
    rows: readonly (readonly string[])[],
    private readonly limits: Limits,
  ) {
    // Lex every line first: a name assigned on a later line is "used before it is defined", not unknown.
    this.tokens = rows.map((row, k) => {
      try {
        return lexLine(row, k + 1);
      } catch (e) {
        if (e instanceof ExprFail) return e.error;
        throw e;
      }
    });
    this.tokens.forEach((toks, k) => {
      if (Array.isArray(toks) && isAssignment(toks) && !this.assigned.has(toks[0].text))
        this.assigned.set(toks[0].text, k + 1);
    });
  }

  program(): Parsed {
    let last: { name: string; col: number; line: number; isInput: boolean } | null = null;
    for (let k = 0; k < this.tokens.length; k++) {
      const toks = this.tokens[k];
      if (!Array.isArray(toks)) throw new ExprFail(toks);
      if (toks.length === 1) continue; // blank or comment
      this.toks = toks;
      this.line = k + 1;
      last = this.statement();
    }
    if (last === null) fail(1, 1, 'empty');
    if (last.isInput) fail(last.line, last.col, 'constOutput', { name: last.name });
    const userNames = new Set(this.assigned.keys());
    return { inputs: this.inputs, nodes: this.nodes, output: last.name, nodePos: this.nodePos, userNames };
  }

  /** `name = expr`. */
  private statement(): { name: string; col: number; line: number; isInput: boolean } {
    const toks = this.toks;
    if (!isAssignment(toks)) return fail(this.line, toks[0].col, 'notAssignment');
    const lhs = toks[0];
    const name = lhs.text;
    if (name.includes('.') || isFn(name)) fail(this.line, lhs.col, 'reservedName', { name });
    const first = this.defined.get(name);
    if (first !== undefined) fail(this.line, lhs.col, 'redefined', { name, firstLine: first });
    this.i = 2;
    const nodesBefore = this.nodes.length;
    const rhs = this.peek();
    const value = this.expr(0);
    const end = this.peek();
    if (end.t !== 'end') fail(this.line, end.col, 'unexpectedToken', { token: text(end) });
    this.defined.set(name, this.line);
    if (value.k === 'c') {
      const bound = Math.max(INPUT_RANGE, Math.abs(value.v));
      this.inputs.push({ name, default: value.v, min: -bound, max: bound });
      return { name, col: lhs.col, line: this.line, isInput: true };
    }
    if (!value.name.startsWith(TEMP)) fail(this.line, rhs.col, 'alias', { name, source: value.name });
    this.nameTemps(this.nodes.slice(nodesBefore), value.name, name);
    return { name, col: lhs.col, line: this.line, isInput: false };
  }

  /** The line's root takes the user's name; the other temporaries become v1, v2, … in order. */
  private nameTemps(lineNodes: NodeSpec[], root: string, name: string): void {
    const rename = new Map<string, string>([[root, name]]);
    for (const n of lineNodes) if (!rename.has(n.output)) rename.set(n.output, this.genName());
    for (const n of lineNodes) {
      const pos = this.nodePos[n.id];
      delete this.nodePos[n.id];
      n.output = rename.get(n.output) ?? n.output;
      n.inputs = n.inputs.map((v) => rename.get(v) ?? v);
      n.id = `${n.op}_${n.output}`;
      this.nodePos[n.id] = pos;
    }
  }

  private genName(): string {
    let name: string;
    do name = `v${++this.generated}`;
    while (this.assigned.has(name));
    return name;
  }

  private peek(): Token {
    return this.toks[this.i];
  }

  private deeper(depth: number): number {
    if (depth >= this.limits.maxDepth) fail(this.line, this.peek().col, 'tooDeep', { max: this.limits.maxDepth });
    return depth + 1;
  }

  /** expr: term (('+' | '-') term)*, left-associative, iteratively. */
  private expr(depth: number): Operand {
    let left = this.term(depth);
    for (let t = this.peek(); t.t === 'op' && (t.text === '+' || t.text === '-'); t = this.peek()) {
      this.i++;
      left = this.binary(t.text, t.col, left, this.term(depth));
    }
    return left;
  }

  /** term: factor (('*' | '/') factor)*. */
  private term(depth: number): Operand {
    let left = this.factor(depth);
    for (let t = this.peek(); t.t === 'op' && (t.text === '*' || t.text === '/'); t = this.peek()) {
      this.i++;
      left = this.binary(t.text, t.col, left, this.factor(depth));
    }
    return left;
  }

  /** factor: ('+' | '-') factor | power. Unary minus binds looser than **: -x ** 2 is -(x ** 2). */
  private factor(depth: number): Operand {
    const t = this.peek();
    if (t.t === 'op' && (t.text === '-' || t.text === '+')) {
      const d = this.deeper(depth);
      this.i++;
      const x = this.factor(d);
      if (t.text === '+') return x;
      // The book's sigmoid graph draws -x as a ×(−1) node.
      return x.k === 'c' ? { k: 'c', v: x.v === 0 ? 0 : -x.v } : this.emit('mulConst', [x.name], -1, t.col);
    }
    return this.power(depth);
  }

  /** power: primary ['**' factor]: right-associative, and the exponent may carry a sign (2 ** -1). */
  private power(depth: number): Operand {
    const base = this.primary(depth);
    const t = this.peek();
    if (!(t.t === 'op' && t.text === '**')) return base;
    const d = this.deeper(depth);
    this.i++;
    const exponent = this.factor(d);
    if (exponent.k !== 'c') fail(this.line, t.col, 'nonConstExponent');
    if (base.k === 'c') return this.fold('powConst', [base.v], exponent.v, t.col);
    return exponent.v === 2
      ? this.emit('square', [base.name], undefined, t.col)
      : this.emit('powConst', [base.name], exponent.v, t.col);
  }

  private primary(depth: number): Operand {
    const t = this.peek();
    if (t.t === 'num') {
      this.i++;
      if (!Number.isFinite(t.value)) fail(this.line, t.col, 'overflow');
      return { k: 'c', v: t.value };
    }
    if (t.t === 'name') {
      this.i++;
      const next = this.peek();
      if (next.t === 'op' && next.text === '(') return this.call(t, depth);
      return this.variable(t.text, t.col);
    }
    if (t.t === 'op' && t.text === '(') {
      const d = this.deeper(depth);
      this.i++;
      const x = this.expr(d);
      this.close(t.col);
      return x;
    }
    if (t.t === 'end') fail(this.line, t.col, 'unexpectedEnd');
    return fail(this.line, t.col, 'unexpectedToken', { token: text(t) });
  }

  /** Expects the ')' of the '(' at column `open`. */
  private close(open: number): void {
    const t = this.peek();
    if (t.t === 'op' && t.text === ')') {
      this.i++;
      return;
    }
    if (t.t === 'end') fail(this.line, open, 'missingParen');
    fail(this.line, t.col, 'unexpectedToken', { token: text(t) });
  }

  private variable(name: string, col: number): Operand {
    if (this.defined.has(name)) return { k: 'v', name };
    if (isFn(name)) fail(this.line, col, 'functionAsValue', { name });
    const later = this.assigned.get(name);
    if (later !== undefined) fail(this.line, col, 'usedBeforeDefined', { name, defLine: later });
    const suggestion = didYouMean(name, this.defined.keys());
    if (suggestion !== null) fail(this.line, col, 'unknownNameSuggest', { name, suggestion });
    return fail(this.line, col, 'unknownName', { name });
  }

  private call(nameTok: Token & { t: 'name' }, depth: number): Operand {
    const typed = nameTok.text;
    // np.exp and math.exp are exp.
    const fn = typed.slice(typed.indexOf('.') + 1);
    if (!isFn(fn)) {
      const suggestion = didYouMean(fn, FUNCTIONS);
      if (suggestion !== null) fail(this.line, nameTok.col, 'unknownFunctionSuggest', { name: typed, suggestion });
      fail(this.line, nameTok.col, 'unknownFunction', { name: typed });
    }
    const open = this.peek().col;
    const d = this.deeper(depth);
    this.i++;
    const args: Operand[] = [];
    const first = this.peek();
    if (!(first.t === 'op' && first.text === ')')) {
      args.push(this.expr(d));
      for (let t = this.peek(); t.t === 'op' && t.text === ','; t = this.peek()) {
        this.i++;
        args.push(this.expr(d));
      }
    }
    this.close(open);
    const expected = fn === 'max' ? 2 : 1;
    if (args.length !== expected) fail(this.line, nameTok.col, 'argCount', { name: typed, expected, got: args.length });
    const col = nameTok.col;
    if (fn === 'max') {
      const [a, b] = args;
      if (a.k === 'c' && b.k === 'c') return this.fold('max', [a.v, b.v], undefined, col);
      if (a.k === 'v' && b.k === 'v') return this.emit('max', [a.name, b.name], undefined, col);
      const { v, c } = mixed(a, b);
      return this.emit('maxConst', [v], c, col);
    }
    const [x] = args;
    return x.k === 'c' ? this.fold(fn, [x.v], undefined, col) : this.emit(fn, [x.name], undefined, col);
  }

  /** A binary operator; a constant operand makes a one-input op with parameter c. */
  private binary(op: '+' | '-' | '*' | '/', col: number, a: Operand, b: Operand): Operand {
    if (a.k === 'c' && b.k === 'c') return this.fold(BINARY[op], [a.v, b.v], undefined, col);
    if (a.k === 'v' && b.k === 'v') return this.emit(BINARY[op], [a.name, b.name], undefined, col);
    const { v, c, constFirst } = mixed(a, b);
    switch (op) {
      case '+':
        return this.emit('addConst', [v], c, col);
      case '-':
        return constFirst ? this.emit('rsubConst', [v], c, col) : this.emit('addConst', [v], c === 0 ? 0 : -c, col);
      case '*':
        return this.emit('mulConst', [v], c, col);
      case '/':
        if (constFirst)
          return c === 1 ? this.emit('reciprocal', [v], undefined, col) : this.emit('rdivConst', [v], c, col);
        if (c === 0) fail(this.line, col, 'divZero');
        return this.emit('divConst', [v], c, col);
    }
  }

  /** Constant sub-expressions become a number, with the op's own forward and domain. */
  private fold(kind: OpKind, x: number[], c: number | undefined, col: number): Operand {
    const op = OPS[kind];
    const bad = op.domain?.(x, c);
    if (bad) fail(this.line, col, bad, domainParams(bad, x, c));
    const v = op.forward(x, c);
    if (!Number.isFinite(v)) fail(this.line, col, 'overflow');
    return { k: 'c', v };
  }

  private emit(op: OpKind, inputs: string[], c: number | undefined, col: number): Operand {
    if (this.nodes.length >= this.limits.maxOps) fail(this.line, col, 'tooManyOps', { max: this.limits.maxOps });
    const output = `${TEMP}${++this.temps}`;
    const node: NodeSpec = { id: output, op, inputs, output };
    if (c !== undefined) node.c = c;
    this.nodes.push(node);
    this.nodePos[node.id] = { line: this.line, col };
    return { k: 'v', name: output };
  }
}

/** One constant operand and one variable, in either order. */
function mixed(a: Operand, b: Operand): { v: string; c: number; constFirst: boolean } {
  if (a.k === 'v' && b.k === 'c') return { v: a.name, c: b.v, constFirst: false };
  if (a.k === 'c' && b.k === 'v') return { v: b.name, c: a.v, constFirst: true };
  throw new Error('mixed() needs one constant and one variable');
}

const isAssignment = (toks: Token[]): toks is [Token & { t: 'name' }, Token, ...Token[]] =>
  toks.length >= 2 && toks[0].t === 'name' && toks[1].t === 'op' && toks[1].text === '=';

const text = (t: Token): string => (t.t === 'num' || t.t === 'name' || t.t === 'op' ? t.text : '');
