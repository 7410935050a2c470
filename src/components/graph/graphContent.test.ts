import { describe, expect, it } from 'vitest';
import { run, SCALAR, stateAt, type GraphSpec } from '../../engine';
import { edgeActive, edgeFresh, edgeTitle, stepFlights } from './GraphContent';
import { drawGraph } from './model';

// The book's apple: apple × apple_num = apple_price, × tax = price.
const g: GraphSpec<number> = {
  inputs: [
    { name: 'apple', default: 100 },
    { name: 'apple_num', default: 2 },
    { name: 'tax', default: 1.1 },
  ],
  nodes: [
    { id: 'mul_apple', op: 'mul', inputs: ['apple', 'apple_num'], output: 'apple_price' },
    { id: 'mul_tax', op: 'mul', inputs: ['apple_price', 'tax'], output: 'price' },
  ],
  output: 'price',
};
const r = run(SCALAR, g, {});
const drawn = drawGraph(g, SCALAR.ops, r, SCALAR.fmt, true);
const at = (k: number) => stateAt(SCALAR, g, r, k);
const edge = (variable: string, consumer: string | null) =>
  drawn.edges.find((e) => e.variable === variable && e.consumer === consumer)!;

describe('what the drawing shows at a step', () => {
  it('lights and marks fresh the edges the last step wrote', () => {
    const s1 = at(1); // mul_apple forward
    const price = edge('apple_price', 'mul_tax');
    expect([edgeActive(price, s1.last), edgeFresh(price, s1.last)]).toEqual([true, 'forward']);
    const apple = edge('apple', 'mul_apple');
    expect([edgeActive(apple, s1.last), edgeFresh(apple, s1.last)]).toEqual([true, null]);
    const s3 = at(3); // mul_tax backward: the output edge and its inputs
    expect(edgeFresh(edge('price', null), s3.last)).toBe('backward');
    expect(edgeFresh(edge('tax', 'mul_tax'), s3.last)).toBe('backward');
    expect(edgeFresh(apple, s3.last)).toBe(null);
    expect(edgeActive(apple, at(0).last)).toBe(false);
  });

  it('titles an edge with its value, then its gradient', () => {
    const tax = edge('tax', 'mul_tax');
    expect(edgeTitle(tax, at(0), SCALAR, 'price')).toBe('tax: —');
    expect(edgeTitle(tax, at(2), SCALAR, 'price')).toBe('tax: 1.1');
    expect(edgeTitle(tax, at(4), SCALAR, 'price')).toBe('tax: 1.1 · ∂price/∂tax = 200');
  });

  it('flies a token along each edge the step wrote', () => {
    expect(stepFlights(null, drawn, at(0), SCALAR)).toEqual([]);
    const s2 = at(2);
    expect(stepFlights(s2.last, drawn, s2, SCALAR).map((f) => [f.backward, f.text])).toEqual([[false, '220']]);
    const s4 = at(4);
    expect(stepFlights(s4.last, drawn, s4, SCALAR).map((f) => f.backward)).toEqual([true, true]);
  });
});
