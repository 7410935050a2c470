import { describe, expect, it } from 'vitest';
import { snapshotOf } from '../net/params';
import { BOOK_CONFIG, Trainer, type EvalRow } from '../net/trainer';
import { syntheticMnist } from '../testing/syntheticMnist';
import { createEvaluation } from './evaluation';
import { fakeContext } from './fakeContext';

const params = (hidden: number) =>
  snapshotOf(
    hidden,
    new Float32Array(784 * hidden),
    new Float32Array(hidden),
    new Float32Array(hidden * 10),
    new Float32Array(10),
  );

describe('the evaluation of given weights', () => {
  it('says loaded, evaluates in slices and says evaluated', () => {
    const f = fakeContext();
    createEvaluation(f.ctx).start(1, params(3), syntheticMnist(3000, 10));
    f.runTasks();
    expect(f.types()).toEqual(['loaded', 'evaluated']);
  });

  it('stop and drop end it without a word; weights that make no net throw', () => {
    const f = fakeContext();
    const e = createEvaluation(f.ctx);
    e.start(1, params(3), syntheticMnist(12_000, 10));
    e.stop(2); // not this one
    f.runTasks(1);
    e.stop(1);
    f.runTasks();
    expect(f.types()).toEqual(['loaded']);
    // W1 longer than 784 × 3: the net cannot be built from it (the host sends the throw as a coded error)
    const p = params(3);
    const broken = { ...p, tensors: { ...p.tensors, W1: new Float32Array(784 * 3 + 1) } };
    expect(() => e.start(2, broken, syntheticMnist(10, 10))).toThrow();
  });

  it('evaluates any net of the family: a batch-norm net in the fast net, as the trainer counted it', () => {
    const data = syntheticMnist(300, 40);
    const cfg = { ...BOOK_CONFIG, hidden: [6, 5], batchNorm: true, dropout: 0.2, optimizer: 'Adam' as const };
    const tr = new Trainer({ ...cfg, batchSize: 30, iterations: 10, weightInit: 'he' }, data);
    let last: EvalRow | null = null;
    while (!tr.finished)
      tr.work(
        () => false,
        (e) => {
          if (e.type === 'eval') last = e.row;
        },
      );
    const f = fakeContext();
    createEvaluation(f.ctx).start(4, tr.snapshot(), data);
    f.runTasks();
    const r = f.out.at(-1);
    expect(r?.type === 'evaluated' && [r.train, r.test]).toEqual([last!.train, last!.test]);
    const loaded = f.out[0];
    expect(loaded.type === 'loaded' && loaded.kernel).toMatch(/^wasm-/);
  });
});
