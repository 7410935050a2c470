import { describe, expect, it } from 'vitest';
import { formatTensor, parseLiteral, shapeText } from './literal';

describe('NumPy-style literals', () => {
  it('parse matrices, vectors and scalars with their NumPy shapes', () => {
    const m = parseLiteral('[[1, 2], [3, 4]]');
    expect(m.ok && m.value.shape).toEqual([2, 2]);
    expect(m.ok && Array.from(m.value.data)).toEqual([1, 2, 3, 4]);
    const v = parseLiteral(' [1, 2.5, -3e-1,] ');
    expect(v.ok && v.value.shape).toEqual([3]);
    expect(v.ok && Array.from(v.value.data)).toEqual([1, 2.5, -0.3]);
    const s = parseLiteral('7');
    expect(s.ok && s.value.shape).toEqual([]);
    expect(shapeText([3])).toBe('(3,)');
    expect(shapeText([2, 3])).toBe('(2, 3)');
  });
  it('refuses what does not parse, ragged rows, 3-D, empty and huge values', () => {
    expect(parseLiteral('')).toMatchObject({ ok: false, error: { kind: 'empty' } });
    expect(parseLiteral('[]')).toMatchObject({ ok: false, error: { kind: 'empty' } });
    expect(parseLiteral('[[1, 2], [3]]')).toMatchObject({ ok: false, error: { kind: 'ragged' } });
    expect(parseLiteral('[[1, 2], 3]')).toMatchObject({ ok: false, error: { kind: 'ragged' } });
    expect(parseLiteral('[1, 2')).toMatchObject({ ok: false, error: { kind: 'syntax' } });
    expect(parseLiteral('[1, abc]')).toMatchObject({ ok: false, error: { kind: 'syntax' } });
    expect(parseLiteral('[1 2]')).toMatchObject({ ok: false, error: { kind: 'syntax' } });
    expect(parseLiteral('[NaN]')).toMatchObject({ ok: false, error: { kind: 'syntax' } });
    expect(parseLiteral('[[[1]]]')).toMatchObject({ ok: false, error: { kind: 'depth' } });
    expect(parseLiteral('[1e400]')).toMatchObject({ ok: false, error: { kind: 'nonfinite' } });
    expect(parseLiteral('[1e7]')).toMatchObject({ ok: false, error: { kind: 'range' } });
  });
  it('formats back as a literal', () => {
    const m = parseLiteral('[[1, 2, 3], [11, 12, 13]]');
    expect(m.ok && formatTensor(m.value, String)).toBe('[[1, 2, 3], [11, 12, 13]]');
  });
});
