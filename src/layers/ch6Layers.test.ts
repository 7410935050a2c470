import { afterAll, describe, expect, it } from 'vitest';
import { Affine, Relu, Sigmoid, SoftmaxWithLoss } from './layers';
import { BatchNormalization } from './batchNorm';
import { Dropout } from './dropout';
import { expectBook, loadCh6, mat, replay, reportWorst, type Arr } from '../testing/ch6Fixtures';
import { mulberry32 } from '../tensor/random';
import { fromRows } from '../tensor/matrix';

interface Step {
  x: Arr;
  dout: Arr;
  out: Arr;
  dx: Arr;
}
interface Layers {
  Affine: Step & { W: Arr; b: Arr; dW: Arr; db: Arr };
  Relu: Step;
  Sigmoid: Step;
  SoftmaxWithLoss: { x: Arr; t: number[]; loss: number; y: Arr; dx: Arr };
}
interface BnCase {
  gamma: Arr;
  beta: Arr;
  momentum: number;
  train: (Step & { dgamma: Arr; dbeta: Arr; runningMean: Arr; runningVar: Arr })[];
  test: { x: Arr; out: Arr };
}
interface DropoutCase extends Step {
  ratio: number;
  draws: number[];
  mask: number[][];
  testOut: Arr;
}

afterAll(reportWorst);

describe("chapter 5–6 layers against the book's own classes (Float64, 1e-10)", () => {
  const L = loadCh6<Layers>('layers.json');

  it('Affine forward and backward', () => {
    const c = L.Affine;
    const a = new Affine(mat(c.W), mat(c.b));
    expectBook('Affine out', a.forward(mat(c.x)), c.out);
    expectBook('Affine dx', a.backward(mat(c.dout))!, c.dx);
    expectBook('Affine dW', a.dW!, c.dW);
    expectBook('Affine db', a.db!, c.db);
  });

  it('Relu and Sigmoid forward and backward', () => {
    for (const [name, layer] of [
      ['Relu', new Relu()],
      ['Sigmoid', new Sigmoid()],
    ] as const) {
      const c = L[name];
      expectBook(`${name} out`, layer.forward(mat(c.x)), c.out);
      expectBook(`${name} dx`, layer.backward(mat(c.dout)), c.dx);
    }
  });

  it("SoftmaxWithLoss: the book's loss with logEps 1e-7, and within 1e-5 without", () => {
    const c = L.SoftmaxWithLoss;
    const s = new SoftmaxWithLoss(1e-7);
    expectBook('SoftmaxWithLoss loss', s.forward(mat(c.x), c.t), c.loss);
    expectBook('SoftmaxWithLoss y', s.y!, c.y);
    expectBook('SoftmaxWithLoss dx', s.backward(1), c.dx);
    // The trainer's loss leaves out the 1e-7 unless a probability is 0: about 1e-7/p apart.
    const gap = Math.abs(new SoftmaxWithLoss().forward(mat(c.x), c.t) - c.loss);
    expect(gap).toBeGreaterThan(0);
    expect(gap).toBeLessThan(1e-5);
  });

  for (const [name, c] of Object.entries(loadCh6<Record<string, BnCase>>('batchnorm.json'))) {
    it(`BatchNormalization (${name}): two training steps, then test mode on the running averages`, () => {
      const bn = new BatchNormalization(mat(c.gamma), mat(c.beta), c.momentum);
      c.train.forEach((s, k) => {
        expectBook(`BatchNorm train out`, bn.forward(mat(s.x), true), s.out);
        expectBook(`BatchNorm dx`, bn.backward(mat(s.dout)), s.dx);
        expectBook(`BatchNorm dgamma`, bn.dgamma!, s.dgamma);
        expectBook(`BatchNorm dbeta`, bn.dbeta!, s.dbeta);
        expectBook(`BatchNorm running mean/var`, bn.runningMean!, s.runningMean);
        expectBook(`BatchNorm running mean/var`, bn.runningVar!, s.runningVar);
        expect(k).toBeLessThan(2);
      });
      expectBook('BatchNorm test out', bn.forward(mat(c.test.x), false), c.test.out);
    });
  }

  for (const [name, c] of Object.entries(loadCh6<Record<string, DropoutCase>>('dropout.json'))) {
    it(`Dropout (${name}): the book's draws replayed, or its mask injected; test scales by 1 − ratio`, () => {
      const d = new Dropout(replay(c.draws), c.ratio);
      expectBook('Dropout train out', d.forward(mat(c.x), true), c.out);
      expect(Array.from(d.mask!)).toEqual(c.mask.flat());
      expectBook('Dropout dx', d.backward(mat(c.dout)), c.dx);
      expectBook('Dropout test out', d.forward(mat(c.x), false), c.testOut);

      const injected = new Dropout(() => {
        throw new Error('an injected mask draws nothing');
      }, c.ratio);
      expectBook('Dropout train out', injected.forward(mat(c.x), true, Uint8Array.from(c.mask.flat())), c.out);
      expectBook('Dropout dx', injected.backward(mat(c.dout)), c.dx);
    });
  }

  it('Dropout keeps about 1 − ratio of the units with a seeded RNG', () => {
    const d = new Dropout(mulberry32(7), 0.3);
    d.forward(fromRows(Array.from({ length: 100 }, () => new Array(100).fill(1))));
    const kept = d.mask!.reduce((s, v) => s + v, 0) / 10000;
    expect(kept).toBeGreaterThan(0.68);
    expect(kept).toBeLessThan(0.72);
  });
});
