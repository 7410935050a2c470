import type { StateCreator } from 'zustand';
import { toCodedError } from '../errors';
import { WEIGHTS_FILE_NAME, weightsFromNpz, weightsToNpz } from '../net/weightsFile';
import type { AppState, KeepSlice } from './types';
import { parseSavedRun, toSavedRun } from './savedRun';
import { isBusy } from './trainingSlice';

/** The name of what went wrong with storage, e.g. QuotaExceededError (the browser's words stay out). */
const reasonOf = (e: unknown): string =>
  e instanceof DOMException || e instanceof Error ? e.name : typeof e === 'string' ? e : 'Error';

/** Whether there is a saved record to clear: a run saved, or a damaged record left in storage. */
export const hasSavedRecord = (s: Pick<AppState, 'savedAt' | 'damagedRecord'>): boolean =>
  s.savedAt !== null || s.damagedRecord;

/** Notes that a successful save makes stale: the save worked, and the record is a new one. */
const STALE_AFTER_SAVE = new Set(['keep.saveFailed', 'keep.unreadable', 'keep.loadFailed']);

export const createKeepSlice: StateCreator<AppState, [], [], KeepSlice> = (set, get) => {
  // Saves and clears run one after another, so a clear is never overtaken by an older save.
  // Saves that pile up while one is written become one, of the state as it is by then.
  let chain: Promise<void> = Promise.resolve();
  let saveQueued = false;

  return {
    savedAt: null,
    keepNote: null,
    damagedRecord: false,
    importError: null,

    persistRun: () => {
      if (saveQueued) return;
      saveQueued = true;
      chain = chain.then(async () => {
        saveQueued = false;
        const { services } = get();
        const run = toSavedRun(get(), services.now());
        if (!run) return;
        try {
          await services.storage.save(run);
          const note = get().keepNote;
          // The new record replaces a damaged one, and a note that the old could not be read goes.
          set({
            savedAt: run.savedAt,
            damagedRecord: false,
            keepNote: note && STALE_AFTER_SAVE.has(note.key) ? null : note,
          });
        } catch (e) {
          // A full disk, private browsing, no IndexedDB: say so, and go on without saving.
          set({ keepNote: { key: 'keep.saveFailed', reason: reasonOf(e) } });
        }
      });
    },

    restoreRun: async () => {
      const before = get().runId;
      let record: unknown;
      try {
        record = await get().services.storage.load();
      } catch (e) {
        set({ keepNote: { key: 'keep.loadFailed', reason: reasonOf(e) } });
        return;
      }
      if (record === null || record === undefined) return;
      const run = parseSavedRun(record);
      if (!run) {
        set({ keepNote: { key: 'keep.unreadable' }, damagedRecord: true });
        return;
      }
      const s = get();
      // Train or an import came first: what the learner started wins over what was saved.
      if (s.runId !== before || s.phase !== 'idle') return;
      s.showSavedRun(run);
      set({ savedAt: run.savedAt });
    },

    clearSavedRun: async () => {
      if (isBusy(get().phase)) return;
      const done = chain.then(async () => {
        try {
          await get().services.storage.clear();
        } catch (e) {
          set({ keepNote: { key: 'keep.clearFailed', reason: reasonOf(e) } });
          return;
        }
        set({ savedAt: null, damagedRecord: false, keepNote: { key: 'keep.cleared' } });
        get().clearRun();
      });
      chain = done;
      await done;
    },

    exportWeights: () => {
      const { params, services } = get();
      if (!params) return;
      services.files.download(WEIGHTS_FILE_NAME, weightsToNpz(params), 'application/octet-stream');
    },

    importWeights: async (file) => {
      if (isBusy(get().phase)) return;
      let params;
      try {
        params = weightsFromNpz(file.name, await get().services.files.read(file));
      } catch (e) {
        set({ importError: toCodedError(e) });
        return;
      }
      const s = get();
      if (isBusy(s.phase)) return; // a run started while the file was read
      set({ importError: null });
      s.evaluateWeights(file.name, params);
    },
  };
};
