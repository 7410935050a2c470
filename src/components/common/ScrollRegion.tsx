import {
  useEffect,
  useLayoutEffect,
  useRef,
  type ElementType,
  type KeyboardEvent,
  type ReactNode,
  type Ref,
} from 'react';

/** While a scrolling box has the focus and can scroll, ← and → scroll it instead of stepping the graph. */
function keepArrows(e: KeyboardEvent<HTMLElement>): void {
  if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
  const el = e.currentTarget;
  if (e.target === el && el.scrollWidth > el.clientWidth) e.stopPropagation();
}

/**
 * A box that scrolls sideways when what it holds is wider (a matrix row, a formula, a line of
 * code): focusable and named, so a keyboard reaches it and a screen reader says what it is.
 * ← and → scroll it while it has the focus, as in any control that uses those keys.
 */
export function ScrollRegion({
  as: Tag = 'div',
  label,
  className,
  children,
  ref,
}: {
  as?: ElementType;
  label: string;
  className?: string;
  children: ReactNode;
  ref?: Ref<HTMLElement>;
}) {
  return (
    <Tag ref={ref} className={className} tabIndex={0} role="region" aria-label={label} onKeyDown={keepArrows}>
      {children}
    </Tag>
  );
}

/** Focusable and named only while it overflows: a region that is not there when it is not needed. */
function mark(el: HTMLElement, label: string): void {
  if (el.scrollWidth > el.clientWidth) {
    el.tabIndex = 0;
    el.setAttribute('role', 'region');
    el.setAttribute('aria-label', label);
  } else if (el.hasAttribute('role')) {
    el.removeAttribute('tabindex');
    el.removeAttribute('role');
    el.removeAttribute('aria-label');
  }
}

/**
 * A scrolling box of which there may be many (one per matrix cell): it joins the tab order, as
 * a named region, only while its content is wider than it, so a table of short values gains no
 * stops. Measured after every render (new content), on resize and once the fonts are in.
 */
export function OverflowBox({
  label,
  className,
  children,
}: {
  label: string;
  className?: string;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const labelRef = useRef(label);
  useLayoutEffect(() => {
    labelRef.current = label;
    if (ref.current) mark(ref.current, label);
  });
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const check = () => mark(el, labelRef.current);
    const ro = new ResizeObserver(check);
    ro.observe(el);
    void document.fonts?.ready.then(check);
    return () => ro.disconnect();
  }, []);
  return (
    <div ref={ref} className={className} onKeyDown={keepArrows}>
      {children}
    </div>
  );
}
