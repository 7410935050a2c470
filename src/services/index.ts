import { browserFiles } from './files';
import { workerIdxReader } from './idxReader';
import { idbRunStorage } from './runStorage';
import { mnistTestSetLoader } from './testSetLoader';
import { browserTrainerClient } from './trainerClient';
import type { AppServices } from './types';

export type {
  AppServices,
  DatasetInfo,
  FileService,
  RunStorage,
  SavedRun,
  TestSetLoader,
  TrainerClient,
} from './types';

/** The real side effects: a Web Worker for training, fetch for the test set, IndexedDB, downloads. */
export function browserServices(): AppServices {
  const mnistBase = new URL('mnist/', document.baseURI).href;
  return {
    createTrainerClient: browserTrainerClient,
    loadTestSet: mnistTestSetLoader(mnistBase),
    mnistBase,
    storage: idbRunStorage(),
    files: browserFiles,
    readIdxFiles: workerIdxReader,
    now: () => Date.now(),
  };
}
