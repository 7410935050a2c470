import type { MouseEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../store';
import type { View } from '../../store/types';
import { useT } from './useT';

/** Where each view lives on the page. */
export const VIEW_ANCHOR: Record<View, string> = { graph: 'graphs', training: 'training' };

/** Brings a view to the front: its section to the top of the window. */
export function showView(view: View, behavior: ScrollBehavior = 'smooth'): void {
  const el = document.getElementById(VIEW_ANCHOR[view]);
  if (!el) return;
  const reduce = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
  el.scrollIntoView({ behavior: reduce ? 'auto' : behavior, block: 'start' });
}

/**
 * The run in a few characters, for the graph view: how far it is while it trains, its test
 * accuracy once an evaluation is in, nothing before a run.
 */
function useRunBadge(): { text: string; state: string; share: number } | null {
  const t = useT();
  const s = useAppStore(
    useShallow((x) => ({ phase: x.phase, iter: x.iter, asked: x.iterationsAsked, last: x.evals.at(-1) })),
  );
  const share = s.asked > 0 ? Math.min(1, s.iter / s.asked) : 0;
  const pct = `${Math.floor(share * 100)}%`;
  switch (s.phase) {
    case 'loading':
    case 'running':
      return { text: t('nav.running', { pct }), state: 'running', share };
    case 'paused':
      return { text: t('nav.paused', { pct }), state: 'paused', share };
    case 'evaluating':
      return { text: t('nav.evaluating'), state: 'running', share };
    case 'diverged':
    case 'error':
      return { text: t('nav.failed'), state: 'error', share };
    case 'idle':
      return null;
    default:
      return s.last ? { text: t('nav.test', { acc: s.last.test.toFixed(4) }), state: 'done', share } : null;
  }
}

/** The views of the page, one per task, with the run's state beside the trainer's. */
export function ViewNav() {
  const t = useT();
  const view = useAppStore((s) => s.view);
  const setView = useAppStore((s) => s.setView);
  const badge = useRunBadge();
  const go = (v: View) => (e: MouseEvent) => {
    e.preventDefault();
    setView(v);
    showView(v);
  };
  const item = (v: View, label: string, extra?: React.ReactNode) => (
    <li>
      <a href={`#${VIEW_ANCHOR[v]}`} aria-current={view === v ? 'page' : undefined} onClick={go(v)}>
        {label}
        {extra}
      </a>
    </li>
  );
  return (
    <nav className="views" aria-label={t('nav.label')}>
      <ul>
        {item('graph', t('nav.graphs'))}
        {item(
          'training',
          t('nav.training'),
          badge && (
            <span className={`run-badge ${badge.state}`}>
              <span className="run-meter" aria-hidden="true">
                <span style={{ width: `${badge.share * 100}%` }} />
              </span>
              <span className="badge-text">{badge.text}</span>
            </span>
          ),
        )}
      </ul>
    </nav>
  );
}
