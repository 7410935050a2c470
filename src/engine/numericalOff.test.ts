import { describe, expect, it } from 'vitest';
import { run } from './core';
import { parseProgram } from './expr';
import { numericalGradient, numericalOff, SCALAR } from './scalarValues';

/** The inputs the Values table would flag for these lines at these inputs. */
function offAt(text: string, inputs: Record<string, number>): string[] {
  const r = parseProgram(text);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  const g = r.program.graph;
  return numericalOff(numericalGradient(g, inputs), run(SCALAR, g, inputs).grads);
}

describe('the Numerical column near an edge', () => {
  it('names the input where h crosses a domain edge, a pole or a tie', () => {
    expect(offAt('x = 1.0\ny = sqrt(x)', { x: 0.00005 })).toEqual(['x']); // NaN: x − h < 0
    expect(offAt('x = 1.0\ny = log(x)', { x: 0.00005 })).toEqual(['x']);
    expect(offAt('x = 1.0\ny = 1 / x', { x: 0.0002 })).toEqual(['x']); // a third off, near the pole
    expect(offAt('x = 1.0\nw = 1.0\ny = max(x, w)', { x: 1, w: 1 })).toEqual(['x', 'w']); // 0.5 each
  });
  it('says nothing away from them', () => {
    expect(offAt('x = 1.0\ny = sqrt(x)', { x: 2 })).toEqual([]);
    expect(offAt('x = 1.0\ny = log(x)', { x: 0.5 })).toEqual([]);
    expect(offAt('x = 1.0\ny = 1 / x', { x: 0.5 })).toEqual([]);
    expect(offAt('x = 1.0\nw = 1.0\ny = max(x, w)', { x: 1, w: 2 })).toEqual([]);
    expect(offAt('x = 10.0\ny = exp(x) * x * x', { x: 10 })).toEqual([]);
  });
});
