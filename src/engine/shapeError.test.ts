import { describe, expect, it } from 'vitest';
import { translateMsg } from '../i18n';
import { ShapeError } from './shapeError';

describe('ShapeError', () => {
  it('carries a message key with parameters, worded by the page in either language', () => {
    const e = new ShapeError('oneHot', { t: 't', row: 2 }, ['t']);
    expect(e.msg).toEqual({ key: 'shape.oneHot', params: { t: 't', row: 2 } });
    expect(translateMsg('en', e.msg)).toBe(e.message);
    expect(translateMsg('ko', e.msg)).not.toBe(e.message);
  });
});
