import { create } from 'zustand';
import { createGraphSlice, type GraphSlice } from './graphSlice';
import { createUiSlice, type UiSlice } from './uiSlice';
import { createTrainingSlice, type TrainingSlice } from './trainingSlice';
import { createPracticeSlice, type PracticeSlice } from './practiceSlice';
import { createTourSlice, type TourSlice } from './tourSlice';

export type AppState = GraphSlice & UiSlice & TrainingSlice & PracticeSlice & TourSlice;

export const createAppStore = () =>
  create<AppState>()((...a) => ({
    ...createGraphSlice(...a),
    ...createUiSlice(...a),
    ...createTrainingSlice(...a),
    ...createPracticeSlice(...a),
    ...createTourSlice(...a),
  }));

export const useAppStore = createAppStore();

export { textsOf, valuesOf, tensorsOf } from './graphSlice';
