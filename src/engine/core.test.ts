import { describe, expect, it } from 'vitest';
import {
  numericalGradient,
  run as runOn,
  SCALAR,
  stateAt as stateOn,
  stepCount as totalSteps,
  type ScalarGraph,
  type Values,
} from './index';
import { apple, appleOrange, chainRule, relu, sigmoid, sigmoidSimple } from '../graphs/scalarGraphs';
import { MulLayer, AddLayer } from '../layers/mulAddLayers';
import { mulberry32 } from '../tensor/random';

// The one engine, on numbers.
const run = (g: ScalarGraph, inputs: Values) => runOn(SCALAR, g, inputs);
const stateAt = (g: ScalarGraph, inputs: Values, k: number) => stateOn(SCALAR, g, run(g, inputs), k);
const SCALAR_GRAPHS = [apple, appleOrange, chainRule, sigmoid, sigmoidSimple, relu];

const close = (a: number, b: number, tol = 1e-12) => expect(Math.abs(a - b)).toBeLessThanOrEqual(tol);

describe("the book's numbers", () => {
  it('buy apple: 220; dapple 2.2, dapple_num 110, dtax 200', () => {
    const r = run(apple.graph, {});
    close(r.values.price, 220);
    close(r.grads.apple, 2.2);
    close(r.grads.apple_num, 110);
    close(r.grads.tax, 200);
    close(r.grads.apple_price, 1.1);
  });

  it('buy apple and orange: 715; 2.2, 110, 3.3, 165, 650', () => {
    const r = run(appleOrange.graph, {});
    close(r.values.price, 715);
    close(r.values.all_price, 650);
    close(r.grads.apple, 2.2);
    close(r.grads.apple_num, 110);
    close(r.grads.orange, 3.3);
    close(r.grads.orange_num, 165);
    close(r.grads.tax, 650);
  });

  it("the engine agrees exactly with the book's MulLayer/AddLayer scripts", () => {
    // buy_apple.py
    const mulApple = new MulLayer();
    const mulTax = new MulLayer();
    const applePrice = mulApple.forward(100, 2);
    const price = mulTax.forward(applePrice, 1.1);
    const [dApplePrice, dtax] = mulTax.backward(1);
    const [dapple, dappleNum] = mulApple.backward(dApplePrice);
    const r1 = run(apple.graph, {});
    expect(r1.values.price).toBe(price);
    expect([r1.grads.apple, r1.grads.apple_num, r1.grads.tax]).toEqual([dapple, dappleNum, dtax]);

    // buy_apple_orange.py
    const [l1, l2, l3, l4] = [new MulLayer(), new MulLayer(), new AddLayer(), new MulLayer()];
    const ap = l1.forward(100, 2);
    const op = l2.forward(150, 3);
    const all = l3.forward(ap, op);
    const p = l4.forward(all, 1.1);
    const [dall, dtax2] = l4.backward(1);
    const [dap, dop] = l3.backward(dall);
    const [dorange, dorangeNum] = l2.backward(dop);
    const [dapple2, dappleNum2] = l1.backward(dap);
    const r2 = run(appleOrange.graph, {});
    expect(r2.values.price).toBe(p);
    expect(r2.grads).toMatchObject({
      apple: dapple2,
      apple_num: dappleNum2,
      orange: dorange,
      orange_num: dorangeNum,
      tax: dtax2,
    });
  });

  it('chain rule: dz/dx = dz/dt · dt/dx = 2t · 1', () => {
    const r = run(chainRule.graph, { x: 2, y: 3 });
    expect(r.values.t).toBe(5);
    expect(r.values.z).toBe(25);
    expect(r.grads.t).toBe(10);
    expect(r.grads.x).toBe(10);
    expect(r.grads.y).toBe(10);
  });

  it('sigmoid: the four-node graph and the σ node agree with y(1−y) for many x', () => {
    for (let x = -10; x <= 10; x += 0.25) {
      const a = run(sigmoid.graph, { x });
      const b = run(sigmoidSimple.graph, { x });
      const y = 1 / (1 + Math.exp(-x));
      close(a.values.y, y, 1e-15);
      close(b.values.y, y, 1e-15);
      close(a.grads.x, y * (1 - y), 1e-15);
      close(b.grads.x, y * (1 - y), 1e-15);
    }
  });

  it('ReLU passes the gradient for x > 0 and stops it for x ≤ 0', () => {
    expect(run(relu.graph, { x: -2 }).values.y).toBe(0);
    expect(run(relu.graph, { x: -2 }).grads.x).toBe(0);
    expect(run(relu.graph, { x: 0 }).grads.x).toBe(0);
    expect(run(relu.graph, { x: 3 }).values.y).toBe(3);
    expect(run(relu.graph, { x: 3 }).grads.x).toBe(1);
  });
});

describe('fan-out', () => {
  it('x · x accumulates both edges: d(x²)/dx = 2x', () => {
    const g: ScalarGraph = {
      inputs: [{ name: 'x', default: 3, min: -10, max: 10 }],
      nodes: [{ id: 'sq', op: 'mul', inputs: ['x', 'x'], output: 'y' }],
      output: 'y',
    };
    const r = run(g, { x: 3 });
    expect(r.values.y).toBe(9);
    expect(r.grads.x).toBe(6);
    const s = stateAt(g, { x: 3 }, 2);
    expect(s.edgeGrads['x->sq#0']).toBe(3);
    expect(s.edgeGrads['x->sq#1']).toBe(3);
    expect(s.grads.x).toBe(6);
  });
});

describe('backprop against the numerical derivative', () => {
  it('agrees on every graph for random inputs', () => {
    const rand = mulberry32(42);
    for (const def of SCALAR_GRAPHS) {
      for (let trial = 0; trial < 20; trial++) {
        const inputs: Record<string, number> = {};
        for (const i of def.graph.inputs) {
          let v = (rand() - 0.5) * 8;
          if (def.id === 'relu' && Math.abs(v) < 0.01) v = 1; // the kink has no derivative
          inputs[i.name] = v;
        }
        const r = run(def.graph, inputs);
        const num = numericalGradient(def.graph, inputs);
        for (const i of def.graph.inputs) {
          const scale = Math.max(1, Math.abs(r.grads[i.name]));
          expect(Math.abs(num[i.name] - r.grads[i.name]) / scale, `${def.id} d${i.name}`).toBeLessThan(1e-6);
        }
      }
    }
  });
});

describe('the step schedule', () => {
  it('has one forward and one backward step per operation node', () => {
    expect(totalSteps(apple.graph)).toBe(4);
    expect(totalSteps(appleOrange.graph)).toBe(8);
    expect(totalSteps(chainRule.graph)).toBe(4);
    expect(totalSteps(sigmoid.graph)).toBe(8);
    expect(totalSteps(sigmoidSimple.graph)).toBe(2);
    expect(totalSteps(relu.graph)).toBe(2);
  });

  it('walks apple-orange forward in topological order and backward in reverse', () => {
    const g = appleOrange.graph;
    const s0 = stateAt(g, {}, 0);
    expect(s0.last).toBeNull();
    expect(Object.values(s0.values).every((v) => v === undefined)).toBe(true);
    const fwd = [1, 2, 3, 4].map((k) => stateAt(g, {}, k).last!.node.id);
    expect(fwd).toEqual(['mul_apple', 'mul_orange', 'add_apple_orange', 'mul_tax']);
    const bwd = [5, 6, 7, 8].map((k) => stateAt(g, {}, k).last!.node.id);
    expect(bwd).toEqual(['mul_tax', 'add_apple_orange', 'mul_orange', 'mul_apple']);
    const s4 = stateAt(g, {}, 4);
    expect(s4.values.price).toBeCloseTo(715, 12);
    expect(s4.grads.price).toBeUndefined();
    const s5 = stateAt(g, {}, 5);
    expect(s5.grads.price).toBe(1);
    expect(s5.grads.all_price).toBeCloseTo(1.1, 12);
    expect(s5.grads.tax).toBe(650);
    expect(s5.grads.apple).toBeUndefined();
    const s8 = stateAt(g, {}, 8);
    expect(s8.grads.apple).toBeCloseTo(2.2, 12);
  });

  it('is a pure function of the inputs and k (stepping back is exact)', () => {
    const g = appleOrange.graph;
    expect(stateAt(g, {}, 3).values).toEqual(stateAt(g, {}, 3).values);
    expect(stateAt(g, {}, 99).k).toBe(8);
    expect(stateAt(g, {}, -3).k).toBe(0);
  });
});
