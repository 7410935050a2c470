import type { StateCreator } from 'zustand';
import { defaultTexts, graphDef } from '../graphs';
import { stopTensors, TOUR } from '../practice/tour';
import type { AppState, TourSlice } from './types';
import { isResolved, quizKey } from './practiceSlice';

/** A stop that asks for a prediction lets the learner go on once that step is answered. */
export function tourBlocked(s: AppState): boolean {
  if (s.tour === null) return false;
  const stop = TOUR[s.tour];
  if (!stop?.predict) return false;
  return !isResolved(s.quizzes[quizKey(stop.graph, stop.step + 1)]);
}

export const createTourSlice: StateCreator<AppState, [], [], TourSlice> = (set, get) => ({
  tour: null,
  startTour: () => get().goToStop(0),
  goToStop: (raw) => {
    const i = Math.max(0, Math.min(TOUR.length - 1, Math.round(raw)));
    const stop = TOUR[i];
    const s = get();
    s.setGraph(stop.graph);
    s.restoreDefaults();
    const tensors = stopTensors(stop);
    if (tensors) {
      const id = stop.graph;
      set((st) => ({
        texts: { ...st.texts, [id]: { ...defaultTexts(graphDef(id)), ...stop.inputs } },
        tensors: { ...st.tensors, [id]: tensors },
      }));
    } else if (stop.inputs) get().applyTexts({ ...stop.inputs });
    // Set directly: the stop's step is where the tour starts, not a step the learner takes
    // (practice mode would hold a step taken past an unanswered question).
    set({
      tour: i,
      step: stop.step,
      playing: false,
      inspected: null,
      quizzes: {},
      ...(stop.predict ? { practice: true } : {}),
    });
  },
  nextStop: () => {
    const s = get();
    if (s.tour === null || s.tour >= TOUR.length - 1 || tourBlocked(s)) return;
    s.goToStop(s.tour + 1);
  },
  prevStop: () => {
    const s = get();
    if (s.tour === null || s.tour <= 0) return;
    s.goToStop(s.tour - 1);
  },
  endTour: () => set({ tour: null }),
});
