import type { StateCreator } from 'zustand';
import { fingerprint, type OwnData } from '../data/idxFiles';
import { toCodedError } from '../errors';
import type { AppState, DatasetSlice } from './types';
import { defOf } from './graphSlice';
import { MNIST_DATASET } from './savedRun';
import { isBusy } from './trainingSlice';
import { retargetTrainImages } from './trainingFields';

export const createDatasetSlice: StateCreator<AppState, [], [], DatasetSlice> = (set, get) => ({
  dataset: MNIST_DATASET,
  ownData: null,
  datasetReading: false,
  datasetError: null,

  loadIdxFiles: async (files) => {
    if (isBusy(get().phase)) return;
    set({ datasetReading: true, datasetError: null });
    let own: OwnData;
    try {
      const { services } = get();
      const named = await Promise.all(files.map(async (f) => ({ name: f.name, bytes: await services.files.read(f) })));
      own = await services.readIdxFiles(named);
    } catch (e) {
      set({ datasetReading: false, datasetError: toCodedError(e) });
      return;
    }
    const s = get();
    if (isBusy(s.phase)) return set({ datasetReading: false });
    const trainCount = own.train.labels.length;
    set({
      ...retargetTrainImages(s.trainTexts, s.trainErrors, s.dataset.trainCount, trainCount),
      datasetReading: false,
      ownData: own,
      dataset: {
        id: fingerprint(own),
        files: own.files,
        trainCount,
        testCount: own.test.labels.length,
      },
    });
    // The two-layer-net graph traces the learner's test images now.
    get().setOwnTestSet(own.test);
  },

  useMnist: () => {
    const s = get();
    if (!s.ownData || isBusy(s.phase)) return;
    set({
      ...retargetTrainImages(s.trainTexts, s.trainErrors, s.dataset.trainCount, MNIST_DATASET.trainCount),
      ownData: null,
      dataset: MNIST_DATASET,
      datasetError: null,
    });
    get().setOwnTestSet(null);
    // The graph reloads MNIST's test images when it shows them.
    const def = defOf(s);
    if (def.source === 'trainedNet') get().loadTestSet();
  },
});
