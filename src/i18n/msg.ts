import type { MessageKey } from './en';
export type { MessageKey };

/**
 * A message the pure layers hand to the page: an i18n key and its parameters, which may be
 * messages themselves. The page translates it; no English is built below the components.
 */
export interface Msg {
  key: MessageKey;
  params?: Readonly<Record<string, string | number | Msg>>;
}

export const msg = (key: MessageKey, params?: Msg['params']): Msg => (params ? { key, params } : { key });
