import { mnistTestSetLoader } from './testSetLoader';
import { browserTrainerClient } from './trainerClient';
import type { AppServices } from './types';

export type { AppServices, TestSetLoader, TrainerClient } from './types';

/** The real side effects: a Web Worker for training, fetch for the test set. */
export function browserServices(): AppServices {
  const mnistBase = new URL('mnist/', document.baseURI).href;
  return {
    createTrainerClient: browserTrainerClient,
    loadTestSet: mnistTestSetLoader(mnistBase),
    mnistBase,
  };
}
