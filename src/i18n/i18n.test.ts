import { describe, expect, it } from 'vitest';
import { detectLang, DICTS, translate } from './index';

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
