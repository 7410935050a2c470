import type { StateCreator } from 'zustand';
import { TEST_IMAGES } from '../constants';
import { toCodedError } from '../errors';
import { translateError } from '../i18n';
import type { AppState, TraceSlice } from './types';

/** What the two-layer-net graph traces, and the test images it picks from: this slice alone writes them. */
export const createTraceSlice: StateCreator<AppState, [], [], TraceSlice> = (set, get) => ({
  traceImage: 0,
  traceDrawing: null,
  traceLabel: 0,
  testSet: null,
  testSetState: 'idle',
  testSetError: null,

  setTraceImage: (i) => {
    // The test set in use: MNIST's 10,000 images, or the learner's own.
    const last = (get().testSet?.labels.length ?? TEST_IMAGES) - 1;
    set({ traceImage: Math.max(0, Math.min(last, Math.round(i))), traceDrawing: null });
  },
  setTraceDrawing: (traceDrawing) => set({ traceDrawing }),
  setTraceLabel: (traceLabel) => set({ traceLabel: Math.max(0, Math.min(9, Math.round(traceLabel))) }),
  loadTestSet: () => {
    if (get().testSetState === 'loading' || get().testSetState === 'ready') return;
    set({ testSetState: 'loading', testSetError: null });
    get()
      .services.loadTestSet()
      .then(
        // Unless the learner's own test images took its place meanwhile.
        (testSet) => get().testSetState === 'loading' && set({ testSet, testSetState: 'ready' }),
        // Worded in the page's language as it is when the load fails.
        (e: unknown) => set({ testSetState: 'error', testSetError: translateError(get().lang, toCodedError(e)) }),
      );
  },
  setOwnTestSet: (test) =>
    set(
      test
        ? {
            testSet: test,
            testSetState: 'ready',
            testSetError: null,
            traceImage: Math.min(get().traceImage, test.labels.length - 1),
          }
        : { testSet: null, testSetState: 'idle', testSetError: null },
    ),
});
