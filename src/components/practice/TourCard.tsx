import { useEffect, useRef } from 'react';
import { TOUR, tourText, tourTitle, type TourPart, type TourStop } from '../../practice/tour';
import { useAppStore } from '../../store';
import { tourBlocked } from '../../store/tourSlice';
import { Icon } from '../common/Icon';
import { useT } from '../common/useT';
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

/** The first highlighted element, to bring into view. */
function firstTarget(stop: TourStop): Element | null {
  const sels = [...(stop.highlight.ids ?? []).map(idSelector), ...(stop.highlight.parts ?? []).map((p) => PARTS[p])];
  for (const s of sels) {
    const el = document.querySelector(s);
    if (el) return el;
  }
  return null;
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

  // Opening the tour puts the reader at its text.
  useEffect(() => {
    if (open) heading.current?.focus();
  }, [open]);

  // Each stop brings what it talks about into view (above the card, which covers the bottom).
  useEffect(() => {
    if (tour === null) return;
    const id = window.requestAnimationFrame(() => {
      const el = firstTarget(TOUR[tour]);
      if (!el) return;
      const r = el.getBoundingClientRect();
      const card = document.querySelector('.tour')?.getBoundingClientRect();
      const bottom = card ? card.top : window.innerHeight;
      if (r.top < 0 || r.top > bottom - 40) el.scrollIntoView({ block: 'center' });
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
    <section className="tour" aria-label={t('tour.region')}>
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
