import type { StateCreator } from 'zustand';
import type { Lang } from '../i18n';
import type { AppState } from './index';
import type { IgnoredParam } from './url';

export interface UiSlice {
  lang: Lang;
  /** What the opening link carried that the page could not use; shown once, until dismissed. */
  urlIgnored: IgnoredParam[];
  /** `graphId:field` of values the learner was told are too long for the link. */
  linkNoticeDismissed: Record<string, true>;
  setLang: (lang: Lang) => void;
  toggleLang: () => void;
  dismissUrlIgnored: () => void;
  dismissLinkNotice: (keys: string[]) => void;
}

export const createUiSlice: StateCreator<AppState, [], [], UiSlice> = (set) => ({
  lang: 'en',
  urlIgnored: [],
  linkNoticeDismissed: {},
  setLang: (lang) => set({ lang }),
  toggleLang: () => set((s) => ({ lang: s.lang === 'en' ? 'ko' : 'en' })),
  dismissUrlIgnored: () => set({ urlIgnored: [] }),
  dismissLinkNotice: (keys) =>
    set((s) => ({
      linkNoticeDismissed: { ...s.linkNoticeDismissed, ...Object.fromEntries(keys.map((k) => [k, true])) },
    })),
});
