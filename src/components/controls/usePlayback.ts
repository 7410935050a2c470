import { useEffect } from 'react';
import { useAppStore } from '../../store';

/** While playing, one step every speedMs. */
export function usePlayback(): void {
  const playing = useAppStore((s) => s.playing);
  const step = useAppStore((s) => s.step);
  const speedMs = useAppStore((s) => s.speedMs);
  useEffect(() => {
    if (!playing) return;
    const id = window.setTimeout(() => useAppStore.getState().tick(), speedMs);
    return () => window.clearTimeout(id);
  }, [playing, step, speedMs]);
}
