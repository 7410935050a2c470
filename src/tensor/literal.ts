/**
 * NumPy-style literals for matrix inputs: `[[1, 2], [3, 4]]`, `[1, 2, 3]`, or a plain number.
 * Shapes follow NumPy: a 1-D literal has shape (n,), a scalar ().
 */
import { isSpace, scanNumber } from './number';

export interface Tensor {
  shape: number[];
  data: Float64Array;
}

export type LiteralError =
  | { kind: 'empty' }
  | { kind: 'syntax'; at: number }
  | { kind: 'ragged' }
  | { kind: 'depth' }
  | { kind: 'nonfinite' }
  | { kind: 'range'; max: number }
  | { kind: 'tooLong'; length: number; max: number }
  | { kind: 'tooMany'; max: number };

/**
 * How much a literal field takes: 10,000 numbers, a 100 × 100 matrix, in at most 100,000
 * characters (room for that matrix copied from NumPy with long decimals). Far beyond what a
 * graph of the book needs, and small enough that every step stays instant; a pasted megabyte is
 * refused before a single character of it is read.
 */
export const MAX_LITERAL_CHARS = 100_000;
export const MAX_LITERAL_NUMBERS = 10_000;

export interface LiteralLimits {
  /** Largest absolute value of an entry. */
  maxAbs: number;
  maxChars: number;
  maxNumbers: number;
}

export type LiteralResult = { ok: true; value: Tensor } | { ok: false; error: LiteralError };

export function parseLiteral(text: string, limits: Partial<LiteralLimits> = {}): LiteralResult {
  return parseLiteralCounted(text, limits).result;
}

/**
 * The parser, with the number of characters it looked at (`steps`) so a test can check that the
 * work grows linearly with the input. There is no recursion and no regular expression: one
 * forward pass with a depth counter, and since a literal may only be 2-D the third `[` ends it.
 */
export function parseLiteralCounted(
  text: string,
  { maxAbs = 1e6, maxChars = MAX_LITERAL_CHARS, maxNumbers = MAX_LITERAL_NUMBERS }: Partial<LiteralLimits> = {},
): { result: LiteralResult; steps: number } {
  let steps = 0;
  const fail = (error: LiteralError) => ({ result: { ok: false as const, error }, steps });
  if (text.length > maxChars) return fail({ kind: 'tooLong', length: text.length, max: maxChars });
  // Trim by indices: positions in messages count from the first non-blank character.
  let start = 0;
  let end = text.length;
  while (start < end && isSpace(text.charCodeAt(start))) start++;
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  steps += start + (text.length - end);
  if (start === end) return fail({ kind: 'empty' });
  const syntax = (i: number) => fail({ kind: 'syntax', at: Math.min(i, end) - start });

  const flat: number[] = [];
  let i = start;
  const number = (): boolean => {
    const j = scanNumber(text, i, end);
    steps += j - i + 1;
    if (j === i) return false;
    flat.push(Number(text.slice(i, j)));
    i = j;
    return true;
  };

  if (text.charCodeAt(i) !== 91) {
    // A plain number: shape ().
    if (!number() || i !== end) return syntax(i);
    return finish(flat, [], maxAbs, steps);
  }

  // Depth 1 is the outer list, depth 2 a row. What the outer list holds: numbers (1-D) or rows (2-D).
  let depth = 0;
  let outer: 'none' | 'numbers' | 'rows' = 'none';
  let outerCount = 0;
  let rowLength = -1;
  let rowCount = 0;
  let ragged = false;
  let expectValue = true; // after `[` or `,`: a value or `]`; after a value: `,` or `]`
  for (;;) {
    const from = i;
    while (i < end && isSpace(text.charCodeAt(i))) i++;
    steps += i - from + 1;
    if (i >= end) return syntax(i);
    const c = text.charCodeAt(i);
    if (c === 93) {
      // ]
      i++;
      if (depth === 2) {
        if (rowLength === -1) rowLength = rowCount;
        else if (rowLength !== rowCount) ragged = true;
        depth = 1;
        expectValue = false;
        continue;
      }
      // depth 1: the literal is closed; only blanks may follow (and `end` excludes them).
      if (i !== end) return syntax(i);
      break;
    }
    if (!expectValue) {
      if (c !== 44) return syntax(i); // ,
      i++;
      expectValue = true;
      continue;
    }
    if (c === 91) {
      // [
      if (depth === 2) return fail({ kind: 'depth' });
      i++;
      depth++;
      if (depth === 2) {
        if (outer === 'numbers') ragged = true;
        outer = outer === 'none' ? 'rows' : outer;
        outerCount++;
        rowCount = 0;
      }
      continue;
    }
    if (!number()) return syntax(i);
    if (flat.length > maxNumbers) return fail({ kind: 'tooMany', max: maxNumbers });
    if (depth === 2) rowCount++;
    else {
      if (outer === 'rows') ragged = true;
      outer = outer === 'none' ? 'numbers' : outer;
      outerCount++;
    }
    expectValue = false;
  }
  if (outer === 'none' || rowLength === 0) return fail({ kind: 'empty' });
  if (ragged) return fail({ kind: 'ragged' });
  return finish(flat, outer === 'rows' ? [outerCount, rowLength] : [outerCount], maxAbs, steps);
}

function finish(
  flat: number[],
  shape: number[],
  maxAbs: number,
  steps: number,
): { result: LiteralResult; steps: number } {
  let error: LiteralError | null = null;
  for (const v of flat) {
    if (!Number.isFinite(v)) {
      error = { kind: 'nonfinite' };
      break;
    }
    if (Math.abs(v) > maxAbs && !error) error = { kind: 'range', max: maxAbs };
  }
  steps += flat.length;
  if (error) return { result: { ok: false, error }, steps };
  return { result: { ok: true, value: { shape, data: Float64Array.from(flat) } }, steps };
}

/** The shape as NumPy prints it: `(784, 50)`, `(50,)`, `()`. The one shape formatter of the app. */
export const shapeText = (shape: readonly number[]): string =>
  shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;

/** The tensor as a NumPy literal, each number through `fmt`. */
export function formatTensor(t: Tensor, fmt: (x: number) => string): string {
  if (t.shape.length === 0) return fmt(t.data[0]);
  const row = (o: number, n: number) => `[${Array.from(t.data.subarray(o, o + n), fmt).join(', ')}]`;
  if (t.shape.length === 1) return row(0, t.shape[0]);
  const [r, c] = t.shape;
  return `[${Array.from({ length: r }, (_, i) => row(i * c, c)).join(', ')}]`;
}

/** Rows as (rows, cols) for computing: a vector is one row, a scalar 1×1. */
export const rowsCols = (shape: readonly number[]): [number, number] =>
  shape.length === 2 ? [shape[0], shape[1]] : shape.length === 1 ? [1, shape[0]] : [1, 1];
