import { useEffect, useLayoutEffect, useRef } from 'react';
import { TOUR, tourText, tourTitle, type TourPart, type TourStop } from '../../practice/tour';
import { useAppStore } from '../../store';
import { tourBlocked } from '../../store/tourSlice';
import { Icon } from '../common/Icon';
import { useT } from '../common/useT';
import { placeCard, union, type Rect } from './placeCard';
import './practice.css';

/** The parts of the screen a stop can point at. */
const PARTS: Record<TourPart, string> = {
  values: '.graph-panel .values table',
  step: '.graph-panel .step-box',
  inputs: '.graph-panel fieldset.inputs',
  code: '.graph-panel .code',
  inspector: '.graph-panel .inspector',
  practice: '.graph-panel .practice-form',
  trace: '.graph-panel .trace',
  training: '.train-panel',
};

const idSelector = (id: string) => `.graph-svg [data-id="${CSS.escape(id)}"]`;

/** The highlight as a style sheet: React keeps it, whatever the drawing redraws. */
function highlightCss(stop: TourStop): string {
  const rules: string[] = [];
  const ids = stop.highlight.ids ?? [];
  if (ids.length > 0) {
    const shapes = ids.map((id) => `${idSelector(id)} > :is(circle, rect, .edge-line)`).join(', ');
    rules.push(`${shapes} { stroke: var(--tour-hl) !important; stroke-width: 4px !important; }`);
  }
  const parts = (stop.highlight.parts ?? []).map((p) => PARTS[p]);
  if (parts.length > 0) rules.push(`${parts.join(', ')} { outline: 3px solid var(--tour-hl); outline-offset: 3px; }`);
  return rules.join('\n');
}

const selectorsOf = (stop: TourStop): string[] => [
  ...(stop.highlight.ids ?? []).map(idSelector),
  ...(stop.highlight.parts ?? []).map((p) => PARTS[p]),
];

/** The first highlighted element, to bring into view. */
function firstTarget(stop: TourStop): Element | null {
  for (const s of selectorsOf(stop)) {
    const el = document.querySelector(s);
    if (el) return el;
  }
  return null;
}

const rectsOf = (sels: readonly string[]): Rect[] =>
  sels.flatMap((s) => Array.from(document.querySelectorAll(s), (el) => el.getBoundingClientRect()));

/** What the card must not cover: the step buttons, the step and the prediction form. */
const IN_SIGHT = ['.graph-panel .stage > .controls', '.graph-panel .step-box', '.graph-panel .practice-form'];

/** Below this width the card is docked in the page's flow, above the graph, where it covers nothing. */
const DOCK_BELOW = 900;

/** Keeps the card beside what its stop talks about, as the page scrolls, resizes and redraws. */
function useCardPlacement(stop: TourStop | null): React.RefObject<HTMLElement | null> {
  const card = useRef<HTMLElement>(null);
  useLayoutEffect(() => {
    const el = card.current;
    if (!el || !stop) return;
    let frame = 0;
    const place = () => {
      frame = 0;
      if (window.innerWidth < DOCK_BELOW) {
        el.style.removeProperty('left');
        el.style.removeProperty('top');
        el.dataset.placed = 'docked';
        return;
      }
      // A sticky header covers the top of the window.
      const header = document.querySelector('.app-header');
      const headerBottom =
        header && getComputedStyle(header).position === 'sticky' ? header.getBoundingClientRect().bottom : 0;
      const box = el.getBoundingClientRect();
      const highlighted = rectsOf(selectorsOf(stop)).filter((r) => r.bottom > 0 && r.top < window.innerHeight);
      const anchor = union(highlighted) ?? {
        left: window.innerWidth,
        top: window.innerHeight,
        right: window.innerWidth,
        bottom: window.innerHeight,
      };
      const p = placeCard(
        { width: box.width, height: box.height },
        anchor,
        [...highlighted, ...rectsOf(IN_SIGHT)],
        { width: document.documentElement.clientWidth, height: window.innerHeight, top: Math.max(0, headerBottom) },
        rectsOf(['.graph-panel .graph-svg .stage-content', '.graph-panel .code']),
      );
      el.style.left = `${Math.round(p.left)}px`;
      el.style.top = `${Math.round(p.top)}px`;
      el.dataset.placed = 'beside';
    };
    const schedule = () => {
      if (!frame) frame = window.requestAnimationFrame(place);
    };
    place();
    // The stop's graph is laid out over the next frames (its font, its size): place again then.
    const later = [window.setTimeout(schedule, 120), window.setTimeout(schedule, 600)];
    window.addEventListener('scroll', schedule, { passive: true, capture: true });
    window.addEventListener('resize', schedule);
    const ro = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(schedule);
    ro?.observe(el);
    ro?.observe(document.body);
    return () => {
      window.cancelAnimationFrame(frame);
      later.forEach((id) => window.clearTimeout(id));
      window.removeEventListener('scroll', schedule, { capture: true });
      window.removeEventListener('resize', schedule);
      ro?.disconnect();
    };
  }, [stop]);
  return card;
}

/** The button in the page's header. */
export function StartTourButton() {
  const t = useT();
  const tour = useAppStore((s) => s.tour);
  const start = useAppStore((s) => s.startTour);
  if (tour !== null) return null;
  return (
    <button type="button" id="tour-start" className="lang tour-start" onClick={start}>
      <Icon name="flag" /> <span className="tool-text">{t('tour.start')}</span>
    </button>
  );
}

/**
 * The guided tour: one stop of chapter 5 at a time, with the graph, inputs and step it sets,
 * the part of the screen it highlights, and what to look at there.
 */
export function TourCard() {
  const t = useT();
  const tour = useAppStore((s) => s.tour);
  const blocked = useAppStore(tourBlocked);
  const { nextStop, prevStop, endTour } = useAppStore.getState();
  const heading = useRef<HTMLHeadingElement>(null);
  const open = tour !== null;
  const cardRef = useCardPlacement(tour === null ? null : TOUR[tour]);

  // Opening the tour puts the reader at its text.
  useEffect(() => {
    if (open) heading.current?.focus();
  }, [open]);

  // Each stop brings what it talks about into view (the card then sits beside it).
  useEffect(() => {
    if (tour === null) return;
    const id = window.requestAnimationFrame(() => {
      const el = firstTarget(TOUR[tour]);
      if (!el) return;
      const r = el.getBoundingClientRect();
      if (r.top < 0 || r.top > window.innerHeight - 60) el.scrollIntoView({ block: 'center' });
    });
    return () => window.cancelAnimationFrame(id);
  }, [tour]);

  if (tour === null) return null;
  const stop = TOUR[tour];
  const last = tour === TOUR.length - 1;
  const next = () => {
    if (blocked) {
      // Not yet: the prediction comes first.
      document.getElementById('practice-field-0')?.focus();
      return;
    }
    nextStop();
  };
  const end = () => {
    endTour();
    window.requestAnimationFrame(() => document.getElementById('tour-start')?.focus());
  };
  return (
    <section ref={cardRef} className="tour" aria-label={t('tour.region')}>
      <p className="tour-pos">{t('tour.position', { i: tour + 1, n: TOUR.length, section: stop.section })}</p>
      <h2 ref={heading} tabIndex={-1}>
        {t(tourTitle(stop))}
      </h2>
      <p className="tour-text">{t(tourText(stop))}</p>
      {stop.predict && (
        <p className={`hint tour-predict${blocked ? '' : ' done'}`}>
          {t(blocked ? 'tour.predictFirst' : 'tour.predictDone')}
        </p>
      )}
      {last && <p className="hint">{t('tour.last')}</p>}
      <div className="buttons">
        <button type="button" onClick={prevStop} aria-disabled={tour === 0}>
          {t('tour.prev')}
        </button>
        <button type="button" id="tour-next" className="primary" onClick={next} aria-disabled={blocked || last}>
          {t('tour.next')}
        </button>
        <button type="button" onClick={end}>
          {t('tour.end')}
        </button>
      </div>
      <style>{highlightCss(stop)}</style>
    </section>
  );
}
