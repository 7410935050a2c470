import { describe, expect, it } from 'vitest';
import { Affine, Relu, Sigmoid, SoftmaxWithLoss, softmax } from './layers';
import { fromRows, toRows } from '../tensor/matrix';

const near = (a: number[][], b: number[][], tol = 1e-12) =>
  a.forEach((r, i) => r.forEach((v, j) => expect(Math.abs(v - b[i][j])).toBeLessThan(tol)));

describe("the book's layers", () => {
  it('Relu masks x <= 0 forward and backward, without touching dout', () => {
    const relu = new Relu();
    const x = fromRows([
      [1.0, -0.5],
      [-2.0, 3.0],
    ]);
    expect(toRows(relu.forward(x))).toEqual([
      [1, 0],
      [0, 3],
    ]);
    const dout = fromRows([
      [5, 6],
      [7, 8],
    ]);
    expect(toRows(relu.backward(dout))).toEqual([
      [5, 0],
      [0, 8],
    ]);
    expect(toRows(dout)).toEqual([
      [5, 6],
      [7, 8],
    ]);
  });

  it('Sigmoid backward is dout · y(1 − y)', () => {
    const s = new Sigmoid();
    const y = s.forward(fromRows([[0, 2]]));
    expect(y.data[0]).toBe(0.5);
    const dx = s.backward(fromRows([[1, 2]]));
    expect(dx.data[0]).toBe(0.25);
    expect(dx.data[1]).toBeCloseTo(2 * y.data[1] * (1 - y.data[1]), 15);
  });

  it("Affine: the book's batch example, Y = X·W + B and dB = Σ dY over axis 0", () => {
    const W = fromRows([
      [0, 0, 0],
      [10, 10, 10],
    ]);
    const B = fromRows([[1, 2, 3]]);
    const a = new Affine(W, B);
    const X = fromRows([
      [1, 0],
      [0, 1],
    ]);
    expect(toRows(a.forward(X))).toEqual([
      [1, 2, 3],
      [11, 12, 13],
    ]);
    const dx = a.backward(
      fromRows([
        [1, 2, 3],
        [4, 5, 6],
      ]),
    )!;
    expect(toRows(a.db!)).toEqual([[5, 7, 9]]);
    expect(toRows(a.dW!)).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]); // Xᵀ·dY with X = I
    expect(toRows(dx)).toEqual([
      [0, 60],
      [0, 150],
    ]); // dY·Wᵀ: 10·(1+2+3), 10·(4+5+6)
  });

  it('Affine backward agrees with the numerical derivative', () => {
    const X = fromRows([
      [0.3, -1.2, 0.5],
      [1.1, 0.4, -0.7],
    ]);
    const W = fromRows([
      [0.2, -0.1],
      [0.5, 0.3],
      [-0.4, 0.8],
    ]);
    const B = fromRows([[0.1, -0.2]]);
    const dY = fromRows([
      [1, -2],
      [0.5, 3],
    ]);
    const f = () => {
      const y = new Affine(W, B).forward(X);
      return Array.from(y.data).reduce((s, v, i) => s + v * dY.data[i], 0);
    };
    const a = new Affine(W, B);
    a.forward(X);
    const dX = a.backward(dY)!;
    for (const [m, g] of [
      [X, dX],
      [W, a.dW!],
      [B, a.db!],
    ] as const) {
      for (let i = 0; i < m.data.length; i++) {
        const old = m.data[i];
        m.data[i] = old + 1e-5;
        const p = f();
        m.data[i] = old - 1e-5;
        const q = f();
        m.data[i] = old;
        expect(Math.abs((p - q) / 2e-5 - g.data[i])).toBeLessThan(1e-8);
      }
    }
  });

  it("SoftmaxWithLoss: the book's two cases, (0.3, −0.8, 0.5) and (0.01, −0.01, 0)", () => {
    // Scores whose softmax is exactly y: a = log(y).
    const layer = new SoftmaxWithLoss();
    layer.forward(fromRows([[Math.log(0.3), Math.log(0.2), Math.log(0.5)]]), [1]);
    near(toRows(layer.y!), [[0.3, 0.2, 0.5]]);
    near(toRows(layer.backward()), [[0.3, -0.8, 0.5]]);
    expect(layer.loss).toBeCloseTo(-Math.log(0.2), 12);
    const small = new SoftmaxWithLoss();
    small.forward(fromRows([[Math.log(0.01), Math.log(0.99), -800]]), [1]);
    near(toRows(small.backward()), [[0.01, -0.01, 0]]);
  });

  it('softmax survives large scores and the loss stays finite at probability 0', () => {
    const y = softmax(fromRows([[1010, 1000, 990]]));
    expect(y.data.every(Number.isFinite)).toBe(true);
    const l = new SoftmaxWithLoss();
    expect(Number.isFinite(l.forward(fromRows([[0, 2000]]), [0]))).toBe(true);
  });
});
