import { describe, expect, it } from 'vitest';
import { syntheticMnist } from '../testing/syntheticMnist';
import { cellImages, confusionMatrix, diagonalAccuracy, probabilities } from './confusion';
import { TwoLayerNet } from './twoLayerNet';
import { Trainer, BOOK_CONFIG, type TrainerEvent } from './trainer';
import { mulberry32 } from '../tensor/random';
import { rangeOf } from '../data/mnist';
import { snapshotOf } from './params';

describe('the confusion matrix', () => {
  it('counts true label by row and prediction by column', () => {
    const labels = [0, 0, 1, 2, 2, 2, 9];
    const preds = [0, 1, 1, 2, 7, 2, 9];
    const m = confusionMatrix(labels, preds);
    expect(m.length).toBe(100);
    expect([m[0], m[1], m[11], m[22], m[27], m[99]]).toEqual([1, 1, 1, 2, 1, 1]);
    expect(m.reduce((a, b) => a + b, 0)).toBe(7);
    expect(diagonalAccuracy(m)).toBeCloseTo(5 / 7, 15);
    expect(cellImages(labels, preds, 2, 2)).toEqual([3, 5]);
    expect(cellImages(labels, preds, 2, 7)).toEqual([4]);
    expect(cellImages(labels, preds, 5, 5)).toEqual([]);
    expect(diagonalAccuracy(new Uint32Array(100))).toBe(0);
    expect(() => confusionMatrix([1, 2], [1])).toThrow(/2 labels but 1 predictions/);
  });

  it("from a real run: its diagonal is the evaluation's test accuracy, its rows the test labels", () => {
    const data = syntheticMnist(2000, 700);
    const tr = new Trainer({ ...BOOK_CONFIG, iterations: 40, batchSize: 50 }, data);
    const evals: Extract<TrainerEvent, { type: 'eval' }>[] = [];
    while (!tr.finished)
      tr.work(
        () => false,
        (e) => e.type === 'eval' && evals.push(e),
      );
    const last = evals[evals.length - 1];
    const m = confusionMatrix(data.test.labels, last.testPredictions);
    expect(diagonalAccuracy(m)).toBe(last.row.test);
    for (let t = 0; t < 10; t++) {
      const row = m.subarray(t * 10, t * 10 + 10).reduce((a, b) => a + b, 0);
      expect(row).toBe(data.test.labels.filter((l) => l === t).length);
    }
  });
});

describe('probabilities', () => {
  it("are the book's softmax(predict(x)) for one image", () => {
    const data = syntheticMnist(1, 5);
    const net = new TwoLayerNet(784, 6, 10, 0.3, mulberry32(3), 'float64');
    const p = snapshotOf(6, net.params.W1.data, net.params.b1.data, net.params.W2.data, net.params.b2.data, 'float64');
    const { x } = rangeOf(data.test, 0, 5, 'float64');
    const scores = net.predict(x);
    for (let r = 0; r < 5; r++) {
      const probs = probabilities(p, data.test.images.pixels, r);
      const row = Array.from(scores.data.subarray(r * 10, r * 10 + 10));
      const max = Math.max(...row);
      const e = row.map((v) => Math.exp(v - max));
      const sum = e.reduce((a, b) => a + b, 0);
      e.forEach((v, c) => expect(probs[c]).toBeCloseTo(v / sum, 12));
    }
  });
});
