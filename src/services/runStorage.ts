import { openDB, type IDBPDatabase } from 'idb';
import type { RunStorage, SavedRun } from './types';

const DB_NAME = 'backprop-lab';
const STORE = 'runs';
const KEY = 'last';

/**
 * The last run in IndexedDB (through idb). The database is opened on first use; if that
 * fails (no IndexedDB, private mode, a blocked upgrade) every call rejects, and the next call
 * tries again. A full disk rejects the save with QuotaExceededError.
 */
export function idbRunStorage(): RunStorage {
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
    },
    clear: async () => {
      await (await open()).delete(STORE, KEY);
    },
  };
}
