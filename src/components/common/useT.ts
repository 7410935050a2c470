import { useCallback } from 'react';
import { translate, translateMsg, type MessageKey, type Msg } from '../../i18n';
import { useAppStore } from '../../store';

/** The translate function for the current language. */
export function useT(): (key: MessageKey, params?: Record<string, string | number>) => string {
  const lang = useAppStore((s) => s.lang);
  return useCallback((key, params) => translate(lang, key, params), [lang]);
}

/** Translates messages from the pure layers (step descriptions, errors) into the current language. */
export function useTm(): (m: Msg) => string {
  const lang = useAppStore((s) => s.lang);
  return useCallback((m) => translateMsg(lang, m), [lang]);
}
