import { describe, expect, it } from 'vitest';
import type { MnistSplit } from '../data/idx';
import { batchOf } from '../data/mnist';
import { syntheticMnist } from '../testing/syntheticMnist';
import { mulberry32, randInt } from '../tensor/random';
import { BOOK_CONFIG, initScale, type TrainConfig } from './config';
import { confusionMatrix, diagonalAccuracy, probabilities } from './confusion';
import { evaluateModel, modelFromSnapshot } from './evaluate';
import { dropoutRngFor, referenceNetFrom, twoLayerPathFits } from './models';
import { MultiLayerNetExtend, weightScale } from './multiLayerNet';
import { Adam } from './optimizers';
import { Trainer, type EvalRow, type TrainerEvent } from './trainer';

/** The book's chapter 6 net, small: two hidden layers with batch norm and dropout, Adam. */
const CH6: TrainConfig = {
  ...BOOK_CONFIG,
  hidden: [6, 5],
  activation: 'relu',
  weightInit: 'he',
  optimizer: 'Adam',
  learningRate: 0.01,
  batchNorm: true,
  dropout: 0.3,
  batchSize: 20,
  iterations: 12,
  seed: 5,
};

function runAll(tr: Trainer): TrainerEvent[] {
  const events: TrainerEvent[] = [];
  while (!tr.finished)
    tr.work(
      () => false,
      (e) => events.push(e),
    );
  return events;
}
const rowsOf = (ev: TrainerEvent[]): EvalRow[] => ev.flatMap((e) => (e.type === 'eval' ? [e.row] : []));

/** Records the rows of every batch the trainer's model is handed. */
function spyBatches(tr: Trainer): number[][] {
  const seen: number[][] = [];
  const step = tr.model.step.bind(tr.model);
  Object.assign(tr.model, {
    step: (split: MnistSplit, rows: Int32Array, lr: number) => {
      seen.push(Array.from(rows));
      return step(split, rows, lr);
    },
  });
  return seen;
}

describe('which net trains a run', () => {
  it("the two-layer paths for the book's TwoLayerNet run only; the reference for every other", () => {
    expect(twoLayerPathFits(BOOK_CONFIG)).toBe(true);
    expect(twoLayerPathFits({ ...BOOK_CONFIG, hidden: [100] })).toBe(true);
    for (const change of [
      { hidden: [50, 50] },
      { activation: 'sigmoid' as const },
      { optimizer: 'Momentum' as const },
      { weightDecay: 0.1 },
      { weightInit: 'he' as const },
      { batchNorm: true },
      { dropout: 0.1 },
    ])
      expect(twoLayerPathFits({ ...BOOK_CONFIG, ...change })).toBe(false);
    const data = syntheticMnist(100, 20);
    // A Float32 chapter 6 net trains in the fast net; in Float64, or without WebAssembly SIMD, in the reference.
    const fast = new Trainer({ ...CH6, dtype: 'float32' }, data);
    expect(fast.model.dtype).toBe('float32');
    expect(fast.kernel).toMatch(/^wasm-/);
    const ref = new Trainer({ ...CH6, dtype: 'float32' }, data, { kind: null });
    expect([ref.model.dtype, ref.kernel]).toEqual(['float64', 'ts']);
  });

  it("initScale is the book's __init_weight scale, as MultiLayerNetExtend draws it", () => {
    for (const fanIn of [784, 100, 7]) {
      expect(initScale({ weightInit: 'he', weightInitStd: 0.01 }, fanIn)).toBe(weightScale('he', fanIn));
      expect(initScale({ weightInit: 'xavier', weightInitStd: 0.01 }, fanIn)).toBe(weightScale('xavier', fanIn));
      expect(initScale({ weightInit: 'std', weightInitStd: 0.05 }, fanIn)).toBe(weightScale(0.05, fanIn));
    }
  });
});

describe('the reference model (MultiLayerNetExtend, Float64)', () => {
  it("each step is the book's train_step: gradient, Adam's update, then the test-mode loss — bit for bit", () => {
    const data = syntheticMnist(300, 50);
    const cfg = { ...CH6, trainImages: 200 };
    // The reference model: where no WebAssembly kernels run (or in Float64).
    const tr = new Trainer(cfg, data, { kind: null });
    // By hand, as the book's Trainer does it, from the same seed: weights first, then the batches.
    const rng = mulberry32(cfg.seed);
    const net = new MultiLayerNetExtend(784, cfg.hidden, 10, {
      activation: 'relu',
      weightInitStd: 'he',
      useBatchnorm: true,
      useDropout: true,
      dropoutRatio: cfg.dropout,
      rng,
      dropoutRng: dropoutRngFor(cfg.seed),
    });
    const adam = new Adam(cfg.learningRate, cfg.beta1, cfg.beta2);
    const initial = tr.snapshot();
    // Before the first forward the book's running averages are zeros.
    expect(Array.from(initial.tensors.running_mean1)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(Array.from(initial.tensors.running_var2)).toEqual([0, 0, 0, 0, 0]);
    expect(initial.tensors.W1).toEqual(Float64Array.from(net.params.W1.data));
    for (let i = 0; i < 5; i++) {
      const idx = Array.from({ length: cfg.batchSize }, () => randInt(rng, cfg.trainImages));
      const { x, t } = batchOf(data.train, idx, 'float64');
      adam.update(net.params, net.gradient(x, t));
      expect(tr.step()).toBe(net.loss(x, t, false));
    }
    const p = tr.snapshot();
    expect(p.arch).toEqual({ hidden: [6, 5], activation: 'relu', batchNorm: true, dropout: 0.3 });
    for (const [k, a] of Object.entries(p.tensors)) {
      expect(a).toBeInstanceOf(Float64Array);
      expect(Array.from(a), k).toEqual(Array.from(net.tensor(k)!));
    }
    expect(p.tensors.running_var1.some((v) => v > 0)).toBe(true);
  });

  it('dropout draws its masks from an rng of its own: the batches are those of the same run without it', () => {
    const data = syntheticMnist(300, 20);
    const a = new Trainer({ ...CH6, dropout: 0, iterations: 6 }, data);
    const b = new Trainer({ ...CH6, dropout: 0.5, iterations: 6 }, data);
    const [sa, sb] = [spyBatches(a), spyBatches(b)];
    runAll(a);
    runAll(b);
    expect(sa).toHaveLength(6);
    expect(sb).toEqual(sa);
    expect(b.snapshot().tensors.W1).not.toEqual(a.snapshot().tensors.W1); // the masks did change the steps
  });

  it('a two-layer net through the reference gives the layered TwoLayerNet its weights (SGD, std)', () => {
    const data = syntheticMnist(300, 50);
    const base = { ...BOOK_CONFIG, hidden: [8], batchSize: 20, iterations: 8, dtype: 'float64' as const };
    const layered = new Trainer(base, data);
    // Momentum 0 is SGD's update, but it is not SGD by name: the reference model trains it.
    const ref = new Trainer({ ...base, optimizer: 'Momentum', momentum: 0 }, data);
    expect(layered.model.kernel).toBe('ts');
    // The losses differ by the book's 1e-7 inside the log (≈ 1e-7 / y, y ≈ 0.1 at first), which
    // MultiLayerNetExtend keeps and the TwoLayerNet path leaves out; the gradients do not see it.
    for (let i = 0; i < 8; i++) expect(Math.abs(ref.step() - layered.step())).toBeLessThan(1e-5);
    const [p, q] = [layered.snapshot().tensors, ref.snapshot().tensors];
    for (const k of ['W1', 'b1', 'W2', 'b2'])
      for (let i = 0; i < p[k].length; i++) expect(q[k][i]).toBeCloseTo(p[k][i], 12);
  });
});

describe('the training set: the first trainImages images', () => {
  it('draws every batch from them, counts an epoch by them and measures training accuracy on them', () => {
    const data = syntheticMnist(1000, 100);
    for (const cfg of [
      { ...BOOK_CONFIG, trainImages: 300, batchSize: 100, iterations: 7 },
      { ...CH6, trainImages: 300, batchSize: 100, iterations: 7 },
    ]) {
      const tr = new Trainer(cfg, data);
      expect(tr.trainSize).toBe(300);
      expect(tr.iterPerEpoch).toBe(3);
      const seen = spyBatches(tr);
      const rows = rowsOf(runAll(tr));
      expect(rows.map((r) => r.iter)).toEqual([0, 3, 6]);
      expect(seen.flat().every((i) => i < 300)).toBe(true);
      expect(Math.max(...seen.flat())).toBeGreaterThan(250);
      const last = rows[rows.length - 1];
      const model = modelFromSnapshot(tr.snapshot());
      expect(last.train).toBe(model.countCorrect(data.train, 0, 300) / 300);
    }
  });

  it('more than the data set holds: all of it, as before', () => {
    const tr = new Trainer({ ...BOOK_CONFIG, batchSize: 20 }, syntheticMnist(200, 10));
    expect([tr.trainSize, tr.iterPerEpoch]).toEqual([200, 10]);
  });
});

describe('a snapshot of any net, evaluated again', () => {
  it("gives the trainer's last row and predictions; probabilities are the net's softmax in test mode", () => {
    const data = syntheticMnist(400, 120);
    const cfg = { ...CH6, activation: 'sigmoid' as const, weightInit: 'xavier' as const, iterations: 25 };
    const tr = new Trainer(cfg, data);
    const ev = runAll(tr);
    const last = ev.filter((e): e is Extract<TrainerEvent, { type: 'eval' }> => e.type === 'eval').at(-1)!;
    const p = tr.snapshot();
    const it = evaluateModel(modelFromSnapshot(p), data, 100);
    let r = it.next();
    while (!r.done) r = it.next();
    expect(r.value.train).toBe(last.row.train);
    expect(r.value.test).toBe(last.row.test);
    expect(r.value.testPredictions).toEqual(last.testPredictions);
    expect(diagonalAccuracy(confusionMatrix(data.test.labels, r.value.testPredictions))).toBe(last.row.test);

    const net = referenceNetFrom(p);
    const { x } = batchOf(data.test, [0, 1, 2], 'float64');
    const scores = net.predict(x, false);
    for (let i = 0; i < 3; i++) {
      const probs = probabilities(p, data.test.images.pixels, i);
      const row = Array.from(scores.data.subarray(i * 10, i * 10 + 10));
      const max = Math.max(...row);
      const e = row.map((v) => Math.exp(v - max));
      const sum = e.reduce((a, b) => a + b, 0);
      e.forEach((v, c) => expect(probs[c]).toBeCloseTo(v / sum, 12));
    }
  });
});
