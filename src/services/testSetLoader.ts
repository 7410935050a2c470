import { loadMnistTest } from '../data/mnist';
import type { TestSetLoader } from './types';

/** Fetches the test images from the app's own origin (gzip, checked like the worker's). */
export const mnistTestSetLoader =
  (mnistBase: string): TestSetLoader =>
  () =>
    loadMnistTest(mnistBase);
