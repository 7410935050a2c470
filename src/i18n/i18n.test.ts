import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../errors';
import { detectLang, DICTS, translate, translateError } from './index';

describe('i18n', () => {
  it('Korean is complete and non-empty', () => {
    for (const k of Object.keys(DICTS.en) as (keyof typeof DICTS.en)[]) expect(DICTS.ko[k], k).toBeTruthy();
  });
  it('keeps every placeholder in both languages', () => {
    for (const k of Object.keys(DICTS.en) as (keyof typeof DICTS.en)[]) {
      const ph = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
      expect(ph(DICTS.ko[k]), k).toEqual(ph(DICTS.en[k]));
    }
  });
  it('fills placeholders and picks the language', () => {
    expect(translate('en', 'step.forward', { i: 4, n: 4, expr: '650 × 1.1 = 715' })).toBe(
      'Forward 4/4: 650 × 1.1 = 715',
    );
    expect(detectLang('?lang=ko', 'en-US')).toBe('ko');
    expect(detectLang('', 'ko-KR')).toBe('ko');
    expect(detectLang('?lang=xx', 'de')).toBe('en');
  });
});

describe('coded errors', () => {
  it('every error code has its words in both languages, with the same placeholders', () => {
    for (const code of ERROR_CODES) {
      const en = translateError('en', { code, params: {} });
      const ko = translateError('ko', { code, params: {} });
      expect(en, code).toBeTruthy();
      expect(ko, code).toBeTruthy();
      expect(ko, code).not.toBe(en);
    }
  });
  it('words a worker error in Korean on the Korean page', () => {
    const e = { code: 'data.gzipTruncated', params: { file: 't10k-labels-idx1-ubyte', bytes: 2500 } } as const;
    expect(translateError('en', e)).toMatch(/^t10k-labels-idx1-ubyte\.gz is cut short: its 2500 bytes end/);
    expect(translateError('ko', e)).toMatch(/^t10k-labels-idx1-ubyte\.gz 파일이 중간에 잘렸습니다: 2500바이트/);
  });
});
