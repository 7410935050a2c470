import { useEffect, useLayoutEffect, useRef, type RefObject } from 'react';

/**
 * When `key` changes (the graph), the view it keyed is replaced, and an element in it that had
 * focus goes with it: focus would fall to the page body. Then focus `ref` (the Graph select)
 * instead. Focus that is still somewhere in the page is left alone.
 */
export function useRefocusOnChange(ref: RefObject<HTMLElement | null>, key: unknown): void {
  const lastFocused = useRef<Element | null>(null);
  useEffect(() => {
    const onFocusIn = (e: FocusEvent) => {
      lastFocused.current = e.target instanceof Element ? e.target : null;
    };
    document.addEventListener('focusin', onFocusIn);
    return () => document.removeEventListener('focusin', onFocusIn);
  }, []);
  const prevKey = useRef(key);
  useLayoutEffect(() => {
    if (key === prevKey.current) return;
    prevKey.current = key;
    const active = document.activeElement;
    const lost = active === null || active === document.body;
    if (lost && lastFocused.current && !lastFocused.current.isConnected) ref.current?.focus();
  }, [ref, key]);
}
