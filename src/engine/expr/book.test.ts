import { describe, expect, it } from 'vitest';
import { appleOrange, apple, chainRule, sigmoid } from '../../graphs/scalarGraphs';
import type { BookCode } from '../../graphs/types';
import { run as runOn, stateAt as stateOn, stepCount as totalSteps } from '../core';
import { SCALAR, type ScalarGraph, type Values } from '../scalarValues';

const run = (g: ScalarGraph, inputs: Values) => runOn(SCALAR, g, inputs);
const stateAt = (g: ScalarGraph, inputs: Values, k: number) => stateOn(SCALAR, g, run(g, inputs), k);
import { parseProgram, type Program } from './index';

function ok(text: string): Program {
  const r = parseProgram(text);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.program;
}

const close = (a: number, b: number, tol = 1e-12) => expect(Math.abs(a - b)).toBeLessThanOrEqual(tol);
/** The nodes without their ids: what a learner sees. */
const structure = (g: ScalarGraph) => g.nodes.map(({ op, inputs, output, c }) => ({ op, inputs, output, c }));

const APPLE_ORANGE = `apple = 100
apple_num = 2
orange = 150
orange_num = 3
tax = 1.1

# forward
apple_price = apple * apple_num      # (1)
orange_price = orange * orange_num   # (2)
all_price = apple_price + orange_price  # (3)
price = all_price * tax              # (4)
`;

describe("the book's graphs, written as expressions, give the book's numbers", () => {
  it('buy apple and orange: 715; 2.2, 110, 3.3, 165, 650', () => {
    const p = ok(APPLE_ORANGE);
    const r = run(p.graph, {});
    close(r.values.price, 715);
    close(r.grads.apple, 2.2);
    close(r.grads.apple_num, 110);
    close(r.grads.orange, 3.3);
    close(r.grads.orange_num, 165);
    close(r.grads.tax, 650);
    // The same graph as the book's, node for node, and the very same numbers.
    expect(structure(p.graph)).toEqual(structure(appleOrange.graph));
    const book = run(appleOrange.graph, {});
    expect(r.values).toEqual(book.values);
    expect(r.grads).toEqual(book.grads);
    expect(p.code.forwardLine).toEqual({ mul_apple_price: 7, mul_orange_price: 8, add_all_price: 9, mul_price: 10 });
  });

  it('buy apple and orange in one line', () => {
    const r = run(
      ok(
        'apple = 100\napple_num = 2\norange = 150\norange_num = 3\ntax = 1.1\nprice = (apple * apple_num + orange * orange_num) * tax',
      ).graph,
      {},
    );
    close(r.values.price, 715);
    expect(
      [r.grads.apple, r.grads.apple_num, r.grads.orange, r.grads.orange_num, r.grads.tax].map((g) => +g.toFixed(10)),
    ).toEqual([2.2, 110, 3.3, 165, 650]);
  });

  it('buy apple: 220; 2.2, 110, 200', () => {
    const p = ok('apple = 100\napple_num = 2\ntax = 1.1\napple_price = apple * apple_num\nprice = apple_price * tax');
    const r = run(p.graph, {});
    close(r.values.price, 220);
    close(r.grads.apple, 2.2);
    close(r.grads.apple_num, 110);
    close(r.grads.tax, 200);
    expect(structure(p.graph)).toEqual(structure(apple.graph));
  });

  it("the chain rule: z = (x + y) ** 2, with the book's backward lines", () => {
    const p = ok('x = 2\ny = 3\nt = x + y\nz = t ** 2');
    const r = run(p.graph, {});
    expect(r.values.z).toBe(25);
    expect([r.grads.t, r.grads.x, r.grads.y]).toEqual([10, 10, 10]);
    expect(structure(p.graph)).toEqual(structure(chainRule.graph));
    expect(p.code.lines).toContain('dt = dz * 2 * t');
    expect(p.code.lines).toContain('dx, dy = dt * 1, dt * 1');
    // One line works as well: the intermediate gets a generated name.
    const one = run(ok('x = 2\ny = 3\nz = (x + y) ** 2').graph, {});
    expect([one.values.z, one.grads.x, one.grads.y]).toEqual([25, 10, 10]);
  });

  it("the sigmoid as 1 / (1 + exp(-x)) is the book's four-node graph, and its gradient is y(1 − y)", () => {
    const p = ok('x = 1.0\ny = 1 / (1 + exp(-x))');
    expect(structure(p.graph).map(({ op, c }) => ({ op, c }))).toEqual(
      structure(sigmoid.graph).map(({ op, c }) => ({ op, c })),
    );
    const simple = ok('x = 1.0\ny = sigmoid(x)').graph;
    for (const x of [-5, -1, 0, 0.5, 1, 3]) {
      const r = run(p.graph, { x });
      const y = r.values.y;
      close(r.grads.x, y * (1 - y), 1e-15);
      close(y, run(simple, { x }).values.y, 1e-15);
      close(r.grads.x, run(simple, { x }).grads.x, 1e-15);
    }
    expect(p.code.lines.slice(-4)).toEqual([
      'dv3 = dy * (-y ** 2)',
      'dv2 = dv3 * 1',
      'dv1 = dv2 * exp(v1)',
      'dx = dv1 * -1',
    ]);
  });

  it('a program steps like a book graph, and its code has the shape of BookCode', () => {
    const p = ok(APPLE_ORANGE);
    const code: BookCode = p.code;
    expect(totalSteps(p.graph)).toBe(8);
    const s = stateAt(p.graph, {}, 8);
    expect(s.grads.apple).toBeCloseTo(2.2, 12);
    for (const n of p.graph.nodes) {
      expect(code.lines[code.forwardLine[n.id]]).toContain(`${n.output} =`);
      expect(code.lines[code.backwardLine[n.id]]).toContain(`d${n.output}`);
    }
    expect(code.lines[code.lines.indexOf('# backward') - 1]).toBe('');
  });
});
