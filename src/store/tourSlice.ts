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
    if (tensors) s.setInputs(stop.graph, { ...defaultTexts(graphDef(stop.graph)), ...stop.inputs }, tensors);
    else if (stop.inputs) s.applyTexts({ ...stop.inputs });
    s.clearQuizzes();
    if (stop.predict) s.setPractice(true);
    // Opened as it is: the stop's step is where the tour starts, not a step the learner takes
    // (practice mode would hold a step taken past an unanswered question).
    s.openAt(stop.step);
    set({ tour: i });
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
