import { describe, expect, it } from 'vitest';
import { twoLayerNet } from '../graphs/matrixGraphs';
import { translateMsg, type Msg } from '../i18n';
import { TwoLayerNet } from '../net/twoLayerNet';
import { fromRows, type Matrix } from '../tensor/matrix';
import { mulberry32 } from '../tensor/random';
import { run } from './core';
import { MATRIX } from './matrixValues';
import type { TValue } from './tensorOps';
import { literalText, noiseFloor, NOISE_ULPS, tensorStats, tensorText } from './tensorFormat';

const v = (m: Matrix, shape?: number[]): TValue => ({ m, shape: shape ?? [m.rows, m.cols] });
const f32 = (rows: number[][]): Matrix => fromRows(rows, 'float32');

describe('float noise relative to a matrix', () => {
  it('sets the floor from the storage’s epsilon and the largest |entry|', () => {
    expect(noiseFloor(Float64Array.of(1, -4)).entry).toBe(NOISE_ULPS * Number.EPSILON * 4);
    expect(noiseFloor(Float32Array.of(1, -4)).entry).toBe(NOISE_ULPS * 2 ** -23 * 4);
    // NaN and Infinity set no scale: the finite entries keep theirs.
    expect(noiseFloor(Float64Array.of(Infinity, NaN, 2)).entry).toBe(NOISE_ULPS * Number.EPSILON * 2);
    // The mean's floor adds one rounding of the largest entry per summed entry.
    expect(noiseFloor(new Float64Array(100).fill(1)).mean).toBe((NOISE_ULPS + 100) * Number.EPSILON);
  });

  it('shows an entry far below its matrix’s scale as 0 in cells, edge labels and literals', () => {
    const m = v(
      fromRows([
        [1, 1e-17, 2],
        [3, -2.7e-16, 4],
      ]),
    );
    expect(tensorText(m)).toBe('[[1, 0, 2], [3, 0, 4]]');
    expect(MATRIX.fmt.cell(m)).toBe('[[1, 0, 2], [3, 0, 4]]');
    expect(MATRIX.fmt.edgeLines(m)).toEqual(['[1, 0, 2]', '[3, 0, 4]']);
    expect(literalText([2, 3], m.m.data)).toBe('[[1, 0, 2], [3, 0, 4]]');
  });

  it('keeps small numbers that are the matrix’s own scale, and NaN', () => {
    expect(tensorText(v(fromRows([[1e-17, 2e-17]]), [2]))).toBe('[1e-17, 2e-17]');
    expect(tensorText(v(fromRows([[1, 1e-9, NaN]]), [3]))).toBe('[1, 1e-9, NaN]');
  });

  it('uses Float32’s epsilon for Float32 storage', () => {
    // 1e-6 of the largest entry is below 16 Float32 ulps, not below 16 Float64 ulps.
    expect(tensorText(v(f32([[1, 1e-6]]), [2]))).toBe('[1, 0]');
    expect(tensorText(v(fromRows([[1, 1e-6]]), [2]))).toBe('[1, 0.000001]');
  });

  it('keeps the real value, noise included, in the tooltip', () => {
    const m = v(
      fromRows([
        [1, 1e-17],
        [0.1, 0.2],
      ]),
    );
    expect(MATRIX.fmt.full(m)).toBe('[[1, 1e-17], [0.1, 0.2]]');
  });

  it('shows a summary’s min, max and mean as 0 when they are noise', () => {
    // Thirty entries whose sum is 0 on paper and 5.55e-17 in double.
    const data = Array.from({ length: 10 }, () => [0.1, 0.2, -0.3]).flat();
    const m = v(fromRows([data]), [30]);
    expect(tensorStats(m)).toEqual({ min: -0.3, max: 0.2, mean: 0 });
    const plus = v(fromRows([[...data.slice(0, 29), 1e-18]]), [30]);
    expect(tensorStats(plus).max).toBe(0.2);
    expect(tensorStats(v(fromRows([Array.from({ length: 30 }, (_, i) => (i === 0 ? 1 : 1e-17))]))).min).toBe(0);
    // In Float32 the entries themselves carry the noise.
    expect(tensorStats(v(f32([data]), [30])).mean).toBe(0);
    // A mean that is small but real stays.
    expect(tensorStats(v(fromRows([[...data.slice(0, 29), -0.3 + 3e-6]]), [30])).mean).toBeCloseTo(1e-7, 12);
  });

  it('reads "mean 0" for W2’s gradient in the two-layer net, not 2e-19', () => {
    const net = new TwoLayerNet(784, 50, 10, 0.1, mulberry32(8), 'float64');
    const rng = mulberry32(5);
    const x = fromRows([Array.from({ length: 784 }, () => (rng() < 0.8 ? 0 : rng()))]);
    const p = net.params;
    const r = run(MATRIX, twoLayerNet.graph, {
      x: v(x),
      W1: v(p.W1),
      b1: v(p.b1, [50]),
      W2: v(p.W2),
      b2: v(p.b2, [10]),
      t: v(fromRows([Array.from({ length: 10 }, (_, i) => (i === 3 ? 1 : 0))])),
    });
    const dW2 = r.grads.W2;
    let sum = 0;
    for (const e of dW2.m.data) sum += e;
    // On paper each row of dW2 = z1ᵀ(y − t) sums to 0; in double the mean is noise, not 0.
    expect(Math.abs(sum / dW2.m.data.length)).toBeGreaterThan(0);
    expect(Math.abs(sum / dW2.m.data.length)).toBeLessThan(noiseFloor(dW2.m.data).mean);
    const cell = MATRIX.fmt.cell(dW2) as Msg;
    expect(translateMsg('en', cell)).toMatch(/^min -?[\d.]+(e-\d+)?, max [\d.]+(e-\d+)?, mean 0$/);
  });
});
