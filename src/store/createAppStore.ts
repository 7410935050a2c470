import { create } from 'zustand';
import type { AppServices } from '../services/types';
import { createDatasetSlice } from './datasetSlice';
import { createGradCheckSlice } from './gradCheckSlice';
import { createGraphSlice, followTracedNet } from './graphSlice';
import { createKeepSlice } from './keepSlice';
import { createPracticeSlice } from './practiceSlice';
import { createTourSlice } from './tourSlice';
import { createTraceSlice } from './traceSlice';
import { createTrainingSlice } from './trainingSlice';
import { createUiSlice } from './uiSlice';
import type { AppState } from './types';

export type { AppState } from './types';

/**
 * The app's store, its side effects injected: the app passes the browser's services
 * (store/index.ts), tests pass fakes.
 */
export const createAppStore = (services: AppServices) => {
  const store = create<AppState>()((...a) => ({
    ...createGraphSlice(...a),
    ...createTraceSlice(...a),
    ...createUiSlice(...a),
    ...createTrainingSlice(...a),
    ...createGradCheckSlice(...a),
    ...createPracticeSlice(...a),
    ...createTourSlice(...a),
    ...createKeepSlice(...a),
    ...createDatasetSlice(...a),
    services,
  }));
  services.storage.onOtherTab((change) => store.getState().otherTabChanged(change));
  followTracedNet(store);
  return store;
};

export type AppStore = ReturnType<typeof createAppStore>;
