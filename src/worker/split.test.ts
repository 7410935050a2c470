import { describe, expect, it } from 'vitest';
import { syntheticMnist } from '../testing/syntheticMnist';
import { BOOK_CONFIG } from '../net/trainer';
import { SplitHelper, SplitTrainer, splitLayout, splitMemory } from '../net/splitStep';
import { createHost, type HostEnv } from './host';
import type { FromWorker } from './protocol';

const data = syntheticMnist(400, 100);
const cfg = { ...BOOK_CONFIG, batchSize: 20, iterations: 60 };

/** A whole run through the worker's logic, with or without the split step (its helper in this thread). */
async function run(withSplit: boolean) {
  const out: FromWorker[] = [];
  const queue: (() => void)[] = [];
  const trainers: SplitTrainer[] = [];
  const env: HostEnv = {
    post: (m) => out.push(m),
    loadData: async () => data,
    defer: (fn) => queue.push(fn),
    now: () => 0,
    makeSplit: withSplit
      ? (c, m) => {
          const layout = splitLayout(c.hiddenSize, c.batchSize);
          const memory = splitMemory(layout);
          const helper = new SplitHelper(memory, layout, 'wasm-simd', m);
          const tr = new SplitTrainer(memory, layout, 'wasm-simd', { turn: () => void helper.poll() });
          trainers.push(tr);
          return { kernels: () => tr.net.k, step: tr, evalOffload: tr.evalOffload(m), close: () => tr.close() };
        }
      : undefined,
  };
  const handle = createHost(env);
  handle({ type: 'start', runId: 1, config: cfg, mnistBase: '/mnist/' });
  await new Promise((r) => setTimeout(r, 0));
  for (let i = 0; i < 100_000 && queue.length; i++) queue.shift()!();
  return {
    losses: out.flatMap((m) => (m.type === 'losses' ? Array.from(m.losses) : [])),
    rows: out.flatMap((m) => (m.type === 'eval' ? [m.row] : [])),
    last: out[out.length - 1].type,
    trainers,
  };
}

describe('the worker with the split step', () => {
  it('runs the same training as one core: the helper takes half of every step and evaluation', async () => {
    const one = await run(false);
    const two = await run(true);
    expect(two.last).toBe('done');
    expect(two.losses).toHaveLength(60);
    two.losses.forEach((l, i) => expect(Math.abs(l - one.losses[i])).toBeLessThan(1e-5));
    expect(two.rows.map((r) => [r.epoch, r.iter, r.final])).toEqual(one.rows.map((r) => [r.epoch, r.iter, r.final]));
    // Float32 rounding may move a score across a tie at most for a stray image.
    two.rows.forEach((r, i) => {
      expect(Math.abs(r.train - one.rows[i].train)).toBeLessThanOrEqual(1 / 400);
      expect(Math.abs(r.test - one.rows[i].test)).toBeLessThanOrEqual(1 / 100);
    });
    // 60 steps of three tasks, and four evaluations, all taken by the helper
    expect(two.trainers[0].counts).toEqual({ helped: 60 * 3 + 4, stolen: 0 });
  });
});
