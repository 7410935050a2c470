import type { StateCreator } from 'zustand';
import type { AppState, UiSlice, View } from './types';

/** The page's views, one per task: stepping graphs, or training the net (in the order of the page's tabs). */
export const VIEWS = ['graph', 'training'] as const satisfies readonly View[];
export const isView = (v: string | null): v is View => v !== null && (VIEWS as readonly string[]).includes(v);

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
