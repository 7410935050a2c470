import { describe, expect, it } from 'vitest';
import { checkAnswer, parseShape, toNumeric, TOLERANCE, within, type Numeric } from './check';
import { shapeText as shapeOf } from '../tensor/literal';

const num = (v: number): Numeric => ({ shape: [], data: [v] });
const mat = (rows: number[][]): Numeric => ({ shape: [rows.length, rows[0].length], data: rows.flat() });
const vec = (v: number[]): Numeric => ({ shape: [v.length], data: v });

describe('checking a scalar prediction', () => {
  it('takes the exact answer and plain decimal notations', () => {
    expect(checkAnswer('1.1', num(1.1), 'number')).toEqual({ ok: true });
    expect(checkAnswer(' 650 ', num(650), 'number')).toEqual({ ok: true });
    expect(checkAnswer('6.5e2', num(650), 'number')).toEqual({ ok: true });
    expect(checkAnswer('.5', num(0.5), 'number')).toEqual({ ok: true });
  });
  it('reads the minus sign the page prints (−) as a minus', () => {
    expect(checkAnswer('−0.2', num(-0.2), 'number')).toEqual({ ok: true });
  });
  it('says wrong for a number outside the tolerance, and what it read', () => {
    expect(checkAnswer('650', num(1.1), 'number')).toEqual({
      ok: false,
      reason: 'value',
      got: { shape: [], data: Float64Array.from([650]) },
    });
    expect(checkAnswer('-1.1', num(1.1), 'number')).toMatchObject({ ok: false, reason: 'value' });
  });
  it('tells an empty field and text that is not a number from a wrong answer', () => {
    expect(checkAnswer('', num(1), 'number')).toEqual({ ok: false, reason: 'empty' });
    expect(checkAnswer('   ', num(1), 'number')).toEqual({ ok: false, reason: 'empty' });
    expect(checkAnswer('abc', num(1), 'number')).toEqual({ ok: false, reason: 'unreadable' });
    expect(checkAnswer('1.1.1', num(1), 'number')).toEqual({ ok: false, reason: 'unreadable' });
    expect(checkAnswer('NaN', num(1), 'number')).toEqual({ ok: false, reason: 'unreadable' });
    // A number is asked: a list is not one.
    expect(checkAnswer('[1.1]', num(1.1), 'number')).toEqual({ ok: false, reason: 'unreadable' });
  });
});

describe('tolerance', () => {
  it('is 1% of the answer, plus 1e-6 for answers at or near zero', () => {
    expect(TOLERANCE).toEqual({ rel: 0.01, abs: 1e-6 });
    // σ'(1) = 0.196612: rounding by hand to 0.197 is right, 0.2 is not.
    expect(checkAnswer('0.197', num(0.19661193324148185), 'number').ok).toBe(true);
    expect(checkAnswer('0.2', num(0.19661193324148185), 'number').ok).toBe(false);
    expect(within(101, 100)).toBe(true);
    expect(within(101.01, 100)).toBe(false);
    expect(within(-99, -100)).toBe(true);
    expect(within(0, 0)).toBe(true);
    expect(within(0, 5e-7)).toBe(true);
    expect(within(0, 1e-5)).toBe(false);
    expect(within(2e-6, 0)).toBe(false);
  });
  it('can be given another tolerance', () => {
    expect(checkAnswer('1.05', num(1), 'number', { rel: 0.1, abs: 0 }).ok).toBe(true);
    expect(checkAnswer('1.05', num(1), 'number', { rel: 0, abs: 0.01 }).ok).toBe(false);
  });
});

describe('checking a matrix prediction', () => {
  const dB = vec([5, 7, 9]);
  const dX = mat([
    [28, 28],
    [73, 73],
  ]);
  it('takes a NumPy literal of the same shape within the tolerance, entry by entry', () => {
    expect(checkAnswer('[5, 7, 9]', dB, 'literal')).toEqual({ ok: true });
    expect(checkAnswer('[[28, 28], [73, 73]]', dX, 'literal')).toEqual({ ok: true });
    expect(checkAnswer('[[28.1, 28], [73, 72.5]]', dX, 'literal')).toEqual({ ok: true });
    expect(checkAnswer('[[28, 28], [73, 70]]', dX, 'literal')).toMatchObject({ ok: false, reason: 'value' });
  });
  it('says which shape it read when the shape is not the answer’s', () => {
    // np.sum(dY, axis=0) is (3,), not a (1, 3) row.
    expect(checkAnswer('[[5, 7, 9]]', dB, 'literal')).toEqual({ ok: false, reason: 'shape', got: [1, 3] });
    expect(checkAnswer('[28, 28, 73, 73]', dX, 'literal')).toEqual({ ok: false, reason: 'shape', got: [4] });
    expect(checkAnswer('7', dB, 'literal')).toEqual({ ok: false, reason: 'shape', got: [] });
  });
  it('flags a literal that does not parse', () => {
    expect(checkAnswer('[[1, 2], [3]]', dX, 'literal')).toEqual({ ok: false, reason: 'unreadable' });
    expect(checkAnswer('[1, 2', dB, 'literal')).toEqual({ ok: false, reason: 'unreadable' });
  });
  it('reads a scalar loss as a number', () => {
    expect(checkAnswer('1.61', num(1.6094379124341003), 'number').ok).toBe(true);
  });
});

describe('checking a shape prediction', () => {
  it('reads the ways a shape is written', () => {
    expect(parseShape('(2, 3)')).toEqual([2, 3]);
    expect(parseShape('2, 3')).toEqual([2, 3]);
    expect(parseShape('2x3')).toEqual([2, 3]);
    expect(parseShape('2 × 3')).toEqual([2, 3]);
    expect(parseShape('[784, 50]')).toEqual([784, 50]);
    expect(parseShape('(3,)')).toEqual([3]);
    expect(parseShape('3')).toEqual([3]);
    expect(parseShape('()')).toEqual([]);
    expect(parseShape('(2 3)')).toEqual([2, 3]);
  });
  it('refuses what is not a shape', () => {
    for (const s of ['', '(2, -3)', '(2, 0)', '(2.5, 3)', 'two by three', '(2, 3', '[[1, 2]]', '2)(3']) {
      expect(parseShape(s), s).toBeNull();
    }
  });
  it('is right only for the answer’s shape, and says which shape it read', () => {
    const dW = mat([
      [4, 5, 6],
      [8, 10, 12],
    ]);
    expect(checkAnswer('(2, 3)', dW, 'shape')).toEqual({ ok: true });
    expect(checkAnswer('(3, 2)', dW, 'shape')).toEqual({ ok: false, reason: 'shape', got: [3, 2] });
    expect(checkAnswer('(3,)', vec([5, 7, 9]), 'shape')).toEqual({ ok: true });
    expect(checkAnswer('(1, 3)', vec([5, 7, 9]), 'shape')).toEqual({ ok: false, reason: 'shape', got: [1, 3] });
    expect(checkAnswer('shape', dW, 'shape')).toEqual({ ok: false, reason: 'unreadable' });
    expect(checkAnswer('', dW, 'shape')).toEqual({ ok: false, reason: 'empty' });
  });
  it('prints shapes as NumPy does', () => {
    expect(shapeOf([2, 3])).toBe('(2, 3)');
    expect(shapeOf([3])).toBe('(3,)');
    expect(shapeOf([])).toBe('()');
  });
});

describe('reading engine values', () => {
  it('takes numbers and matrices with their NumPy shape, and nothing else', () => {
    expect(toNumeric(1.1)).toEqual({ shape: [], data: [1.1] });
    const m = { m: { rows: 1, cols: 3, data: Float64Array.from([5, 7, 9]) }, shape: [3] };
    expect(toNumeric(m)).toEqual({ shape: [3], data: Float64Array.from([5, 7, 9]) });
    expect(toNumeric('1')).toBeNull();
    expect(toNumeric(null)).toBeNull();
    expect(toNumeric({ shape: [1] })).toBeNull();
  });
});
