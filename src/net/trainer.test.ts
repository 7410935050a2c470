import { describe, expect, it } from 'vitest';
import { realMnist } from '../testing/realMnist';
import { BOOK_CONFIG, DIVERGENCE_LOSS, Trainer, type EvalRow, type TrainerEvent } from './trainer';
import { syntheticMnist } from '../testing/syntheticMnist';
import { modelFromSnapshot } from './evaluate';
import { mulberry32 } from '../tensor/random';
import { SplitHelper, SplitTrainer, splitLayout, splitMemory } from './splitStep';
import { archOf } from './config';

function runAll(tr: Trainer): TrainerEvent[] {
  const events: TrainerEvent[] = [];
  tr.work(
    () => false,
    (e) => events.push(e),
  );
  return events;
}

describe('the training loop', () => {
  it('evaluates at i % iter_per_epoch == 0 and once more after the last iteration', () => {
    const data = syntheticMnist(200, 50);
    const tr = new Trainer({ ...BOOK_CONFIG, batchSize: 20, iterations: 25, seed: 3 }, data);
    expect(tr.iterPerEpoch).toBe(10);
    const events = runAll(tr);
    const rows = events
      .filter((e): e is Extract<TrainerEvent, { type: 'eval' }> => e.type === 'eval')
      .map((e) => e.row);
    expect(rows.map((r) => [r.iter, r.epoch, r.final])).toEqual([
      [0, 0, false],
      [10, 1, false],
      [20, 2, false],
      [24, 2.5, true],
    ]);
    expect(events.filter((e) => e.type === 'loss')).toHaveLength(25);
    expect(events[events.length - 1].type).toBe('done');
    expect(tr.finished).toBe(true);
  });

  it('adds no final row when the last iteration was itself an evaluation', () => {
    const tr = new Trainer({ ...BOOK_CONFIG, batchSize: 20, iterations: 21 }, syntheticMnist(200, 20));
    const rows = runAll(tr).flatMap((e) => (e.type === 'eval' ? [e.row] : []));
    expect(rows.map((r) => r.iter)).toEqual([0, 10, 20]);
  });

  it('can be worked in tiny slices with the same result as in one go', () => {
    const cfg = { ...BOOK_CONFIG, batchSize: 20, iterations: 15, seed: 9 };
    const a = runAll(new Trainer(cfg, syntheticMnist(200, 40)));
    const tr = new Trainer(cfg, syntheticMnist(200, 40));
    const b: TrainerEvent[] = [];
    let n = 0;
    while (!tr.finished)
      tr.work(
        () => n++ % 2 === 1,
        (e) => b.push(e),
      );
    expect(b.map((e) => e.type)).toEqual(a.map((e) => e.type));
    const losses = (ev: TrainerEvent[]) => ev.flatMap((e) => (e.type === 'loss' ? [e.loss] : []));
    expect(losses(b)).toEqual(losses(a));
  });

  it('learns: float32 and float64 give the same curve up to rounding', () => {
    const data = syntheticMnist(1000, 200);
    const cfg = { ...BOOK_CONFIG, batchSize: 50, iterations: 100 };
    const f32 = runAll(new Trainer(cfg, data)).flatMap((e) => (e.type === 'eval' ? [e.row] : []));
    const f64 = runAll(new Trainer({ ...cfg, dtype: 'float64' }, data)).flatMap((e) =>
      e.type === 'eval' ? [e.row] : [],
    );
    expect(f32[f32.length - 1].test).toBeGreaterThan(0.9);
    f32.forEach((r, i) => expect(Math.abs(r.test - f64[i].test)).toBeLessThan(0.02));
  });
});

describe("the book's run on real MNIST", () => {
  it('stops with "diverged" when the loss blows up (learning rate 50)', () => {
    const tr = new Trainer({ ...BOOK_CONFIG, iterations: 500, learningRate: 50 }, realMnist());
    const events = runAll(tr);
    const d = events.find((e) => e.type === 'diverged');
    expect(d).toBeDefined();
    if (d?.type === 'diverged') expect(!Number.isFinite(d.loss) || d.loss > DIVERGENCE_LOSS).toBe(true);
    expect(tr.finished).toBe(true);
    expect(events.some((e) => e.type === 'done')).toBe(false);
  });

  it("reaches the book's ~0.90 test accuracy after the first epoch (600 iterations)", () => {
    const tr = new Trainer({ ...BOOK_CONFIG, iterations: 601 }, realMnist());
    const rows: EvalRow[] = runAll(tr).flatMap((e) => (e.type === 'eval' ? [e.row] : []));
    expect(rows.map((r) => r.epoch)).toEqual([0, 1]);
    expect(rows[0].test).toBeLessThan(0.3); // one step in: still guessing
    expect(rows[1].train).toBeGreaterThan(0.88); // the book: 0.9024 / 0.9015
    expect(rows[1].test).toBeGreaterThan(0.88);
  }, 120_000);
});

describe('evaluation split over a second worker', () => {
  it('gives the same rows as one worker, and waits for the helper', () => {
    const data = syntheticMnist(3000, 2500);
    const cfg = { ...BOOK_CONFIG, batchSize: 100, iterations: 61 };
    const plain = runAll(new Trainer(cfg, data)).flatMap((e) => (e.type === 'eval' ? [e.row] : []));
    const tr = new Trainer(cfg, data);
    let pending: { train: number; test: number } | null = null;
    let polls = 0;
    const ranges: [number, number][] = [];
    tr.offload = {
      start(r) {
        ranges.push(r.train, r.test);
        const model = modelFromSnapshot(tr.snapshot());
        const count = (split: typeof data.train, [from, to]: [number, number]) =>
          to > from ? model.countCorrect(split, from, to - from) : 0;
        pending = { train: count(data.train, r.train), test: count(data.test, r.test) };
        polls = 0;
      },
      result: () => (++polls < 3 ? null : pending),
      failed: false,
    };
    const events: TrainerEvent[] = [];
    let guard = 0;
    while (!tr.finished && guard++ < 10000)
      tr.work(
        () => false,
        (e) => events.push(e),
      );
    const split = events.flatMap((e) => (e.type === 'eval' ? [e.row] : []));
    // The helper takes training images only; this worker counts all 2,500 test images and
    // 1,000 training images, 3,500 each.
    expect(ranges[0]).toEqual([1000, 3000]);
    expect(ranges[1]).toEqual([2500, 2500]);
    expect(split.map((r) => [r.epoch, r.train, r.test])).toEqual(plain.map((r) => [r.epoch, r.train, r.test]));
    // Every test image's prediction comes back, the same as one worker alone finds.
    const preds = events.flatMap((e) => (e.type === 'eval' ? [e.testPredictions] : []));
    const alone = runAll(new Trainer(cfg, data)).flatMap((e) => (e.type === 'eval' ? [e.testPredictions] : []));
    expect(preds.map((p) => p.length)).toEqual(alone.map(() => 2500));
    expect(preds).toEqual(alone);
  });
});

describe('the model interface', () => {
  it('the Float32 and Float64 nets answer the same interface: kernel, step, count, snapshot', () => {
    const data = syntheticMnist(200, 100);
    for (const dtype of ['float32', 'float64'] as const) {
      const tr = new Trainer({ ...BOOK_CONFIG, hidden: [7], batchSize: 20, iterations: 5, dtype }, data);
      expect(tr.model.dtype).toBe(dtype);
      expect(tr.kernel).toBe(dtype === 'float64' ? 'ts' : tr.model.kernel);
      const before = tr.snapshot();
      const T = before.tensors;
      expect(before.arch).toEqual({ hidden: [7], activation: 'relu', batchNorm: false, dropout: 0 });
      expect(Object.keys(T)).toEqual(['W1', 'b1', 'W2', 'b2']);
      expect([T.W1.length, T.b1.length, T.W2.length, T.b2.length]).toEqual([784 * 7, 7, 70, 10]);
      // in the precision trained
      for (const a of Object.values(T)) expect(a).toBeInstanceOf(dtype === 'float64' ? Float64Array : Float32Array);
      const loss = tr.step();
      expect(loss).toBeGreaterThan(0);
      const after = tr.snapshot();
      expect(after.tensors.W2).not.toEqual(before.tensors.W2); // a copy: the step changed the net, not the snapshot
      const preds = new Uint8Array(5);
      const correct = tr.model.countCorrect(data.test, 0, 100, preds);
      expect(correct).toBeGreaterThanOrEqual(0);
      expect(correct).toBeLessThanOrEqual(100);
      expect(Array.from(preds).every((p) => p >= 0 && p <= 9)).toBe(true);
    }
  });
});

describe('the split step', () => {
  it('a run on two cores (the helper in this thread) gives the one-core run, for a batch-norm dropout net', () => {
    const data = syntheticMnist(400, 100);
    const config = {
      ...BOOK_CONFIG,
      hidden: [16, 12],
      batchNorm: true,
      dropout: 0.2,
      optimizer: 'Adam' as const,
      learningRate: 0.001,
      batchSize: 40,
      iterations: 12,
    };
    const alone = runAll(new Trainer(config, data));
    const layout = splitLayout(config, archOf(config));
    const memory = splitMemory(layout);
    const helper = new SplitHelper(memory, layout, 'wasm-simd', config, data);
    const split = new SplitTrainer(memory, layout, 'wasm-simd', config, { turn: () => void helper.poll() });
    const tr = new Trainer(config, data, { kind: 'wasm-simd', split });
    tr.offload = split.evalOffload(data);
    const events: TrainerEvent[] = [];
    let guard = 0;
    while (!tr.finished && guard++ < 1000)
      tr.work(
        () => false,
        (e) => events.push(e),
      );
    const losses = (ev: TrainerEvent[]) => ev.flatMap((e) => (e.type === 'loss' ? [e.loss] : []));
    const rows = (ev: TrainerEvent[]) => ev.flatMap((e) => (e.type === 'eval' ? [[e.row.train, e.row.test]] : []));
    const a = losses(events);
    const b = losses(alone);
    expect(a).toHaveLength(12);
    for (let i = 0; i < a.length; i++) expect(Math.abs(a[i] - b[i])).toBeLessThan(1e-4);
    expect(rows(events)).toEqual(rows(alone));
    expect(split.counts.helped).toBeGreaterThan(0);
    expect(split.counts.stolen).toBe(0);
    void mulberry32;
  });
});
