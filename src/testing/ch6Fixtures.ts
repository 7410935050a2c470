import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { fromRows, type Matrix } from '../tensor/matrix';

/**
 * Reading the chapter 6 fixtures that the book's own classes wrote
 * (scripts/make-ch6-fixtures.py → src/net/fixtures/ch6/), and comparing to them.
 */
export type Arr = number[] | number[][];

export function loadCh6<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../net/fixtures/ch6/${name}`, import.meta.url), 'utf8')) as T;
}

/** A NumPy array as a Float64 matrix; a 1-D array (the book's b, γ, β) becomes one row. */
export function mat(a: Arr): Matrix {
  return fromRows(typeof a[0] === 'number' ? [a as number[]] : (a as number[][]), 'float64');
}

/** A Rng that hands back recorded draws in order, and fails loudly if asked for more. */
export function replay(draws: number[]): () => number {
  let i = 0;
  return () => {
    if (i >= draws.length) throw new Error(`only ${draws.length} draws recorded`);
    return draws[i++];
  };
}

export const TOL = 1e-10;

/** The largest |actual − expected| over a worst case in the run, by label, for the report. */
export const worst = new Map<string, number>();

function diff(actual: Matrix | number, expected: Arr | number): number {
  if (typeof actual === 'number') return Math.abs(actual - (expected as number));
  const e = mat(expected as Arr);
  expect([actual.rows, actual.cols]).toEqual([e.rows, e.cols]);
  let m = 0;
  for (let i = 0; i < e.data.length; i++) m = Math.max(m, Math.abs(actual.data[i] - e.data[i]));
  return m;
}

/** Asserts |actual − expected| ≤ 1e-10 everywhere and records the largest difference under `label`. */
export function expectBook(label: string, actual: Matrix | number, expected: Arr | number): void {
  const d = diff(actual, expected);
  worst.set(label, Math.max(worst.get(label) ?? 0, d));
  expect(d, label).toBeLessThanOrEqual(TOL);
}

/** Prints the worst differences when CH6_REPORT is set (npx vitest run with CH6_REPORT=1). */
export function reportWorst(): void {
  if (!process.env.CH6_REPORT) return;
  for (const [k, v] of worst) console.log(`${k}\t${v.toExponential(2)}`);
}
