import { useCallback } from 'react';
import { translate, type MessageKey } from '../../i18n';
import { useAppStore } from '../../store';

/** The translate function for the current language. */
export function useT(): (key: MessageKey, params?: Record<string, string | number>) => string {
  const lang = useAppStore((s) => s.lang);
  return useCallback((key, params) => translate(lang, key, params), [lang]);
}
