import { beforeEach, describe, expect, it } from 'vitest';
import { confusionMatrix } from '../net/confusion';
import { sizeOf, tensorShapes } from '../net/arch';
import { snapshotFrom, snapshotOf } from '../net/params';
import type { EvalRow } from '../net/trainer';
import { weightsFromNpz, weightsToNpz } from '../net/weightsFile';
import { FakeDisk, fakeServices, settle, type FakeTrainerClient } from '../testing/fakeServices';
import type { FromWorker } from '../worker/protocol';
import { createAppStore, type AppStore } from './createAppStore';
import { hasSavedRecord } from './keepSlice';
import { parseSavedRun } from './savedRun';
import { fromSearch } from './url';

const H = 3;
const params = (v: number, dtype: 'float32' | 'float64' = 'float32') =>
  snapshotOf(
    H,
    new Float64Array(784 * H).fill(v),
    new Float64Array(H).fill(v),
    new Float64Array(H * 10).fill(v),
    new Float64Array(10).fill(v),
    dtype,
  );
const row = (epoch: number, train: number, test: number, final = false): EvalRow => ({
  epoch,
  iter: epoch * 600,
  train,
  test,
  final,
});
const testLabels = Uint8Array.from({ length: 20 }, (_, i) => i % 10);
const preds = (shift: number) => Uint8Array.from(testLabels, (l, i) => (i < shift ? (l + 1) % 10 : l));

let services: ReturnType<typeof fakeServices>;
let store: AppStore;
const st = () => store.getState();
const client = (): FakeTrainerClient => services.clients.at(-1)!;
const worker = (m: FromWorker) => client().emit(m);

function startRun(): number {
  st().editTrainField('iterations', '1200');
  st().train();
  const runId = st().runId;
  worker({ type: 'loading', runId });
  worker({
    type: 'loaded',
    runId,
    samplePixels: new Uint8Array(24 * 784).fill(9),
    sampleLabels: new Uint8Array(24).fill(3),
    testLabels,
    kernel: 'wasm-simd',
  });
  return runId;
}

/** A run of 1,200 iterations to its end: two evaluations and the final weights. */
async function finishedRun(): Promise<void> {
  const runId = startRun();
  worker({ type: 'losses', runId, start: 0, losses: Float32Array.of(2.3, 2.2) });
  worker({ type: 'eval', runId, row: row(0, 0.1, 0.11), predictions: preds(9), params: params(0.5) });
  worker({ type: 'losses', runId, start: 2, losses: Float32Array.of(0.5) });
  worker({ type: 'eval', runId, row: row(1, 0.9, 0.9), predictions: preds(2), params: params(0.25) });
  worker({ type: 'eval', runId, row: row(2, 0.95, 0.95, true), predictions: preds(1), params: params(0.125) });
  worker({ type: 'done', runId, params: params(0.125) });
  await settle();
}

beforeEach(() => {
  services = fakeServices();
  store = createAppStore(services);
});

describe('keeping the run', () => {
  it('every evaluation computes the confusion matrix from the test labels and the predictions', () => {
    const runId = startRun();
    worker({ type: 'eval', runId, row: row(0, 0.1, 0.55), predictions: preds(9), params: params(0.5) });
    expect(st().confusion).toEqual(confusionMatrix(testLabels, preds(9)));
    expect(st().testLabels).toEqual(testLabels);
  });

  it('saves after the evaluations and at the end: the settings, curves, table, weights and predictions', async () => {
    await finishedRun();
    const saved = parseSavedRun(services.storage.record);
    expect(saved).not.toBeNull();
    expect(saved).toMatchObject({
      savedAt: services.clock.now,
      phase: 'finished',
      iter: 1200,
      iterationsAsked: 1200,
      dtype: 'float32',
      texts: { iterations: '1200', hiddenLayers: '50' },
      evals: [row(0, 0.1, 0.11), row(1, 0.9, 0.9), row(2, 0.95, 0.95, true)],
      kernel: 'wasm-simd',
      imported: null,
      dataset: { id: 'mnist', files: null },
    });
    expect(Array.from(saved!.losses)).toEqual(Array.from(Float32Array.of(2.3, 2.2, 0.5)));
    expect(saved!.params).toEqual(params(0.125));
    expect(saved!.predictions).toEqual(preds(1));
    expect(st().savedAt).toBe(services.clock.now);
  });

  it('a reload restores the run as it was, saying when it was saved; the graph gets its weights', async () => {
    await finishedRun();
    const before = st();
    const again = createAppStore(services);
    expect(again.getState().phase).toBe('idle');
    await again.getState().restoreRun();
    const s = again.getState();
    expect(s.restoredAt).toBe(services.clock.now);
    expect(s.savedAt).toBe(services.clock.now);
    for (const k of [
      'phase',
      'iter',
      'iterationsAsked',
      'losses',
      'evals',
      'params',
      'predictions',
      'testLabels',
      'confusion',
      'sampleImages',
      'sampleLabels',
      'kernel',
      'trainTexts',
      'trainDtype',
    ] as const) {
      expect(s[k], k).toEqual(before[k]);
    }
  });

  it('a reload restores every setting of the run; a link with settings of its own is its own run', async () => {
    st().editTrainField('hiddenLayers', '100, 100');
    st().editTrainField('optimizer', 'adam');
    st().editTrainField('dropout', '0.2');
    await finishedRun();
    const saved = parseSavedRun(services.storage.record)!;
    expect(saved.texts).toMatchObject({
      hiddenLayers: '100, 100',
      optimizer: 'adam',
      dropout: '0.2',
      iterations: '1200',
    });
    const plain = createAppStore(services);
    await plain.getState().restoreRun();
    expect(plain.getState().trainTexts).toEqual(st().trainTexts);
    // A link that agrees with the saved run restores it.
    const agreeing = createAppStore(services);
    agreeing.setState(fromSearch('?optimizer=adam&dropout=0.2', 'en'));
    await agreeing.getState().restoreRun();
    expect(agreeing.getState().trainTexts).toEqual(st().trainTexts);
    expect(agreeing.getState().phase).toBe('finished');
    // One that sets others is the run it asks for: its settings and the defaults, nothing of
    // the saved run mixed in, a note saying why, and the record still saved.
    const linked = createAppStore(services);
    linked.setState(fromSearch('?optimizer=momentum&lr=abc', 'en'));
    await linked.getState().restoreRun();
    expect(linked.getState().trainTexts).toMatchObject({
      hiddenLayers: '50',
      optimizer: 'momentum',
      learningRate: 'abc',
      dropout: '0',
      iterations: '10000',
    });
    expect(linked.getState().phase).toBe('idle');
    expect(linked.getState().keepNote).toEqual({ key: 'keep.linkSettings' });
    expect(parseSavedRun(services.storage.record)).not.toBeNull();
    expect(
      Object.keys(linked.getState().trainErrors).filter((k) => linked.getState().trainErrors[k as 'learningRate']),
    ).toEqual(['learningRate']);
  });

  it('a run saved while it was going comes back stopped at its last evaluation', async () => {
    const runId = startRun();
    worker({ type: 'progress', runId, iter: 700, itersPerSec: 900, evaluating: false });
    worker({ type: 'eval', runId, row: row(1, 0.9, 0.9), predictions: preds(2), params: params(0.25) });
    await settle();
    const again = createAppStore(services);
    await again.getState().restoreRun();
    expect(again.getState()).toMatchObject({ phase: 'stopped', iter: 700, restoredAt: services.clock.now });
  });

  it('what the learner started first wins over the saved run', async () => {
    await finishedRun();
    const again = createAppStore(services);
    const restoring = again.getState().restoreRun();
    again.getState().train();
    await restoring;
    expect(again.getState()).toMatchObject({ phase: 'loading', restoredAt: null, evals: [] });
  });

  it('a full disk: the panel says it could not save and works on; the next save that succeeds clears that', async () => {
    services.storage.failSave = 'QuotaExceededError';
    const runId = startRun();
    worker({ type: 'eval', runId, row: row(0, 0.1, 0.11), predictions: preds(9), params: params(0.5) });
    await settle();
    expect(st().keepNote).toEqual({ key: 'keep.saveFailed', reason: 'QuotaExceededError' });
    expect(st().savedAt).toBeNull();
    worker({ type: 'eval', runId, row: row(1, 0.9, 0.9), predictions: preds(2), params: params(0.25) });
    expect(st().evals).toHaveLength(2); // training goes on
    services.storage.failSave = null;
    worker({ type: 'done', runId, params: params(0.25) });
    await settle();
    expect(st()).toMatchObject({ phase: 'finished', keepNote: null, savedAt: services.clock.now });
  });

  it('storage that cannot be read, or a record it cannot use, leaves the page as it is and says so', async () => {
    services.storage.failLoad = 'InvalidStateError';
    await st().restoreRun();
    expect(st()).toMatchObject({ phase: 'idle', keepNote: { key: 'keep.loadFailed', reason: 'InvalidStateError' } });
    services.storage.failLoad = null;
    services.storage.record = { version: 1, savedAt: 1, params: { hiddenSize: 3, W1: new Float32Array(5) } };
    await st().restoreRun();
    expect(st()).toMatchObject({ phase: 'idle', params: null, keepNote: { key: 'keep.unreadable' } });
    services.storage.record = { version: 99 };
    await st().restoreRun();
    expect(st().params).toBeNull();
  });

  it('a damaged record can be cleared, and its note goes once a new run is saved', async () => {
    services.storage.record = { version: 1, savedAt: 1, params: { hiddenSize: 3, W1: new Float32Array(5) } };
    await st().restoreRun();
    expect(st()).toMatchObject({ savedAt: null, damagedRecord: true, keepNote: { key: 'keep.unreadable' } });
    expect(hasSavedRecord(st())).toBe(true);
    await st().clearSavedRun();
    expect(services.storage.record).toBeNull();
    expect(st()).toMatchObject({ damagedRecord: false, keepNote: { key: 'keep.cleared' } });
    expect(hasSavedRecord(st())).toBe(false);

    services.storage.record = { version: 99 };
    await st().restoreRun();
    expect(st().keepNote).toEqual({ key: 'keep.unreadable' });
    await finishedRun();
    expect(st()).toMatchObject({ savedAt: services.clock.now, damagedRecord: false, keepNote: null });
    expect(parseSavedRun(services.storage.record)).not.toBeNull();
  });

  it('saves that pile up while one is written become one, of the latest state', async () => {
    const runId = startRun();
    for (let e = 0; e < 5; e++)
      worker({ type: 'eval', runId, row: row(e, 0.5, 0.5), predictions: preds(e), params: params(e) });
    await settle();
    expect(services.storage.saves).toBe(1);
    expect(parseSavedRun(services.storage.record)!.evals).toHaveLength(5);
  });

  it('Clear saved run forgets the record and shows a fresh panel; not while a run is going', async () => {
    await finishedRun();
    await st().clearSavedRun();
    expect(services.storage.record).toBeNull();
    expect(st()).toMatchObject({
      phase: 'idle',
      evals: [],
      losses: [],
      params: null,
      confusion: null,
      savedAt: null,
      keepNote: { key: 'keep.cleared' },
    });
    expect(st().trainTexts.iterations).toBe('1200'); // the settings stay
    startRun();
    services.storage.record = 'kept';
    await st().clearSavedRun();
    expect(services.storage.record).toBe('kept');
  });

  it('Export weights downloads backprop-lab-weights.npz with the latest weights, in their precision', async () => {
    st().exportWeights();
    expect(services.files.downloads).toHaveLength(0); // no net yet
    await finishedRun();
    st().exportWeights();
    const d = services.files.downloads[0];
    expect(d.name).toBe('backprop-lab-weights.npz');
    expect(weightsFromNpz(d.name, d.bytes)).toEqual(params(0.125));
  });

  it('Import weights checks the file, evaluates the weights in the worker, shows and keeps the result', async () => {
    const file = new File([weightsToNpz(params(0.3, 'float64')) as Uint8Array<ArrayBuffer>], 'mine.npz');
    await st().importWeights(file);
    const sent = client().sent.at(-1)!;
    expect(sent).toMatchObject({ type: 'evaluate', runId: 1, mnistBase: 'http://app.test/mnist/' });
    expect(sent.type === 'evaluate' && sent.params).toEqual(params(0.3, 'float64'));
    expect(st()).toMatchObject({
      phase: 'evaluating',
      trainDtype: 'float64',
      imported: { file: 'mine.npz' },
      trainTexts: { hiddenLayers: '3' },
    });
    expect(st().params).toEqual(params(0.3, 'float64'));
    worker({ type: 'loading', runId: 1 });
    worker({
      type: 'loaded',
      runId: 1,
      samplePixels: new Uint8Array(0),
      sampleLabels: new Uint8Array(0),
      testLabels,
      kernel: 'ts',
    });
    expect(st().phase).toBe('evaluating');
    worker({ type: 'evaluated', runId: 1, train: 0.75, test: 0.9, predictions: preds(2) });
    await settle();
    expect(st()).toMatchObject({ phase: 'imported', imported: { file: 'mine.npz', train: 0.75, test: 0.9 } });
    expect(st().confusion).toEqual(confusionMatrix(testLabels, preds(2)));
    expect(parseSavedRun(services.storage.record)).toMatchObject({
      phase: 'imported',
      dtype: 'float64',
      imported: { file: 'mine.npz', train: 0.75, test: 0.9 },
    });
  });

  it("Import weights of a deeper net with batch norm: its layers are the settings' now, and it is kept", async () => {
    const arch = { hidden: [4, 3], activation: 'relu' as const, batchNorm: true, dropout: 0 };
    const deep = snapshotFrom(arch, (k) =>
      new Float32Array(sizeOf(tensorShapes(arch).find(([n]) => n === k)![1])).fill(0.25),
    );
    const asked: unknown[] = [];
    const read = services.readWeights;
    services.readWeights = (name, bytes, settings) => (asked.push(settings), read(name, bytes, settings));
    await st().importWeights(new File([weightsToNpz(deep) as Uint8Array<ArrayBuffer>], 'deep.npz'));
    // What the file cannot say comes from the settings (the book's defaults here).
    expect(asked).toEqual([{ activation: 'relu', dropout: 0 }]);
    expect(st().params).toEqual(deep);
    expect(st().trainTexts.hiddenLayers).toBe('4, 3');
    worker({ type: 'evaluated', runId: 1, train: 0.5, test: 0.5, predictions: preds(2) });
    await settle();
    expect(parseSavedRun(services.storage.record)?.params).toEqual(deep);
  });

  it('a file that is not good weights is refused with the fault; the net stays', async () => {
    await finishedRun();
    const sent = client().sent.length;
    await st().importWeights(new File(['hello'], 'notes.txt'));
    expect(st().importError).toEqual({ code: 'weights.notNpz', params: { file: 'notes.txt', bytes: 5 } });
    expect(st()).toMatchObject({ phase: 'finished', imported: null });
    expect(st().params).toEqual(params(0.125));
    expect(client().sent).toHaveLength(sent);
  });
});

describe('two tabs, one saved run', () => {
  /** Tab A (the store the other tests use) and tab B, sharing one disk and its broadcasts. */
  function twoTabs(broadcasts = true) {
    const disk = new FakeDisk();
    const a = { services: fakeServices({ disk, tabId: 'tab-a', broadcasts }) };
    const b = { services: fakeServices({ disk, tabId: 'tab-b', broadcasts }) };
    const tabA = { ...a, store: createAppStore(a.services) };
    const tabB = { ...b, store: createAppStore(b.services) };
    /** Makes `tab` the one the helpers above (finishedRun, st) act on. */
    const use = (tab: typeof tabA) => {
      services = tab.services;
      store = tab.store;
    };
    return { disk, tabA, tabB, use };
  }

  it('a run saved in another tab is noticed: the note says so, and this tab keeps its run on screen', async () => {
    const { disk, tabA, tabB, use } = twoTabs();
    use(tabA);
    await finishedRun();
    expect(tabA.store.getState().keepNote).toBeNull();
    expect(disk.record).toMatchObject({ writer: 'tab-a' });
    use(tabB);
    await finishedRun();
    await settle();
    expect(disk.record).toMatchObject({ writer: 'tab-b' });
    const a = tabA.store.getState();
    expect(a.keepNote).toEqual({ key: 'keep.otherSaved' });
    expect(a.savedAt).toBeNull();
    expect(a.otherTabRecord).toBe(true);
    expect(hasSavedRecord(a)).toBe(true);
    expect(a.evals).toHaveLength(3); // its own run is still there
    expect(tabB.store.getState().keepNote).toBeNull(); // B's own save says nothing
  });

  it("Clear saved run in a tab whose run is not the saved one asks nothing, clears the other tab's and keeps its own run", async () => {
    const { disk, tabA, tabB, use } = twoTabs();
    use(tabA);
    await finishedRun();
    use(tabB);
    await finishedRun();
    await settle();
    await tabA.store.getState().clearSavedRun();
    await settle();
    expect(disk.record).toBeNull();
    const a = tabA.store.getState();
    expect(a.keepNote).toEqual({ key: 'keep.clearedOther' });
    expect(a.evals).toHaveLength(3);
    expect(a.params).not.toBeNull();
    expect(hasSavedRecord(a)).toBe(false);
    // B hears that the run it saved was cleared; its run stays on its screen too.
    const b = tabB.store.getState();
    expect(b.keepNote).toEqual({ key: 'keep.otherCleared' });
    expect(b.savedAt).toBeNull();
    expect(b.evals).toHaveLength(3);
    // A saves again: its run is the saved one once more, the note goes, and B is told.
    use(tabA);
    tabA.store.getState().persistRun();
    await settle();
    await settle();
    expect(tabA.store.getState().keepNote).toBeNull();
    expect(tabA.store.getState().savedAt).not.toBeNull();
    expect(disk.record).toMatchObject({ writer: 'tab-a' });
    expect(tabB.store.getState().keepNote).toEqual({ key: 'keep.otherCleared' }); // B had nothing saved
  });

  it("without BroadcastChannel nobody is told, but Clear still checks whose record it is and keeps this tab's run", async () => {
    const { disk, tabA, tabB, use } = twoTabs(false);
    use(tabA);
    await finishedRun();
    use(tabB);
    await finishedRun();
    await settle();
    expect(tabA.store.getState().keepNote).toBeNull(); // not told
    await tabA.store.getState().clearSavedRun();
    expect(disk.record).toBeNull();
    expect(tabA.store.getState().keepNote).toEqual({ key: 'keep.clearedOther' });
    expect(tabA.store.getState().evals).toHaveLength(3);
  });

  it('a restored run is the saved one: Clear in that tab forgets it and clears the panel as before', async () => {
    const { disk, tabA, tabB, use } = twoTabs();
    use(tabA);
    await finishedRun();
    expect(disk.record).not.toBeNull();
    // B is a reload (a new page load): it restores A's record, and that record is what B shows.
    await tabB.store.getState().restoreRun();
    expect(tabB.store.getState().evals).toHaveLength(3);
    await tabB.store.getState().clearSavedRun();
    await settle();
    expect(tabB.store.getState().keepNote).toEqual({ key: 'keep.cleared' });
    expect(tabB.store.getState().evals).toHaveLength(0);
    expect(tabA.store.getState().keepNote).toEqual({ key: 'keep.otherCleared' });
    expect(tabA.store.getState().evals).toHaveLength(3);
  });
});
