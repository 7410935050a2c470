import type { MnistSplit } from '../data/idx';
import { readIdxSet } from '../data/idxFiles';
import { weightsFromNpz } from '../net/weightsFile';
import type { AppServices, FileService, RunChange, RunStorage, SavedRun, TrainerClient } from '../services/types';
import type { ToPage, ToWorker } from '../worker/protocol';
import { syntheticMnist } from './syntheticMnist';

/** A trainer client without a worker: it records what the store sends and replays what a test says. */
export class FakeTrainerClient implements TrainerClient {
  readonly sent: ToWorker[] = [];
  terminated = false;
  private handler: ((msg: ToPage) => void) | null = null;

  send(msg: ToWorker): void {
    this.sent.push(msg);
  }
  terminate(): void {
    this.terminated = true;
  }
  onMessage(handler: (msg: ToPage) => void): void {
    this.handler = handler;
  }
  /** As if the worker (or the client's watch on it) had said this. */
  emit(msg: ToPage): void {
    this.handler?.(msg);
  }
  types(): string[] {
    return this.sent.map((m) => m.type);
  }
}

/**
 * The browser's one IndexedDB record and its BroadcastChannel, shared by the tabs of a test:
 * pass the same disk to two fakeServices for two tabs.
 */
export class FakeDisk {
  record: unknown = null;
  readonly tabs = new Set<(change: RunChange) => void>();
  /** Tells every other tab, as a BroadcastChannel does (asynchronously, never the sender). */
  broadcast(from: ((change: RunChange) => void) | null, change: RunChange): void {
    for (const tab of this.tabs) if (tab !== from) setTimeout(() => tab(change), 0);
  }
}

/**
 * Storage in memory, with the faults a browser has: `failSave` rejects saves as a full disk
 * does (QuotaExceededError), `failLoad` rejects loads. `broadcasts: false` is a browser
 * without BroadcastChannel.
 */
export class FakeRunStorage implements RunStorage {
  saves = 0;
  failSave: string | null = null;
  failLoad: string | null = null;
  private handler: ((change: RunChange) => void) | null = null;

  constructor(
    readonly disk = new FakeDisk(),
    private readonly broadcasts = true,
  ) {}

  get record(): unknown {
    return this.disk.record;
  }
  set record(r: unknown) {
    this.disk.record = r;
  }
  async load(): Promise<unknown> {
    if (this.failLoad) throw new DOMException('cannot read', this.failLoad);
    return this.record;
  }
  async save(run: SavedRun): Promise<void> {
    this.saves++;
    if (this.failSave) throw new DOMException('the disk is full', this.failSave);
    // IndexedDB stores a structured clone: later changes to the object do not reach it.
    this.record = structuredClone(run);
    if (this.broadcasts)
      this.disk.broadcast(this.handler, { kind: 'saved', writer: run.writer ?? '', seq: run.seq ?? 0 });
  }
  async clear(): Promise<void> {
    this.record = null;
    if (this.broadcasts) this.disk.broadcast(this.handler, { kind: 'cleared' });
  }
  onOtherTab(handler: (change: RunChange) => void): void {
    if (!this.broadcasts) return;
    if (this.handler) this.disk.tabs.delete(this.handler);
    this.handler = handler;
    this.disk.tabs.add(handler);
  }
}

/** Downloads recorded; reads return the file's bytes. */
export class FakeFiles implements FileService {
  readonly downloads: { name: string; bytes: Uint8Array; type: string }[] = [];
  download(name: string, bytes: Uint8Array, type: string): void {
    this.downloads.push({ name, bytes, type });
  }
  async read(file: Blob): Promise<Uint8Array> {
    return new Uint8Array(await file.arrayBuffer());
  }
}

/** Lets pending promises (the fake storage's, the file reads) settle. */
export const settle = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

/**
 * Services for a store under test: fake workers (every one made is kept) and a test-set loader
 * the test settles. Two tabs share one `disk` (and have their own `tabId`).
 */
export function fakeServices(tab: { disk?: FakeDisk; tabId?: string; broadcasts?: boolean } = {}): AppServices & {
  clients: FakeTrainerClient[];
  storage: FakeRunStorage;
  files: FakeFiles;
  clock: { now: number };
  testSetLoads: { resolve: (s: MnistSplit) => void; reject: (e: unknown) => void }[];
  testSplit: () => MnistSplit;
} {
  const clients: FakeTrainerClient[] = [];
  const testSetLoads: { resolve: (s: MnistSplit) => void; reject: (e: unknown) => void }[] = [];
  const clock = { now: Date.UTC(2025, 4, 6, 14, 3) };
  return {
    storage: new FakeRunStorage(tab.disk, tab.broadcasts ?? true),
    tabId: tab.tabId ?? 'tab-a',
    files: new FakeFiles(),
    clock,
    now: () => clock.now,
    clients,
    testSetLoads,
    testSplit: () => syntheticMnist(1, 10).test,
    createTrainerClient: () => {
      const c = new FakeTrainerClient();
      clients.push(c);
      return c;
    },
    loadTestSet: () => new Promise<MnistSplit>((resolve, reject) => testSetLoads.push({ resolve, reject })),
    mnistBase: 'http://app.test/mnist/',
    // In Node the files are read here; the browser's reader runs the same function in a worker.
    readIdxFiles: readIdxSet,
    readWeights: async (name, bytes, settings) => weightsFromNpz(name, bytes, settings),
  };
}
