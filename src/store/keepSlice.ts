import type { StateCreator } from 'zustand';
import { toCodedError } from '../errors';
import { WEIGHTS_FILE_NAME, weightsToNpz } from '../net/weightsFile';
import type { RunChange, SavedRun } from '../services/types';
import type { AppState, KeepSlice } from './types';
import { fromSavedRun, parseSavedRun, toSavedRun } from './savedRun';
import { isBusy } from './trainingSlice';
import { importSettingsFrom, TRAIN_FIELDS } from './trainingFields';

/** The name of what went wrong with storage, e.g. QuotaExceededError (the browser's words stay out). */
const reasonOf = (e: unknown): string =>
  e instanceof DOMException || e instanceof Error ? e.name : typeof e === 'string' ? e : 'Error';

/** Whether there is a saved record to clear: a run saved, or a damaged record left in storage. */
export const hasSavedRecord = (s: Pick<AppState, 'savedAt' | 'damagedRecord' | 'otherTabRecord'>): boolean =>
  s.savedAt !== null || s.damagedRecord || s.otherTabRecord;

/** Notes that a successful save makes stale: the save worked, and the record is a new one. */
const STALE_AFTER_SAVE = new Set([
  'keep.saveFailed',
  'keep.unreadable',
  'keep.loadFailed',
  'keep.otherSaved',
  'keep.otherCleared',
  'keep.clearedOther',
]);

/** Which page load wrote a record and which of its saves it is ('' parts for records from before). */
const stampOf = (record: unknown): string => {
  const r = record as { writer?: unknown; seq?: unknown };
  return `${typeof r.writer === 'string' ? r.writer : ''}:${typeof r.seq === 'number' ? r.seq : ''}`;
};

type Set = Parameters<StateCreator<AppState, [], [], KeepSlice>>[0];
type Get = () => AppState;
/** What the slice knows of the record: the stamp of the one this tab's screen shows, if it is saved. */
interface Mine {
  stamp: string | null;
}

/**
 * Whether the stored record is another tab's run (a version check, so a missed broadcast does not
 * matter): a readable record whose stamp is not the one this tab saved or restored.
 */
async function savedByOtherTab(get: Get, mine: Mine): Promise<boolean> {
  let record: unknown;
  try {
    record = await get().services.storage.load();
  } catch {
    return false; // cannot tell: clear as before
  }
  return parseSavedRun(record) !== null && stampOf(record) !== mine.stamp;
}

/** Clears the stored record; another tab's is cleared without touching this tab's run. */
async function clearRecord(set: Set, get: Get, mine: Mine): Promise<void> {
  const other = await savedByOtherTab(get, mine);
  try {
    await get().services.storage.clear();
  } catch (e) {
    set({ keepNote: { key: 'keep.clearFailed', reason: reasonOf(e) } });
    return;
  }
  mine.stamp = null;
  set({ savedAt: null, damagedRecord: false, otherTabRecord: false });
  if (other) {
    set({ keepNote: { key: 'keep.clearedOther' } });
    return;
  }
  set({ keepNote: { key: 'keep.cleared' } });
  get().clearRun();
}

/**
 * Another tab saved or cleared: this tab's run stays on screen, and the note says what happened.
 * A save is checked against the record itself, so a message that comes late (after this tab saved
 * over it) says nothing.
 */
async function otherTabChanged(set: Set, get: Get, mine: Mine, change: RunChange): Promise<void> {
  const wasSaved = mine.stamp !== null;
  if (change.kind === 'saved') {
    let record: unknown = undefined;
    try {
      record = await get().services.storage.load();
    } catch {
      // cannot read it: trust the message
    }
    if (wasSaved && record !== undefined && record !== null && stampOf(record) === mine.stamp) return;
    mine.stamp = null;
    set({ savedAt: null, damagedRecord: false, otherTabRecord: true });
    if (wasSaved) set({ keepNote: { key: 'keep.otherSaved' } });
    return;
  }
  const had = hasSavedRecord(get());
  mine.stamp = null;
  set({ savedAt: null, damagedRecord: false, otherTabRecord: false });
  if (had) set({ keepNote: { key: 'keep.otherCleared' } });
}

/** Whether a setting the link gave differs from the one the saved run was made with. */
function linkDisagrees(s: AppState, run: SavedRun): boolean {
  const saved = fromSavedRun(run, s.dataset).trainTexts;
  if (!saved) return false;
  return TRAIN_FIELDS.some((f) => s.trainGiven[f] && saved[f] !== s.trainTexts[f]);
}

export const createKeepSlice: StateCreator<AppState, [], [], KeepSlice> = (set, get) => {
  // Saves and clears run one after another, so a clear is never overtaken by an older save.
  // Saves that pile up while one is written become one, of the state as it is by then.
  let chain: Promise<void> = Promise.resolve();
  let saveQueued = false;
  // The stamp of this tab's saved record, and the counter of its saves in this page load.
  const mine: Mine = { stamp: null };
  let seq = 0;

  return {
    savedAt: null,
    keepNote: null,
    damagedRecord: false,
    otherTabRecord: false,
    importError: null,

    persistRun: () => {
      if (saveQueued) return;
      saveQueued = true;
      chain = chain.then(async () => {
        saveQueued = false;
        const { services } = get();
        const shown = toSavedRun(get(), services.now());
        if (!shown) return;
        const run = { ...shown, writer: services.tabId, seq: ++seq };
        try {
          await services.storage.save(run);
          mine.stamp = stampOf(run);
          const note = get().keepNote;
          // The new record replaces a damaged one, and a note that the old could not be read goes.
          set({
            savedAt: run.savedAt,
            damagedRecord: false,
            otherTabRecord: false,
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
      if (s.runId !== before || s.phase !== 'idle') {
        set({ otherTabRecord: true }); // still there to be cleared
        return;
      }
      // A link's training settings are the run it asks for: a saved run made with others is not
      // mixed into it (it stays saved, for the page opened without them).
      if (linkDisagrees(s, run)) {
        set({ keepNote: { key: 'keep.linkSettings' }, otherTabRecord: true });
        return;
      }
      s.showSavedRun(run);
      mine.stamp = stampOf(run);
      set({ savedAt: run.savedAt });
    },

    clearSavedRun: async () => {
      if (isBusy(get().phase)) return;
      const done = chain.then(() => clearRecord(set, get, mine));
      chain = done;
      await done;
    },

    otherTabChanged: (change) => {
      // In line with this tab's saves and clears, so a message is read against the record as it is then.
      chain = chain.then(() => otherTabChanged(set, get, mine, change));
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
        const { services } = get();
        const settings = importSettingsFrom(get().trainTexts);
        params = await services.readWeights(file.name, await services.files.read(file), settings);
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
