import { openDB, type IDBPDatabase } from 'idb';
import type { RunChange, RunStorage, SavedRun } from './types';

const DB_NAME = 'backprop-lab';
const STORE = 'runs';
const KEY = 'last';
/** The BroadcastChannel on which tabs of the app tell each other that they saved or cleared the run. */
export const RUN_CHANNEL = 'backprop-lab-runs';

/** The part of a BroadcastChannel the storage uses (a fake one in tests). */
export interface RunChannel {
  postMessage(message: RunChange): void;
  onmessage: ((event: MessageEvent) => void) | null;
}

const isChange = (x: unknown): x is RunChange => {
  const c = x as Partial<Record<string, unknown>> | null;
  if (typeof c !== 'object' || c === null) return false;
  return c.kind === 'cleared' || (c.kind === 'saved' && typeof c.writer === 'string' && typeof c.seq === 'number');
};

/**
 * The last run in IndexedDB (through idb). The database is opened on first use; if that
 * fails (no IndexedDB, private mode, a blocked upgrade) every call rejects, and the next call
 * tries again. A full disk rejects the save with QuotaExceededError. After a save or a clear
 * the other tabs are told on `channel` (null where BroadcastChannel is missing: nobody is told).
 */
export function idbRunStorage(channel: RunChannel | null): RunStorage {
  let db: Promise<IDBPDatabase> | null = null;
  const open = (): Promise<IDBPDatabase> => {
    db ??= openDB(DB_NAME, 1, {
      upgrade: (d) => {
        d.createObjectStore(STORE);
      },
      // A newer version of the app in another tab wants to upgrade: let it.
      blocking: () => {
        void db?.then((d) => d.close());
        db = null;
      },
    });
    const p = db;
    p.catch(() => {
      if (db === p) db = null;
    });
    return p;
  };
  return {
    load: async () => (await (await open()).get(STORE, KEY)) ?? null,
    save: async (run: SavedRun) => {
      await (await open()).put(STORE, run, KEY);
      channel?.postMessage({ kind: 'saved', writer: run.writer ?? '', seq: run.seq ?? 0 });
    },
    clear: async () => {
      await (await open()).delete(STORE, KEY);
      channel?.postMessage({ kind: 'cleared' });
    },
    onOtherTab: (handler) => {
      if (!channel) return;
      // A BroadcastChannel never hears its own messages: whatever comes is another tab's.
      channel.onmessage = (e) => {
        if (isChange(e.data)) handler(e.data);
      };
    },
  };
}
