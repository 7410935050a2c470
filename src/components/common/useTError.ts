import { useCallback } from 'react';
import type { CodedError } from '../../errors';
import { translateError } from '../../i18n';
import { useAppStore } from '../../store';

/** Words a coded error (from the worker or a loader) in the current language. */
export function useTError(): (err: CodedError) => string {
  const lang = useAppStore((s) => s.lang);
  return useCallback((err) => translateError(lang, err), [lang]);
}
