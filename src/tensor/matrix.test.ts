import { describe, expect, it } from 'vitest';
import {
  addRowInPlace,
  argmaxRows,
  fromRows,
  matmul,
  matmulTransA,
  matmulTransB,
  sumRows,
  toRows,
  zeros,
  type Matrix,
} from './matrix';
import { mulberry32, normalSampler } from './random';

function naive(a: number[][], b: number[][]): number[][] {
  return a.map((row) => b[0].map((_, j) => row.reduce((s, v, p) => s + v * b[p][j], 0)));
}
const T = (a: number[][]) => a[0].map((_, j) => a.map((r) => r[j]));
function rand(rows: number, cols: number, seed: number): number[][] {
  const n = normalSampler(mulberry32(seed));
  return Array.from({ length: rows }, () => Array.from({ length: cols }, () => (n() > 0.8 ? 0 : n())));
}
function expectClose(m: Matrix, ref: number[][], tol = 1e-12) {
  const rows = toRows(m);
  expect(rows.length).toBe(ref.length);
  rows.forEach((r, i) => r.forEach((v, j) => expect(Math.abs(v - ref[i][j])).toBeLessThan(tol)));
}

describe('matrix products', () => {
  it('A·B, Aᵀ·B and A·Bᵀ match the naive product on odd shapes', () => {
    for (const [m, k, n] of [
      [1, 1, 1],
      [5, 7, 3],
      [9, 4, 11],
      [4, 8, 2],
      [13, 3, 6],
    ]) {
      const a = rand(m, k, m * 100 + k),
        b = rand(k, n, n * 7 + 1);
      expectClose(matmul(fromRows(a), fromRows(b)), naive(a, b));
      expectClose(matmulTransA(fromRows(T(a)), fromRows(b)), naive(a, b));
      expectClose(matmulTransB(fromRows(a), fromRows(T(b))), naive(a, b));
    }
  });
  it('refuses shapes that do not align, naming them', () => {
    expect(() => matmul(zeros(2, 2), zeros(1, 3))).toThrow('(2, 2) and (1, 3)');
  });
  it('broadcasts a bias row, sums over axis 0, finds row argmax', () => {
    const x = fromRows([
      [0, 0, 0],
      [10, 10, 10],
    ]);
    addRowInPlace(x, fromRows([[1, 2, 3]]));
    expect(toRows(x)).toEqual([
      [1, 2, 3],
      [11, 12, 13],
    ]);
    expect(
      toRows(
        sumRows(
          fromRows([
            [1, 2, 3],
            [4, 5, 6],
          ]),
        ),
      ),
    ).toEqual([[5, 7, 9]]);
    expect(
      Array.from(
        argmaxRows(
          fromRows([
            [0.1, 0.7, 0.2],
            [3, 1, 2],
          ]),
        ),
      ),
    ).toEqual([1, 0]);
  });
});

describe('seeded RNG', () => {
  it('repeats for a seed and has a standard normal', () => {
    const a = mulberry32(7),
      b = mulberry32(7);
    expect([a(), a(), a()]).toEqual([b(), b(), b()]);
    const n = normalSampler(mulberry32(3));
    let s = 0,
      s2 = 0;
    const N = 20000;
    for (let i = 0; i < N; i++) {
      const v = n();
      s += v;
      s2 += v * v;
    }
    expect(Math.abs(s / N)).toBeLessThan(0.03);
    expect(Math.abs(s2 / N - 1)).toBeLessThan(0.05);
  });
});
