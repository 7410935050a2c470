import type { StateCreator } from 'zustand';
import { fingerprint, readIdxSet, type OwnData } from '../data/idxFiles';
import { toCodedError, type CodedError } from '../errors';
import type { DatasetInfo } from '../services/types';
import type { AppState } from './createAppStore';
import { MNIST_DATASET } from './savedRun';
import { isBusy } from './trainingSlice';

export interface DatasetSlice {
  /** What the next run trains on: MNIST, or the learner's own IDX files. */
  dataset: DatasetInfo;
  /** The learner's own data, parsed and checked; null for MNIST. */
  ownData: OwnData | null;
  datasetReading: boolean;
  datasetError: CodedError | null;

  /** Reads four IDX files; on success the next run (and the graph) use them. */
  loadIdxFiles: (files: File[]) => Promise<void>;
  /** Back to MNIST. */
  useMnist: () => void;
}

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
      own = await readIdxSet(named);
    } catch (e) {
      set({ datasetReading: false, datasetError: toCodedError(e) });
      return;
    }
    if (isBusy(get().phase)) return set({ datasetReading: false });
    set({
      datasetReading: false,
      ownData: own,
      dataset: {
        id: fingerprint(own),
        files: own.files,
        trainCount: own.train.labels.length,
        testCount: own.test.labels.length,
      },
      // The two-layer-net graph traces the learner's test images now.
      testSet: own.test,
      testSetState: 'ready',
      testSetError: null,
      traceImage: Math.min(get().traceImage, own.test.labels.length - 1),
    });
  },

  useMnist: () => {
    const s = get();
    if (!s.ownData || isBusy(s.phase)) return;
    set({
      ownData: null,
      dataset: MNIST_DATASET,
      datasetError: null,
      testSet: null,
      testSetState: 'idle',
      testSetError: null,
    });
    // The graph reloads MNIST's test images when it shows them.
    if (s.graphId === 'two-layer-net') get().loadTestSet();
  },
});
