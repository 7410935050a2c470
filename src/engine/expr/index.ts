/**
 * The expression language of "Your own graph": Python-style lines such as
 *
 *   x = 2.0          # a number declares an input with its starting value
 *   t = x + y        # anything else defines a variable from earlier ones
 *   z = t ** 2       # the last assigned variable is the output
 *
 * parsed by hand (no eval, no backtracking regexes, bounded recursion) into a ScalarGraph with
 * one node per operation, plus the code listing the code panel shows.
 */
import type { ScalarGraph, Values } from '../scalarValues';
import { backwardCode } from './code';
import { findDomainError, type NodePos } from './domain';
import { exprError, ExprFail, type ExprError } from './errors';
import { parseLines, type Limits } from './parser';

export { EXPR_ERROR_CODES, exprErrorKey, type ExprError, type ExprErrorCode, type ExprErrorKey } from './errors';
export { FUNCTIONS } from './lexer';
export type { NodePos } from './domain';

export const MAX_OPS = 60;
export const MAX_CHARS = 2000;
/** Deep enough for any honest expression, shallow enough that no input can overflow the stack. */
export const MAX_DEPTH = 100;

/** A 10% discount, then tax: `price` fans out, so its gradient is a sum (1.1 + −0.11 = 0.99). */
export const EXAMPLE_PROGRAM = `# a 10% discount, then tax
price = 100
tax = 1.1
discount = price * 0.1
paid = (price - discount) * tax`;

/** The code listing: the same shape as the book graphs' BookCode (src/graphs/types.ts). */
export interface ProgramCode {
  lines: string[];
  /** Node id → 0-based line of the statement that creates the node. */
  forwardLine: Record<string, number>;
  /** Node id → 0-based line of its generated backward line. */
  backwardLine: Record<string, number>;
}

export interface Program {
  graph: ScalarGraph;
  code: ProgramCode;
  /** Node id → 1-based line of its statement (as in error messages). */
  nodeLine: Record<string, number>;
  /** Node id → 1-based line and column of its operator or function name. */
  nodePos: Record<string, NodePos>;
}

export type ParseProgramResult = { ok: true; program: Program } | { ok: false; error: ExprError };

/**
 * Parses a program and checks it at its declared inputs. Never throws on any text: every
 * problem is an ExprError with a 1-based line and column.
 */
export function parseProgram(text: string, limits: Partial<Limits & { maxChars: number }> = {}): ParseProgramResult {
  const maxChars = limits.maxChars ?? MAX_CHARS;
  const lim: Limits = { maxOps: limits.maxOps ?? MAX_OPS, maxDepth: limits.maxDepth ?? MAX_DEPTH };
  const chars = Array.from(text);
  if (chars.length > maxChars) return { ok: false, error: tooLong(chars, maxChars) };
  const lines = text.split(/\r\n|\r|\n/);
  try {
    const p = parseLines(
      lines.map((l) => Array.from(l)),
      lim,
    );
    const graph: ScalarGraph = { inputs: p.inputs, nodes: p.nodes, output: p.output };
    const bad = findDomainError(graph, p.nodePos, {});
    if (bad) return { ok: false, error: bad };
    while (lines.length > 0 && lines[lines.length - 1].trim() === '') lines.pop();
    const back = backwardCode(graph, p.userNames);
    const start = lines.length + 2;
    const forwardLine: Record<string, number> = {};
    const backwardLine: Record<string, number> = {};
    const nodeLine: Record<string, number> = {};
    for (const n of graph.nodes) {
      nodeLine[n.id] = p.nodePos[n.id].line;
      forwardLine[n.id] = p.nodePos[n.id].line - 1;
      backwardLine[n.id] = start + back.lineOf[n.id];
    }
    const code = { lines: [...lines, '', '# backward', ...back.lines], forwardLine, backwardLine };
    return { ok: true, program: { graph, code, nodeLine, nodePos: p.nodePos } };
  } catch (e) {
    if (e instanceof ExprFail) return { ok: false, error: e.error };
    throw e;
  }
}

/**
 * The same domain check at other inputs (the learner edited a field): log of a negative,
 * division by zero, overflow, with the line and column of the operation. null when all is well.
 */
export const checkInputs = (program: Program, inputs: Values): ExprError | null =>
  findDomainError(program.graph, program.nodePos, inputs);

/** Points at the first character past the limit. */
function tooLong(chars: string[], max: number): ExprError {
  let line = 1;
  let col = 1;
  for (let i = 0; i < max; i++) {
    if (chars[i] === '\n' || (chars[i] === '\r' && chars[i + 1] !== '\n')) {
      line++;
      col = 1;
    } else if (chars[i] !== '\r') col++;
  }
  return exprError(line, col, 'tooLong', { max, length: chars.length });
}
