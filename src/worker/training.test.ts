import { describe, expect, it } from 'vitest';
import { BOOK_CONFIG, Trainer } from '../net/trainer';
import { syntheticMnist } from '../testing/syntheticMnist';
import { fakeContext } from './fakeContext';
import { createTraining, newRun, relay, report } from './training';

const cfg = { ...BOOK_CONFIG, batchSize: 20, iterations: 60 };

describe('the training run', () => {
  it('reports gathered losses at most once per reportMs unless forced', () => {
    const f = fakeContext(8, 20);
    const r = newRun(1, new Trainer(cfg, syntheticMnist(40, 10)), null, 'ts', 0);
    relay(f.ctx, r, { type: 'loss', iter: 0, loss: 2.3 });
    relay(f.ctx, r, { type: 'loss', iter: 1, loss: 2.2 });
    report(f.ctx, r, false); // 1 ms after the start: too soon
    expect(f.out).toEqual([]);
    report(f.ctx, r, true);
    expect(f.types()).toEqual(['losses', 'progress']);
    const losses = f.out[0];
    expect(losses.type === 'losses' && [losses.start, Array.from(losses.losses)]).toEqual([
      0,
      [2.3, 2.2].map(Math.fround),
    ]);
    relay(f.ctx, r, { type: 'diverged', iter: 2, loss: 99 });
    expect(f.types()).toEqual(['losses', 'progress', 'progress', 'diverged']);
  });

  it('trains in slices to the end; pause holds, resume goes on, stop sends the weights', () => {
    const f = fakeContext();
    const t = createTraining(f.ctx, {});
    t.start({ type: 'start', runId: 1, config: { ...cfg, iterations: 1000 }, mnistBase: '' }, syntheticMnist(400, 100));
    expect(f.types()).toEqual(['loaded']);
    expect(t.busy()).toBe(true);
    f.runTasks(2);
    t.pause(2); // another run's message
    expect(t.busy()).toBe(true);
    t.pause(1);
    expect(t.busy()).toBe(false);
    f.runTasks(5);
    expect(f.queue).toHaveLength(0); // a paused run queues no slice
    t.resume(1);
    expect(f.queue).toHaveLength(1);
    t.stop(1);
    expect(f.types().at(-1)).toBe('stopped');
    f.runTasks();
    expect(f.types().at(-1)).toBe('stopped');
  });

  it('a chapter 6 net asks for the split step too, and its snapshots hold every array', () => {
    const f = fakeContext();
    const asked: string[] = [];
    const t = createTraining(f.ctx, {
      makeSplit: () => {
        asked.push('split');
        return null;
      },
    });
    const config = {
      ...cfg,
      hidden: [5, 4],
      batchNorm: true,
      dropout: 0.1,
      optimizer: 'Adam' as const,
      iterations: 25,
    };
    t.start({ type: 'start', runId: 1, config, mnistBase: '' }, syntheticMnist(400, 50));
    f.runTasks();
    expect(asked).toEqual(['split']); // every Float32 net can take both cores (none here: one core)
    expect(f.types().filter((x) => x === 'eval')).toHaveLength(3);
    const done = f.out.at(-1);
    expect(done?.type).toBe('done');
    if (done?.type === 'done') {
      expect(done.params.arch).toEqual({ hidden: [5, 4], activation: 'relu', batchNorm: true, dropout: 0.1 });
      expect(Object.keys(done.params.tensors)).toHaveLength(14);
      expect(done.params.tensors.running_var2.every((v) => v > 0)).toBe(true);
    }
  });
});
