import { describe, expect, it } from 'vitest';
import { formatNumber, parseScalar } from './format';

describe('formatNumber', () => {
  it('drops floating-point noise and keeps 6 significant digits', () => {
    expect(formatNumber(220.00000000000003)).toBe('220');
    expect(formatNumber(2.2)).toBe('2.2');
    expect(formatNumber(715.0000000000001)).toBe('715');
    expect(formatNumber(0.7310585786300049)).toBe('0.731059');
    expect(formatNumber(-0)).toBe('0');
    expect(formatNumber(undefined)).toBe('—');
    expect(formatNumber(1234567)).toBe('1234570');
  });
});

describe('parseScalar', () => {
  it('accepts plain numbers in range', () => {
    expect(parseScalar(' 1.5 ', -10, 10)).toEqual({ ok: true, value: 1.5 });
    expect(parseScalar('-2e1', -100, 100)).toEqual({ ok: true, value: -20 });
    expect(parseScalar('.5', -1, 1)).toEqual({ ok: true, value: 0.5 });
  });
  it('refuses empty, text, NaN, Infinity and out-of-range values', () => {
    expect(parseScalar('', 0, 1)).toMatchObject({ ok: false, error: 'empty' });
    expect(parseScalar('abc', 0, 1)).toMatchObject({ ok: false, error: 'nan' });
    expect(parseScalar('NaN', 0, 1)).toMatchObject({ ok: false, error: 'nan' });
    expect(parseScalar('Infinity', 0, 1)).toMatchObject({ ok: false, error: 'nan' });
    expect(parseScalar('1e400', 0, 1)).toMatchObject({ ok: false, error: 'range' });
    expect(parseScalar('5', 0, 1)).toMatchObject({ ok: false, error: 'range' });
    expect(parseScalar('1,5', 0, 10)).toMatchObject({ ok: false, error: 'nan' });
  });
});
