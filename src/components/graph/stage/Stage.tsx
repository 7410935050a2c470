import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useT } from '../../common/useT';
import { StageContext, type StageState } from './StageContext';

/** Is the key meant for a text field or a control that uses it? */
export const typingIn = (el: EventTarget | null): boolean => {
  const e = el as HTMLElement | null;
  const tag = e?.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || e?.isContentEditable === true;
};

/**
 * The stage: the drawing, the step controls and the step description. `Present` (or F) shows the
 * drawing and the description alone, full screen and large, for a class; the step keys keep
 * working and Escape leaves. Without the Fullscreen API (a phone) it fills the window instead.
 */
export function Stage({ children }: { children: ReactNode }) {
  const t = useT();
  const ref = useRef<HTMLDivElement>(null);
  const [presenting, setPresenting] = useState(false);
  const returnFocus = useRef<HTMLElement | null>(null);

  const enter = useCallback(() => {
    const el = ref.current;
    if (!el) return;
    returnFocus.current = document.activeElement as HTMLElement | null;
    setPresenting(true);
    document.documentElement.classList.add('presenting');
    if (el.requestFullscreen && !document.fullscreenElement) el.requestFullscreen().catch(() => undefined);
    // Focus the stage, so Space plays rather than pressing the button that was focused.
    el.focus({ preventScroll: true });
  }, []);
  const leave = useCallback(() => {
    setPresenting(false);
    document.documentElement.classList.remove('presenting');
    if (document.fullscreenElement) document.exitFullscreen().catch(() => undefined);
    returnFocus.current?.focus({ preventScroll: true });
  }, []);
  const togglePresent = useCallback(() => (presenting ? leave() : enter()), [presenting, enter, leave]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey || typingIn(e.target)) return;
      if ((e.key === 'f' || e.key === 'F') && !e.repeat) {
        e.preventDefault();
        togglePresent();
      } else if (e.key === 'Escape' && presenting) {
        e.preventDefault();
        leave();
      }
    };
    // The browser leaves full screen on Escape by itself: leave the presentation with it.
    const onFullscreen = () => {
      if (!document.fullscreenElement && presenting) leave();
    };
    window.addEventListener('keydown', onKey);
    document.addEventListener('fullscreenchange', onFullscreen);
    return () => {
      window.removeEventListener('keydown', onKey);
      document.removeEventListener('fullscreenchange', onFullscreen);
    };
  }, [presenting, togglePresent, leave]);

  useEffect(() => () => document.documentElement.classList.remove('presenting'), []);

  const value = useMemo((): StageState => ({ presenting, togglePresent }), [presenting, togglePresent]);
  return (
    <StageContext.Provider value={value}>
      <div ref={ref} className={`stage${presenting ? ' presenting' : ''}`} tabIndex={-1} data-presenting={presenting}>
        {children}
        {presenting && (
          <p className="stage-leave" aria-hidden="true">
            {t('stage.leave')}
          </p>
        )}
      </div>
    </StageContext.Provider>
  );
}
