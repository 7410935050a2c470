import { describe, expect, it } from 'vitest';
import { syntheticMnist } from '../testing/syntheticMnist';
import { nonZeroListsOf } from '../kernels/sparse';
import { adoptLists, createOffload, shareMnist, type HelperIn, type HelperOut, type HelperWorker } from './offload';
import { snapshotOf } from '../net/params';

function fakeHelper() {
  const sent: HelperIn[] = [];
  let terminated = false;
  const w: HelperWorker = {
    postMessage: (m) => sent.push(m),
    terminate: () => {
      terminated = true;
    },
    onmessage: null,
    onerror: null,
    onmessageerror: null,
  };
  const reply = (m: HelperOut) => w.onmessage?.({ data: m } as MessageEvent<HelperOut>);
  let prevented = false;
  const fail = () => w.onerror?.({ preventDefault: () => (prevented = true) } as unknown as Event);
  return { w, sent, reply, fail, terminated: () => terminated, prevented: () => prevented };
}

const params = snapshotOf(
  2,
  new Float32Array(784 * 2),
  new Float32Array(2),
  new Float32Array(20),
  new Float32Array(10),
);
const ranges = { train: [50, 100] as [number, number], test: [10, 20] as [number, number] };

describe('the helper worker for evaluations', () => {
  it('hands out the data once, then each evaluation, and returns its counts', () => {
    const h = fakeHelper();
    const o = createOffload(h.w, syntheticMnist(100, 20), () => 0);
    expect(h.sent.map((m) => m.type)).toEqual(['data']);
    o.start(params, ranges);
    expect(o.result()).toBeNull();
    h.reply({ type: 'result', id: 1, train: 41, test: 9 });
    expect(o.result()).toEqual({ train: 41, test: 9 });
    o.start(params, ranges);
    expect(o.result()).toBeNull(); // the last evaluation's counts are not this one's
  });

  it('hands the helper the non-zero pixel lists it made, which the helper then uses instead of making its own', () => {
    const h = fakeHelper();
    const data = shareMnist(syntheticMnist(1200, 1000));
    createOffload(h.w, data, () => 0);
    const msg = h.sent[0] as Extract<HelperIn, { type: 'data' }>;
    expect(msg.lists?.train?.starts.length).toBe(1201);
    expect(msg.lists?.test?.starts.length).toBe(1001);
    expect(msg.lists?.train?.entries.buffer).toBeInstanceOf(SharedArrayBuffer);
    // on the helper's side, the same shared images arrive as new arrays: it adopts the lists
    const there = {
      train: {
        ...data.train,
        images: { ...data.train.images, pixels: new Uint8Array(data.train.images.pixels.buffer) },
      },
      test: { ...data.test, images: { ...data.test.images, pixels: new Uint8Array(data.test.images.pixels.buffer) } },
    };
    adoptLists(there.train.images.pixels, there.test.images.pixels, msg.lists);
    expect(nonZeroListsOf(there.train.images.pixels)).toBe(msg.lists?.train);
    expect(nonZeroListsOf(there.test.images.pixels)).toBe(msg.lists?.test);
  });

  it('fails at once when the helper does not start or throws, and shuts it down', () => {
    const h = fakeHelper();
    const o = createOffload(h.w, syntheticMnist(100, 20), () => 0);
    o.start(params, ranges);
    h.fail(); // e.g. its script did not load
    expect(h.prevented()).toBe(true); // handled: the trainer worker does not see it as its own error
    expect(o.failed).toBe(true);
    expect(o.result()).toBe('failed');
    expect(h.terminated()).toBe(true);
  });

  it('fails when its counts are far too late', () => {
    const h = fakeHelper();
    let t = 0;
    const o = createOffload(h.w, syntheticMnist(100, 20), () => t, 10_000);
    o.start(params, ranges);
    expect(o.result()).toBeNull();
    t = 9_000;
    expect(o.result()).toBeNull();
    t = 10_001;
    expect(o.result()).toBe('failed');
    expect(h.terminated()).toBe(true);
    h.reply({ type: 'result', id: 1, train: 1, test: 1 }); // too late: ignored
    expect(o.result()).toBe('failed');
  });
});
