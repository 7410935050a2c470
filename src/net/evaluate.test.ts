import { describe, expect, it } from 'vitest';
import { syntheticMnist } from '../testing/syntheticMnist';
import { snapshotDType, snapshotOf } from './params';
import { evaluateModel, modelFromSnapshot } from './evaluate';
import { BOOK_CONFIG, Trainer, type TrainerEvent } from './trainer';

const finish = <T>(it: Generator<void, T>): { value: T; steps: number } => {
  let steps = 0;
  for (;;) {
    const r = it.next();
    if (r.done) return { value: r.value, steps };
    steps++;
  }
};

describe('evaluating given weights', () => {
  it('gives the numbers the training run gave for the same weights, in either precision', () => {
    const data = syntheticMnist(1500, 600);
    for (const [dtype, kind] of [
      ['float32', 'wasm-simd'],
      ['float32', null],
      ['float64', null],
    ] as const) {
      const tr = new Trainer({ ...BOOK_CONFIG, iterations: 30, batchSize: 50, hidden: [8], dtype }, data, { kind });
      let last: Extract<TrainerEvent, { type: 'eval' }> | null = null;
      while (!tr.finished)
        tr.work(
          () => false,
          (e) => {
            if (e.type === 'eval') last = e;
          },
        );
      const p = tr.snapshot();
      expect(snapshotDType(p)).toBe(dtype);
      const { value, steps } = finish(evaluateModel(modelFromSnapshot(p, kind), data, 250));
      expect(steps).toBe(6 + 3); // one step per chunk: 1500 / 250 training, 600 / 250 test images
      expect(value.train).toBe(last!.row.train);
      expect(value.test).toBe(last!.row.test);
      expect(value.testPredictions).toEqual(last!.testPredictions);
    }
  });

  it('an empty split counts as 0, not NaN', () => {
    const data = syntheticMnist(0, 3);
    const p = snapshotOf(2, new Float32Array(1568), new Float32Array(2), new Float32Array(20), new Float32Array(10));
    const { value } = finish(evaluateModel(modelFromSnapshot(p), data));
    expect(value.train).toBe(0);
    expect(value.testPredictions.length).toBe(3);
  });
});
