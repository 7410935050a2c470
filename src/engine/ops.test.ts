import { describe, expect, it } from 'vitest';
import { DICTS, translateMsg } from '../i18n';
import type { NodeSpec } from './core';
import { OPS, SCALAR_OPS, type OpKind } from './ops';

/** Points where each op is smooth, with its constant. */
const POINTS: Record<OpKind, { c?: number; at: number[][] }> = {
  add: { at: [[1.5, -2]] },
  mul: { at: [[1.5, -2]] },
  mulConst: { c: -1, at: [[0.7]] },
  addConst: { c: -1, at: [[0.7]] },
  exp: { at: [[-1], [0.5]] },
  reciprocal: { at: [[-2], [0.5]] },
  square: { at: [[-1.5], [3]] },
  relu: { at: [[-1], [2]] },
  sigmoid: { at: [[-2], [0], [1]] },
  sub: { at: [[1.5, -2]] },
  neg: { at: [[0.7]] },
  div: {
    at: [
      [3, -2],
      [-1, 0.5],
    ],
  },
  powConst: { c: 3, at: [[-1.2], [2]] },
  rsubConst: { c: 1, at: [[0.3]] },
  divConst: { c: 4, at: [[-3]] },
  rdivConst: { c: 3, at: [[-2], [0.5]] },
  log: { at: [[0.3], [5]] },
  sqrt: { at: [[0.3], [5]] },
  tanh: { at: [[-1], [0.4]] },
  sin: { at: [[-1], [2]] },
  cos: { at: [[-1], [2]] },
  abs: { at: [[-1], [2]] },
  max: {
    at: [
      [1, 2],
      [3, -1],
    ],
  },
  maxConst: { c: 0.5, at: [[0], [2]] },
};

describe('every scalar op', () => {
  for (const kind of Object.keys(OPS) as OpKind[]) {
    const op = OPS[kind];
    it(`${kind}: local derivatives equal central differences, and it says what it does in both languages`, () => {
      const { c, at } = POINTS[kind];
      for (const x of at) {
        expect(x).toHaveLength(op.arity);
        const out = op.forward(x, c);
        const local = op.local(x, out, c);
        expect(local).toHaveLength(op.arity);
        x.forEach((xi, i) => {
          const h = 1e-6;
          const plus = op.forward(
            x.map((v, j) => (j === i ? xi + h : v)),
            c,
          );
          const minus = op.forward(
            x.map((v, j) => (j === i ? xi - h : v)),
            c,
          );
          expect(local[i], `${kind} at ${x}, input ${i}`).toBeCloseTo((plus - minus) / (2 * h), 6);
        });
        expect(op.domain?.(x, c) ?? null).toBeNull();
      }
      expect(op.symbol(c)).not.toBe('');
      expect(op.forwardTex(c)).not.toBe('');
      expect(op.localTex(c)).toHaveLength(op.arity);
      expect(DICTS.en[op.explainKey]).toBeTruthy();
      expect(DICTS.ko[op.explainKey]).toBeTruthy();
    });
  }

  it('tells where forward leaves the reals', () => {
    expect(OPS.log.domain?.([0])).toBe('logDomain');
    expect(OPS.log.domain?.([-1])).toBe('logDomain');
    expect(OPS.sqrt.domain?.([-1e-9])).toBe('sqrtDomain');
    expect(OPS.sqrt.domain?.([0])).toBeNull();
    expect(OPS.div.domain?.([1, 0])).toBe('divZero');
    expect(OPS.reciprocal.domain?.([0])).toBe('divZero');
    expect(OPS.rdivConst.domain?.([0], 2)).toBe('divZero');
    expect(OPS.divConst.domain?.([1], 0)).toBe('divZero');
    expect(OPS.powConst.domain?.([-8], 1 / 3)).toBe('powDomain');
    expect(OPS.powConst.domain?.([-8], 3)).toBeNull();
    expect(OPS.powConst.domain?.([0], -1)).toBe('divZero');
  });

  it('takes the documented side at kinks', () => {
    expect(OPS.abs.local([0], 0)).toEqual([0]);
    expect(OPS.max.local([2, 2], 2)).toEqual([1, 0]);
    expect(OPS.maxConst.local([0], 0, 0)).toEqual(OPS.relu.local([0], 0));
    expect(OPS.powConst.local([0], 1, 0)).toEqual([0]);
  });

  it('describes each forward step as arithmetic', () => {
    const step = (op: OpKind, x: number[], c?: number): string => {
      const node: NodeSpec = { id: 'n', op, inputs: x.map((_, i) => `x${i}`), output: 'y', c };
      const out = OPS[op].forward(x, c);
      const trace = { node, x, out, dout: 1, dx: [], local: OPS[op].local(x, out, c) };
      return translateMsg('en', SCALAR_OPS[op].describeForward(trace));
    };
    expect(step('sub', [3, -2])).toBe('3 − (-2) = 5');
    expect(step('neg', [2])).toBe('−2 = -2');
    expect(step('div', [3, 4])).toBe('3 / 4 = 0.75');
    expect(step('powConst', [-2], 3)).toBe('(-2) ** 3 = -8');
    expect(step('rsubConst', [0.25], 1)).toBe('1 − 0.25 = 0.75');
    expect(step('divConst', [3], 2)).toBe('3 / 2 = 1.5');
    expect(step('rdivConst', [4], 2)).toBe('2 / 4 = 0.5');
    expect(step('addConst', [5], -1)).toBe('5 − 1 = 4');
    expect(step('log', [1])).toBe('log(1) = 0');
    expect(step('sqrt', [9])).toBe('sqrt(9) = 3');
    expect(step('tanh', [0])).toBe('tanh(0) = 0');
    expect(step('sin', [0])).toBe('sin(0) = 0');
    expect(step('cos', [0])).toBe('cos(0) = 1');
    expect(step('abs', [-3])).toBe('|-3| = 3');
    expect(step('max', [1, 2])).toBe('max(1, 2) = 2');
    expect(step('maxConst', [-1], 0)).toBe('max(-1, 0) = 0');
  });
});
