import { parseLiteral } from '../tensor/literal';

/**
 * Checking a learner's prediction against the engine's answer. Pure: a number, a NumPy literal
 * or a shape typed as text, compared with the value's shape and numbers to a tolerance the page
 * states beside the fields.
 */

/** A value as the checker sees it: NumPy's shape ([] for a number) and its numbers, row-major. */
export interface Numeric {
  shape: readonly number[];
  data: ArrayLike<number>;
}

/** What a field asks for: a number, a NumPy literal (a small matrix) or only the shape. */
export type AnswerMode = 'number' | 'literal' | 'shape';

/**
 * Right when |typed − answer| ≤ rel · |answer| + abs for every entry: 1% leaves room for
 * rounding by hand (0.197 for 0.196612), `abs` for answers that are 0 or float noise near it.
 */
export interface Tolerance {
  rel: number;
  abs: number;
}
export const TOLERANCE: Tolerance = { rel: 0.01, abs: 1e-6 };

export type CheckResult =
  | { ok: true }
  | { ok: false; reason: 'empty' }
  /** The text is not a number, a literal or a shape, as the mode asks. */
  | { ok: false; reason: 'unreadable' }
  /** A shape that is not the answer's (for a shape, or for a literal of the wrong shape). */
  | { ok: false; reason: 'shape'; got: number[] }
  /** The right shape, numbers outside the tolerance; `got` is what was read. */
  | { ok: false; reason: 'value'; got: Numeric };

/** The Unicode minus and multiplication signs a learner may paste from the page. */
const normalize = (text: string): string => text.trim().replace(/[−–]/g, '-').replace(/[×✕]/g, 'x');

export const within = (got: number, want: number, tol: Tolerance = TOLERANCE): boolean =>
  Math.abs(got - want) <= tol.rel * Math.abs(want) + tol.abs;

export const sameShape = (a: readonly number[], b: readonly number[]): boolean =>
  a.length === b.length && a.every((n, i) => n === b[i]);

/**
 * A shape as a learner writes it: "(2, 3)", "2, 3", "2x3", "2 × 3", "[2, 3]", "(3,)", "3",
 * or "()" for a number. Null when it is not one.
 */
export function parseShape(text: string): number[] | null {
  let s = normalize(text);
  if (s === '') return null;
  const open = s[0];
  const close = s[s.length - 1];
  if ((open === '(' && close === ')') || (open === '[' && close === ']')) s = s.slice(1, -1).trim();
  else if (/[()[\]]/.test(s)) return null;
  if (s === '') return [];
  const parts = s.split(/\s*[,x]\s*|\s+/i);
  // "(3,)": Python's one-element tuple leaves an empty last part.
  if (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  if (!parts.every((p) => /^\d+$/.test(p))) return null;
  const shape = parts.map(Number);
  return shape.every((n) => n > 0) ? shape : null;
}

/** Checks one typed answer against the engine's value. */
export function checkAnswer(text: string, want: Numeric, mode: AnswerMode, tol: Tolerance = TOLERANCE): CheckResult {
  const s = normalize(text);
  if (s === '') return { ok: false, reason: 'empty' };
  if (mode === 'shape') {
    const shape = parseShape(s);
    if (!shape) return { ok: false, reason: 'unreadable' };
    return sameShape(shape, want.shape) ? { ok: true } : { ok: false, reason: 'shape', got: shape };
  }
  // A number where a number is asked; a literal (a number is a literal too) where a matrix is.
  const p = parseLiteral(s, { maxAbs: Infinity });
  if (!p.ok || (mode === 'number' && p.value.shape.length > 0)) return { ok: false, reason: 'unreadable' };
  const got = p.value;
  if (!sameShape(got.shape, want.shape)) return { ok: false, reason: 'shape', got: [...got.shape] };
  for (let i = 0; i < got.data.length; i++)
    if (!within(got.data[i], want.data[i], tol)) return { ok: false, reason: 'value', got };
  return { ok: true };
}

/** Reads an engine value: a number (scalar graphs) or a matrix with its NumPy shape (TValue). */
export function toNumeric(v: unknown): Numeric | null {
  if (typeof v === 'number') return { shape: [], data: [v] };
  if (typeof v !== 'object' || v === null) return null;
  const o = v as { shape?: unknown; m?: { data?: unknown } };
  if (Array.isArray(o.shape) && o.m && ArrayBuffer.isView(o.m.data)) {
    return { shape: o.shape as number[], data: o.m.data as unknown as ArrayLike<number> };
  }
  return null;
}
