import { browserServices } from '../services';
import { createAppStore } from './createAppStore';

export { createAppStore, type AppStore } from './createAppStore';
export type { AppState } from './types';

/** The app's one store, with the browser's worker and fetch. */
export const useAppStore = createAppStore(browserServices());

export { defOf, textsOf, valuesOf, tensorsOf } from './graphSlice';
