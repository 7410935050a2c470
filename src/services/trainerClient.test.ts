import { describe, expect, it } from 'vitest';
import type { FromWorker, LivenessIn, LivenessOut, ToPage, ToWorker } from '../worker/protocol';
import { WorkerTrainerClient, type TrainerWorker } from './trainerClient';

function setup(opts: { locks?: boolean; throwOnCreate?: boolean } = {}) {
  const sent: (ToWorker | LivenessIn)[] = [];
  let terminated = 0;
  const worker: TrainerWorker = {
    postMessage: (m) => sent.push(m),
    terminate: () => terminated++,
    onmessage: null,
    onerror: null,
    onmessageerror: null,
  };
  // Web Locks as the page sees them: the request waits until the worker lets go of the lock.
  const waiting: { cb: () => void; signal?: AbortSignal }[] = [];
  const locks = {
    request: ((_name: string, options: LockOptions, cb: () => void) =>
      new Promise<void>((resolve, reject) => {
        options.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
        waiting.push({
          cb: () => {
            cb();
            resolve();
          },
          signal: options.signal,
        });
      })) as unknown as LockManager['request'],
  };
  let clock = 0;
  let tick: (() => void) | null = null;
  let cleared = false;
  const client = new WorkerTrainerClient({
    createWorker: () => {
      if (opts.throwOnCreate) throw new DOMException('blocked', 'SecurityError');
      return worker;
    },
    locks: opts.locks === false ? null : locks,
    now: () => clock,
    setInterval: (fn) => ((tick = fn), 1),
    clearInterval: () => (cleared = true),
    pingMs: 1000,
    deadMs: 10_000,
  });
  const got: ToPage[] = [];
  client.onMessage((m) => got.push(m));
  const fromWorker = (m: FromWorker | LivenessOut) => worker.onmessage?.({ data: m } as MessageEvent<FromWorker>);
  const errorEvent = (message?: string) => {
    let prevented = false;
    worker.onerror?.({ message, preventDefault: () => (prevented = true) } as unknown as Event);
    return prevented;
  };
  // The worker ends: the lock it held is released, so the page's request is granted.
  const workerEnds = () => waiting.filter((w) => !w.signal?.aborted).forEach((w) => w.cb());
  return {
    client,
    sent,
    got,
    fromWorker,
    errorEvent,
    workerEnds,
    waiting,
    terminated: () => terminated,
    advance: (ms: number) => {
      clock += ms;
      tick?.();
    },
    cleared: () => cleared,
  };
}

const lostCodes = (got: ToPage[]) => got.flatMap((m) => (m.type === 'worker-lost' ? [m.error.code] : []));

describe('the trainer client', () => {
  it("says hello with a lock name, passes the worker's messages on and keeps its own to itself", () => {
    const s = setup();
    expect(s.sent[0]).toMatchObject({ type: 'hello', lock: expect.stringMatching(/^backprop-lab-trainer-/) });
    s.fromWorker({ type: 'alive', lock: true });
    s.client.send({ type: 'pause', runId: 3 });
    s.fromWorker({ type: 'paused', runId: 3, iter: 10 });
    s.fromWorker({ type: 'pong', n: 1 });
    expect(s.sent[1]).toEqual({ type: 'pause', runId: 3 });
    expect(s.got).toEqual([{ type: 'paused', runId: 3, iter: 10 }]);
  });

  it('a worker whose script does not load is reported as worker.loadFailed', () => {
    const s = setup();
    expect(s.errorEvent()).toBe(true);
    expect(lostCodes(s.got)).toEqual(['worker.loadFailed']);
    expect(s.terminated()).toBe(1);
    s.client.send({ type: 'pause', runId: 1 }); // a closed client sends nothing
    expect(s.sent).toHaveLength(1);
  });

  it('a worker that throws is reported as worker.crashed with its message, once', () => {
    const s = setup();
    s.fromWorker({ type: 'alive', lock: true });
    s.errorEvent('RangeError: out of memory');
    s.errorEvent('again');
    expect(s.got).toEqual([
      { type: 'worker-lost', error: { code: 'worker.crashed', params: { message: 'RangeError: out of memory' } } },
    ]);
  });

  it('a worker that ends silently (terminate) is reported at once through its lock', () => {
    const s = setup();
    s.fromWorker({ type: 'alive', lock: true });
    expect(s.waiting).toHaveLength(1);
    expect(s.got).toEqual([]);
    s.workerEnds();
    expect(lostCodes(s.got)).toEqual(['worker.died']);
  });

  it('without Web Locks, a worker silent for too long counts as dead', () => {
    const s = setup({ locks: false });
    expect(s.sent[0]).toEqual({ type: 'hello', lock: null });
    s.fromWorker({ type: 'alive', lock: false });
    s.advance(1000);
    expect(s.sent[s.sent.length - 1]).toEqual({ type: 'ping', n: 1 });
    for (let i = 0; i < 8; i++) {
      s.advance(1000);
      s.fromWorker({ type: 'pong', n: i + 2 });
    }
    expect(s.got).toEqual([]);
    for (let i = 0; i < 11; i++) s.advance(1000);
    expect(lostCodes(s.got)).toEqual(['worker.died']);
    expect(s.cleared()).toBe(true);
  });

  it('terminate() ends the worker and reports nothing, even when the lock then comes free', async () => {
    const s = setup();
    s.fromWorker({ type: 'alive', lock: true });
    s.client.terminate();
    s.workerEnds();
    await Promise.resolve();
    expect(s.got).toEqual([]);
    expect(s.terminated()).toBe(1);
    expect(s.waiting[0].signal?.aborted).toBe(true);
  });

  it('a worker the page may not create is reported like one that did not load', async () => {
    const s = setup({ throwOnCreate: true });
    await Promise.resolve();
    expect(lostCodes(s.got)).toEqual(['worker.loadFailed']);
  });
});
