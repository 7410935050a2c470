import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { besselI0, kaiser, smoothCurve } from './smooth';

/** Written by scripts/make-ch6-lab-fixtures.py with the book's common/util.py smooth_curve. */
const book = JSON.parse(readFileSync(new URL('./fixtures/smooth-curve.json', import.meta.url), 'utf8')) as {
  x: number[];
  smoothed: number[];
};

describe("smooth_curve, the book's loss-curve smoothing", () => {
  it("matches the book's smooth_curve to 1e-12", () => {
    const got = smoothCurve(book.x);
    expect(got).toHaveLength(book.x.length);
    expect(book.smoothed).toHaveLength(book.x.length);
    got.forEach((v, i) => expect(Math.abs(v - book.smoothed[i])).toBeLessThanOrEqual(1e-12));
  });

  it("has NumPy's Kaiser window: symmetric, 1 at the centre, I₀ known values", () => {
    expect(besselI0(0)).toBe(1);
    // I₀(1) and I₀(2) to 15 digits (Abramowitz and Stegun, table 9.8).
    expect(besselI0(1)).toBeCloseTo(1.2660658777520082, 14);
    expect(besselI0(2)).toBeCloseTo(2.2795853023360673, 14);
    const w = kaiser(11, 2);
    expect(w).toHaveLength(11);
    expect(w[5]).toBe(1);
    for (let i = 0; i < 11; i++) expect(w[i]).toBeCloseTo(w[10 - i], 15);
    expect(w[0]).toBeCloseTo(1 / besselI0(2), 15);
  });

  it('keeps a constant curve constant and refuses fewer than 11 points', () => {
    for (const v of smoothCurve(new Array(20).fill(0.5))) expect(v).toBeCloseTo(0.5, 14);
    expect(() => smoothCurve([1, 2, 3])).toThrow(RangeError);
  });
});
