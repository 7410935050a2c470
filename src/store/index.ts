import { create } from 'zustand';
import { createGraphSlice, type GraphSlice } from './graphSlice';
import { createUiSlice, type UiSlice } from './uiSlice';
import { createTrainingSlice, type TrainingSlice } from './trainingSlice';

export type AppState = GraphSlice & UiSlice & TrainingSlice;

export const createAppStore = () =>
  create<AppState>()((...a) => ({
    ...createGraphSlice(...a),
    ...createUiSlice(...a),
    ...createTrainingSlice(...a),
  }));

export const useAppStore = createAppStore();

export { textsOf, valuesOf, tensorsOf } from './graphSlice';
