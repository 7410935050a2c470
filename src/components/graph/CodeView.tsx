import { useEffect, useRef } from 'react';
import type { BookCode } from '../../graphs';
import { ScrollRegion } from '../common/ScrollRegion';
import { useT } from '../common/useT';

/** How long after a step the lit line is kept in view while the page settles. */
const SETTLE_MS = 1500;
/** Where the listing stands beside the step (styles.css) and how short it may be made. */
const WIDE = 1100;
const MIN_LISTING = 160;
const OBSERVE: IntersectionObserverInit = { threshold: [0, 0.25, 0.5, 0.75, 0.99, 1] };

/** The book's code with the line of the current step highlighted, as a debugger shows it. */
export function CodeView({
  code,
  last,
  name,
}: {
  code: BookCode;
  last: { kind: 'forward' | 'backward'; nodeId: string } | null;
  name: string;
}) {
  const t = useT();
  const current = last ? ((last.kind === 'forward' ? code.forwardLine : code.backwardLine)[last.nodeId] ?? -1) : -1;
  const preRef = useRef<HTMLElement>(null);
  // As a debugger does: the lit line is brought into the listing's own view (never the page's),
  // two lines from its top so what leads to it shows too. A line that the window cuts off counts
  // as out of view. The page settles after a step (the drawing is laid out, fonts load), so the
  // line is watched for a moment after each change, then left to the learner's own scrolling.
  useEffect(() => {
    const pre = preRef.current;
    const line = pre?.querySelector<HTMLElement>('.line.current');
    if (!pre || !line) return;
    const until = performance.now() + SETTLE_MS;
    const bring = () => {
      // A listing that runs past the bottom of the window ends there (on a wide screen, where it
      // sits beside the step), so that scrolling it can bring any line into view.
      const room = Math.floor(window.innerHeight - pre.getBoundingClientRect().top - 12);
      if (window.innerWidth >= WIDE && room >= MIN_LISTING && room < pre.clientHeight)
        pre.style.maxHeight = `${room}px`;
      const target = Math.max(0, line.offsetTop - 2 * line.offsetHeight);
      if (Math.abs(pre.scrollTop - target) > 1) pre.scrollTop = target;
    };
    if (typeof IntersectionObserver === 'undefined') {
      bring();
      return;
    }
    const io = new IntersectionObserver((entries) => {
      if (performance.now() > until) return io.disconnect();
      if (entries.some((e) => e.intersectionRatio < 0.99)) bring();
    }, OBSERVE);
    io.observe(line);
    const stop = window.setTimeout(() => io.disconnect(), SETTLE_MS);
    return () => {
      io.disconnect();
      window.clearTimeout(stop);
    };
  }, [current, code]);
  return (
    <section className="code" aria-label={t('code.region', { name })}>
      <h3>{t('code.title')}</h3>
      <ScrollRegion as="pre" label={t('scroll.code')} ref={preRef}>
        <code>
          {code.lines.map((line, i) => (
            <span
              key={i}
              className={`line${i === current ? ' current' : ''}`}
              aria-current={i === current ? 'step' : undefined}
            >
              <span className="ln" aria-hidden="true">
                {i + 1}
              </span>
              {line || ' '}
              {'\n'}
            </span>
          ))}
        </code>
      </ScrollRegion>
    </section>
  );
}
