import { create } from 'zustand';
import type { AppServices } from '../services/types';
import { createDatasetSlice, type DatasetSlice } from './datasetSlice';
import { createGraphSlice, type GraphSlice } from './graphSlice';
import { createPracticeSlice, type PracticeSlice } from './practiceSlice';
import { createTourSlice, type TourSlice } from './tourSlice';
import { createKeepSlice, type KeepSlice } from './keepSlice';
import { createTrainingSlice, type TrainingSlice } from './trainingSlice';
import { createUiSlice, type UiSlice } from './uiSlice';

/** The services the slices call for their side effects (never replaced in a store's life). */
export interface ServicesSlice {
  services: AppServices;
}

export type AppState = GraphSlice &
  UiSlice &
  TrainingSlice &
  PracticeSlice &
  TourSlice &
  KeepSlice &
  DatasetSlice &
  ServicesSlice;

/**
 * The app's store, its side effects injected: the app passes the browser's services
 * (store/index.ts), tests pass fakes.
 */
export const createAppStore = (services: AppServices) =>
  create<AppState>()((...a) => ({
    ...createGraphSlice(...a),
    ...createUiSlice(...a),
    ...createTrainingSlice(...a),
    ...createPracticeSlice(...a),
    ...createTourSlice(...a),
    ...createKeepSlice(...a),
    ...createDatasetSlice(...a),
    services,
  }));

export type AppStore = ReturnType<typeof createAppStore>;
