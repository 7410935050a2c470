import { beforeEach, describe, expect, it } from 'vitest';
import { BOOK_GRADCHECK_NET } from '../net/gradcheck';
import { fakeServices, type FakeTrainerClient } from '../testing/fakeServices';
import type { FromWorker } from '../worker/protocol';
import { createAppStore, type AppStore } from './createAppStore';

let services: ReturnType<typeof fakeServices>;
let store: AppStore;
const client = (i = -1): FakeTrainerClient => services.clients.at(i)!;
const st = () => store.getState();
/** A message from the worker of the current client. */
const worker = (m: FromWorker) => client().emit(m);

beforeEach(() => {
  services = fakeServices();
  store = createAppStore(services);
});

describe('gradient check: runGradcheck()', () => {
  it('sends the check to the trainer worker, made on first use, with a fresh run id', () => {
    expect(st()).toMatchObject({ gcPhase: 'idle', gcRunId: 0 });
    st().runGradcheck();
    expect(services.clients).toHaveLength(1);
    expect(client().sent).toEqual([
      { type: 'gradcheck', runId: 1, seed: 1, mnistBase: 'http://app.test/mnist/', net: BOOK_GRADCHECK_NET },
    ]);
    st().cancelGradcheck();
    st().cancelGradcheck(); // already asked: the phase is still running, so asked again
    worker({ type: 'gc-cancelled', runId: 1 });
    st().cancelGradcheck(); // not running: nothing
    expect(client().sent.map((m) => m.type)).toEqual(['gradcheck', 'cancelGradcheck', 'cancelGradcheck']);
  });

  it("checks the training settings' net", () => {
    st().editTrainField('hiddenLayers', '7');
    st().editTrainField('weightInitStd', '0.5');
    st().runGradcheck();
    const sent = client().sent[0];
    expect(sent.type === 'gradcheck' && sent.net).toEqual({
      ...BOOK_GRADCHECK_NET,
      arch: { ...BOOK_GRADCHECK_NET.arch, hidden: [7] },
      weightInitStd: 0.5,
    });
  });

  it('a training run and the check share the one worker', () => {
    st().train();
    st().runGradcheck();
    expect(services.clients).toHaveLength(1);
    expect(client().sent.map((m) => m.type)).toEqual(['start', 'gradcheck']);
  });
});

describe('gradient check: receive()', () => {
  it('progress, then the result, with whether training shared the worker', () => {
    st().runGradcheck();
    expect(st()).toMatchObject({ gcPhase: 'running', gcRunId: 1, gcDone: 0 });
    worker({ type: 'gc-progress', runId: 1, done: 2048, total: 39760 });
    expect(st()).toMatchObject({ gcDone: 2048, gcTotal: 39760 });
    const result = {
      diffs: { W1: 2.5e-13, b1: 8.4e-13, W2: 8.7e-13, b2: 1.2e-10 },
      numericalMs: 5100,
      backpropMs: 0.5,
      seed: 2,
      skipped: [{ seed: 1, closest: 3.5e-5 }],
      checked: 39760,
      total: 39760,
      net: '784-50-10',
    };
    worker({ type: 'gc-result', runId: 1, result, sharedWithTraining: true });
    expect(st()).toMatchObject({ gcPhase: 'done', gcResult: result, gcDone: 39760, gcSharedWithTraining: true });
    st().runGradcheck();
    expect(st().gcSharedWithTraining).toBe(false);
  });

  it('cancel, error, and a stale check ignored', () => {
    st().runGradcheck();
    st().runGradcheck(); // already running: nothing
    st().cancelGradcheck();
    expect(client().sent.map((m) => m.type)).toEqual(['gradcheck', 'cancelGradcheck']);
    worker({ type: 'gc-cancelled', runId: 1 });
    expect(st().gcPhase).toBe('cancelled');
    st().runGradcheck();
    worker({ type: 'gc-progress', runId: 1, done: 5, total: 10 }); // the cancelled one
    worker({ type: 'gc-cancelled', runId: 1 });
    expect(st()).toMatchObject({ gcPhase: 'running', gcRunId: 2, gcDone: 0 });
    const error = { code: 'data.http', params: { file: 'train-images-idx3-ubyte', status: 404, url: '/x' } } as const;
    worker({ type: 'gc-error', runId: 2, error });
    expect(st()).toMatchObject({ gcPhase: 'error', gcError: error });
  });
});

describe('gradient check: receiveGradcheck()', () => {
  it('a lost worker ends a running check with its error, and leaves a finished one as it was', () => {
    const error = { code: 'worker.died', params: {} } as const;
    st().receiveGradcheck({ type: 'worker-lost', error });
    expect(st()).toMatchObject({ gcPhase: 'idle', gcError: null });
    st().runGradcheck();
    st().receiveGradcheck({ type: 'worker-lost', error });
    expect(st()).toMatchObject({ gcPhase: 'error', gcError: error });
  });

  it('messages while no check runs change nothing', () => {
    st().receiveGradcheck({ type: 'gc-progress', runId: 0, done: 1, total: 2 });
    expect(st()).toMatchObject({ gcPhase: 'idle', gcDone: 0, gcTotal: 0 });
  });
});
