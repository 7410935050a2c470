import type { StateCreator } from 'zustand';
import type { Lang } from '../i18n';
import type { AppState } from './index';

export interface UiSlice {
  lang: Lang;
  setLang: (lang: Lang) => void;
  toggleLang: () => void;
}

export const createUiSlice: StateCreator<AppState, [], [], UiSlice> = (set) => ({
  lang: 'en',
  setLang: (lang) => set({ lang }),
  toggleLang: () => set((s) => ({ lang: s.lang === 'en' ? 'ko' : 'en' })),
});
