import { useEffect } from 'react';
import { useAppStore } from '../../store';

/** ←/→ step, Space play/pause, Home reset, End run to end, unless focus is in a field or control that uses the key. */
export function useGraphKeyboard(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      const el = e.target as HTMLElement | null;
      const tag = el?.tagName;
      if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || el?.isContentEditable) return;
      // A focused button already answers Space and Enter itself.
      if (e.key === ' ' && (tag === 'BUTTON' || el?.getAttribute('role') === 'button')) return;
      const s = useAppStore.getState();
      const actions: Record<string, () => void> = {
        ArrowRight: s.stepForward,
        ArrowLeft: s.stepBack,
        ' ': s.togglePlay,
        Home: s.reset,
        End: s.runToEnd,
      };
      const act = actions[e.key];
      if (!act) return;
      e.preventDefault();
      act();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
