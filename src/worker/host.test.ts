import { describe, expect, it } from 'vitest';
import { syntheticMnist } from '../testing/syntheticMnist';
import { BOOK_CONFIG } from '../net/trainer';
import { DataError } from '../errors';
import { createHost, type HostEnv } from './host';
import { archOf } from '../net/config';
import { SplitTrainer, splitLayout, splitMemory } from '../net/splitStep';
import type { FromWorker } from './protocol';

/** A host driven by hand: deferred tasks wait in a queue until `drain` runs them. */
function harness(opts: { failLoad?: boolean; gate?: Promise<void>; makeSplit?: HostEnv['makeSplit'] } = {}) {
  const out: FromWorker[] = [];
  let loads = 0;
  const queue: (() => void)[] = [];
  let clock = 0;
  const handle = createHost({
    post: (m) => out.push(m),
    loadData: async () => {
      loads++;
      if (opts.gate) await opts.gate;
      if (opts.failLoad)
        throw new DataError('train-images-idx3-ubyte', 'data.imagesMagic', { magic: 0, expected: 2051 });
      return syntheticMnist(400, 100);
    },
    defer: (fn) => queue.push(fn),
    now: () => (clock += 1), // every look at the clock costs 1 ms: slices are a few steps long
    sliceMs: 8,
    reportMs: 20,
    makeSplit: opts.makeSplit,
  });
  const runTasks = (n: number) => {
    for (let i = 0; i < n && queue.length; i++) queue.shift()!();
  };
  const settle = () => new Promise((r) => setTimeout(r, 0));
  return { out, handle, runTasks, settle, queue, types: () => out.map((m) => m.type), loads: () => loads };
}
const cfg = { ...BOOK_CONFIG, batchSize: 20, iterations: 60 };

describe('the worker protocol', () => {
  it('loads, trains in slices, reports evaluations and finishes', async () => {
    const h = harness();
    h.handle({ type: 'start', runId: 1, config: cfg, mnistBase: '/mnist/' });
    await h.settle();
    expect(h.types().slice(0, 2)).toEqual(['loading', 'loaded']);
    h.runTasks(10_000);
    const evals = h.out.filter((m) => m.type === 'eval');
    // 400 images / batch 20 = 20 iterations per epoch: i = 0, 20, 40, then the final weights after i = 59.
    expect(evals.map((m) => (m.type === 'eval' ? [m.row.epoch, m.row.final] : []))).toEqual([
      [0, false],
      [1, false],
      [2, false],
      [3, true],
    ]);
    expect(h.types()[h.types().length - 1]).toBe('done');
    const losses = h.out.flatMap((m) => (m.type === 'losses' ? Array.from(m.losses) : []));
    expect(losses).toHaveLength(60);
    expect(h.out.every((m) => m.runId === 1)).toBe(true);
  });

  it('pause holds progress, resume continues, stop ends at once with the weights', async () => {
    const h = harness();
    h.handle({ type: 'start', runId: 7, config: { ...cfg, iterations: 1000 }, mnistBase: '/mnist/' });
    await h.settle();
    h.runTasks(3);
    h.handle({ type: 'pause', runId: 7 });
    const paused = h.out.find((m) => m.type === 'paused');
    expect(paused).toBeDefined();
    const at = paused?.type === 'paused' ? paused.iter : -1;
    expect(at).toBeGreaterThan(0);
    const before = h.out.length;
    h.runTasks(50); // pending slices find the run paused and do nothing
    expect(h.out.slice(before).some((m) => m.type === 'losses' || m.type === 'progress')).toBe(false);
    h.handle({ type: 'resume', runId: 7 });
    h.runTasks(3);
    const progress = h.out.filter((m) => m.type === 'progress');
    const last = progress[progress.length - 1];
    expect(last.type === 'progress' && last.iter).toBeGreaterThan(at);
    h.handle({ type: 'stop', runId: 7 });
    const stopped = h.out[h.out.length - 1];
    expect(stopped.type).toBe('stopped');
    if (stopped.type === 'stopped') expect(stopped.params.tensors.W1.length).toBe(784 * 50);
    const n = h.out.length;
    h.runTasks(100);
    expect(h.out.length).toBe(n);
  });

  it('ignores messages for another run', async () => {
    const h = harness();
    h.handle({ type: 'start', runId: 2, config: cfg, mnistBase: '/mnist/' });
    await h.settle();
    h.handle({ type: 'pause', runId: 1 });
    expect(h.types()).not.toContain('paused');
  });

  it('reports divergence and keeps what came before', async () => {
    const h = harness();
    h.handle({
      type: 'start',
      runId: 3,
      config: { ...cfg, iterations: 500, learningRate: 1e4, weightInitStd: 1 },
      mnistBase: '/mnist/',
    });
    await h.settle();
    h.runTasks(10_000);
    const d = h.out.find((m) => m.type === 'diverged');
    expect(d).toBeDefined();
    expect(h.types()).not.toContain('done');
    expect(h.types()).toContain('losses');
  });

  it('reports a data error and can be retried', async () => {
    const h = harness({ failLoad: true });
    h.handle({ type: 'start', runId: 4, config: cfg, mnistBase: '/mnist/' });
    await h.settle();
    const err = h.out.find((m) => m.type === 'error');
    // A code with its numbers, for the page to word in its language.
    expect(err?.type === 'error' && err.error).toEqual({
      code: 'data.imagesMagic',
      params: { file: 'train-images-idx3-ubyte', magic: 0, expected: 2051 },
    });
  });

  it('runs the gradient check with progress, and can cancel it', async () => {
    const h = harness();
    h.handle({ type: 'gradcheck', runId: 1, seed: 1, mnistBase: '/mnist/' });
    await h.settle();
    h.runTasks(5);
    h.handle({ type: 'cancelGradcheck', runId: 1 });
    h.runTasks(5);
    expect(h.types()).toContain('gc-progress');
    expect(h.types()).toContain('gc-cancelled');
    expect(h.types()).not.toContain('gc-result');
  });

  it('Stop while the data loads abandons the run: nothing is trained, nothing more is sent', async () => {
    let open!: () => void;
    const h = harness({ gate: new Promise<void>((r) => (open = r)) });
    h.handle({ type: 'start', runId: 1, config: cfg, mnistBase: '/mnist/' });
    h.handle({ type: 'stop', runId: 1 });
    open();
    await h.settle();
    h.runTasks(1000);
    expect(h.types()).toEqual(['loading']);
    expect(h.queue).toHaveLength(0); // no slice is waiting to run: no trainer exists
  });

  it('twenty quick Train/Stop clicks while loading leave no trainer; the next Train runs alone', async () => {
    let open!: () => void;
    const h = harness({ gate: new Promise<void>((r) => (open = r)) });
    for (let id = 1; id <= 20; id++) {
      h.handle({ type: 'start', runId: id, config: cfg, mnistBase: '/mnist/' });
      h.handle({ type: 'stop', runId: id });
    }
    open();
    await h.settle();
    h.runTasks(1000);
    expect(h.types().every((t) => t === 'loading')).toBe(true);
    expect(h.queue).toHaveLength(0);
    expect(h.loads()).toBe(1); // one download, shared
    h.handle({ type: 'start', runId: 21, config: cfg, mnistBase: '/mnist/' });
    await h.settle();
    h.runTasks(10_000);
    const after = h.out.filter((m) => m.type !== 'loading');
    expect(after.every((m) => m.runId === 21)).toBe(true);
    expect(after[after.length - 1].type).toBe('done');
    expect(after.flatMap((m) => (m.type === 'losses' ? Array.from(m.losses) : []))).toHaveLength(60);
  });

  it('a newer start replaces one still loading', async () => {
    let open!: () => void;
    const h = harness({ gate: new Promise<void>((r) => (open = r)) });
    h.handle({ type: 'start', runId: 1, config: cfg, mnistBase: '/mnist/' });
    h.handle({ type: 'start', runId: 2, config: cfg, mnistBase: '/mnist/' });
    open();
    await h.settle();
    expect(h.out.filter((m) => m.type === 'loaded').map((m) => m.runId)).toEqual([2]);
  });

  it('pause and resume in quick succession keep one chain of slices', async () => {
    const h = harness();
    h.handle({ type: 'start', runId: 1, config: { ...cfg, iterations: 1000 }, mnistBase: '/mnist/' });
    await h.settle();
    for (let i = 0; i < 5; i++) {
      h.handle({ type: 'pause', runId: 1 });
      h.handle({ type: 'resume', runId: 1 });
    }
    expect(h.queue).toHaveLength(1);
    h.runTasks(1);
    expect(h.queue).toHaveLength(1);
  });

  it('says when a training run shared the worker with the gradient check', async () => {
    const h = harness();
    h.handle({ type: 'start', runId: 1, config: { ...cfg, iterations: 100_000 }, mnistBase: '/mnist/' });
    await h.settle();
    h.handle({ type: 'gradcheck', runId: 1, seed: 1, mnistBase: '/mnist/' });
    await h.settle();
    let guard = 0;
    while (!h.types().includes('gc-result') && guard++ < 200_000) h.runTasks(1);
    const r = h.out.find((m) => m.type === 'gc-result');
    expect(r?.type === 'gc-result' && r.sharedWithTraining).toBe(true);
    // Both took turns: the run went on while the check ran.
    const progress = h.out.filter((m) => m.type === 'progress');
    expect(progress.length).toBeGreaterThan(1);
  }, 60_000);

  it('every run asks for a split of its own, and lets the last one go first', async () => {
    const made: string[] = [];
    const h = harness({
      makeSplit: (c, m) => {
        const layout = splitLayout(c, archOf(c));
        const tr = new SplitTrainer(splitMemory(layout), layout, 'wasm-simd', c);
        made.push('made');
        return { trainer: tr, evalOffload: tr.evalOffload(m), close: () => made.push('closed') };
      },
    });
    h.handle({ type: 'start', runId: 1, config: cfg, mnistBase: '/mnist/' });
    await h.settle();
    h.runTasks(10);
    h.handle({ type: 'stop', runId: 1 });
    h.handle({ type: 'start', runId: 2, config: cfg, mnistBase: '/mnist/' });
    await h.settle();
    expect(made).toEqual(['made', 'closed', 'made']);
  });

  it('a fault while training ends the run with a coded error instead of killing the worker', async () => {
    const h = harness({
      makeSplit: (c) => {
        const layout = splitLayout(c, archOf(c));
        const tr = new SplitTrainer(splitMemory(layout), layout, 'wasm-simd', c);
        const evalOffload = {
          failed: false,
          start: () => {
            throw new Error('a bug in the first evaluation');
          },
          result: () => null,
        };
        return { trainer: tr, evalOffload, close: () => undefined };
      },
    });
    h.handle({ type: 'start', runId: 1, config: cfg, mnistBase: '/mnist/' });
    await h.settle();
    h.runTasks(100);
    const err = h.out.find((m) => m.type === 'error');
    expect(err?.type === 'error' && err.error).toEqual({
      code: 'internal',
      params: { message: 'a bug in the first evaluation' },
    });
    expect(h.queue).toHaveLength(0);
  });

  it("sends every test label with the first test images, and every test image's prediction with each evaluation", async () => {
    const h = harness();
    h.handle({ type: 'start', runId: 1, config: cfg, mnistBase: '/mnist/' });
    await h.settle();
    h.runTasks(10_000);
    const loaded = h.out.find((m) => m.type === 'loaded');
    expect(loaded?.type === 'loaded' && [loaded.sampleLabels.length, loaded.testLabels.length]).toEqual([24, 100]);
    const evals = h.out.flatMap((m) => (m.type === 'eval' ? [m] : []));
    expect(evals.every((e) => e.predictions.length === 100)).toBe(true);
  });

  it("trains on the learner's own data from the message, without the MNIST loader or the helper", async () => {
    let splits = 0;
    const h = harness({ makeSplit: () => (splits++, null) });
    const own = syntheticMnist(60, 30, 7);
    h.handle({ type: 'start', runId: 1, config: { ...cfg, iterations: 6 }, mnistBase: '/mnist/', dataset: own });
    await h.settle();
    h.runTasks(10_000);
    expect([h.loads(), splits]).toEqual([0, 0]);
    const loaded = h.out.find((m) => m.type === 'loaded');
    expect(loaded?.type === 'loaded' && Array.from(loaded.testLabels)).toEqual(Array.from(own.test.labels));
    // 60 images / batch 20 = 3 iterations per epoch: i = 0, 3, and the final weights after i = 5.
    expect(h.out.filter((m) => m.type === 'eval')).toHaveLength(3);
    expect(h.types().at(-1)).toBe('done');
  });

  it('evaluates given weights in slices: the same accuracies and predictions as the run that made them', async () => {
    const h = harness();
    h.handle({ type: 'start', runId: 1, config: cfg, mnistBase: '/mnist/' });
    await h.settle();
    h.runTasks(10_000);
    const last = h.out.filter((m) => m.type === 'eval').at(-1);
    const done = h.out.find((m) => m.type === 'done');
    if (last?.type !== 'eval' || done?.type !== 'done') throw new Error('no run');
    h.out.length = 0;
    h.handle({ type: 'evaluate', runId: 2, params: done.params, mnistBase: '/mnist/' });
    await h.settle();
    expect(h.types()).toEqual(['loading', 'loaded']);
    h.runTasks(10_000);
    expect(h.types()).toEqual(['loading', 'loaded', 'evaluated']);
    const r = h.out[2];
    expect(r.type === 'evaluated' && [r.runId, r.train, r.test]).toEqual([2, last.row.train, last.row.test]);
    expect(r.type === 'evaluated' && r.predictions).toEqual(last.predictions);
    expect(h.loads()).toBe(1); // MNIST was loaded once, for both
  });

  it('a newer run ends an evaluation under way; a broken weights message is a coded error', async () => {
    const h = harness();
    const arch = { hidden: [3], activation: 'relu' as const, batchNorm: false, dropout: 0 };
    const p = { W1: new Float32Array(784 * 3), b1: new Float32Array(3), W2: new Float32Array(30) };
    // 12,000 images in chunks of 1,000: more than one slice
    const big = syntheticMnist(12_000, 10);
    const good = { arch, tensors: { ...p, b2: new Float32Array(10) } };
    h.handle({ type: 'evaluate', runId: 1, params: good, mnistBase: '', dataset: big });
    await h.settle();
    h.runTasks(1);
    h.handle({ type: 'start', runId: 2, config: cfg, mnistBase: '/mnist/' });
    await h.settle();
    h.runTasks(10_000);
    expect(h.out.filter((m) => m.runId === 1).map((m) => m.type)).toEqual(['loading', 'loaded']);
    h.out.length = 0;
    // W1 longer than 784 × 3: the net cannot be built from it
    const W1 = new Float32Array(784 * 3 + 1);
    const broken = { arch, tensors: { ...p, W1, b2: new Float32Array(10) } };
    h.handle({ type: 'evaluate', runId: 3, params: broken, mnistBase: '/mnist/' });
    await h.settle();
    h.runTasks(10_000);
    const err = h.out.at(-1);
    expect(err?.type === 'error' && [err.runId, err.error.code]).toEqual([3, 'internal']);
  });
});
