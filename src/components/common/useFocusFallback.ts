import { useEffect, useLayoutEffect, useRef, type RefObject } from 'react';

type Target = RefObject<HTMLElement | null>;

const focusLost = (): boolean => document.activeElement === null || document.activeElement === document.body;

/** Focuses the first of `targets` that is in the page and enabled. */
function focusFirst(targets: readonly Target[]): void {
  for (const { current: el } of targets) {
    if (!el || !el.isConnected || (el instanceof HTMLButtonElement && el.disabled)) continue;
    // The fallback sits beside the button that lost focus; the page must not jump to it (a run
    // that ends while the learner steps a graph in the other view).
    el.focus({ preventScroll: true });
    if (document.activeElement === el) return;
  }
}

/**
 * A button that can become disabled while it has focus (Run to end at the end, Train once a run
 * starts) would drop focus to the page body, and a keyboard user would have to start over from
 * the top. With `ref` on the button: when it is disabled while focused, focus moves to the first
 * of `fallbacks` that can take it.
 */
export function useFocusFallback(
  ref: RefObject<HTMLButtonElement | null>,
  disabled: boolean,
  fallbacks: readonly Target[],
): void {
  const fallbacksRef = useRef(fallbacks);
  useLayoutEffect(() => {
    fallbacksRef.current = fallbacks;
  });
  // Chromium blurs a focused button the moment it is disabled, before React's effects run: hand
  // focus on once the update that disabled it has been committed (the fallback may be enabled by
  // the same update).
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const onFocusOut = (e: FocusEvent) => {
      if (e.relatedTarget !== null || !el.disabled) return;
      queueMicrotask(() => {
        if (focusLost()) focusFirst(fallbacksRef.current);
      });
    };
    el.addEventListener('focusout', onFocusOut);
    return () => el.removeEventListener('focusout', onFocusOut);
  }, [ref]);
  // Browsers that leave focus on a disabled button.
  useLayoutEffect(() => {
    if (disabled && document.activeElement === ref.current) focusFirst(fallbacksRef.current);
  }, [ref, disabled]);
}

/**
 * A control that unmounts while it has focus (Dismiss on a notice, Cancel once the check ends)
 * takes focus to the page body with it. When `present` turns false and focus is lost, focus the
 * first of `targets` that can take it (the control that replaces it, or its neighbour).
 */
export function useFocusWhenGone(present: boolean, targets: readonly Target[]): void {
  const targetsRef = useRef(targets);
  useLayoutEffect(() => {
    targetsRef.current = targets;
  });
  const wasPresent = useRef(present);
  useLayoutEffect(() => {
    const gone = wasPresent.current && !present;
    wasPresent.current = present;
    if (gone && focusLost()) focusFirst(targetsRef.current);
  }, [present]);
}
