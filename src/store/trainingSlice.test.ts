import { beforeEach, describe, expect, it } from 'vitest';
import { BOOK_CONFIG, type EvalRow } from '../net/trainer';
import { BOOK_GRADCHECK_NET } from '../net/gradcheck';
import { snapshotOf } from '../net/params';
import { fakeServices, type FakeTrainerClient } from '../testing/fakeServices';
import type { FromWorker } from '../worker/protocol';
import { createAppStore, type AppStore } from './createAppStore';

const params = (v: number) =>
  snapshotOf(
    2,
    new Float32Array(784 * 2).fill(v),
    new Float32Array(2).fill(v),
    new Float32Array(20).fill(v),
    new Float32Array(10).fill(v),
  );
const row = (epoch: number, train: number, test: number, final = false): EvalRow => ({
  epoch,
  iter: epoch * 600,
  train,
  test,
  final,
});

let services: ReturnType<typeof fakeServices>;
let store: AppStore;
const client = (i = -1): FakeTrainerClient => services.clients.at(i)!;
const st = () => store.getState();
/** A message from the worker of the current client. */
const worker = (m: FromWorker) => client().emit(m);

/** Train, and let the fake worker load and start the run. */
function startRun(): number {
  st().train();
  const runId = st().runId;
  worker({ type: 'loading', runId });
  worker({
    type: 'loaded',
    runId,
    samplePixels: new Uint8Array(24 * 784),
    sampleLabels: new Uint8Array(24),
    testLabels: new Uint8Array(100),
    kernel: 'wasm-simd',
  });
  return runId;
}

beforeEach(() => {
  services = fakeServices();
  store = createAppStore(services);
});

describe('training: actions', () => {
  it('Train checks the fields, makes a worker on first use and sends the run with its config', () => {
    expect(services.clients).toHaveLength(0);
    st().editTrainField('iterations', '1200');
    st().train();
    expect(services.clients).toHaveLength(1);
    expect(client().sent).toEqual([
      {
        type: 'start',
        runId: 1,
        config: { ...BOOK_CONFIG, iterations: 1200 },
        mnistBase: 'http://app.test/mnist/',
      },
    ]);
    expect(st()).toMatchObject({ phase: 'loading', runId: 1, iterationsAsked: 1200, iter: 0 });
    st().train(); // a run is going: a second Train does nothing
    expect(client().sent).toHaveLength(1);
  });

  it("Train sends chapter 6's settings as the net's config, those that do not apply as they are", () => {
    const edit = st().editTrainField;
    edit('hiddenLayers', '100, 100, 100, 100');
    edit('optimizer', 'adam');
    edit('learningRate', '0.001');
    edit('batchNorm', '1');
    edit('dropout', '0.2');
    edit('momentum', 'not used'); // Adam has no momentum: its text waits, flagged, and holds nothing back
    expect(st().trainErrors.momentum?.key).toBe('error.nan');
    st().setTrainDtype('float64');
    st().train();
    const sent = client().sent[0];
    expect(sent.type === 'start' && sent.config).toEqual({
      ...BOOK_CONFIG,
      hidden: [100, 100, 100, 100],
      optimizer: 'Adam',
      learningRate: 0.001,
      batchNorm: true,
      dropout: 0.2,
      dtype: 'float64',
    });
  });

  it('Train does nothing while a field is invalid', () => {
    st().editTrainField('learningRate', '-1');
    st().train();
    expect(services.clients).toHaveLength(0);
    expect(st().phase).toBe('idle');
  });

  it('a net and batch too large for memory: a note beside Hidden layers, no run, the last run kept; an edit clears it', () => {
    for (const [f, v] of [
      ['hiddenLayers', '1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000'],
      ['batchNorm', '1'],
      ['batchSize', '10000'],
    ] as const)
      st().editTrainField(f, v);
    st().train();
    expect(services.clients).toHaveLength(0);
    expect(st().phase).toBe('idle');
    const e = st().trainErrors.hiddenLayers;
    expect(e?.key).toBe('err.train.tooLarge');
    // Well past 2 GB: counted without wrapping.
    expect(Number(e?.params.mb)).toBeGreaterThan(2048);
    st().editTrainField('batchSize', '100');
    expect(st().trainErrors.hiddenLayers).toBeUndefined();
    st().train();
    expect(services.clients).toHaveLength(1);
  });

  it('pause, resume and stop are sent only in the phases where they mean something', () => {
    st().pauseTraining();
    st().resumeTraining();
    st().stopTraining();
    expect(services.clients).toHaveLength(0);
    const runId = startRun();
    st().resumeTraining(); // not paused
    st().pauseTraining();
    worker({ type: 'paused', runId, iter: 40 });
    st().pauseTraining(); // already paused
    st().resumeTraining();
    worker({ type: 'resumed', runId });
    st().stopTraining();
    expect(client().types()).toEqual(['start', 'pause', 'resume', 'stop']);
    expect(st().phase).toBe('running'); // until the worker says it stopped, with the weights
    worker({ type: 'stopped', runId, iter: 77, params: params(3) });
    expect(st()).toMatchObject({ phase: 'stopped', iter: 77 });
    expect(st().params?.tensors.W2[0]).toBe(3);
  });

  it('Stop during loading stops at once, tells the worker, and nothing it sends later counts', () => {
    st().train();
    const runId = st().runId;
    worker({ type: 'loading', runId });
    st().stopTraining();
    expect(st().phase).toBe('stopped');
    expect(client().sent[1]).toEqual({ type: 'stop', runId });
    // Even if the worker had loaded before it heard the Stop, the panel stays stopped.
    worker({
      type: 'loaded',
      runId,
      samplePixels: new Uint8Array(0),
      sampleLabels: new Uint8Array(0),
      testLabels: new Uint8Array(0),
      kernel: 'ts',
    });
    worker({ type: 'progress', runId, iter: 5, itersPerSec: 100, evaluating: false });
    worker({ type: 'losses', runId, start: 0, losses: Float32Array.of(2.3) });
    expect(st()).toMatchObject({ phase: 'stopped', iter: 0, losses: [] });
    // Train works again, on the same worker.
    st().train();
    expect(st()).toMatchObject({ phase: 'loading', runId: runId + 1 });
    expect(services.clients).toHaveLength(1);
  });

  it('twenty quick Train/Stop clicks during loading: each run is stopped in the worker, the panel ends stopped', () => {
    for (let i = 0; i < 20; i++) {
      st().train();
      st().stopTraining();
    }
    expect(services.clients).toHaveLength(1);
    const sent = client().sent;
    expect(sent).toHaveLength(40);
    for (let i = 0; i < 20; i++) {
      expect(sent[2 * i]).toMatchObject({ type: 'start', runId: i + 1 });
      expect(sent[2 * i + 1]).toEqual({ type: 'stop', runId: i + 1 });
    }
    expect(st()).toMatchObject({ phase: 'stopped', runId: 20, iter: 0 });
  });
});

describe('training: receive()', () => {
  it('loading and loaded: the run starts, with the sample digits and the kernel', () => {
    st().train();
    worker({ type: 'loading', runId: 1 });
    expect(st().phase).toBe('loading');
    const samplePixels = new Uint8Array(24 * 784).fill(9);
    worker({
      type: 'loaded',
      runId: 1,
      samplePixels,
      sampleLabels: new Uint8Array(24),
      testLabels: new Uint8Array(24),
      kernel: 'wasm-relaxed-simd',
    });
    expect(st()).toMatchObject({ phase: 'running', kernel: 'wasm-relaxed-simd' });
    expect(st().sampleImages).toBe(samplePixels);
  });

  it('on both cores the kernel reads "×2" until a progress report says the run went back to one', () => {
    st().train();
    const runId = st().runId;
    const sampleLabels = new Uint8Array(24);
    worker({
      type: 'loaded',
      runId,
      samplePixels: new Uint8Array(24 * 784),
      sampleLabels,
      testLabels: new Uint8Array(24),
      kernel: 'wasm-simd ×2',
    });
    expect(st().kernel).toBe('wasm-simd ×2');
    worker({ type: 'progress', runId, iter: 10, itersPerSec: 600, evaluating: false });
    expect(st().kernel).toBe('wasm-simd ×2');
    worker({ type: 'progress', runId, iter: 20, itersPerSec: 500, evaluating: false, kernel: 'wasm-simd' });
    expect(st()).toMatchObject({ iter: 20, kernel: 'wasm-simd' });
  });

  it('progress, losses and evaluations build up the curves and the table', () => {
    const runId = startRun();
    worker({ type: 'progress', runId, iter: 120, itersPerSec: 600, evaluating: true });
    expect(st()).toMatchObject({ iter: 120, itersPerSec: 600, evaluating: true });
    worker({ type: 'losses', runId, start: 0, losses: Float32Array.of(2.5, 2.25) });
    worker({ type: 'losses', runId, start: 2, losses: Float32Array.of(2) });
    expect(st().losses).toEqual([2.5, 2.25, 2]);
    const predictions = new Uint8Array(24).fill(7);
    worker({ type: 'eval', runId, row: row(0, 0.1, 0.11), predictions, params: params(1) });
    worker({ type: 'eval', runId, row: row(1, 0.9, 0.91), predictions, params: params(2) });
    expect(st().evals).toEqual([row(0, 0.1, 0.11), row(1, 0.9, 0.91)]);
    expect(st()).toMatchObject({ evaluating: false, predictions });
    expect(st().params?.tensors.b2[0]).toBe(2);
  });

  it('paused and resumed', () => {
    const runId = startRun();
    worker({ type: 'paused', runId, iter: 300 });
    expect(st()).toMatchObject({ phase: 'paused', iter: 300 });
    worker({ type: 'resumed', runId });
    expect(st().phase).toBe('running');
  });

  it('done: finished, with the final weights and the progress bar full', () => {
    st().editTrainField('iterations', '1200');
    const runId = startRun();
    worker({ type: 'eval', runId, row: row(2, 0.92, 0.92, true), predictions: new Uint8Array(24), params: params(4) });
    worker({ type: 'done', runId, params: params(5) });
    expect(st()).toMatchObject({ phase: 'finished', iter: 1200, evaluating: false });
    expect(st().params?.tensors.W1[0]).toBe(5);
    // Later messages about a finished run change nothing.
    worker({ type: 'progress', runId, iter: 3, itersPerSec: 1, evaluating: false });
    expect(st().iter).toBe(1200);
  });

  it('diverged: a message with the iteration and the loss; the curve stays', () => {
    const runId = startRun();
    worker({ type: 'losses', runId, start: 0, losses: Float32Array.of(2.3, 40) });
    worker({ type: 'diverged', runId, iter: 1, loss: 40 });
    expect(st()).toMatchObject({
      phase: 'diverged',
      trainMessage: { key: 'train.diverged', iter: 1, loss: '40' },
      losses: [2.299999952316284, 40],
    });
  });

  it('error: the coded error the worker sent (a data error while loading)', () => {
    st().train();
    const error = { code: 'data.gzipTruncated', params: { file: 't10k-labels-idx1-ubyte', bytes: 2500 } } as const;
    worker({ type: 'error', runId: 1, error });
    expect(st()).toMatchObject({ phase: 'error', trainMessage: { key: 'train.error', error } });
    // Retry (or Train) starts a new run on the same, living worker.
    st().train();
    expect(st()).toMatchObject({ phase: 'loading', runId: 2, trainMessage: null });
    expect(services.clients).toHaveLength(1);
  });

  it('ignores messages about another run', () => {
    const runId = startRun();
    worker({ type: 'progress', runId: runId - 1, iter: 999, itersPerSec: 1, evaluating: false });
    worker({ type: 'stopped', runId: runId + 1, iter: 5, params: params(1) });
    worker({ type: 'eval', runId: 0, row: row(0, 0.5, 0.5), predictions: new Uint8Array(24), params: params(1) });
    expect(st()).toMatchObject({ phase: 'running', iter: 0, evals: [] });
  });
});

describe('training: a lost worker is replaced', () => {
  it('mid-run: an error in the page language, what came so far stays, Train makes a fresh worker', () => {
    const runId = startRun();
    worker({ type: 'losses', runId, start: 0, losses: Float32Array.of(2.3, 2.2) });
    worker({ type: 'eval', runId, row: row(0, 0.1, 0.1), predictions: new Uint8Array(24), params: params(1) });
    worker({ type: 'progress', runId, iter: 2, itersPerSec: 598, evaluating: false });
    const first = client();
    first.emit({ type: 'worker-lost', error: { code: 'worker.died', params: {} } });
    expect(st()).toMatchObject({
      phase: 'error',
      trainMessage: { key: 'train.error', error: { code: 'worker.died', params: {} } },
      iter: 2,
      evals: [row(0, 0.1, 0.1)],
    });
    expect(st().losses).toHaveLength(2);
    expect(st().params).not.toBeNull();
    expect(first.terminated).toBe(true);
    // Stop has nothing to stop; Train (Retry) starts over on a new worker.
    st().stopTraining();
    expect(first.sent.map((m) => m.type)).toEqual(['start']);
    st().train();
    expect(services.clients).toHaveLength(2);
    expect(client().sent[0]).toMatchObject({ type: 'start', runId: runId + 1 });
    // A late message from the dead worker is not heard.
    first.emit({ type: 'progress', runId: runId + 1, iter: 50, itersPerSec: 1, evaluating: false });
    expect(st().iter).toBe(0);
    worker({ type: 'loading', runId: runId + 1 });
    expect(st().phase).toBe('loading');
  });

  it('a worker whose script failed to load: error, then Retry works with a fresh one', () => {
    st().train();
    client().emit({ type: 'worker-lost', error: { code: 'worker.loadFailed', params: {} } });
    expect(st()).toMatchObject({ phase: 'error', trainMessage: { error: { code: 'worker.loadFailed' } } });
    st().train();
    expect(services.clients).toHaveLength(2);
    expect(st().phase).toBe('loading');
  });

  it('during the gradient check: the check ends with the error instead of sticking', () => {
    st().runGradcheck();
    worker({ type: 'gc-progress', runId: 1, done: 100, total: 39760 });
    client().emit({ type: 'worker-lost', error: { code: 'worker.crashed', params: { message: 'boom' } } });
    expect(st()).toMatchObject({ gcPhase: 'error', gcError: { code: 'worker.crashed', params: { message: 'boom' } } });
    expect(st().phase).toBe('idle'); // no run was going: the training panel is not in error
    st().runGradcheck();
    expect(services.clients).toHaveLength(2);
    expect(client().sent).toEqual([
      { type: 'gradcheck', runId: 2, seed: 1, mnistBase: 'http://app.test/mnist/', net: BOOK_GRADCHECK_NET },
    ]);
  });

  it('while idle: nothing shows, and the next action makes a fresh worker', () => {
    const runId = startRun();
    worker({ type: 'done', runId, params: params(1) });
    client().emit({ type: 'worker-lost', error: { code: 'worker.died', params: {} } });
    expect(st()).toMatchObject({ phase: 'finished', trainMessage: null, gcPhase: 'idle' });
    st().train();
    expect(services.clients).toHaveLength(2);
  });
});

describe('training: the run the keep slice shows', () => {
  it('evaluateWeights: the file is the net and its settings now, and the worker evaluates it', () => {
    const p = params(0.5);
    st().evaluateWeights('mine.npz', p);
    expect(st()).toMatchObject({
      phase: 'evaluating',
      runId: 1,
      params: p,
      imported: { file: 'mine.npz' },
      trainDtype: 'float32',
      iter: 0,
      losses: [],
    });
    expect(st().trainTexts.hiddenLayers).toBe('2');
    expect(client().sent).toEqual([{ type: 'evaluate', runId: 1, params: p, mnistBase: 'http://app.test/mnist/' }]);
    st().evaluateWeights('again.npz', p); // busy: nothing
    expect(client().sent).toHaveLength(1);
  });

  it("clearRun: a fresh panel, the next run's data set shown", () => {
    const runId = startRun();
    worker({ type: 'done', runId, params: params(1) });
    st().clearRun();
    expect(st()).toMatchObject({
      phase: 'idle',
      iter: 0,
      params: null,
      sampleImages: null,
      kernel: null,
      runDataset: st().dataset,
    });
    expect(st().runId).toBe(runId); // stale messages of the cleared run stay ignored
  });
});
