import type { StateCreator } from 'zustand';
import type { Lang } from '../i18n';
import type { AppState } from './index';
import type { IgnoredParam } from './url';

/** The page's views, one per task: stepping graphs, or training the net. */
export const VIEWS = ['graph', 'training'] as const;
export type View = (typeof VIEWS)[number];
export const isView = (v: string | null): v is View => v !== null && (VIEWS as readonly string[]).includes(v);

export interface UiSlice {
  lang: Lang;
  /** The view in front (in the URL as `view=`; the graph view is the default). */
  view: View;
  /** What the opening link carried that the page could not use; shown once, until dismissed. */
  urlIgnored: IgnoredParam[];
  /** `graphId:field` of values the learner was told are too long for the link. */
  linkNoticeDismissed: Record<string, true>;
  setLang: (lang: Lang) => void;
  setView: (view: View) => void;
  toggleLang: () => void;
  dismissUrlIgnored: () => void;
  dismissLinkNotice: (keys: string[]) => void;
}

export const createUiSlice: StateCreator<AppState, [], [], UiSlice> = (set) => ({
  lang: 'en',
  view: 'graph',
  urlIgnored: [],
  linkNoticeDismissed: {},
  setLang: (lang) => set({ lang }),
  setView: (view) => set({ view }),
  toggleLang: () => set((s) => ({ lang: s.lang === 'en' ? 'ko' : 'en' })),
  dismissUrlIgnored: () => set({ urlIgnored: [] }),
  dismissLinkNotice: (keys) =>
    set((s) => ({
      linkNoticeDismissed: { ...s.linkNoticeDismissed, ...Object.fromEntries(keys.map((k) => [k, true])) },
    })),
});
