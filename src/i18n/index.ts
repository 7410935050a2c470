import { en, type MessageKey } from './en';
import type { CodedError } from '../errors';
import { ko } from './ko';
import type { Msg } from './msg';

export type Lang = 'en' | 'ko';
export type { MessageKey, Msg };
export { msg } from './msg';
export const DICTS: Record<Lang, Record<MessageKey, string>> = { en, ko };

/** Looks a key up and fills `{name}` placeholders. */
export function translate(lang: Lang, key: MessageKey, params?: Record<string, string | number>): string {
  const s = DICTS[lang][key];
  return params ? s.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m)) : s;
}

/** A message from the pure layers, its nested messages translated first. */
export function translateMsg(lang: Lang, m: Msg): string {
  const params: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(m.params ?? {})) params[k] = typeof v === 'object' ? translateMsg(lang, v) : v;
  return translate(lang, m.key, params);
}

export function detectLang(search: string, navigatorLang: string | undefined): Lang {
  const q = new URLSearchParams(search).get('lang');
  if (q === 'en' || q === 'ko') return q;
  return navigatorLang?.toLowerCase().startsWith('ko') ? 'ko' : 'en';
}

/** An error sent as a code (from the worker or a loader) in the page's language. */
export function translateError(lang: Lang, err: CodedError): string {
  const key: MessageKey = `err.${err.code}`;
  return translate(lang, key, err.params);
}
