import { browserFiles } from './files';
import { workerIdxReader } from './idxReader';
import { workerWeightsReader } from './weightsReader';
import { RUN_CHANNEL, idbRunStorage } from './runStorage';
import { mnistTestSetLoader } from './testSetLoader';
import { browserTrainerClient } from './trainerClient';
import type { AppServices } from './types';

export type {
  AppServices,
  DatasetInfo,
  FileService,
  RunChange,
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
    storage: idbRunStorage(typeof BroadcastChannel === 'function' ? new BroadcastChannel(RUN_CHANNEL) : null),
    files: browserFiles,
    readIdxFiles: workerIdxReader,
    readWeights: workerWeightsReader,
    // getRandomValues, not randomUUID: that one is missing outside secure origins (plain http).
    tabId: Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => b.toString(16).padStart(2, '0')).join(''),
    now: () => Date.now(),
  };
}
