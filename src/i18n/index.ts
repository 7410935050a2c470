import { en, type MessageKey } from './en';
import { ko } from './ko';

export type Lang = 'en' | 'ko';
export type { MessageKey };
export const DICTS: Record<Lang, Record<MessageKey, string>> = { en, ko };

/** Looks a key up and fills `{name}` placeholders. */
export function translate(lang: Lang, key: MessageKey, params?: Record<string, string | number>): string {
  const s = DICTS[lang][key];
  return params ? s.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m)) : s;
}

export function detectLang(search: string, navigatorLang: string | undefined): Lang {
  const q = new URLSearchParams(search).get('lang');
  if (q === 'en' || q === 'ko') return q;
  return navigatorLang?.toLowerCase().startsWith('ko') ? 'ko' : 'en';
}
